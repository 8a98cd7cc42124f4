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
//! 128 (as even as possible, and fewer when their answers packed could pass the 4 MiB a
//! method may return, [`MAX_GROUP_BYTES`]); each group is joined into a *collector*,
//! `<fan_out>_collect`, a private method generated beside the callback that reads its
//! group's results (with the call's cap) and answers them packed into one value. The
//! callback then joins the single calls and the collectors, and unpacks each group in
//! place, so the aggregation sees the same list either way.
//!
//! A collector's static gas is sized from its group, never from `callback_gas`: enough to
//! read, pack and return every answer of the group at the call's cap
//! ([`DynamicPlan::collector_gas`]), so answers within their cap cannot starve it. Should
//! one fail all the same, its whole group turns into [`FailureKind::Failed`] results.
//!
//! The tree costs one more block between the user's call and the answer (the collectors
//! run in the block after the calls, the callback in the one after that), one more
//! receipt per group, and the collectors' static gas. Give a light call a small `max_len`:
//! what the collectors and the callback reserve for reading grows with it.
//!
//! # How long a list can be
//!
//! Every call costs the fan-out about 1.3 Tgas of fees ([`CALL_FEE`] is our bound) beside
//! the gas it is given, and everything comes out of the one transaction's prepaid gas
//! (at most 1 PGas), with the collectors' gas and what the callback reserves to read the
//! answers ([`crate::gas::read_reserve`]). Before it schedules anything, a fan-out with a
//! list checks that the gas left covers [`DynamicPlan::gas_for`] its length, and otherwise fails saying how many
//! calls would fit ([`DynamicPlan::max_calls`]). See the README for the measured ceiling.
//!
//! [`MAX_JOINED_CALLS`]: crate::gas::MAX_JOINED_CALLS
//! [`FailureKind::Failed`]: crate::FailureKind::Failed
//! [`CALL_FEE`]: crate::gas::CALL_FEE

use crate::gas::{CALL_FEE, MAX_JOINED_CALLS};
use near_sdk::Gas;

/// The most bytes a collector may answer: the protocol's limit on returned data
/// (`max_length_returned_data`, 4 MiB). A group is never more than its packed answers fit.
pub const MAX_GROUP_BYTES: usize = 4 * 1024 * 1024;

/// What every collector reserves besides its group's bytes: loading the contract and
/// reading the group, at most 128 results. We measured under 1 Tgas for 65 short answers
/// (BENCHMARKS.md).
pub const COLLECTOR_BASE_GAS: Gas = Gas::from_tgas(3);

/// What a collector reserves for each result of its group: one read of a promise result.
pub const COLLECTOR_ITEM_GAS: Gas = Gas::from_ggas(25);

/// What a collector reserves for each byte it may pack: reading the answer in (write and
/// read a register, 6.6 Mgas), copying it, and returning it to the callback (reading it
/// from memory, 3.8 Mgas, and the data receipt's fees per byte, 17.2 Mgas to execute and
/// up to 47.7 Mgas to send), rounded up.
pub const COLLECT_BYTE_GAS: Gas = Gas::from_gas(80_000_000);

/// What a fan-out with a dynamic call spends besides the list itself, to plan its length.
///
/// The fan-out builds one from its declaration and checks [`DynamicPlan::gas_for`] its
/// list's length against the gas left before scheduling anything.
///
/// ```
/// use near_sdk::Gas;
/// use parallel_runtime::dynamic::DynamicPlan;
///
/// // A list of 5 Tgas calls answering at most 64 bytes, nothing else, a 20 Tgas callback.
/// let plan = DynamicPlan {
///     single_calls: 0,
///     fixed_gas: Gas::from_tgas(20),
///     per_call: Gas::from_tgas(5),
///     max_len: 64,
/// };
/// let fits = plan.max_calls(Gas::from_tgas(1_000));
/// assert!(plan.gas_for(fits) <= Gas::from_tgas(1_000));
/// assert!(plan.gas_for(fits + 1) > Gas::from_tgas(1_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DynamicPlan {
    /// How many single calls (`#[call]` without `for`) the fan-out makes beside the list.
    pub single_calls: usize,
    /// The static gas of the single calls and of the callback, the callback's including
    /// its reserve for reading the single calls' answers ([`crate::gas::read_reserve`]).
    pub fixed_gas: Gas,
    /// The static gas each call of the list gets.
    pub per_call: Gas,
    /// The cap on each answer of the list (its `max_len`), which bounds what the
    /// collectors and the callback read.
    pub max_len: usize,
}

