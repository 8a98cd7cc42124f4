use near_sdk::{near, AccountId, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {}

#[parallel_calls]
#[near]
impl Contract {
    #[payable]
    #[parallel_calls(gas = 5 Tgas, refund_to = book)]
    pub fn tip_all(
        &mut self,
        books: Vec<AccountId>,
        #[call(for book in books, book, "add_message", args = { text: "hi" }, deposit = 1 NEAR)]
        posted: Vec<CallResult<()>>,
    ) -> usize {
        posted.len()
    }
}

fn main() {}
