use near_sdk::{near, AccountId, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {
    hello: AccountId,
    counter: AccountId,
}

pub trait Summary {
    fn summary(&mut self, greeting: CallResult<String>) -> String;
}

#[parallel_calls]
#[near]
impl Summary for Contract {
    #[parallel_calls(gas = 5 Tgas)]
    fn summary(
        &mut self,
        #[call(self.hello, "get_greeting")] greeting: CallResult<String>,
    ) -> String {
        greeting.unwrap_or_default()
    }
}

fn main() {}