impl DynamicPlan {
    /// How many collectors a list of `calls` goes through: 0 when everything joins into
    /// the callback directly; otherwise as few as hold at most 128 calls each and, packed,
    /// at most [`MAX_GROUP_BYTES`].
    ///
    /// ```
    /// use near_sdk::Gas;
    /// use parallel_runtime::dynamic::DynamicPlan;
    ///
    /// let plan = |single_calls, max_len| DynamicPlan {
    ///     single_calls,
    ///     fixed_gas: Gas::from_tgas(10),
    ///     per_call: Gas::from_tgas(5),
    ///     max_len,
    /// };
    /// assert_eq!(plan(0, 64).groups(128), 0);
    /// assert_eq!(plan(0, 64).groups(129), 2);
    /// assert_eq!(plan(3, 64).groups(126), 1);
    /// assert_eq!(plan(0, 64).groups(300), 3);
    /// // 64 KiB answers: 63 of them fill a collector's 4 MiB.
    /// assert_eq!(plan(0, 64 * 1024).groups(129), 3);
    /// ```
    pub fn groups(&self, calls: usize) -> usize {
        if self.single_calls + calls <= MAX_JOINED_CALLS {
            return 0;
        }
        calls
            .div_ceil(MAX_JOINED_CALLS)
            .max(calls.div_ceil(self.group_capacity()))
    }

    /// The most calls one collector takes: 128, fewer when their packed answers could
    /// pass [`MAX_GROUP_BYTES`].
    fn group_capacity(&self) -> usize {
        let per_item = packing::max_packed_len(self.max_len);
        (MAX_GROUP_BYTES / per_item).clamp(1, MAX_JOINED_CALLS)
    }

    /// The longest list the fan-out can make at all: beside its single calls, at most 128
    /// results join into the callback, each a collector of at most 128 calls (fewer when
    /// answers may be long, see [`DynamicPlan::groups`]).
    ///
    /// ```
    /// use near_sdk::Gas;
    /// use parallel_runtime::dynamic::DynamicPlan;
    ///
    /// let plan = DynamicPlan {
    ///     single_calls: 0,
    ///     fixed_gas: Gas::from_tgas(10),
    ///     per_call: Gas::from_tgas(5),
    ///     max_len: 64,
    /// };
    /// assert_eq!(plan.max_list_len(), 128 * 128);
    /// ```
    pub fn max_list_len(&self) -> usize {
        let direct = MAX_JOINED_CALLS.saturating_sub(self.single_calls);
        direct.max(direct * self.group_capacity())
    }

    /// The static gas of one collector of `items` calls: [`COLLECTOR_BASE_GAS`], plus
    /// [`COLLECTOR_ITEM_GAS`] a call and [`COLLECT_BYTE_GAS`] for each byte it may pack.
    ///
    /// ```
    /// use near_sdk::Gas;
    /// use parallel_runtime::dynamic::{DynamicPlan, COLLECTOR_BASE_GAS};
    ///
    /// let plan = DynamicPlan {
    ///     single_calls: 0,
    ///     fixed_gas: Gas::from_tgas(10),
    ///     per_call: Gas::from_tgas(5),
    ///     max_len: 16 * 1024,
    /// };
    /// // 65 answers of up to 16 KiB: over 80 Tgas to pack and return them.
    /// assert!(plan.collector_gas(65) > Gas::from_tgas(85));
    /// assert!(plan.collector_gas(0) == COLLECTOR_BASE_GAS);
    /// ```
    pub fn collector_gas(&self, items: usize) -> Gas {
        let bytes = items.saturating_mul(packing::max_packed_len(self.max_len)) as u64;
        let gas = COLLECTOR_BASE_GAS
            .as_gas()
            .saturating_add(COLLECTOR_ITEM_GAS.as_gas().saturating_mul(items as u64))
            .saturating_add(COLLECT_BYTE_GAS.as_gas().saturating_mul(bytes));
        Gas::from_gas(gas)
    }

    /// What the callback reserves, beside its own static gas, to read the list's answers:
    /// each answer up to its cap, or past 128 calls each group packed
    /// ([`crate::gas::read_reserve`]).
    pub fn list_read_gas(&self, calls: usize) -> Gas {
        let per_item = if self.groups(calls) == 0 {
            self.max_len
        } else {
            packing::max_packed_len(self.max_len)
        };
        crate::gas::read_reserve(calls.saturating_mul(per_item))
    }

