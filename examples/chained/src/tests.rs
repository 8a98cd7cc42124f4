//! Unit tests on near-sdk's mocked blockchain: what each step schedules, and what the
//! callbacks answer for the results `testing_env!` hands them. The chain end to end, on
//! nearcore's VM, is tested by `parallel-tests` (`tests/src/sandbox/blocks.rs`).

use super::*;
use near_sdk::mock::MockAction;
use near_sdk::test_utils::{get_created_receipts, VMContextBuilder};
use near_sdk::{test_vm_config, testing_env, PromiseResult, RuntimeFeesConfig};

fn me() -> AccountId {
    "chained.near".parse().unwrap()
}

fn counter(i: usize) -> AccountId {
    format!("counter-{i}.near").parse().unwrap()
}

fn contract(callees: usize) -> Chained {
    Chained::new((0..callees).map(counter).collect())
}

/// The context the runtime gives a callback: called by the contract itself, with `results`.
fn as_callback_with(results: Vec<PromiseResult>) {
    let context = VMContextBuilder::new()
        .current_account_id(me())
        .predecessor_account_id(me())
        .build();
    testing_env!(
        context,
        test_vm_config(),
        RuntimeFeesConfig::test(),
        Default::default(),
        results
    );
}

fn answered(json: &str) -> PromiseResult {
    PromiseResult::Successful(json.as_bytes().to_vec())
}

/// The value answered, failing the test on a promise.
fn value(answer: PromiseOrValue<i64>) -> i64 {
    match answer {
        PromiseOrValue::Value(sum) => sum,
        PromiseOrValue::Promise(_) => panic!("expected the sum, got a promise"),
    }
}

/// Each created receipt as (receiver, method, args, static gas, weight, receipts awaited).
fn scheduled() -> Vec<(String, String, String, Gas, u64, Vec<u64>)> {
    get_created_receipts()
        .into_iter()
        .map(|receipt| {
            let [MockAction::FunctionCallWeight {
                method_name,
                args,
                attached_deposit,
                prepaid_gas,
                gas_weight,
                ..
            }] = receipt.actions.as_slice()
            else {
                panic!(
                    "expected one function call per receipt, got {:?}",
                    receipt.actions
                );
            };
            assert_eq!(*attached_deposit, NearToken::from_yoctonear(0));
            (
                receipt.receiver_id.to_string(),
                String::from_utf8(method_name.clone()).unwrap(),
                String::from_utf8(args.clone()).unwrap(),
                *prepaid_gas,
                gas_weight.0,
                receipt.receipt_indices.clone(),
            )
        })
        .collect()
}

/// The two receipts of one step: callee `i`'s `get_num`, and the callback that awaits it.
fn step(i: usize, sum: i64) -> Vec<(String, String, String, Gas, u64, Vec<u64>)> {
    vec![
        (
            counter(i).to_string(),
            "get_num".to_owned(),
            "{}".to_owned(),
            CALLEE_GAS,
            0,
            vec![],
        ),
        (
            me().to_string(),
            "chain_callback".to_owned(),
            format!("{{\"index\":{i},\"sum\":{sum}}}"),
            CALLBACK_GAS,
            1,
            vec![0],
        ),
    ]
}

#[test]
fn chain_calls_the_first_callee_and_hands_its_callback_the_unused_gas() {
    testing_env!(VMContextBuilder::new().current_account_id(me()).build());
    drop(contract(3).chain());
    assert_eq!(scheduled(), step(0, 0));
}

#[test]
fn a_callback_adds_the_answer_and_calls_the_next_callee() {
    as_callback_with(vec![answered("1")]);
    drop(contract(3).chain_callback(0, 0));
    assert_eq!(scheduled(), step(1, 1));
}

#[test]
fn the_last_callback_answers_the_sum_and_calls_nobody() {
    as_callback_with(vec![answered("-3")]);
    assert_eq!(value(contract(3).chain_callback(2, 5)), 2);
    assert_eq!(scheduled(), vec![]);
}

#[test]
fn an_answer_that_is_no_counters_number_counts_zero() {
    let too_long = format!("{:>17}", 1);
    for result in [
        PromiseResult::Failed,
        answered("\"one\""),
        answered("300"),
        answered(&too_long),
    ] {
        as_callback_with(vec![result]);
        assert_eq!(value(contract(2).chain_callback(1, 4)), 4);
    }
}

#[test]
fn no_callees_answer_zero_without_a_call() {
    testing_env!(VMContextBuilder::new().current_account_id(me()).build());
    assert_eq!(value(contract(0).chain()), 0);
    assert_eq!(scheduled(), vec![]);
}

#[test]
#[should_panic(expected = "call 1 of 2 needs more than 6000000000000 gas for itself and its")]
fn a_budget_too_small_for_the_next_step_fails_naming_it() {
    testing_env!(VMContextBuilder::new()
        .current_account_id(me())
        .prepaid_gas(Gas::from_tgas(5))
        .build());
    drop(contract(2).chain());
}
