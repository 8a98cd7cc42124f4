//! The older `#[near_bindgen]`, and both attributes written by full path.

use near_sdk::borsh::{BorshDeserialize, BorshSerialize};
use near_sdk::{near_bindgen, AccountId, PanicOnDefault, Promise};

#[near_bindgen]
#[derive(BorshSerialize, BorshDeserialize, PanicOnDefault)]
#[borsh(crate = "near_sdk::borsh")]
pub struct Legacy {
    counter: AccountId,
}

#[parallel_runtime::parallel_calls]
#[near_bindgen]
impl Legacy {
    #[parallel_runtime::parallel_calls(gas = 5 Tgas)]
    pub fn count(&mut self, #[call(self.counter, "get_num", fallback = 0)] counter: i8) -> i8 {
        counter
    }
}

fn main() {
    let _: fn(&mut Legacy) -> Promise = Legacy::count;
    let _ = Legacy::count_callback;
}
