use near_sdk::{near, AccountId, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {
    hello: AccountId,
    counter: AccountId,
}

#[near]
#[parallel_calls]
impl Contract {
    // near-sdk takes `#[payable]` first: no error may claim it is missing.
    #[payable]
    #[parallel_calls(gas = 5 Tgas, refund_to = tipper)]
    pub fn summary(
        &mut self,
        tipper: AccountId,
        #[call(self.hello, "get_greeting", deposit = 1 NEAR)] greeting: CallResult<String>,
    ) -> String {
        greeting.unwrap_or_default()
    }
}

fn main() {}
