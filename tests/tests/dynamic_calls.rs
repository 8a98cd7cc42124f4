//! Dynamic calls (`#[call(for counter in counters, ...)]`) on nearcore's VM with real wasm: one
//! result per item in input order, each failing on its own; past 128 calls a tree of joins
//! through the generated collector; lists too long for the gas refused before anything is
//! scheduled.

use parallel_tests::executor::{Call, Execution, Executor, ONE_NEAR};
use parallel_tests::wasm;

const LAB: &str = "lab.test.near";
const FIRST: &str = "first.test.near";
const USER: &str = "user.test.near";
const TGAS: u64 = 1_000_000_000_000;
/// The most gas a transaction can attach.
const MAX_GAS: u64 = 1_000 * TGAS;
/// The longest list `numbers` (3 Tgas per `get_num` capped at 8 bytes, a 20 Tgas callback)
/// makes with 1 PGas attached: measured, and written in the README.
const CEILING: usize = 218;

/// The lab with `counters` counter contracts, counter `i` at `i % 100`, and a guestbook as
/// its `first`.
fn chain(counters: usize) -> Executor {
    let mut chain = Executor::new();
    chain.create_account(USER, 10 * ONE_NEAR);
    chain.deploy(FIRST, &wasm::load("hello"));
    let counter = wasm::load("counter");
    for index in 0..counters {
        let account = counter_account(index);
        chain.deploy(&account, &counter);
        let number = index % 100;
        if number != 0 {
            let args = format!(r#"{{"number":{number}}}"#).into_bytes();
            let set = chain.call(Call::new(&account, &account, "increment").args(args));
            assert!(set.is_success(), "{:?}", set.result());
        }
    }
    chain.deploy(LAB, &wasm::load("fan_out_lab"));
    let init = format!(r#"{{"first":"{FIRST}","second":"{FIRST}"}}"#).into_bytes();
    assert!(chain
        .call(Call::new(LAB, LAB, "new").args(init))
        .is_success());
    chain
}

fn counter_account(index: usize) -> String {
    format!("c{index}.test.near")
}

fn list_args(accounts: &[String]) -> Vec<u8> {
    let list = accounts
        .iter()
        .map(|account| format!("\"{account}\""))
        .collect::<Vec<_>>()
        .join(",");
    format!(r#"{{"counters":[{list}]}}"#).into_bytes()
}

fn numbers(chain: &mut Executor, accounts: &[String], gas: u64) -> Execution {
    chain.call(
        Call::new(USER, LAB, "numbers")
            .args(list_args(accounts))
            .gas(gas),
    )
}

fn first(n: usize) -> Vec<String> {
    (0..n).map(counter_account).collect()
}

/// What `numbers` answers when every counter answers: `[0,1,2,...]` modulo 100.
fn expected(n: usize) -> String {
    let values: Vec<String> = (0..n).map(|index| (index % 100).to_string()).collect();
    format!("[{}]", values.join(","))
}

fn value(execution: &Execution) -> String {
    assert!(execution.is_success(), "{:?}", execution.result());
    String::from_utf8(execution.value().expect("a value").to_vec()).expect("UTF-8")
}

#[test]
fn a_list_of_one_answers_its_one_result() {
    let mut chain = chain(2);
    let execution = numbers(&mut chain, &[counter_account(1)], 300 * TGAS);
    assert_eq!(value(&execution), "[1]");
    assert_eq!(execution.calls(LAB, "numbers_collect").len(), 0);
}

#[test]
fn an_empty_list_runs_the_callback_with_no_results() {
    let mut chain = chain(0);
    let execution = numbers(&mut chain, &[], 300 * TGAS);
    assert_eq!(value(&execution), "[]");
    assert_eq!(execution.calls(LAB, "numbers_callback").len(), 1);
}

#[test]
fn one_hundred_twenty_eight_calls_join_straight_into_the_callback() {
    let mut chain = chain(128);
    let execution = numbers(&mut chain, &first(128), MAX_GAS);
    assert_eq!(value(&execution), expected(128));
    assert_eq!(execution.calls(LAB, "numbers_collect").len(), 0);
    // The fan-out, the calls, the callback: three blocks in a row.
    assert_eq!(execution.blocks(), 2);
}

#[test]
fn one_hundred_twenty_nine_calls_go_through_two_collectors_in_order() {
    let mut chain = chain(129);
    let execution = numbers(&mut chain, &first(129), MAX_GAS);
    assert_eq!(value(&execution), expected(129));
    let collectors = execution.calls(LAB, "numbers_collect");
    assert_eq!(collectors.len(), 2);
    assert!(collectors
        .iter()
        .all(|collector| collector.outcome.is_success()));
    // One block more than a direct join: the collectors run between calls and callback.
    assert_eq!(execution.blocks(), 3);
}

/// 129 callees answering 8 KiB each, the cap of `greeting_lengths`: each collector packs
/// and returns about half a MiB, and the callback reads all of it. Before collectors were
/// sized from their group and cap, they ran out of gas here and every answer was lost.
#[test]
fn answers_at_their_cap_all_arrive_through_the_collectors() {
    const CALLEES: usize = 129;
    const SIZE: usize = 8 * 1024;
    let mut chain = chain(0);
    let misbehaving = wasm::load("misbehaving");
    let mode = format!(r#"{{"mode":"huge","size":{SIZE}}}"#).into_bytes();
    let callees: Vec<String> = (0..CALLEES).map(|i| format!("big{i}.test.near")).collect();
    for callee in &callees {
        chain.deploy(callee, &misbehaving);
        let init = chain.call(Call::new(callee, callee, "new").args(mode.clone()));
        assert!(init.is_success(), "{:?}", init.result());
    }
    let list = callees
        .iter()
        .map(|callee| format!("\"{callee}\""))
        .collect::<Vec<_>>()
        .join(",");
    let args = format!(r#"{{"callees":[{list}]}}"#).into_bytes();
    let execution = chain.call(
        Call::new(USER, LAB, "greeting_lengths")
            .args(args)
            .gas(MAX_GAS),
    );
    let lengths: Vec<Option<usize>> = serde_json::from_str(&value(&execution)).expect("JSON");
    // A JSON string of SIZE bytes, quotes included.
    assert_eq!(lengths, vec![Some(SIZE - 2); CALLEES]);
    let collectors = execution.calls(LAB, "greeting_lengths_collect");
    assert_eq!(collectors.len(), 2);
    for collector in &collectors {
        assert!(collector.outcome.is_success(), "{:?}", collector.outcome);
        assert!(collector.gas_used < collector.gas_attached, "{collector:?}");
    }
    let callback = &execution.calls(LAB, "greeting_lengths_callback")[0];
    assert!(
        callback.logs.is_empty(),
        "no call failed: {:?}",
        callback.logs
    );
    println!(
        "collectors burnt {:?} of {:?}; callback burnt {} of {}",
        collectors.iter().map(|c| c.gas_burnt).collect::<Vec<_>>(),
        collectors
            .iter()
            .map(|c| c.gas_attached)
            .collect::<Vec<_>>(),
        callback.gas_burnt,
        callback.gas_attached,
    );
}

#[test]
fn the_ceiling_works_and_one_more_is_refused_before_anything_is_scheduled() {
    let mut chain = chain(CEILING + 1);
    let execution = numbers(&mut chain, &first(CEILING), MAX_GAS);
    assert_eq!(value(&execution), expected(CEILING));
    assert_eq!(execution.calls(LAB, "numbers_collect").len(), 2);

    let refused = numbers(&mut chain, &first(CEILING + 1), MAX_GAS);
    let failure = refused.result().failure().expect("refused");
    let expected = format!(
        "fan-out `numbers` cannot make a dynamic call of {} items",
        CEILING + 1
    );
    assert!(failure.contains(&expected), "{failure}");
    assert!(
        failure.contains(&format!("enough for {CEILING} calls")),
        "{failure}"
    );
    // Nothing went out: the fan-out's own receipt is the only one.
    assert_eq!(refused.receipts.len(), 1, "{:?}", refused.receipts);
}

#[test]
fn too_little_gas_for_a_short_list_is_refused_with_what_fits() {
    let mut chain = chain(10);
    let execution = numbers(&mut chain, &first(10), 30 * TGAS);
    let failure = execution.result().failure().expect("refused");
    assert!(
        failure.contains("cannot make a dynamic call of 10 items"),
        "{failure}"
    );
    assert!(failure.contains("enough for 1 calls"), "{failure}");
    assert_eq!(execution.receipts.len(), 1);
}

#[test]
fn each_item_fails_on_its_own_and_is_named_in_the_event_by_position() {
    let mut chain = chain(3);
    let missing = "missing.test.near".to_owned();
    let accounts = vec![counter_account(1), missing.clone(), counter_account(2)];
    let execution = numbers(&mut chain, &accounts, 300 * TGAS);
    assert_eq!(value(&execution), "[1,null,2]");
    let logs = &execution.calls(LAB, "numbers_callback")[0].logs;
    assert_eq!(logs.len(), 1, "{logs:?}");
    let entry = format!(
        r#"{{"call":"numbers","item":1,"receiver":"{missing}","method":"get_num","kind":"failed"}}"#
    );
    assert!(logs[0].contains(&entry), "{}", logs[0]);
}

#[test]
fn failures_inside_a_tree_keep_their_places() {
    let mut chain = chain(129);
    let mut accounts = first(129);
    accounts[5] = "gone-5.test.near".to_owned();
    accounts[128] = "gone-128.test.near".to_owned();
    let execution = numbers(&mut chain, &accounts, MAX_GAS);
    let answer: Vec<Option<i8>> = serde_json::from_str(&value(&execution)).expect("JSON");
    assert_eq!(answer.len(), 129);
    for (index, number) in answer.iter().enumerate() {
        let expected = match index {
            5 | 128 => None,
            _ => Some((index % 100) as i8),
        };
        assert_eq!(*number, expected, "item {index}");
    }
    let logs = &execution.calls(LAB, "numbers_callback")[0].logs;
    assert!(logs[0].contains(r#""item":5,"receiver":"gone-5.test.near""#));
    assert!(logs[0].contains(r#""item":128,"receiver":"gone-128.test.near""#));
}

#[test]
fn a_list_beside_a_single_call_takes_fallbacks_per_item() {
    let mut chain = chain(2);
    let accounts = vec![counter_account(1), "gone.test.near".to_owned()];
    let args = list_args(&accounts);
    let execution = chain.call(Call::new(USER, LAB, "greeting_and_numbers").args(args));
    assert_eq!(
        value(&execution),
        r#"["Hello",[["c1.test.near",1],["gone.test.near",-1]]]"#
    );
}

#[test]
fn the_collector_is_private() {
    let mut chain = chain(0);
    let execution = chain.call(Call::new(USER, LAB, "numbers_collect"));
    let failure = execution.result().failure().expect("refused");
    assert!(
        failure.contains("Method numbers_collect is private"),
        "{failure}"
    );
}

#[test]
fn a_required_list_fails_naming_the_item_that_gave_no_answer() {
    let mut chain = chain(0);
    let token = "token.test.near";
    chain.deploy(token, &wasm::load("fungible_token"));
    let init = format!(r#"{{"owner_id":"{USER}","total_supply":"1000"}}"#).into_bytes();
    assert!(chain
        .call(Call::new(token, token, "new").args(init))
        .is_success());
    let balances = |chain: &mut Executor, tokens: &str| {
        let args = format!(r#"{{"account":"{USER}","tokens":[{tokens}]}}"#).into_bytes();
        chain.call(Call::new(USER, LAB, "balances").args(args))
    };

    let both = balances(&mut chain, &format!(r#""{token}","{token}""#));
    assert_eq!(value(&both), r#"["1000","1000"]"#);
    let asked = &both.calls(token, "ft_balance_of")[0];
    assert_eq!(
        asked.args,
        format!(r#"{{"account_id":"{USER}"}}"#).into_bytes()
    );
    assert_eq!(asked.gas_attached, 5 * TGAS);

    let one_gone = balances(&mut chain, &format!(r#""{token}","gone.test.near""#));
    let failure = one_gone.result().failure().expect("a required item failed");
    assert!(
        failure.contains("required call `balances[1]` (ft_balance_of) failed"),
        "{failure}"
    );
}
