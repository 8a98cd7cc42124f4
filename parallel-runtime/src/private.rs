//! What generated code calls. Not a public API: names and signatures here change
//! whenever the macro changes, and the two crates are released in lockstep.

pub use near_sdk;

use crate::decode::Decoder;
use crate::{CallError, CallResult, FailureKind};
use near_sdk::{env, AccountId, Gas, GasWeight, NearToken, Promise, PromiseError};

/// Fails the fan-out before anything is scheduled when the caller attached less than the
/// calls' deposits: with `refund_to`, NEAR refunds failed calls to an account the caller
/// names, so the deposits must be the caller's money, never the contract's. Every fan-out
/// one execution runs (a method may call several) draws on the same attached deposit, so
/// what earlier ones took counts too.
pub fn ensure_deposit(fan_out: &str, needed: NearToken) {
    let attached = env::attached_deposit();
    let taken = claimed::get();
    let total = needed.saturating_add(taken);
    if attached < total {
        env::panic_str(&format!(
            "fan-out `{fan_out}` attaches {} yoctoNEAR to its calls, and `refund_to` has NEAR \
             refund failed ones to an account the caller names, so the caller must pay them: \
             attach at least {} yoctoNEAR (got {}, of which earlier fan-outs of this call took \
             {})",
            needed.as_yoctonear(),
            total.as_yoctonear(),
            attached.as_yoctonear(),
            taken.as_yoctonear(),
        ));
    }
    claimed::set(total);
}

/// The attached deposit the fan-outs of this execution have taken so far. A contract runs
/// in a fresh wasm instance for every receipt, so on chain this starts at zero for each
/// execution. Host unit tests run many calls in one process, where it would carry over
/// from one to the next: there it stays zero, and each fan-out checks alone.
mod claimed {
    use near_sdk::NearToken;

    #[cfg(target_arch = "wasm32")]
    std::thread_local! {
        static TAKEN: core::cell::Cell<u128> = const { core::cell::Cell::new(0) };
    }

    pub fn get() -> NearToken {
        #[cfg(target_arch = "wasm32")]
        return NearToken::from_yoctonear(TAKEN.with(core::cell::Cell::get));
        #[cfg(not(target_arch = "wasm32"))]
        NearToken::from_yoctonear(0)
    }

    pub fn set(_taken: NearToken) {
        #[cfg(target_arch = "wasm32")]
        TAKEN.with(|taken| taken.set(_taken.as_yoctonear()));
    }
}

/// Fails the fan-out before anything is scheduled when the gas left cannot cover the
/// calls' static gas and the callback's reserve.
pub fn ensure_gas(fan_out: &str, needed: Gas) {
    let left = crate::gas::remaining();
    if left < needed {
        let shortfall = needed.saturating_sub(left);
        env::panic_str(&format!(
            "fan-out `{fan_out}` needs {} of static gas for its calls and callback but only \
             {} is left: attach at least {} more",
            display_tgas(needed),
            display_tgas(left),
            display_tgas(shortfall),
        ));
    }
}

/// Tgas with three decimals, the unit people plan in.
fn display_tgas(gas: Gas) -> String {
    let milli = gas.as_gas().div_ceil(1_000_000_000);
    format!("{}.{:03} Tgas", milli / 1_000, milli % 1_000)
}

/// Fails the callback unless exactly `expected` promise results arrived: any other count
/// means it was not called by its own fan-out.
pub fn expect_result_count(callback: &str, expected: u64) {
    let count = env::promise_results_count();
    if count != expected {
        env::panic_str(&format!(
            "`{callback}` expects {expected} promise results, one per call of its fan-out, \
             but got {count}: it can only be called by the fan-out that schedules it"
        ));
    }
}

