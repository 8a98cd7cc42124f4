//! Dynamic calls: a fan-out whose calls are only known at run time.
//!
//! `#[call(for token in tokens, token, "ft_balance_of", ...)] balances: Vec<CallResult<U128>>`
//! makes one call per item of `tokens`, all joined with the fan-out's other calls, and hands
//! the aggregation one result per item, in the list's order. Each item fails on its own: a
//! failed call is an `Err` in its place (or its `fallback`), never a reason to lose the
//! others (near-sdk's `#[callback_vec]` panics on the first failure).
//!
//! ```
//! use near_sdk::json_types::U128;
//! use near_sdk::{near, AccountId, PanicOnDefault};
//! use parallel_runtime::{parallel_calls, CallResult};
//!
//! #[near(contract_state)]
//! #[derive(PanicOnDefault)]
//! pub struct Wallet {}
//!
//! #[parallel_calls]
//! #[near]
//! impl Wallet {
//!     /// `owner`'s balance in each token, `"0"` where a token gives no usable answer.
//!     #[parallel_calls(callback_gas = 20 Tgas)]
//!     pub fn balances(
//!         &mut self,
//!         owner: AccountId,
//!         tokens: Vec<AccountId>,
//!         #[call(for token in tokens, token, "ft_balance_of", args = { account_id: owner },
//!                gas = 5 Tgas, fallback = U128(0))]
//!         balances: Vec<U128>,
//!     ) -> Vec<U128> {
//!         balances
//!     }
//! }
//! ```
//!
//! A fan-out has at most one dynamic call, declared after its single calls; its results
//! follow theirs. The list's calls share the call's options (gas, deposit, cap, ...); a
//! deposit must be a literal there. The callback learns the list's length from the
//! fan-out, which forwards it with the receivers.
//!
//! # Past 128 calls: a tree of joins
//!
//! The protocol joins at most [`MAX_JOINED_CALLS`] promises into one callback. When the
//! single calls and the list together are more, the list is cut into groups of at most
//! 128 (as even as possible); each group is joined into a *collector*,
//! `<fan_out>_collect`, a private method generated beside the callback that reads its
//! group's results (with the call's cap) and answers them packed into one value. The
//! callback then joins the single calls and the collectors, and unpacks each group in
//! place, so the aggregation sees the same list either way. A collector that fails
//! (out of gas, say) turns its whole group into [`FailureKind::Failed`] results.
//!
//! The tree costs one more block between the user's call and the answer (the collectors
//! run in the block after the calls, the callback in the one after that), one more
//! receipt per group, and each collector's static gas, which is the callback's
//! (`callback_gas`).
//!
//! # How long a list can be
//!
//! Every call costs the fan-out about 1.3 Tgas of fees ([`CALL_FEE`] is our bound) beside
//! the gas it is given, and everything comes out of the one transaction's prepaid gas
//! (at most 1 PGas). Before it schedules anything, a fan-out with a list checks that the
//! gas left covers [`DynamicPlan::gas_for`] its length, and otherwise fails saying how many
//! calls would fit ([`DynamicPlan::max_calls`]). See the README for the measured ceiling.
//!
//! [`MAX_JOINED_CALLS`]: crate::gas::MAX_JOINED_CALLS
//! [`FailureKind::Failed`]: crate::FailureKind::Failed
//! [`CALL_FEE`]: crate::gas::CALL_FEE

use crate::gas::{CALL_FEE, MAX_JOINED_CALLS};
use near_sdk::Gas;

/// What a fan-out with a dynamic call spends besides the list itself, to plan its length.
///
/// ```
/// use near_sdk::Gas;
/// use parallel_runtime::dynamic::DynamicPlan;
///
/// // A list of 5 Tgas calls, nothing else, a 20 Tgas callback.
/// let plan = DynamicPlan {
///     single_calls: 0,
///     fixed_gas: Gas::from_tgas(20),
///     per_call: Gas::from_tgas(5),
///     collector_gas: Gas::from_tgas(20),
/// };
/// let fits = plan.max_calls(Gas::from_tgas(1_000));
/// assert!(plan.gas_for(fits) <= Gas::from_tgas(1_000));
/// assert!(plan.gas_for(fits + 1) > Gas::from_tgas(1_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DynamicPlan {
    /// How many single calls (`#[call]` without `for`) the fan-out makes beside the list.
    pub single_calls: usize,
    /// The static gas of the single calls and of the callback.
    pub fixed_gas: Gas,
    /// The static gas each call of the list gets.
    pub per_call: Gas,
    /// The static gas of each collector of a tree (the callback's).
    pub collector_gas: Gas,
}

