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
    ) -> String {
        greeting.unwrap_or_default()
    }

    pub fn count(&mut self, #[call(self.counter, "get_num", gas = 5 Tgas)] counter: i8) -> i8 {
        counter
    }
}

fn main() {}
