use near_sdk::{near, AccountId, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

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
    pub fn summary(
        &mut self,
        #[call(self.hello, "get_greeting")] greeting: CallResult<String>,
        #[call(self.counter, "ping", fallback = 0)] _: i8,
    ) -> String {
        greeting.unwrap_or_default()
    }
}

fn main() {}
