//! The generated callback's guards, on nearcore's VM with the real aggregator wasm: it
//! refuses other accounts exactly as near-sdk's `#[private]` does, and refuses to run
//! without one result per call.

use parallel_tests::executor::{Call, Executor, Outcome, ONE_NEAR};
use parallel_tests::wasm;

const AGGREGATOR: &str = "aggregator.test.near";

fn deployed() -> Executor {
    let mut chain = Executor::new();
    chain.deploy(AGGREGATOR, &wasm::load("aggregator"));
    let init = br#"{"hello_account":"hello.test.near","counter_account":"counter.test.near",
        "guestbook_account":"guestbook.test.near"}"#;
    let execution = chain.call(Call::new(AGGREGATOR, AGGREGATOR, "new").args(init.to_vec()));
    assert!(
        execution.is_success(),
        "init failed: {:?}",
        execution.result()
    );
    chain.create_account("mallory.test.near", 10 * ONE_NEAR);
    chain
}

fn failure(outcome: &Outcome) -> &str {
    outcome
        .failure()
        .unwrap_or_else(|| panic!("expected a failure, got {outcome:?}"))
}

#[test]
fn another_account_calling_the_callback_is_refused_as_private() {
    let mut chain = deployed();
    let execution = chain.call(Call::new(
        "mallory.test.near",
        AGGREGATOR,
        "multiple_contracts_callback",
    ));
    assert_eq!(
        failure(execution.result()),
        "Smart contract panicked: Method multiple_contracts_callback is private"
    );
}

#[test]
fn the_contract_calling_its_callback_without_results_is_refused_with_the_count() {
    let mut chain = deployed();
    let execution = chain.call(Call::new(
        AGGREGATOR,
        AGGREGATOR,
        "multiple_contracts_callback",
    ));
    assert_eq!(
        failure(execution.result()),
        "Smart contract panicked: `multiple_contracts_callback` expects 3 promise results, one \
         per call of its fan-out, but got 0: it can only be called by the fan-out that \
         schedules it"
    );
}

#[test]
fn too_little_gas_fails_the_fan_out_before_any_call_is_scheduled() {
    let mut chain = deployed();
    chain.create_account("user.test.near", 10 * ONE_NEAR);
    let call =
        Call::new("user.test.near", AGGREGATOR, "multiple_contracts").gas(20_000_000_000_000);
    let execution = chain.call(call);
    let message = failure(execution.result());
    assert!(
        message.starts_with(
            "Smart contract panicked: fan-out `multiple_contracts` needs 26.967 Tgas of static \
             gas for its calls and callback but only 1"
        ),
        "{message}"
    );
    assert_eq!(
        execution.receipts.len(),
        1,
        "nothing may be scheduled: {:?}",
        execution.receipts
    );
}
