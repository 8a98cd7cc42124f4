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
    #[parallel_calls(gas = 400 Tgas)]
    pub fn summary(
        &mut self,
        #[call(self.hello, "get_greeting")] greeting: CallResult<String>,
        #[call(self.counter, "get_num")] counter: CallResult<i8>,
        #[call(self.counter, "get_total")] total: CallResult<u64>,
    ) -> String {
        format!("{greeting:?} {counter:?} {total:?}")
    }
}

fn main() {}
