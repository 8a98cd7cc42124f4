//! Gas figures and helpers for planning a fan-out.
//!
//! A fan-out spends gas three ways: the static gas given to each call, the gas reserved
//! for its callback, and about 1.3 Tgas of fees per call (receipt creation, the
//! function-call action and the data dependency). All of it comes out of one
//! transaction's prepaid gas.

use near_sdk::{env, Gas};

/// The most gas one transaction can attach: 1 PGas, since protocol 83.
///
/// ```
/// assert_eq!(parallel_runtime::gas::MAX_PREPAID_GAS.as_tgas(), 1_000);
/// ```
pub const MAX_PREPAID_GAS: Gas = Gas::from_tgas(1_000);

/// The most promises that can be joined into one callback
/// (`max_number_input_data_dependencies` in the protocol's parameters).
///
/// ```
/// assert_eq!(parallel_runtime::gas::MAX_JOINED_CALLS, 128);
/// ```
pub const MAX_JOINED_CALLS: usize = 128;

/// What each receipt a fan-out creates costs it beside the gas attached to it, rounded up:
/// the fees NEAR charges for the receipt, its function-call action and its data dependency,
/// plus the fan-out's own work to build it. Measured on nearcore's VM (see `BENCHMARKS.md`:
/// about 1.3 Tgas per call); [`dynamic::DynamicPlan`](crate::dynamic::DynamicPlan) plans dynamic calls
/// with it.
///
/// ```
/// assert_eq!(parallel_runtime::gas::CALL_FEE.as_ggas(), 1_400);
/// ```
pub const CALL_FEE: Gas = Gas::from_ggas(1_400);

/// Static gas given to the generated callback's aggregation unless the fan-out sets
/// `callback_gas`; the fan-out adds [`read_reserve`] of the calls' caps on top.
///
/// ```
/// assert_eq!(parallel_runtime::gas::DEFAULT_CALLBACK_GAS.as_tgas(), 10);
/// ```
pub const DEFAULT_CALLBACK_GAS: Gas = Gas::from_tgas(10);

/// How many bytes of a call's answer the callback reads unless the call sets `max_len`.
///
/// A longer answer becomes [`FailureKind::TooLong`](crate::FailureKind::TooLong) without
/// being copied into the callback's memory, so it cannot eat the callback's gas.
///
/// ```
/// assert_eq!(parallel_runtime::gas::DEFAULT_MAX_RESULT_LEN, 16 * 1024);
/// ```
pub const DEFAULT_MAX_RESULT_LEN: usize = 16 * 1024;

/// What the callback reserves for each byte of answer it may read: copying it in (writing
/// and reading a register and the memory, 6.6 Mgas a byte in host fees) and decoding it.
/// We measured 30 to 36 Mgas a byte in all for a JSON string of 16 KiB (BENCHMARKS.md);
/// a type that costs more to decode needs the difference in `callback_gas`.
///
/// ```
/// use parallel_runtime::gas::READ_BYTE_GAS;
///
/// assert_eq!(READ_BYTE_GAS.as_gas(), 40_000_000);
/// ```
pub const READ_BYTE_GAS: Gas = Gas::from_gas(40_000_000);

/// The gas a callback reserves, on top of its `callback_gas`, to read `bytes` of answers:
/// the caps of the calls whose answers it reads. [`READ_BYTE_GAS`] a byte covers copying
/// an answer in and decoding a JSON string; most other types cost more to decode per byte
/// (see the README's limitations for measured rates), and that difference belongs in
/// `callback_gas`.
///
/// ```
/// use near_sdk::Gas;
/// use parallel_runtime::gas::{read_reserve, DEFAULT_MAX_RESULT_LEN};
///
/// // Three answers of up to 16 KiB each: about 2 Tgas.
/// let reserve = read_reserve(3 * DEFAULT_MAX_RESULT_LEN);
/// assert_eq!(reserve, Gas::from_gas(3 * 16 * 1024 * 40_000_000));
/// ```
pub const fn read_reserve(bytes: usize) -> Gas {
    Gas::from_gas(READ_BYTE_GAS.as_gas().saturating_mul(bytes as u64))
}

/// A measured gas figure plus a safety margin in percent, rounded up to whole gas.
///
/// Measure what a call burns (the benchmark or a test on nearcore's VM reports it),
/// then give the call that much plus 10 to 20 percent.
///
/// ```
/// use near_sdk::Gas;
/// use parallel_runtime::gas::with_margin;
///
/// assert_eq!(with_margin(Gas::from_tgas(5), 20), Gas::from_tgas(6));
/// assert_eq!(with_margin(Gas::from_gas(3), 10), Gas::from_gas(4));
/// ```
pub const fn with_margin(measured: Gas, percent: u64) -> Gas {
    let scaled = measured.as_gas() as u128 * (100 + percent as u128);
    let rounded_up = scaled.div_ceil(100);
    if rounded_up > u64::MAX as u128 {
        Gas::from_gas(u64::MAX)
    } else {
        Gas::from_gas(rounded_up as u64)
    }
}

/// The gas the current method can still spend or attach: prepaid minus used.
///
/// ```
/// # near_sdk::testing_env!(near_sdk::test_utils::VMContextBuilder::new()
/// #     .prepaid_gas(near_sdk::Gas::from_tgas(300)).build());
/// let left = parallel_runtime::gas::remaining();
/// assert!(left.as_tgas() <= 300);
/// ```
pub fn remaining() -> Gas {
    env::prepaid_gas().saturating_sub(env::used_gas())
}
