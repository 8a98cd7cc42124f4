use near_sdk::json_types::U128;
use near_sdk::{near, AccountId, Gas, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {}

fn gas_for(_token: &AccountId) -> Gas {
    Gas::from_tgas(5)
}

#[parallel_calls]
#[near]
impl Contract {
    #[parallel_calls]
    pub fn balances(
        &mut self,
        tokens: Vec<AccountId>,
        #[call(for token in tokens, token, "ft_balance_of", gas = gas_for(&token))]
        balances: Vec<CallResult<U128>>,
    ) -> usize {
        balances.len()
    }
}

fn main() {}
