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
    #[parallel_calls(gas = 5 Tgas, refund_to = tipper)]
    pub fn tip(
        &mut self,
        tipper: AccountId,
        #[call(self.guestbook, "add_message", args = { text: "thanks" }, deposit = 1 NEAR)]
        posted: CallResult<()>,
    ) -> bool {
        posted.is_ok()
    }
}

fn main() {}
