use near_sdk::json_types::U128;
use near_sdk::{ext_contract, near, AccountId, PanicOnDefault};
use parallel_runtime::parallel_calls;

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
    pub fn balance(
        &mut self,
        user: AccountId,
        #[call(self.token, ext_token::ft_balance_of(user.clone()), args = { account_id: user })]
        balance: U128,
    ) -> U128 {
        balance
    }
}

fn main() {}