    /// All the gas a fan-out making `calls` list calls needs: every static amount (the
    /// calls', the collectors' and the callback's with its reserve for reading), plus
    /// [`CALL_FEE`] for every receipt it creates (each call, each collector, the callback).
    ///
    /// ```
    /// use near_sdk::Gas;
    /// use parallel_runtime::gas::{read_reserve, CALL_FEE};
    /// use parallel_runtime::dynamic::DynamicPlan;
    ///
    /// let plan = DynamicPlan {
    ///     single_calls: 0,
    ///     fixed_gas: Gas::from_tgas(10),
    ///     per_call: Gas::from_tgas(5),
    ///     max_len: 64,
    /// };
    /// let one_call = Gas::from_tgas(10 + 5)
    ///     .saturating_add(read_reserve(64))
    ///     .saturating_add(CALL_FEE.saturating_mul(2));
    /// assert_eq!(plan.gas_for(1), one_call);
    /// ```
    pub fn gas_for(&self, calls: usize) -> Gas {
        let groups = self.groups(calls);
        let receipts = (self.single_calls + calls + groups) as u64 + 1;
        let list = self.per_call.as_gas().saturating_mul(calls as u64);
        let collectors = (0..groups)
            .map(|group| self.collector_gas(group_range(calls, groups, group).len()))
            .fold(0u64, |total, gas| total.saturating_add(gas.as_gas()));
        let fees = CALL_FEE.as_gas().saturating_mul(receipts);
        Gas::from_gas(
            self.fixed_gas
                .as_gas()
                .saturating_add(list)
                .saturating_add(collectors)
                .saturating_add(self.list_read_gas(calls).as_gas())
                .saturating_add(fees),
        )
    }

    /// The longest list whose fan-out fits in `gas` (see [`DynamicPlan::gas_for`]), within
    /// [`DynamicPlan::max_list_len`].
    ///
    /// ```
    /// use near_sdk::Gas;
    /// use parallel_runtime::dynamic::DynamicPlan;
    ///
    /// let plan = DynamicPlan {
    ///     single_calls: 2,
    ///     fixed_gas: Gas::from_tgas(30),
    ///     per_call: Gas::from_tgas(3),
    ///     max_len: 64,
    /// };
    /// assert_eq!(plan.max_calls(Gas::from_tgas(10)), 0);
    /// assert!(plan.max_calls(Gas::from_tgas(1_000)) > 128);
    /// ```
    pub fn max_calls(&self, gas: Gas) -> usize {
        // The gas needed only grows with the length, so a binary search finds the edge.
        let (mut low, mut high) = (0usize, self.max_list_len());
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

/// The fewest collectors of at most 128 calls that a list of `calls` beside
/// `single_calls` single calls needs, ignoring answer sizes: how [`crate::testing`] packs
/// mocked results (the callback reads the count the fan-out forwards, whatever it is).
#[cfg(feature = "testing")]
pub(crate) fn fewest_groups(single_calls: usize, calls: usize) -> usize {
    // Answers of no length: groups of 128, as the real plan makes for short answers.
    let plan = DynamicPlan {
        single_calls,
        fixed_gas: Gas::from_gas(0),
        per_call: Gas::from_gas(0),
        max_len: 0,
    };
    plan.groups(calls)
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
        let plan = DynamicPlan {
            single_calls: 0,
            fixed_gas: Gas::from_tgas(10),
            per_call: Gas::from_tgas(2),
            max_len: 1024,
        };
        for calls in [129, 200, 256, 257, 1000] {
            let count = plan.groups(calls);
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
    fn the_plan_counts_collectors_and_their_fees_past_128() {
        let plan = DynamicPlan {
            single_calls: 0,
            fixed_gas: Gas::from_tgas(10),
            per_call: Gas::from_tgas(2),
            max_len: 8,
        };
        let step = plan.gas_for(129).as_gas() - plan.gas_for(128).as_gas();
        let collectors = plan.collector_gas(65).as_gas() + plan.collector_gas(64).as_gas();
        // Reading 128 answers directly, against two packs of 65 and 64.
        let read_before = crate::gas::read_reserve(128 * 8).as_gas();
        let read_after = crate::gas::read_reserve(129 * (8 + 9)).as_gas();
        let expected =
            2_000_000_000_000 + collectors + 3 * CALL_FEE.as_gas() + read_after - read_before;
        assert_eq!(step, expected);
    }

    #[test]
    fn no_group_can_pack_more_than_a_collector_may_return() {
        for max_len in [
            1,
            1024,
            16 * 1024,
            32 * 1024,
            64 * 1024,
            1024 * 1024,
            4 << 20,
        ] {
            let plan = DynamicPlan {
                single_calls: 1,
                fixed_gas: Gas::from_tgas(10),
                per_call: Gas::from_tgas(2),
                max_len,
            };
            let longest = plan.max_list_len();
            for calls in [128, 129, 1000, longest]
                .into_iter()
                .filter(|&n| n <= longest)
            {
                let groups = plan.groups(calls);
                assert!(groups < MAX_JOINED_CALLS, "{max_len} {calls}");
                for group in 0..groups {
                    let items = group_range(calls, groups, group).len();
                    let packed = items * packing::max_packed_len(max_len);
                    assert!(items == 1 || packed <= MAX_GROUP_BYTES, "{max_len} {calls}");
                    assert!(items <= MAX_JOINED_CALLS);
                }
            }
        }
    }
}