impl DynamicPlan {
    /// All the gas a fan-out making `calls` list calls needs: every static amount, plus
    /// [`CALL_FEE`] for every receipt it creates (each call, each
    /// collector, the callback).
    ///
    /// ```
    /// use near_sdk::Gas;
    /// use parallel_runtime::gas::CALL_FEE;
    /// use parallel_runtime::dynamic::DynamicPlan;
    ///
    /// let plan = DynamicPlan {
    ///     single_calls: 0,
    ///     fixed_gas: Gas::from_tgas(10),
    ///     per_call: Gas::from_tgas(5),
    ///     collector_gas: Gas::from_tgas(10),
    /// };
    /// let one_call = Gas::from_tgas(10 + 5).saturating_add(CALL_FEE.saturating_mul(2));
    /// assert_eq!(plan.gas_for(1), one_call);
    /// ```
    pub fn gas_for(&self, calls: usize) -> Gas {
        let groups = groups(self.single_calls, calls) as u64;
        let receipts = (self.single_calls + calls) as u64 + groups + 1;
        let list = self.per_call.as_gas().saturating_mul(calls as u64);
        let collectors = self.collector_gas.as_gas().saturating_mul(groups);
        let fees = CALL_FEE.as_gas().saturating_mul(receipts);
        Gas::from_gas(
            self.fixed_gas
                .as_gas()
                .saturating_add(list)
                .saturating_add(collectors)
                .saturating_add(fees),
        )
    }

