use near_sdk::{near, AccountId, PanicOnDefault};
use parallel_runtime::parallel_calls;

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {}

#[parallel_calls]
#[near]
impl Contract {
    #[parallel_calls(gas = 5 Tgas)]
    pub fn lengths(
        &mut self,
        names: Vec<AccountId>,
        #[call(for name in names, name, "get_len", fallback = name.len() as u64)]
        lengths: Vec<u64>,
    ) -> Vec<u64> {
        lengths
    }
}

fn main() {}
