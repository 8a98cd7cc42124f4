//! Unit tests with near-sdk's mocked blockchain: the receipts the fan-out creates, and the
//! summary the callback builds from the results `testing_env!` hands it.

use super::*;
use near_sdk::mock::MockAction;
use near_sdk::serde_json::{self, json, Value};
use near_sdk::test_utils::{get_created_receipts, VMContextBuilder};
use near_sdk::{testing_env, Gas, PromiseResult, RuntimeFeesConfig};

const CONTRACT: &str = "portfolio.test.near";
const USER: &str = "user.test.near";
/// 2025-01-01T00:00:12.345Z, in nanoseconds.
const BLOCK_NS: u64 = 1_735_689_612_345_000_000;

fn account(name: &str) -> AccountId {
    name.parse().unwrap()
}

/// The callback as the runtime runs it after the fan-out, with `results`, as JSON.
fn run_callback(results: Vec<PromiseResult>) -> Value {
    let context = VMContextBuilder::new()
        .current_account_id(account(CONTRACT))
        .predecessor_account_id(account(CONTRACT))
        .block_timestamp(BLOCK_NS)
        .prepaid_gas(Gas::from_tgas(15))
        .build();
    testing_env!(
        context,
        near_sdk::test_vm_config(),
        RuntimeFeesConfig::test(),
        Default::default(),
        results
    );
    let summary = Portfolio::default().get_portfolio_summary_callback(account(USER));
    serde_json::to_value(summary).unwrap()
}

fn ok(json: &str) -> PromiseResult {
    PromiseResult::Successful(json.as_bytes().to_vec())
}

const POSITIONS: &str = r#"{"supplied":"5000","borrowed":"1200"}"#;
const LIQUIDITY: &str = r#"[{"pool":"dusd-usdt","amount":"75"}]"#;

#[test]
fn fan_out_asks_the_three_protocols_then_its_callback() {
    let context = VMContextBuilder::new()
        .current_account_id(account(CONTRACT))
        .prepaid_gas(Gas::from_tgas(300))
        .build();
    testing_env!(context);
    drop(Portfolio::default().get_portfolio_summary(
        account(USER),
        account("token.test.near"),
        account("lending.test.near"),
        account("dex.test.near"),
    ));

    let calls: Vec<(String, String, String, u64)> = get_created_receipts()
        .iter()
        .map(|receipt| match receipt.actions.as_slice() {
            [MockAction::FunctionCallWeight {
                method_name,
                args,
                prepaid_gas,
                ..
            }] => (
                receipt.receiver_id.to_string(),
                String::from_utf8(method_name.clone()).unwrap(),
                String::from_utf8(args.clone()).unwrap(),
                prepaid_gas.as_tgas(),
            ),
            other => panic!("expected one function call, got {other:?}"),
        })
        .collect();
    let asks = r#"{"account_id":"user.test.near"}"#;
    let (callback, calls) = calls.split_last().unwrap();
    assert_eq!(
        calls,
        [
            (
                "token.test.near".into(),
                "ft_balance_of".into(),
                asks.into(),
                5
            ),
            (
                "lending.test.near".into(),
                "get_account_positions".into(),
                asks.into(),
                10
            ),
            (
                "dex.test.near".into(),
                "get_user_liquidity".into(),
                asks.into(),
                8
            ),
        ]
    );
    let (receiver, method, args, tgas) = callback;
    // `callback_gas = 15 Tgas`, plus the reserve for reading three answers of up to 16 KiB.
    let reading = parallel_runtime::gas::read_reserve(3 * 16 * 1024);
    let callback_tgas = near_sdk::Gas::from_tgas(15)
        .saturating_add(reading)
        .as_tgas();
    assert_eq!(
        (receiver.as_str(), method.as_str(), *tgas),
        (CONTRACT, "get_portfolio_summary_callback", callback_tgas)
    );
    // The user account is the context the aggregation mentions; whatever else the macro
    // hands its callback is its own business.
    let args: Value = serde_json::from_str(args).unwrap();
    assert_eq!(args["user_account"], USER);
}

#[test]
fn every_protocol_answered() {
    let summary = run_callback(vec![ok("\"1250\""), ok(POSITIONS), ok(LIQUIDITY)]);
    assert_eq!(
        summary,
        json!({
            "user_account": USER,
            "portfolio": {
                "token_balance": "1250",
                "lending": {"supplied": "5000", "borrowed": "1200"},
                "liquidity_positions": [{"pool": "dusd-usdt", "amount": "75"}],
            },
            "timestamp": 1_735_689_612_345u64,
        })
    );
}

#[test]
fn each_protocol_without_an_answer_gives_its_fallback() {
    let failed = || PromiseResult::Failed;
    let summary = run_callback(vec![failed(), failed(), failed()]);
    assert_eq!(
        summary["portfolio"],
        json!({
            "token_balance": "0",
            "lending": {"supplied": "0", "borrowed": "0"},
            "liquidity_positions": [],
        })
    );
    assert_eq!(summary["user_account"], USER);
    assert_eq!(summary["timestamp"], 1_735_689_612_345u64);
}

#[test]
fn answers_that_do_not_decode_give_the_fallbacks_too() {
    let wrong_shape = r#"{"unexpected":true}"#;
    // A balance as a JSON number is not NEP-141's string; a position without `borrowed`
    // is incomplete.
    let summary = run_callback(vec![
        ok("1250"),
        ok(r#"{"supplied":"5000"}"#),
        ok(wrong_shape),
    ]);
    assert_eq!(
        summary["portfolio"],
        json!({
            "token_balance": "0",
            "lending": {"supplied": "0", "borrowed": "0"},
            "liquidity_positions": [],
        })
    );
}

#[test]
#[should_panic(expected = "`get_portfolio_summary_callback` expects 3 promise results")]
fn callback_refuses_the_wrong_number_of_results() {
    run_callback(vec![ok("\"1250\""), ok(POSITIONS)]);
}
