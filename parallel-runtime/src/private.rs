//! What generated code calls. Not a public API: names and signatures here change
//! whenever the macro changes, and the two crates are released in lockstep.

pub use near_sdk;

use crate::decode::Decoder;
use crate::{CallError, CallResult, FailureKind};
use near_sdk::{env, AccountId, Gas, NearToken, PromiseError};

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
    let kind = match env::promise_result_checked(index, cap) {
        Ok(bytes) => match D::decode(&bytes) {
            Ok(value) => return Ok(value),
            Err(reason) => FailureKind::Undecodable { reason },
        },
        Err(PromiseError::TooLong(len)) => FailureKind::TooLong { len, cap },
        // `PromiseError` is non-exhaustive: whatever else it grows means no value.
        Err(_) => FailureKind::Failed,
    };
    Err(CallError::new(call, method, kind).with_deposit(NearToken::from_yoctonear(deposit)))
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

/// What the fan-out hands its callback besides the user's arguments: the receivers (for
/// the failure event), then `;`, then the deposits that were expressions (for refunds),
/// each list comma-separated. It travels as the last key of the callback's JSON arguments,
/// `"__parallel":"..."`, which near-sdk ignores as an unknown key; the callback reads it
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
        Forwarded { input, value }
    }

    fn text(&self) -> &str {
        core::str::from_utf8(&self.input[self.value.clone()]).unwrap_or_default()
    }

    /// The receivers, in call order.
    pub fn receivers(&self) -> Vec<&str> {
        let receivers = self.text().split(';').next().unwrap_or_default();
        receivers
            .split(',')
            .filter(|receiver| !receiver.is_empty())
            .collect()
    }

    /// The yoctoNEAR of the `index`th forwarded deposit; zero if it is missing.
    pub fn deposit(&self, index: usize) -> u128 {
        let deposits = self.text().split(';').nth(1).unwrap_or_default();
        deposits
            .split(',')
            .nth(index)
            .and_then(|deposit| deposit.parse().ok())
            .unwrap_or(0)
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

/// Sends the deposits NEAR refunded for failed calls on to `to`.
pub fn refund(to: AccountId, results: &[Option<&CallError>]) {
    // Dropping the promise schedules it.
    drop(crate::deposit::hand_back(
        to,
        results.iter().flatten().copied(),
    ));
}

/// Appends an account id to the forwarded string (inside its JSON quotes): account ids
/// never need escaping.
pub fn write_account(buffer: &mut Vec<u8>, account: &AccountId) {
    buffer.extend_from_slice(account.as_str().as_bytes());
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
