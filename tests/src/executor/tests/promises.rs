//! Receipts that create receipts: joins, callbacks, forwarding, gas weights, blocks.

use super::{call, chain, TX_GAS};
use crate::executor::{Outcome, ReceiptId};

#[test]
fn a_callback_reads_success_and_failure_in_join_order() {
    let mut chain = chain();
    let execution = chain.call(call("caller.near", "join", b""));
    // The transaction returned the callback's promise, so its answer is the callback's.
    assert_eq!(execution.value(), Some(&b"SAF"[..]));
    assert_eq!(
        execution.receipts[0].outcome,
        Outcome::Promise(ReceiptId(3))
    );
    let collect = &execution.calls("caller.near", "collect")[0];
    assert_eq!(collect.predecessor, "caller.near");
    let failed = execution.failures();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (failed[0].receiver.as_str(), failed[0].method.as_str()),
        ("b.near", "fail")
    );
}

#[test]
fn receipts_run_in_waves_one_block_apart() {
    let mut chain = chain();
    let start = chain.height();
    let execution = chain.call(call("caller.near", "join", b""));
    let heights: Vec<(&str, u64)> = execution
        .receipts
        .iter()
        .map(|r| (r.method.as_str(), r.block_height - start))
        .collect();
    assert_eq!(
        heights,
        vec![("join", 0), ("echo", 1), ("fail", 1), ("collect", 2)]
    );
    assert_eq!(execution.blocks(), 2);
    assert_eq!(
        chain.height(),
        start + 3,
        "the next transaction lands in a new block"
    );
    let height = chain.call(call("a.near", "height", b""));
    let seen = u64::from_le_bytes(height.value().unwrap().try_into().unwrap());
    assert_eq!(seen, height.receipts[0].block_height);
}

#[test]
fn a_returned_promise_forwards_its_value_to_the_waiting_callback() {
    let mut chain = chain();
    let execution = chain.call(call("caller.near", "forward_then", b""));
    assert_eq!(execution.value(), Some(&b"Sfwd"[..]));
    // forward_then -> forward -> a.echo -> collect: the callback waited for the echo.
    assert_eq!(execution.blocks(), 3);
    let direct = chain.call(call("caller.near", "forward", b""));
    assert_eq!(direct.value(), Some(&b"fwd"[..]));
}

#[test]
fn unused_gas_is_shared_by_weight() {
    let mut chain = chain();
    let execution = chain.call(call("caller.near", "weights", b""));
    assert!(execution.is_success(), "{:?}", execution.failures());
    let caller = &execution.receipts[0];
    let unused = TX_GAS - caller.gas_used;
    let gas = |id| execution.receipt(ReceiptId(id)).unwrap().gas_attached;
    let tera = 1_000_000_000_000;
    let (first, second, fixed) = (gas(1) - tera, gas(2) - 2 * tera, gas(3));
    assert_eq!(fixed, 5 * tera, "a call with weight 0 keeps its static gas");
    assert_eq!(first, unused / 4);
    assert_eq!(first + second, unused, "all unused gas is handed out");
}