    /// The longest list whose fan-out fits in `gas` (see [`DynamicPlan::gas_for`]), within
    /// the most a tree of joins can hold.
    ///
    /// ```
    /// use near_sdk::Gas;
    /// use parallel_runtime::dynamic::DynamicPlan;
    ///
    /// let plan = DynamicPlan {
    ///     single_calls: 2,
    ///     fixed_gas: Gas::from_tgas(30),
    ///     per_call: Gas::from_tgas(3),
    ///     collector_gas: Gas::from_tgas(20),
    /// };
    /// assert_eq!(plan.max_calls(Gas::from_tgas(10)), 0);
    /// assert!(plan.max_calls(Gas::from_tgas(1_000)) > 128);
    /// ```
    pub fn max_calls(&self, gas: Gas) -> usize {
        // The gas needed only grows with the length, so a binary search finds the edge.
        let (mut low, mut high) = (0usize, max_list_len(self.single_calls));
        if self.gas_for(0) > gas {
            return 0;
        }
        while low < high {
            let middle = low + (high - low).div_ceil(2);
            if self.gas_for(middle) <= gas {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        low
    }
}

/// How many collectors a list of `calls` beside `single_calls` single calls goes through:
/// 0 when everything joins into the callback directly.
///
/// ```
/// use parallel_runtime::dynamic::groups;
///
/// assert_eq!(groups(0, 128), 0);
/// assert_eq!(groups(0, 129), 2);
/// assert_eq!(groups(3, 126), 1);
/// assert_eq!(groups(0, 300), 3);
/// ```
pub fn groups(single_calls: usize, calls: usize) -> usize {
    if single_calls + calls <= MAX_JOINED_CALLS {
        0
    } else {
        calls.div_ceil(MAX_JOINED_CALLS)
    }
}

/// The longest list a tree of one level can hold beside `single_calls` single calls.
///
/// ```
/// assert_eq!(parallel_runtime::dynamic::max_list_len(0), 128 * 128);
/// ```
pub fn max_list_len(single_calls: usize) -> usize {
    MAX_JOINED_CALLS.saturating_sub(single_calls) * MAX_JOINED_CALLS
}

/// The positions of group `group` of `groups` in a list of `calls`: consecutive, sizes
/// differing by at most one, the larger first.
pub(crate) fn group_range(calls: usize, groups: usize, group: usize) -> core::ops::Range<usize> {
    let (size, larger) = (calls / groups, calls % groups);
    let start = group * size + group.min(larger);
    let len = size + usize::from(group < larger);
    start..start + len
}

/// How a collector packs one result: a tag byte, then the answer's length and bytes, or
/// the length of an answer over the cap.
pub(crate) mod packing {
    use near_sdk::PromiseError;

    const ANSWERED: u8 = 0;
    const FAILED: u8 = 1;
    const TOO_LONG: u8 = 2;

    /// The most bytes one packed result of a call capped at `cap` takes.
    pub fn max_packed_len(cap: usize) -> usize {
        cap.saturating_add(1 + 8)
    }

    pub fn pack(out: &mut Vec<u8>, result: Result<Vec<u8>, PromiseError>) {
        match result {
            Ok(bytes) => {
                out.push(ANSWERED);
                out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
                out.extend_from_slice(&bytes);
            }
            Err(PromiseError::TooLong(len)) => {
                out.push(TOO_LONG);
                out.extend_from_slice(&(len as u64).to_le_bytes());
            }
            Err(_) => out.push(FAILED),
        }
    }

    /// Unpacks `count` results; what is missing or malformed counts as failed, so a
    /// collector that misbehaved cannot make the callback panic.
    pub fn unpack(mut bytes: &[u8], count: usize) -> Vec<Result<Vec<u8>, PromiseError>> {
        let mut results = Vec::with_capacity(count);
        for _ in 0..count {
            let (result, rest) = unpack_one(bytes);
            results.push(result);
            bytes = rest;
        }
        results
    }

    fn unpack_one(bytes: &[u8]) -> (Result<Vec<u8>, PromiseError>, &[u8]) {
        let length = |bytes: &[u8]| -> Option<usize> {
            let raw: [u8; 8] = bytes.get(1..9)?.try_into().ok()?;
            usize::try_from(u64::from_le_bytes(raw)).ok()
        };
        match bytes.first() {
            Some(&ANSWERED) => match length(bytes) {
                Some(len) if bytes.len() - 9 >= len => {
                    (Ok(bytes[9..9 + len].to_vec()), &bytes[9 + len..])
                }
                _ => (Err(PromiseError::Failed), &[]),
            },
            Some(&TOO_LONG) => match length(bytes) {
                Some(len) => (Err(PromiseError::TooLong(len)), &bytes[9..]),
                None => (Err(PromiseError::Failed), &[]),
            },
            Some(&FAILED) => (Err(PromiseError::Failed), &bytes[1..]),
            _ => (Err(PromiseError::Failed), &[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::packing::{pack, unpack};
    use super::*;
    use near_sdk::PromiseError;

    #[test]
    fn groups_cover_the_list_in_order_with_even_sizes() {
        for calls in [129, 200, 256, 257, 1000] {
            let count = groups(0, calls);
            let ranges: Vec<_> = (0..count).map(|g| group_range(calls, count, g)).collect();
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(calls));
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
                assert!(pair[0].len() - pair[1].len() <= 1);
            }
            assert!(ranges.iter().all(|r| r.len() <= MAX_JOINED_CALLS));
        }
    }

    #[test]
    fn packed_results_unpack_to_what_was_read() {
        // `PromiseError` is neither `Clone` nor `PartialEq` in every near-sdk we support.
        let results = || {
            vec![
                Ok(b"\"12\"".to_vec()),
                Err(PromiseError::Failed),
                Err(PromiseError::TooLong(70_000)),
                Ok(Vec::new()),
            ]
        };
        let mut packed = Vec::new();
        for result in results() {
            pack(&mut packed, result);
        }
        let shown = |results: Vec<Result<Vec<u8>, PromiseError>>| format!("{results:?}");
        assert_eq!(shown(unpack(&packed, 4)), shown(results()));
    }

    #[test]
    fn a_truncated_pack_gives_failures_not_a_panic() {
        let mut packed = Vec::new();
        pack(&mut packed, Ok(b"\"12\"".to_vec()));
        pack(&mut packed, Ok(b"\"13\"".to_vec()));
        let cut = &packed[..packed.len() - 2];
        let shown = |results: Vec<Result<Vec<u8>, PromiseError>>| format!("{results:?}");
        let failed = || Err(PromiseError::Failed);
        let expected = vec![Ok(b"\"12\"".to_vec()), failed(), failed()];
        assert_eq!(shown(unpack(cut, 3)), shown(expected));
        assert_eq!(shown(unpack(&[7, 7, 7], 1)), shown(vec![failed()]));
    }

    #[test]
    fn the_plan_counts_fees_for_collectors_past_128() {
        let plan = DynamicPlan {
            single_calls: 0,
            fixed_gas: Gas::from_tgas(10),
            per_call: Gas::from_tgas(2),
            collector_gas: Gas::from_tgas(10),
        };
        let step = plan.gas_for(129).as_gas() - plan.gas_for(128).as_gas();
        let expected = 2_000_000_000_000 + 2 * 10_000_000_000_000 + 3 * CALL_FEE.as_gas();
        assert_eq!(step, expected);
    }
}
