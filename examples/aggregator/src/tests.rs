//! Unit tests with near-sdk's mocked blockchain: the receipts the fan-out creates, and the
//! callback's answers for the results `testing_env!` hands it.

use super::*;
use near_sdk::mock::MockAction;
use near_sdk::test_utils::{get_created_receipts, VMContextBuilder};
use near_sdk::{testing_env, Gas, NearToken, PromiseResult, RuntimeFeesConfig};

const CONTRACT: &str = "aggregator.test.near";

fn account(name: &str) -> AccountId {
    name.parse().unwrap()
}

fn aggregator() -> Aggregator {
    Aggregator::new(
        account("hello.test.near"),
        account("counter.test.near"),
        account("guestbook.test.near"),
    )
}

/// The callback as the runtime runs it after the fan-out, with `results`.
fn run_callback(results: Vec<PromiseResult>) -> String {
    let context = VMContextBuilder::new()
        .current_account_id(account(CONTRACT))
        .predecessor_account_id(account(CONTRACT))
        .prepaid_gas(Gas::from_tgas(10))
        .build();
    testing_env!(
        context,
        near_sdk::test_vm_config(),
        RuntimeFeesConfig::test(),
        Default::default(),
        results
    );
    aggregator().multiple_contracts_callback()
}

fn ok(json: &str) -> PromiseResult {
    PromiseResult::Successful(json.as_bytes().to_vec())
}

const MESSAGES: &str = r#"[{"premium":false,"sender":"alice.test.near","text":"hi"},
    {"premium":true,"sender":"bob.test.near","text":"hey"}]"#;

#[test]
fn fan_out_schedules_three_calls_then_a_private_callback() {
    let context = VMContextBuilder::new()
        .current_account_id(account(CONTRACT))
        .prepaid_gas(Gas::from_tgas(100))
        .build();
    testing_env!(context);
    drop(aggregator().multiple_contracts());

    let receipts = get_created_receipts();
    let calls: Vec<(String, String, Vec<u8>, Gas, u64, Vec<u64>)> = receipts
        .iter()
        .map(|receipt| match receipt.actions.as_slice() {
            [MockAction::FunctionCallWeight {
                method_name,
                args,
                attached_deposit,
                prepaid_gas,
                gas_weight,
                ..
            }] => {
                assert_eq!(*attached_deposit, NearToken::from_yoctonear(0));
                (
                    receipt.receiver_id.to_string(),
                    String::from_utf8(method_name.clone()).unwrap(),
                    args.clone(),
                    *prepaid_gas,
                    gas_weight.0,
                    receipt.receipt_indices.clone(),
                )
            }
            other => panic!("expected one function call, got {other:?}"),
        })
        .collect();
    let five = Gas::from_tgas(5);
    assert_eq!(
        calls,
        [
            (
                "hello.test.near".into(),
                "get_greeting".into(),
                b"{}".to_vec(),
                five,
                0,
                vec![]
            ),
            (
                "counter.test.near".into(),
                "get_num".into(),
                b"{}".to_vec(),
                five,
                0,
                vec![]
            ),
            (
                "guestbook.test.near".into(),
                "get_messages".into(),
                b"{}".to_vec(),
                five,
                0,
                vec![]
            ),
            (
                CONTRACT.into(),
                "multiple_contracts_callback".into(),
                Vec::new(),
                Gas::from_tgas(10),
                0,
                // Promise indices: the joins between the calls take 1 and 3.
                vec![0, 2, 4],
            ),
        ]
    );
}

#[test]
fn every_call_answered() {
    let answer = run_callback(vec![ok("\"Howdy\""), ok("5"), ok(MESSAGES)]);
    assert_eq!(answer, "Hello: Howdy, Counter: 5, Messages: 2 total");
}

#[test]
fn each_failure_kind_is_named_or_replaced_by_its_fallback() {
    let answer = run_callback(vec![PromiseResult::Failed, ok("5"), ok(MESSAGES)]);
    assert_eq!(
        answer,
        "Hello: call `hello` (get_greeting) failed, Counter: 5, Messages: 2 total"
    );

    let long = format!("\"{}\"", "x".repeat(20_000));
    let answer = run_callback(vec![ok(&long), PromiseResult::Failed, ok(MESSAGES)]);
    assert_eq!(
        answer,
        "Hello: call `hello` (get_greeting) answered 20002 bytes, over its cap of 16384, \
         Counter: 0, Messages: 2 total"
    );

    let answer = run_callback(vec![ok("not json {"), ok("{\"n\":1}"), ok("[1]")]);
    assert_eq!(
        answer,
        "Hello: call `hello` (get_greeting) answered a payload that did not decode: \
         expected ident at line 1 column 2, Counter: 0, Messages: 0 total"
    );
}

// Privacy is enforced by near-sdk's exported wrapper, which unit tests bypass; the tests
// on nearcore's VM call the callback from a foreign account.

#[test]
#[should_panic(
    expected = "`multiple_contracts_callback` expects 3 promise results, one per \
                           call of its fan-out, but got 2"
)]
fn callback_refuses_the_wrong_number_of_results() {
    run_callback(vec![ok("\"Howdy\""), ok("5")]);
}

#[test]
#[should_panic(
    expected = "fan-out `multiple_contracts` needs 25.000 Tgas of static gas for its \
                           calls and callback but only"
)]
fn fan_out_refuses_too_little_gas_before_scheduling() {
    let context = VMContextBuilder::new()
        .current_account_id(account(CONTRACT))
        .prepaid_gas(Gas::from_tgas(20))
        .build();
    testing_env!(context);
    drop(aggregator().multiple_contracts());
}
