//! The benchmark's `get_num` calls made one after another, with near-sdk alone: each call
//! starts in the callback that read the previous one's answer. It is what a fan-out costs
//! in blocks without `.and()`, the baseline `tests/src/sandbox/blocks.rs` sets against
//! `examples/bench-generated`.
//!
//! Initialised like bench-generated (`new({"callees": [...]})`), `chain()` answers what
//! bench-generated's `fan_out_<n>` answers over the same `n` counters: the sum of their
//! numbers, where a call that fails, or answers something that is not an `i8`, counts 0.
//!
//! JSON interface:
//! - `new({"callees": [account, ...]})` initialises the contract with the accounts to call;
//! - `chain()` calls `get_num` on every callee in order and answers the sum (0 for none);
//! - `chain_callback({"index": i, "sum": s})`, private, reads callee `i`'s answer, adds it
//!   to `s`, and calls the next callee or answers the sum.

use near_sdk::serde_json;
use near_sdk::{
    env, near, AccountId, Gas, GasWeight, NearToken, PanicOnDefault, Promise, PromiseOrValue,
};

/// Gas attached to each `get_num` call: 3 Tgas, as fan-out-lab's `numbers` gives it, not
/// the 5 Tgas of bench-generated's calls. Every step of the chain costs its call's gas and
/// up to 3.1 Tgas more (the call's and the callback's receipt fees, the callback's run, on
/// nearcore's VM with 128 callees), all paid out of the one transaction's 1 PGas: 128 steps
/// at 5 Tgas would need about 1.04 PGas, at 3 Tgas they take about 0.79. A counter's
/// `get_num` burns about 0.2 Tgas, and the gas a call carries does not change the blocks it
/// takes, which is what the chain is measured on.
pub const CALLEE_GAS: Gas = Gas::from_tgas(3);

/// The least gas a callback is given: what one callback burns, about 1.4 Tgas with 128
/// callees, and some margin. It is a floor, not the budget: see [`Chained::chain`].
pub const CALLBACK_GAS: Gas = Gas::from_tgas(3);

/// The most bytes of an answer that are read. A counter's number is at most 4 bytes of
/// JSON (`-128`); a longer answer is no counter's and counts 0 without being copied.
const MAX_ANSWER_LEN: usize = 16;

/// Contract state: the accounts to call, in order.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Chained {
    callees: Vec<AccountId>,
}

#[near]
impl Chained {
    /// Remembers which accounts `chain` calls, in the order it calls them.
    #[init]
    pub fn new(callees: Vec<AccountId>) -> Self {
        Self { callees }
    }

    /// Calls `get_num` on the first callee; its callback calls the next one, and so on.
    /// The transaction's answer is the last callback's: the sum of the numbers.
    ///
    /// Gas: each callback gets all the gas its predecessor leaves unused (unused-gas weight
    /// 1), above a floor of [`CALLBACK_GAS`]. Static gas alone would make step `i` reserve
    /// what the `n - i` steps after it cost, fees and burnt gas included: a per-step cost
    /// written into the contract, and one that is wrong as soon as protocol fees change.
    /// Passing the rest down needs no such number; 128 steps fit in the 1 PGas a
    /// transaction may carry, and a budget that runs out fails at the step that found too
    /// little, naming it, instead of answering a partial sum.
    pub fn chain(&self) -> PromiseOrValue<i64> {
        self.call_from(0, 0)
    }

    /// Adds the answer of callee `index` to `sum`, then calls the next callee, or answers
    /// the sum after the last one.
    #[private]
    pub fn chain_callback(&self, index: u32, sum: i64) -> PromiseOrValue<i64> {
        let sum = sum.saturating_add(i64::from(answer()));
        self.call_from(index.saturating_add(1), sum)
    }
}

impl Chained {
    /// Calls callee `index` with a callback that carries `sum` on, or answers `sum` when
    /// every callee has been called.
    fn call_from(&self, index: u32, sum: i64) -> PromiseOrValue<i64> {
        let Some(callee) = self.callees.get(index as usize) else {
            return PromiseOrValue::Value(sum);
        };
        let needed = CALLEE_GAS.saturating_add(CALLBACK_GAS);
        let left = env::prepaid_gas().saturating_sub(env::used_gas());
        if left < needed {
            env::panic_str(&format!(
                "call {} of {} needs more than {} gas for itself and its callback, {} is left",
                index + 1,
                self.callees.len(),
                needed.as_gas(),
                left.as_gas()
            ));
        }
        let no_deposit = NearToken::from_yoctonear(0);
        // Weight 0: a counter's `get_num` needs no more than its static gas, and every bit
        // of unused gas must stay with the chain.
        let call = Promise::new(callee.clone()).function_call_weight(
            "get_num",
            b"{}".to_vec(),
            no_deposit,
            CALLEE_GAS,
            GasWeight(0),
        );
        let callback = Self::ext(env::current_account_id())
            .with_static_gas(CALLBACK_GAS)
            .with_unused_gas_weight(1)
            .chain_callback(index, sum);
        PromiseOrValue::Promise(call.then(callback))
    }
}

/// The number the awaited `get_num` answered; 0 when the call failed or its answer is not
/// an `i8` in JSON, as bench-generated's `fallback = 0` counts it.
fn answer() -> i8 {
    env::promise_result_checked(0, MAX_ANSWER_LEN)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
