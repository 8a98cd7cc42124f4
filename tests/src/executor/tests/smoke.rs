//! The demo contracts built by `scripts/build-wasm.sh`, run through the executor.
//!
//! `scripts/test.sh` builds the wasm before the tests run; without it these tests fail,
//! saying how to build it, rather than pass silently.

use crate::executor::{Call, Executor, ONE_NEAR};

#[test]
fn hello_greets_and_stores_a_new_greeting() {
    let mut chain = Executor::new();
    chain.create_account("alice.near", 10 * ONE_NEAR);
    chain.deploy("hello.near", &crate::wasm::load("hello"));
    assert_eq!(
        chain.view("hello.near", "get_greeting", b"{}").unwrap(),
        br#""Hello""#
    );
    let set = Call::new("alice.near", "hello.near", "set_greeting").args(br#"{"greeting":"Hi"}"#);
    let execution = chain.call(set);
    assert!(execution.is_success(), "{:?}", execution.failures());
    assert_eq!(
        execution.logs(),
        vec![r#"greeting changed from "Hello" to "Hi""#]
    );
    assert_eq!(
        chain.view("hello.near", "get_greeting", b"{}").unwrap(),
        br#""Hi""#
    );
}

#[test]
fn counter_counts_and_reports_overflow_as_a_failure() {
    let mut chain = Executor::new();
    chain.create_account("alice.near", 10 * ONE_NEAR);
    chain.deploy("counter.near", &crate::wasm::load("counter"));
    let step = |number: i32| {
        Call::new("alice.near", "counter.near", "increment")
            .args(format!(r#"{{"number":{number}}}"#))
    };
    assert!(chain.call(step(100)).is_success());
    let overflow = chain.call(step(100));
    let text = overflow.result().failure().expect("an i8 overflow panics");
    assert!(
        text.starts_with("Smart contract panicked: counter overflow"),
        "{text}"
    );
    assert_eq!(
        chain.view("counter.near", "get_num", b"{}").unwrap(),
        b"100"
    );
}
