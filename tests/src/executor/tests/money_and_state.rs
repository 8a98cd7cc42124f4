//! Deposits, refunds and storage across receipts.

use super::{call, chain};
use crate::executor::{ReceiptKind, ONE_NEAR};

#[test]
fn a_deposit_reaches_the_receiver_of_a_successful_call() {
    let mut chain = chain();
    let execution = chain.call(call("a.near", "echo", b"").deposit(3));
    assert!(execution.is_success());
    assert_eq!(chain.balance("alice.near"), 10 * ONE_NEAR - 3);
    assert_eq!(chain.balance("a.near"), 100 * ONE_NEAR + 3);
}

#[test]
fn a_failed_call_refunds_its_deposit_a_block_later() {
    let mut chain = chain();
    let execution = chain.call(call("b.near", "fail", b"").deposit(7));
    assert!(!execution.is_success());
    let refund = &execution.receipts[1];
    assert_eq!(
        (refund.kind, refund.receiver.as_str(), refund.deposit),
        (ReceiptKind::Refund, "alice.near", 7)
    );
    assert_eq!(refund.block_height, execution.receipts[0].block_height + 1);
    assert_eq!(chain.balance("alice.near"), 10 * ONE_NEAR);
    assert_eq!(chain.balance("b.near"), 100 * ONE_NEAR);
}

#[test]
fn a_contract_gets_back_the_deposit_of_a_failed_promise() {
    let mut chain = chain();
    let execution = chain.call(call("caller.near", "pay", b""));
    assert!(
        execution.is_success(),
        "the caller does not wait for the promise"
    );
    let kinds: Vec<_> = execution
        .receipts
        .iter()
        .map(|r| (r.kind, r.receiver.as_str()))
        .collect();
    assert_eq!(
        kinds[1..],
        [
            (ReceiptKind::Call, "a.near"),
            (ReceiptKind::Refund, "caller.near")
        ],
    );
    assert_eq!(chain.balance("caller.near"), 100 * ONE_NEAR);
    assert_eq!(chain.balance("a.near"), 100 * ONE_NEAR);
}

#[test]
fn a_failed_receipt_leaves_storage_untouched() {
    let mut chain = chain();
    assert!(chain.call(call("a.near", "put", b"v1")).is_success());
    assert!(!chain
        .call(call("a.near", "put_then_fail", b"v2"))
        .is_success());
    assert_eq!(
        chain.call(call("a.near", "get", b"")).value(),
        Some(&b"v1"[..])
    );
}