/// Reads result `index` with a length cap and decodes it; never panics. `deposit` is the
/// yoctoNEAR the call carried, kept in the error.
pub fn read<T, D: Decoder<T>>(
    index: u64,
    call: &'static str,
    method: &'static str,
    cap: usize,
    deposit: u128,
) -> CallResult<T> {
    // Only the decoding depends on `T`: reading and building the error are shared by every
    // call, so a contract holds them once rather than once per result type.
    let kind = match read_raw(index, cap) {
        Ok(bytes) => match D::decode(&bytes) {
            Ok(value) => return Ok(value),
            Err(reason) => FailureKind::Undecodable { reason },
        },
        Err(kind) => kind,
    };
    Err(failed(call, method, kind, deposit))
}

/// Result `index`'s bytes, at most `cap` of them, or why there are none.
#[inline(never)]
fn read_raw(index: u64, cap: usize) -> Result<Vec<u8>, FailureKind> {
    match env::promise_result_checked(index, cap) {
        Ok(bytes) => Ok(bytes),
        Err(PromiseError::TooLong(len)) => Err(FailureKind::TooLong { len, cap }),
        // `PromiseError` is non-exhaustive: whatever else it grows means no value.
        Err(_) => Err(FailureKind::Failed),
    }
}

/// The error of a call that gave no usable answer.
#[inline(never)]
fn failed(call: &'static str, method: &'static str, kind: FailureKind, deposit: u128) -> CallError {
    CallError::new(call, method, kind).with_deposit(NearToken::from_yoctonear(deposit))
}

/// A result as read, decoded, or the reason it gives no value.
fn decode<T, D: Decoder<T>>(
    raw: Result<Vec<u8>, PromiseError>,
    cap: usize,
) -> Result<T, FailureKind> {
    match raw {
        Ok(bytes) => D::decode(&bytes).map_err(|reason| FailureKind::Undecodable { reason }),
        Err(PromiseError::TooLong(len)) => Err(FailureKind::TooLong { len, cap }),
        // `PromiseError` is non-exhaustive: whatever else it grows means no value.
        Err(_) => Err(FailureKind::Failed),
    }
}

pub use crate::dynamic::DynamicPlan;

/// Fails a fan-out with a dynamic call of `calls` before anything is scheduled, when the list
/// is longer than a tree of joins holds or the gas left cannot pay for it.
pub fn ensure_list_gas(fan_out: &str, plan: &DynamicPlan, calls: usize) {
    let longest = plan.max_list_len();
    if calls > longest {
        env::panic_str(&format!(
            "fan-out `{fan_out}` got a dynamic call of {calls} items, but at most {longest} can \
             join into its callback beside its {} other calls: split the list",
            plan.single_calls
        ));
    }
    let (left, needed) = (crate::gas::remaining(), plan.gas_for(calls));
    if left < needed {
        env::panic_str(&format!(
            "fan-out `{fan_out}` cannot make a dynamic call of {calls} items: with the other \
             calls, the callback and every call's fees it needs {}, and {} is left, enough for \
             {} calls: attach more gas (a transaction takes up to 1000 Tgas), lower the call's \
             `max_len` or split the list",
            display_tgas(needed),
            display_tgas(left),
            plan.max_calls(left),
        ));
    }
}

/// Joins the dynamic call's promises to the single calls': all in one join when they fit,
/// else each group of the list joined into a call to `collector` first.
pub fn join_list(
    singles: Option<Promise>,
    list: Vec<Promise>,
    plan: &DynamicPlan,
    collector: &str,
) -> Option<Promise> {
    let join = |joined: Option<Promise>, next: Promise| match joined {
        Some(joined) => joined.and(next),
        None => next,
    };
    let calls = list.len();
    let groups = plan.groups(calls);
    if groups == 0 {
        return list
            .into_iter()
            .fold(singles, |joined, next| Some(join(joined, next)));
    }
    let mut list = list.into_iter();
    let mut joined = singles;
    for group in 0..groups {
        let size = crate::dynamic::group_range(calls, groups, group).len();
        let Some(members) = list.by_ref().take(size).reduce(Promise::and) else {
            break;
        };
        let collect = Promise::new(env::current_account_id()).function_call_weight(
            collector,
            Vec::new(),
            NearToken::from_yoctonear(0),
            plan.collector_gas(size),
            GasWeight(0),
        );
        joined = Some(join(joined, members.then(collect)));
    }
    joined
}

