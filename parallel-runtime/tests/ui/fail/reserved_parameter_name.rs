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
        __parallel: String,
        #[call(self.hello, "get_greeting")] greeting: CallResult<String>,
    ) -> String {
        greeting.unwrap_or_default()
    }
}

fn main() {}
