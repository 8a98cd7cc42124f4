//! What generated code calls. Not a public API: names and signatures here change
//! whenever the macro changes, and the two crates are released in lockstep.

pub use near_sdk;

use crate::decode::Decoder;
use crate::{CallError, CallResult, FailureKind};
use near_sdk::{env, Gas, PromiseError};

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

/// Reads result `index` with a length cap and decodes it; never panics.
pub fn read<T, D: Decoder<T>>(
    index: u64,
    call: &'static str,
    method: &'static str,
    cap: usize,
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
    Err(CallError::new(call, method, kind))
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
