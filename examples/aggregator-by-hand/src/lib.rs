//! The parallel-execution page's Rust `multiple_contracts`, written by hand with near-sdk alone.
//!
//! This is the baseline that the framework's generated fan-out is measured against, so it does
//! what the page does and nothing more: three calls joined with `and`, one callback that reads
//! the results by index. The one deliberate difference is that the guestbook's answer is decoded
//! as a list of arbitrary JSON values, so that a list of message objects is counted correctly
//! (the page decodes it as `Vec<String>`, which fails on objects and reports 0).
//!
//! JSON interface:
//! - `new({"hello_account": "...", "counter_account": "...", "guestbook_account": "..."})`;
//! - `multiple_contracts()` calls `get_greeting`, `get_num` and `get_messages` on those
//!   accounts at once and answers what `multiple_contracts_callback` answers, a JSON string
//!   such as `"Hello: Hi, Counter: 3, Messages: 2 total"`, where a failed call reads
//!   `Contract <index> failed`.

use near_sdk::serde_json::{self, json, Value};
use near_sdk::{env, near, AccountId, Gas, NearToken, PanicOnDefault, Promise, PromiseResult};

/// Gas attached to each of the three calls, as on the page.
pub const CALLEE_GAS: Gas = Gas::from_tgas(5);

/// Gas attached to the callback, as on the page.
pub const CALLBACK_GAS: Gas = Gas::from_tgas(10);

/// Contract state: the three accounts to call.
#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Contract {
    hello_account: AccountId,
    counter_account: AccountId,
    guestbook_account: AccountId,
}

#[near]
impl Contract {
    /// Remembers which accounts `multiple_contracts` calls.
    #[init]
    pub fn new(
        hello_account: AccountId,
        counter_account: AccountId,
        guestbook_account: AccountId,
    ) -> Self {
        Self {
            hello_account,
            counter_account,
            guestbook_account,
        }
    }

    /// Calls the three callees at once; their results arrive in `multiple_contracts_callback`
    /// in this order: 0 hello, 1 counter, 2 guestbook.
    pub fn multiple_contracts(&mut self) -> Promise {
        let no_deposit = NearToken::from_yoctonear(0);
        let hello = Promise::new(self.hello_account.clone()).function_call(
            "get_greeting",
            json!({}).to_string().into_bytes(),
            no_deposit,
            CALLEE_GAS,
        );
        let counter = Promise::new(self.counter_account.clone()).function_call(
            "get_num",
            json!({}).to_string().into_bytes(),
            no_deposit,
            CALLEE_GAS,
        );
        let guestbook = Promise::new(self.guestbook_account.clone()).function_call(
            "get_messages",
            json!({}).to_string().into_bytes(),
            no_deposit,
            CALLEE_GAS,
        );
        let callback = Promise::new(env::current_account_id()).function_call(
            "multiple_contracts_callback",
            json!({}).to_string().into_bytes(),
            no_deposit,
            CALLBACK_GAS,
        );
        hello.and(counter).and(guestbook).then(callback)
    }

    /// Summarises the three results, e.g. `Hello: Hi, Counter: 3, Messages: 2 total`.
    ///
    /// An answer that does not decode is reported as the type's default (empty greeting,
    /// counter 0, no messages), as on the page.
    #[private]
    pub fn multiple_contracts_callback(&mut self) -> String {
        let mut parts = Vec::with_capacity(3);
        for index in 0..3 {
            // This baseline reads results the page's way: `promise_result` copies the whole
            // answer into memory however large it is (unbounded), which is why near-sdk 5.24
            // deprecated it in favour of `promise_result_checked`.
            #[allow(deprecated)]
            let result = env::promise_result(index);
            match result {
                PromiseResult::Successful(bytes) => parts.push(describe(index, &bytes)),
                PromiseResult::Failed => parts.push(format!("Contract {index} failed")),
            }
        }
        parts.join(", ")
    }
}

