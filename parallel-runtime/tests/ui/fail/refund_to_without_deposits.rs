use near_sdk::{near, AccountId, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {
    guestbook: AccountId,
}

#[parallel_calls]
#[near]
impl Contract {
    #[parallel_calls(gas = 5 Tgas, refund_to = reader)]
    pub fn read(
        &mut self,
        reader: AccountId,
        #[call(self.guestbook, "get_messages")] messages: CallResult<Vec<String>>,
    ) -> usize {
        messages.map_or(0, |messages| messages.len())
    }
}

fn main() {}
