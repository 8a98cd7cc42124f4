//! One receipt: values, logs, panics, missing accounts and methods, views.

use super::{call, chain};
use crate::executor::{Outcome, ReceiptKind};

#[test]
fn a_method_returns_its_value_and_logs() {
    let mut chain = chain();
    let execution = chain.call(call("a.near", "log_echo", b"hi"));
    assert_eq!(execution.value(), Some(&b"hi"[..]));
    assert_eq!(execution.logs(), vec!["hello"]);
    let receipt = &execution.receipts[0];
    assert_eq!(
        (receipt.predecessor.as_str(), receipt.kind),
        ("alice.near", ReceiptKind::Call)
    );
    assert!(receipt.gas_burnt > 0 && receipt.gas_burnt <= receipt.gas_attached);
    assert_eq!(execution.total_gas_burnt(), receipt.gas_burnt);
}

#[test]
fn a_panic_is_a_failure_with_the_vm_text() {
    let mut chain = chain();
    let execution = chain.call(call("a.near", "fail", b""));
    assert_eq!(
        execution.result(),
        &Outcome::Failure("Smart contract panicked: boom".into())
    );
    assert_eq!(execution.failures().len(), 1);
    assert!(
        execution.receipts[0].gas_burnt > 0,
        "a failed receipt still burns gas"
    );
}

#[test]
fn a_missing_account_or_method_fails_clearly() {
    let mut chain = chain();
    let missing_account = chain.call(call("nobody.near", "echo", b""));
    assert_eq!(
        missing_account.result().failure(),
        Some("account `nobody.near` does not exist")
    );
    let missing_method = chain.call(call("a.near", "nope", b""));
    let text = missing_method.result().failure().unwrap();
    assert!(
        text.contains("MethodNotFound") && text.contains("nope"),
        "{text}"
    );
    let no_contract = chain.call(call("alice.near", "echo", b""));
    let text = no_contract.result().failure().unwrap();
    assert!(text.contains("cannot find contract code"), "{text}");
}

#[test]
fn an_unknown_signer_is_rejected() {
    let mut chain = chain();
    let mut rejected = call("a.near", "echo", b"");
    rejected.signer = "ghost.near".into();
    let text = chain.call(rejected).result().failure().unwrap().to_string();
    assert!(text.starts_with("transaction rejected"), "{text}");
}

#[test]
fn views_read_state_and_cannot_write() {
    let mut chain = chain();
    assert!(chain.call(call("a.near", "put", b"v1")).is_success());
    assert_eq!(chain.view("a.near", "get", b"").unwrap(), b"v1");
    let refused = chain.view("a.near", "put", b"v2").unwrap_err();
    assert!(refused.0.contains("not allowed in view calls"), "{refused}");
    assert_eq!(chain.storage("a.near", b"k"), Some(b"v1".to_vec()));
}