/// One callee's part of the summary, from its successful answer.
fn describe(index: u64, bytes: &[u8]) -> String {
    match index {
        0 => {
            let greeting: String = serde_json::from_slice(bytes).unwrap_or_default();
            format!("Hello: {greeting}")
        }
        1 => {
            let number: i8 = serde_json::from_slice(bytes).unwrap_or(0);
            format!("Counter: {number}")
        }
        _ => {
            let messages: Vec<Value> = serde_json::from_slice(bytes).unwrap_or_default();
            format!("Messages: {} total", messages.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use near_sdk::mock::{MockAction, Receipt};
    use near_sdk::test_utils::{accounts, get_created_receipts, VMContextBuilder};
    use near_sdk::{test_vm_config, testing_env, RuntimeFeesConfig};

    fn aggregator() -> AccountId {
        "aggregator.near".parse().unwrap()
    }

    fn contract() -> Contract {
        Contract::new(accounts(0), accounts(1), accounts(2))
    }

    // `#[private]` is enforced by the exported wasm wrapper, which unit tests do not run, so a
    // foreign caller can only be tried against the built wasm.

    /// Runs the callback as the runtime would: called by the contract itself, with `results`.
    fn callback_with(results: Vec<PromiseResult>) -> String {
        let context = VMContextBuilder::new()
            .current_account_id(aggregator())
            .predecessor_account_id(aggregator())
            .build();
        testing_env!(
            context,
            test_vm_config(),
            RuntimeFeesConfig::test(),
            Default::default(),
            results
        );
        contract().multiple_contracts_callback()
    }

    fn ok(json: &str) -> PromiseResult {
        PromiseResult::Successful(json.as_bytes().to_vec())
    }

    #[test]
    fn schedules_three_calls_and_a_callback_that_waits_for_them() {
        testing_env!(VMContextBuilder::new()
            .current_account_id(aggregator())
            .build());
        drop(contract().multiple_contracts());

        let receipts = get_created_receipts();
        let calls: Vec<_> = receipts
            .iter()
            .map(|receipt| {
                let [MockAction::FunctionCallWeight {
                    method_name,
                    args,
                    attached_deposit,
                    prepaid_gas,
                    ..
                }] = receipt.actions.as_slice()
                else {
                    panic!(
                        "expected one function call per receipt, got {:?}",
                        receipt.actions
                    );
                };
                assert_eq!(args, b"{}");
                assert_eq!(*attached_deposit, NearToken::from_yoctonear(0));
                (
                    receipt.receiver_id.to_string(),
                    String::from_utf8(method_name.clone()).unwrap(),
                    *prepaid_gas,
                )
            })
            .collect();
        let call = |account: &str, method: &str, gas| (account.to_owned(), method.to_owned(), gas);
        assert_eq!(
            calls,
            vec![
                call("alice", "get_greeting", CALLEE_GAS),
                call("bob", "get_num", CALLEE_GAS),
                call("charlie", "get_messages", CALLEE_GAS),
                call(
                    "aggregator.near",
                    "multiple_contracts_callback",
                    CALLBACK_GAS
                ),
            ]
        );
        // The three calls depend on nothing; the callback waits for all three. A receipt's own
        // index is the one its actions carry.
        let own_index = |receipt: &Receipt| receipt.actions[0].receipt_index().unwrap();
        assert!(receipts[..3]
            .iter()
            .all(|receipt| receipt.receipt_indices.is_empty()));
        let awaited: Vec<_> = receipts[..3].iter().map(own_index).collect();
        assert_eq!(receipts[3].receipt_indices, awaited);
    }

    #[test]
    fn summarises_three_successes() {
        let summary = callback_with(vec![
            ok(r#""Hello""#),
            ok("-3"),
            ok(
                r#"[{"premium":false,"sender":"bob","text":"hi"},{"premium":true,"sender":"carol","text":"yo"}]"#,
            ),
        ]);
        assert_eq!(summary, "Hello: Hello, Counter: -3, Messages: 2 total");
    }

    #[test]
    fn reports_each_failure_by_index() {
        let summary = callback_with(vec![PromiseResult::Failed, ok("7"), PromiseResult::Failed]);
        assert_eq!(summary, "Contract 0 failed, Counter: 7, Contract 2 failed");
    }

    #[test]
    fn answers_that_do_not_decode_become_defaults() {
        let summary = callback_with(vec![ok("not json {"), ok(r#"{"unexpected":true}"#), ok("")]);
        assert_eq!(summary, "Hello: , Counter: 0, Messages: 0 total");
    }
}
