//! Unit tests with near-sdk's mocked blockchain: the receipts the fan-out creates, and the
//! callback's answers for the results `testing_env!` hands it.

use super::*;
use near_sdk::mock::MockAction;
use near_sdk::test_utils::{get_created_receipts, VMContextBuilder};
use near_sdk::{testing_env, Gas, NearToken, PromiseResult, RuntimeFeesConfig};
use parallel_runtime::gas::{read_reserve, DEFAULT_MAX_RESULT_LEN};

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

    let scheduled: Vec<Scheduled> = get_created_receipts()
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
                Scheduled {
                    receiver: receipt.receiver_id.to_string(),
                    method: String::from_utf8(method_name.clone()).unwrap(),
                    args: args.clone(),
                    gas: *prepaid_gas,
                    weight: gas_weight.0,
                    waits_on: receipt.receipt_indices.clone(),
                }
            }
            other => panic!("expected one function call, got {other:?}"),
        })
        .collect();
    let call = |receiver: &str, method: &str| Scheduled {
        receiver: receiver.into(),
        method: method.into(),
        args: b"{}".to_vec(),
        gas: Gas::from_tgas(5),
        weight: 0,
        waits_on: vec![],
    };
    let callback = Scheduled {
        receiver: CONTRACT.into(),
        method: "multiple_contracts_callback".into(),
        // No computed deposits, no dynamic call; the receivers, for the failure event.
        args: br#"{"__parallel":";;;hello.test.near,counter.test.near,guestbook.test.near"}"#
            .to_vec(),
        // `callback_gas`, plus the reserve for reading three answers of up to 16 KiB.
        gas: Gas::from_tgas(10).saturating_add(read_reserve(3 * DEFAULT_MAX_RESULT_LEN)),
        weight: 0,
        // Promise indices: the joins between the calls take 1 and 3.
        waits_on: vec![0, 2, 4],
    };
    assert_eq!(
        scheduled,
        [
            call("hello.test.near", "get_greeting"),
            call("counter.test.near", "get_num"),
            call("guestbook.test.near", "get_messages"),
            callback,
        ]
    );
}

/// One function-call receipt the fan-out created.
#[derive(Debug, PartialEq)]
struct Scheduled {
    receiver: String,
    method: String,
    args: Vec<u8>,
    gas: Gas,
    weight: u64,
    waits_on: Vec<u64>,
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
    expected = "fan-out `multiple_contracts` needs 26.967 Tgas of static gas for its \
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

#[test]
fn mocked_results_by_name_need_no_indices() {
    use parallel_runtime::testing::MockResults;

    MockResults::new(Aggregator::MULTIPLE_CONTRACTS_CALLS)
        .value("hello", "Howdy")
        .failure("counter")
        .raw("messages", MESSAGES.as_bytes())
        .install();
    let answer = aggregator().multiple_contracts_callback();
    assert_eq!(answer, "Hello: Howdy, Counter: 0, Messages: 2 total");
}
