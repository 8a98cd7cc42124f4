//! Every form of a dynamic call: results as `CallResult`s, with a fallback, required;
//! items owned or borrowed, arguments from the item, a typed interface, beside single calls.

use near_sdk::json_types::U128;
use near_sdk::{ext_contract, near, AccountId, PanicOnDefault};
use parallel_runtime::{parallel_calls, CallResult};

#[ext_contract(ext_token)]
pub trait Token {
    fn ft_balance_of(&self, account_id: AccountId) -> U128;
}

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {
    registry: AccountId,
    tokens: Vec<AccountId>,
}

#[parallel_calls]
#[near]
impl Contract {
    #[parallel_calls(gas = 5 Tgas)]
    pub fn results(
        &mut self,
        owner: AccountId,
        tokens: Vec<AccountId>,
        #[call(for token in tokens, token, "ft_balance_of", args = { account_id: owner })]
        balances: Vec<CallResult<U128>>,
    ) -> usize {
        balances.iter().filter(|balance| balance.is_ok()).count()
    }

    #[parallel_calls(gas = 5 Tgas, callback_gas = 20 Tgas)]
    pub fn with_fallbacks(
        &mut self,
        owner: AccountId,
        #[call(self.registry, "get_name", fallback = String::new())] name: String,
        #[call(for token in &self.tokens, token, "ft_balance_of",
               args = { account_id: owner, token: token }, fallback = U128(0), max_len = 64 B)]
        balances: Vec<U128>,
    ) -> (String, Vec<U128>) {
        (name, balances)
    }

    #[parallel_calls(gas = 5 Tgas)]
    pub fn required(
        &mut self,
        owner: AccountId,
        tokens: Vec<AccountId>,
        #[call(for token in tokens, token, ext_token::ft_balance_of(owner.clone()), weight = 1)]
        balances: Vec<U128>,
    ) -> Vec<U128> {
        balances
    }

    #[parallel_calls(gas = 5 Tgas, events = false)]
    pub fn by_index(
        &mut self,
        count: u32,
        #[call(for index in 0..count, format!("t{index}.near").parse::<AccountId>().unwrap(),
               "ft_total_supply", result_serializer = borsh)]
        supplies: Vec<CallResult<u128>>,
    ) -> u32 {
        supplies.len() as u32
    }
}

fn main() {}
