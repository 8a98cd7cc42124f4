//! Every call option and list option, and arguments of the fan-out reaching its callback.

use near_sdk::borsh::{BorshDeserialize, BorshSerialize};
use near_sdk::json_types::U128;
use near_sdk::serde::Serialize;
use near_sdk::{near, AccountId, Gas, NearToken, PanicOnDefault, Promise};
use parallel_runtime::{parallel_calls, CallResult};

#[derive(Serialize)]
#[serde(crate = "near_sdk::serde")]
pub struct Page {
    pub from: u32,
    pub limit: u32,
}

#[derive(BorshSerialize, BorshDeserialize)]
#[borsh(crate = "near_sdk::borsh")]
pub struct Swap {
    pub amount: u128,
}

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Options {
    token: AccountId,
    pool: AccountId,
    tip: NearToken,
    budget: Gas,
}

#[parallel_calls]
#[near]
impl Options {
    #[init]
    pub fn new(token: AccountId, pool: AccountId) -> Self {
        let (tip, budget) = (NearToken::from_millinear(1), Gas::from_tgas(3));
        Self {
            token,
            pool,
            tip,
            budget,
        }
    }

    /// Arguments: a JSON object with constants, run-time values, nesting and arrays; a
    /// serializable value; Borsh. Deposits and gas: literals and expressions.
    #[parallel_calls(callback_gas = 15 Tgas, max_len = 1 KiB)]
    #[payable]
    pub fn arguments(
        &mut self,
        user: AccountId,
        from: u32,
        #[call(self.token, "ft_balance_of", gas = 5 Tgas,
               args = { account_id: user, "memo": "hi \"there\"", n: -3, ok: true,
                        page: { from: from, limit: 10 }, tags: ["a", 1.5, user] })]
        balance: U128,
        #[call(self.token, "list", gas = 2.5 Tgas, args = Page { from, limit: 10 },
               max_len = 64 KiB, fallback = Vec::new())]
        listed: Vec<String>,
        #[call(self.pool, "swap", gas = 5 Tgas, serializer = borsh,
               args = Swap { amount: 5 }, deposit = 1 yoctoNEAR)]
        _: (),
        #[call(self.pool, "swap_pair", gas = self.budget, serializer = borsh,
               args = (1u8, 2u64), deposit = 0.5 NEAR)]
        _: (),
        #[call(self.pool, "tip", gas = Gas::from_tgas(2), deposit = self.tip)] _: (),
        #[call(user, "ping", gas = 1 Tgas, deposit = NearToken::from_millinear(3))] _: (),
    ) -> String {
        format!("{user} {} {}", balance.0, listed.len())
    }

    /// `refund_to` with deposits of every kind: literal, computed and on a dynamic call, so
    /// the fan-out sums them against the attached deposit.
    #[payable]
    #[parallel_calls(gas = 5 Tgas, refund_to = payer)]
    pub fn refunded(
        &mut self,
        payer: AccountId,
        pools: Vec<AccountId>,
        #[call(self.pool, "tip", deposit = 1 NEAR)] _: (),
        #[call(self.pool, "tip", deposit = self.tip)] _: (),
        #[call(for pool in pools, pool, "tip", deposit = 2 milliNEAR)] tipped: Vec<CallResult<()>>,
    ) -> usize {
        tipped.len()
    }

    /// Weights only; list defaults for gas and weight; a callback gas expression; an
    /// argument of the fan-out that only a fallback uses still reaches the callback, and
    /// one that nothing uses stays behind.
    #[parallel_calls(gas = 1 Ggas, weight = 2, callback_gas = Gas::from_tgas(12))]
    pub fn weights(
        &mut self,
        default: U128,
        _unused: u64,
        #[call(self.token, "a", weight = 1, fallback = default)] weighted: U128,
        #[call(self.token, "b", gas = 3000000 gas, fallback = U128(0))] listed: U128,
        #[call(self.token, "c", gas = 0.001 Pgas)] sized: CallResult<U128>,
    ) -> u128 {
        weighted.0 + listed.0 + sized.map_or(0, |value| value.0)
    }
}

fn main() {
    let _: fn(&mut Options, AccountId, u32) -> Promise = Options::arguments;
    let _: fn(&mut Options, U128, u64) -> Promise = Options::weights;
    let _ = (Options::arguments_callback, Options::weights_callback);
}