/// The callback after everything joined; straight away when there was nothing to call.
pub fn then_callback(joined: Option<Promise>, callback: Promise) -> Promise {
    match joined {
        Some(joined) => joined.then(callback),
        None => callback,
    }
}

/// A collector's body: reads each result of its group with the list's cap and answers
/// them packed into one value.
pub fn collect(cap: usize) {
    let count = env::promise_results_count();
    let mut packed = Vec::new();
    for index in 0..count {
        crate::dynamic::packing::pack(&mut packed, env::promise_result_checked(index, cap));
    }
    env::value_return(&packed);
}

/// How many promise results the callback of a fan-out with a dynamic call gets.
pub fn list_result_count(single_calls: usize, calls: usize, groups: usize) -> u64 {
    let list = if groups == 0 { calls } else { groups };
    (single_calls + list) as u64
}

/// Reads the `calls` results of a dynamic call, which start at result `first`: directly, or
/// unpacked from its collectors' answers. Never panics; each item fails on its own.
pub fn read_list<T, D: Decoder<T>>(
    first: u64,
    calls: usize,
    groups: usize,
    call: &'static str,
    method: &'static str,
    cap: usize,
    deposit: u128,
) -> Vec<CallResult<T>> {
    let item = |index: usize, raw| {
        decode::<T, D>(raw, cap).map_err(|kind| {
            CallError::new(call, method, kind)
                .with_deposit(NearToken::from_yoctonear(deposit))
                .at(index)
        })
    };
    if groups == 0 {
        return (0..calls)
            .map(|index| {
                item(
                    index,
                    env::promise_result_checked(first + index as u64, cap),
                )
            })
            .collect();
    }
    let mut results = Vec::with_capacity(calls);
    for group in 0..groups {
        let range = crate::dynamic::group_range(calls, groups, group);
        let packed_cap = range.len() * crate::dynamic::packing::max_packed_len(cap);
        let raws = match env::promise_result_checked(first + group as u64, packed_cap) {
            Ok(packed) => crate::dynamic::packing::unpack(&packed, range.len()),
            // A collector that failed leaves no answer for any call of its group.
            Err(_) => range.clone().map(|_| Err(PromiseError::Failed)).collect(),
        };
        results.extend(range.zip(raws).map(|(index, raw)| item(index, raw)));
    }
    results
}

/// The single calls' outcomes followed by the dynamic call's, for the failure event.
pub fn with_list<'a, T>(
    singles: &[Option<&'a CallError>],
    list: &'a [CallResult<T>],
) -> Vec<Option<&'a CallError>> {
    let list = list.iter().map(|result| result.as_ref().err());
    singles.iter().copied().chain(list).collect()
}

/// Whether result `index` failed, without copying it: for calls whose answer is not read.
pub fn status(
    index: u64,
    call: &'static str,
    method: &'static str,
    deposit: u128,
) -> CallResult<()> {
    match env::promise_result_checked(index, 0) {
        Err(PromiseError::Failed) => {
            let deposit = NearToken::from_yoctonear(deposit);
            Err(CallError::new(call, method, FailureKind::Failed).with_deposit(deposit))
        }
        _ => Ok(()),
    }
}

/// What the fan-out hands its callback besides the user's arguments, four `;`-separated
/// fields: the deposits that were expressions (comma-separated, for `CallError::deposit`),
/// the dynamic call's length and how many collectors its list went through (empty without
/// one), and the receivers (comma-separated, for the failure event). The receivers come
/// last, so the fields every callback reads are found without scanning them. It travels as
/// the last key of the callback's JSON arguments, `"__parallel":"..."`, which near-sdk ignores as an unknown key; the callback reads it
/// here, without a JSON parser: account ids and numbers need no escaping, so the value
/// holds no quote.
pub struct Forwarded {
    input: Vec<u8>,
    value: core::ops::Range<usize>,
}

