//! A call through a near-sdk `#[ext_contract]` typed interface, beside one by name.

use near_sdk::json_types::U128;
use near_sdk::{ext_contract, near, AccountId, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

#[ext_contract(ext_token)]
pub trait Token {
    fn ft_balance_of(&self, account_id: AccountId) -> U128;
}

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Wallet {
    token: AccountId,
}

#[parallel_calls]
#[near]
impl Wallet {
    #[parallel_calls(gas = 5 Tgas)]
    pub fn balances(
        &mut self,
        user: AccountId,
        #[call(self.token, ext_token::ft_balance_of(user.clone()), fallback = U128(0))]
        typed: U128,
        #[call(self.token, "ft_balance_of", args = { account_id: user })] by_name: CallResult<U128>,
    ) -> U128 {
        U128(typed.0 + by_name.map_or(0, |balance| balance.0))
    }
}

fn main() {
    let _: fn(&mut Wallet, AccountId) -> near_sdk::Promise = Wallet::balances;
    let _ = Wallet::balances_callback;
    assert_eq!(Wallet::BALANCES_CALLS, ["typed", "by_name"]);
}
