use near_sdk::{near, AccountId, PanicOnDefault};
use parallel_runtime::parallel_calls;

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {
    hello: AccountId,
    counter: AccountId,
}

#[parallel_calls]
#[near]
impl Contract {
    #[parallel_calls(gas = 5 Tgas)]
    pub fn summary(&mut self) -> String {
        String::new()
    }
}

fn main() {}