impl Forwarded {
    /// Reads what the fan-out forwarded from the callback's input, without copying it.
    pub fn read() -> Self {
        const KEY: &[u8] = b"\"__parallel\":\"";
        let input = env::input().unwrap_or_default();
        // The key is the object's last: its value ends just before the closing `"}`, and
        // starts after the last quote before that. Without user arguments the key is also
        // the first, found at once; with them the scan back covers only the value.
        let end = input.len().saturating_sub(2);
        let start = if input.get(1..1 + KEY.len()) == Some(KEY) {
            1 + KEY.len()
        } else {
            let before = input.get(..end).unwrap_or_default();
            before
                .iter()
                .rposition(|byte| *byte == b'"')
                .map_or(end, |quote| quote + 1)
        };
        let key_ok = start >= KEY.len() && input.get(start - KEY.len()..start) == Some(KEY);
        let value = if key_ok && start <= end {
            start..end
        } else {
            0..0
        };
        // Nothing is split here: a callback whose calls all answered reads no field.
        Forwarded { input, value }
    }

    /// Field `index` of the value; empty when the fan-out did not forward it.
    fn text(&self, index: usize) -> &str {
        let value = self.input.get(self.value.clone()).unwrap_or_default();
        core::str::from_utf8(part(value, b';', index)).unwrap_or_default()
    }

    /// The receivers, in call order.
    pub fn receivers(&self) -> Vec<&str> {
        // One pass: a callback reporting many failures reads them all.
        let receivers = self.text(3);
        let bytes = receivers.as_bytes();
        let mut all = Vec::new();
        let mut start = 0;
        for at in 0..=bytes.len() {
            if at == bytes.len() || bytes[at] == b',' {
                if start < at {
                    all.push(receivers.get(start..at).unwrap_or_default());
                }
                start = at + 1;
            }
        }
        all
    }

    /// The length of the fan-out's dynamic call; zero if it has none.
    pub fn list_len(&self) -> usize {
        self.text(1).parse().unwrap_or(0)
    }

    /// How many collectors the dynamic call's list went through: 0 when it joined the
    /// callback directly.
    pub fn list_groups(&self) -> usize {
        self.text(2).parse().unwrap_or(0)
    }

    /// The yoctoNEAR of the `index`th forwarded deposit; zero if it is missing.
    pub fn deposit(&self, index: usize) -> u128 {
        let deposits = self.text(0).as_bytes();
        core::str::from_utf8(part(deposits, b',', index))
            .unwrap_or_default()
            .parse()
            .unwrap_or(0)
    }
}

/// The `n`th of the parts `separator` cuts `bytes` into; empty past the last. The last
/// field, the receivers, holds no `;`, so it runs to the end. A byte loop rather than
/// `str::split`, whose pattern machinery costs every contract most of 1 KiB of wasm.
fn part(bytes: &[u8], separator: u8, n: usize) -> &[u8] {
    let (mut start, mut found) = (0, 0);
    for (at, byte) in bytes.iter().enumerate() {
        if *byte == separator {
            if found == n {
                return bytes.get(start..at).unwrap_or_default();
            }
            found += 1;
            start = at + 1;
        }
    }
    if found == n {
        bytes.get(start..).unwrap_or_default()
    } else {
        &[]
    }
}

/// Logs the failure event when any call failed.
pub fn report_failures(fan_out: &str, forwarded: &Forwarded, results: &[Option<&CallError>]) {
    if results.iter().all(Option::is_none) {
        return;
    }
    let receivers = forwarded.receivers();
    if let Some(line) = crate::events::calls_failed(fan_out, &receivers, results) {
        env::log_str(&line);
    }
}

/// Appends an account id to the forwarded string (inside its JSON quotes): account ids
/// never need escaping.
pub fn write_account(buffer: &mut Vec<u8>, account: &AccountId) {
    buffer.extend_from_slice(account.as_str().as_bytes());
}

