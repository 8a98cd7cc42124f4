//! The reference page's `multiple_contracts`, written by hand with near-sdk alone and the
//! guarantees `#[parallel_calls]` gives, as a careful developer would: the baseline that
//! `examples/aggregator` is measured against for wasm size and gas.
//!
//! It answers exactly what `examples/aggregator` answers, and logs the same failure event:
//!
//! - the callback is private and fails unless it received exactly three results;
//! - each result is read with a cap of 16 KiB, so a huge answer is never copied;
//! - hello's failure is named with its kind (``Hello: call `hello` (get_greeting) failed``);
//!   counter falls back to 0 and guestbook to an empty list;
//! - the call arguments are constant byte literals, and the receivers travel to the
//!   callback in its arguments, for the NEP-297 `calls_failed` event;
//! - the fan-out fails before scheduling anything when the gas left cannot cover the
//!   calls and the callback.

use near_sdk::serde::de::DeserializeOwned;
use near_sdk::serde_json;
use near_sdk::{env, near, AccountId, Gas, NearToken, PanicOnDefault, Promise, PromiseError};
use std::fmt;

/// Gas attached to each of the three calls, as on the page.
pub const CALLEE_GAS: Gas = Gas::from_tgas(5);

/// Gas attached to the callback, as on the page.
pub const CALLBACK_GAS: Gas = Gas::from_tgas(10);

/// The most bytes of an answer the callback reads.
pub const MAX_RESULT_LEN: usize = 16 * 1024;

/// The longest failure event logged, `EVENT_JSON:` included.
const MAX_EVENT_LEN: usize = 4096;

/// A guestbook message, as the guestbook answers it.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostedMessage {
    pub premium: bool,
    pub sender: AccountId,
    pub text: String,
}

/// Why a call gave no usable answer.
#[derive(Debug)]
enum Failure {
    Failed,
    TooLong { len: usize },
    Undecodable { reason: String },
}

impl Failure {
    /// The kind's name in the failure event.
    fn code(&self) -> &'static str {
        match self {
            Failure::Failed => "failed",
            Failure::TooLong { .. } => "too_long",
            Failure::Undecodable { .. } => "undecodable",
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Failed => f.write_str("failed"),
            Failure::TooLong { len } => {
                write!(f, "answered {len} bytes, over its cap of {MAX_RESULT_LEN}")
            }
            Failure::Undecodable { reason } => {
                write!(f, "answered a payload that did not decode: {reason}")
            }
        }
    }
}

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

    /// Calls the three callees at once; their results reach `multiple_contracts_callback`
    /// in this order: 0 hello, 1 counter, 2 guestbook.
    pub fn multiple_contracts(&mut self) -> Promise {
        let needed = CALLEE_GAS.saturating_mul(3).saturating_add(CALLBACK_GAS);
        let left = env::prepaid_gas().saturating_sub(env::used_gas());
        if left < needed {
            env::panic_str(&format!(
                "multiple_contracts needs {} gas for its calls and callback, {} is left",
                needed.as_gas(),
                left.as_gas()
            ));
        }
        let hello = self.hello_account.clone();
        let counter = self.counter_account.clone();
        let guestbook = self.guestbook_account.clone();
        // `{"receivers":"hello,counter,guestbook"}`: account ids need no escaping.
        let mut args = Vec::with_capacity(96);
        args.extend_from_slice(b"{\"receivers\":\"");
        args.extend_from_slice(hello.as_bytes());
        args.push(b',');
        args.extend_from_slice(counter.as_bytes());
        args.push(b',');
        args.extend_from_slice(guestbook.as_bytes());
        args.extend_from_slice(b"\"}");
        let no_deposit = NearToken::from_yoctonear(0);
        let call = |receiver: AccountId, method: &str| {
            Promise::new(receiver).function_call(method, b"{}".to_vec(), no_deposit, CALLEE_GAS)
        };
        call(hello, "get_greeting")
            .and(call(counter, "get_num"))
            .and(call(guestbook, "get_messages"))
            .then(Promise::new(env::current_account_id()).function_call(
                "multiple_contracts_callback",
                args,
                no_deposit,
                CALLBACK_GAS,
            ))
    }

    /// Summarises the three results, e.g. `Hello: Hi, Counter: 3, Messages: 2 total`.
    #[private]
    pub fn multiple_contracts_callback(&mut self, receivers: String) -> String {
        let count = env::promise_results_count();
        if count != 3 {
            env::panic_str(&format!(
                "multiple_contracts_callback expects 3 promise results, got {count}"
            ));
        }
        let hello = read::<String>(0);
        let counter = read::<i8>(1);
        let messages = read::<Vec<PostedMessage>>(2);
        log_failures(
            "multiple_contracts",
            &receivers,
            &[
                ("hello", "get_greeting", hello.as_ref().err()),
                ("counter", "get_num", counter.as_ref().err()),
                ("messages", "get_messages", messages.as_ref().err()),
            ],
        );
        let hello = match hello {
            Ok(greeting) => format!("Hello: {greeting}"),
            Err(failure) => format!("Hello: call `hello` (get_greeting) {failure}"),
        };
        let counter = counter.unwrap_or(0);
        let messages = messages.unwrap_or_default();
        format!(
            "{hello}, Counter: {counter}, Messages: {} total",
            messages.len()
        )
    }
}

/// Result `index`, read with a cap and decoded as JSON.
fn read<T: DeserializeOwned>(index: u64) -> Result<T, Failure> {
    match env::promise_result_checked(index, MAX_RESULT_LEN) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| Failure::Undecodable {
            reason: error.to_string(),
        }),
        Err(PromiseError::TooLong(len)) => Err(Failure::TooLong { len }),
        Err(_) => Err(Failure::Failed),
    }
}

/// Logs the NEP-297 `calls_failed` event when a call failed. Failures that would take the
/// line past `MAX_EVENT_LEN` bytes are counted in `omitted` instead of listed. Call names,
/// methods and account ids need no JSON escaping.
fn log_failures(fan_out: &str, receivers: &str, calls: &[(&str, &str, Option<&Failure>)]) {
    if calls.iter().all(|(_, _, failure)| failure.is_none()) {
        return;
    }
    const TAIL: &str = "],\"omitted\":128}]}";
    let mut line = format!(
        "EVENT_JSON:{{\"standard\":\"parallel_calls\",\"version\":\"1.0.0\",\
         \"event\":\"calls_failed\",\"data\":[{{\"fan_out\":\"{fan_out}\",\"failed\":["
    );
    let (mut listed, mut omitted) = (0, 0);
    let receivers = receivers.split(',').chain(std::iter::repeat(""));
    for ((call, method, failure), receiver) in calls.iter().zip(receivers) {
        let Some(failure) = failure else { continue };
        let comma = if listed == 0 { "" } else { "," };
        let entry = format!(
            "{comma}{{\"call\":\"{call}\",\"receiver\":\"{receiver}\",\
             \"method\":\"{method}\",\"kind\":\"{}\"}}",
            failure.code()
        );
        if line.len() + entry.len() + TAIL.len() <= MAX_EVENT_LEN {
            line.push_str(&entry);
            listed += 1;
        } else {
            omitted += 1;
        }
    }
    line.push_str(&format!("],\"omitted\":{omitted}}}]}}"));
    env::log_str(&line);
}
