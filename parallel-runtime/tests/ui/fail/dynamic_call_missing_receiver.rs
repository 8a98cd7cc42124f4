use near_sdk::json_types::U128;
use near_sdk::{near, AccountId, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {
    registry: AccountId,
}

#[parallel_calls]
#[near]
impl Contract {
    #[parallel_calls(gas = 5 Tgas)]
    pub fn balances(
        &mut self,
        tokens: Vec<AccountId>,
        #[call(for token in tokens "ft_balance_of")] balances: Vec<CallResult<U128>>,
    ) -> usize {
        balances.len()
    }
}

fn main() {}