/// Appends the dynamic call's receivers to the forwarded string, after a comma when the
/// single calls' receivers come first.
pub fn write_accounts(buffer: &mut Vec<u8>, accounts: &[AccountId], after_others: bool) {
    for (index, account) in accounts.iter().enumerate() {
        if index > 0 || after_others {
            buffer.push(b',');
        }
        write_account(buffer, account);
    }
}

/// Appends the dynamic call's length to the forwarded string.
pub fn write_count(buffer: &mut Vec<u8>, count: usize) {
    buffer.extend_from_slice(count.to_string().as_bytes());
}

/// Appends a deposit, in yoctoNEAR, to the forwarded string.
pub fn write_yocto(buffer: &mut Vec<u8>, deposit: NearToken) {
    buffer.extend_from_slice(deposit.as_yoctonear().to_string().as_bytes());
}

/// The value of a required call, or the callback fails naming the call and why.
pub fn required<T>(result: CallResult<T>) -> T {
    match result {
        Ok(value) => value,
        Err(error) => env::panic_str(&format!("required {error}")),
    }
}

/// Appends `value` as JSON to arguments being built at run time.
///
/// Serialization only fails for values JSON cannot hold (a map with non-string keys,
/// say); the fan-out then fails before anything is scheduled.
pub fn write_json<T: near_sdk::serde::Serialize + ?Sized>(
    buffer: &mut Vec<u8>,
    value: &T,
    what: &str,
) {
    if let Err(error) = near_sdk::serde_json::to_writer(buffer, value) {
        env::panic_str(&format!("cannot encode {what} as JSON: {error}"));
    }
}

/// Appends `value` as Borsh to arguments being built at run time.
pub fn write_borsh<T: near_sdk::borsh::BorshSerialize + ?Sized>(
    buffer: &mut Vec<u8>,
    value: &T,
    what: &str,
) {
    if let Err(error) = value.serialize(buffer) {
        env::panic_str(&format!("cannot encode {what} as Borsh: {error}"));
    }
}

#[cfg(test)]
mod tests {
    use super::Forwarded;
    use near_sdk::test_utils::VMContextBuilder;
    use near_sdk::testing_env;

    fn forwarded(input: &str) -> Forwarded {
        let mut context = VMContextBuilder::new();
        context.context.input = input.as_bytes().to_vec().into();
        testing_env!(context.build());
        Forwarded::read()
    }

    #[test]
    fn every_field_reads_back() {
        let read = forwarded(r#"{"__parallel":"5,7;3;2;a.near,b.near"}"#);
        assert_eq!(read.receivers(), ["a.near", "b.near"]);
        assert_eq!(
            (read.deposit(0), read.deposit(1), read.deposit(2)),
            (5, 7, 0)
        );
        assert_eq!((read.list_len(), read.list_groups()), (3, 2));
    }

    #[test]
    fn user_arguments_before_it_cannot_pass_for_it() {
        let read = forwarded(
            r#"{"note":"x;9,\"__parallel\":\"1;1;1;evil.near\"","__parallel":";4;0;a.near"}"#,
        );
        assert_eq!(read.receivers(), ["a.near"]);
        assert_eq!(
            (read.deposit(0), read.list_len(), read.list_groups()),
            (0, 4, 0)
        );
    }

    #[test]
    fn missing_fields_read_as_nothing() {
        let read = forwarded(r#"{"__parallel":";;;a.near"}"#);
        assert_eq!(read.receivers(), ["a.near"]);
        assert_eq!(
            (read.deposit(0), read.list_len(), read.list_groups()),
            (0, 0, 0)
        );
        for input in ["{}", "", r#"{"other":"a;b"}"#] {
            let read = forwarded(input);
            assert!(read.receivers().is_empty(), "{input}");
            assert_eq!((read.deposit(0), read.list_len()), (0, 0), "{input}");
        }
    }
}
