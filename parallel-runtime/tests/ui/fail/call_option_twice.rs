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
    pub fn summary(
        &mut self,
        #[call(self.counter, "get_num", fallback = 0, fallback = -1)] counter: i8,
    ) -> String {
        format!("{counter}")
    }
}

fn main() {}
