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
        #[call(for token in tokens, token, "ft_balance_of")] balances: CallResult<U128>,
    ) -> usize {
        usize::from(balances.is_ok())
    }
}

fn main() {}
