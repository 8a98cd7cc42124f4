//! The reference page's `multiple_contracts`: hello, counter and guestbook called at once,
//! by the `#[parallel_calls]` aggregator and by the hand-written baseline, with every
//! failure the demo shows.

use super::{Deploy, Expected, Scenario, Step};
use serde_json::{json, Value};

pub const USER: &str = "user.test.near";
pub const AGGREGATOR: &str = "aggregator.test.near";
pub const HELLO: &str = "hello.test.near";
pub const COUNTER: &str = "counter.test.near";
pub const GUESTBOOK: &str = "guestbook.test.near";

/// 0.01 NEAR, what makes a guestbook message premium.
const PREMIUM: u128 = 10_000_000_000_000_000_000_000;

/// How a callee misbehaves, by the misbehaving contract's modes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Callee {
    Works,
    Panics,
    AnswersGarbage,
    AnswersWrongShape,
    /// Answers a JSON string of 20 KiB, over the default 16 KiB cap.
    AnswersTooMuch,
}

const HUGE_LEN: u64 = 20 * 1024;

/// The runs the demo shows: the page's happy path, each call failing alone, all failing,
/// and the payloads that do not fit.
pub fn scenarios() -> Vec<Scenario> {
    use Callee::*;
    let runs = [
        ("every call succeeds", [Works, Works, Works]),
        ("hello fails", [Panics, Works, Works]),
        ("counter fails", [Works, Panics, Works]),
        ("guestbook fails", [Works, Works, Panics]),
        ("every call fails", [Panics, Panics, Panics]),
        (
            "hello answers a payload that does not decode",
            [AnswersGarbage, Works, Works],
        ),
        (
            "guestbook answers JSON of the wrong shape",
            [Works, Works, AnswersWrongShape],
        ),
        (
            "hello answers more than its cap",
            [AnswersTooMuch, Works, Works],
        ),
    ];
    let mut scenarios = Vec::new();
    for (name, callees) in runs {
        for implementation in ["aggregator", "aggregator_by_hand"] {
            scenarios.push(scenario(name, implementation, callees));
        }
    }
    scenarios
}

fn scenario(name: &str, implementation: &'static str, callees: [Callee; 3]) -> Scenario {
    let [hello, counter, guestbook] = callees;
    let mut deploys = vec![
        callee(HELLO, "hello", hello),
        callee(COUNTER, "counter", counter),
        callee(GUESTBOOK, "guestbook", guestbook),
    ];
    deploys.push(Deploy {
        account: AGGREGATOR,
        wasm: implementation,
        init: Some((
            "new",
            json!({"hello_account": HELLO, "counter_account": COUNTER, "guestbook_account": GUESTBOOK}),
        )),
    });
    let mut setup = Vec::new();
    if counter == Callee::Works {
        setup.push(Step::new(USER, COUNTER, "increment", json!({"number": 5})));
    }
    if guestbook == Callee::Works {
        setup.push(Step::new(
            "alice.test.near",
            GUESTBOOK,
            "add_message",
            json!({"text": "hi"}),
        ));
        setup.push(
            Step::new(
                "bob.test.near",
                GUESTBOOK,
                "add_message",
                json!({"text": "hey"}),
            )
            .with_deposit(PREMIUM),
        );
    }
    let expected = match implementation {
        "aggregator" => ours(callees),
        _ => baseline(callees),
    };
    Scenario {
        demo: "multiple_contracts",
        implementation,
        name: name.to_owned(),
        deploys,
        setup,
        fan_out: Step::new(USER, AGGREGATOR, "multiple_contracts", json!({})),
        expected: Expected::Answer(Value::String(expected)),
    }
}

fn callee(account: &'static str, wasm: &'static str, behaviour: Callee) -> Deploy {
    let mode = match behaviour {
        Callee::Works => {
            return Deploy {
                account,
                wasm,
                init: None,
            }
        }
        Callee::Panics => json!({"mode": "panic"}),
        Callee::AnswersGarbage => json!({"mode": "garbage"}),
        Callee::AnswersWrongShape => json!({"mode": "wrong_shape"}),
        Callee::AnswersTooMuch => json!({"mode": "huge", "size": HUGE_LEN}),
    };
    Deploy {
        account,
        wasm: "misbehaving",
        init: Some(("new", mode)),
    }
}

/// The answer of the `#[parallel_calls]` aggregator: a failed hello is named with its
/// kind; counter and guestbook fall back to `0` and an empty list.
fn ours([hello, counter, guestbook]: [Callee; 3]) -> String {
    let hello = match hello {
        Callee::Works => "Hello: Hello".to_owned(),
        Callee::Panics => "Hello: call `hello` (get_greeting) failed".to_owned(),
        Callee::AnswersGarbage | Callee::AnswersWrongShape => {
            "Hello: call `hello` (get_greeting) answered a payload that did not decode: \
             expected ident at line 1 column 2"
                .to_owned()
        }
        Callee::AnswersTooMuch => format!(
            "Hello: call `hello` (get_greeting) answered {HUGE_LEN} bytes, over its cap of 16384"
        ),
    };
    let counter = if counter == Callee::Works { 5 } else { 0 };
    let messages = if guestbook == Callee::Works { 2 } else { 0 };
    format!("{hello}, Counter: {counter}, Messages: {messages} total")
}

/// The hand-written baseline's answer, the page's way: a failed call is `Contract <i>
/// failed`; an answer that does not decode silently becomes the type's default.
fn baseline([hello, counter, guestbook]: [Callee; 3]) -> String {
    let hello = match hello {
        Callee::Works => "Hello: Hello".to_owned(),
        Callee::Panics => "Contract 0 failed".to_owned(),
        Callee::AnswersTooMuch => format!("Hello: {}", "x".repeat(HUGE_LEN as usize - 2)),
        Callee::AnswersGarbage | Callee::AnswersWrongShape => "Hello: ".to_owned(),
    };
    let counter = match counter {
        Callee::Works => "Counter: 5".to_owned(),
        Callee::Panics => "Contract 1 failed".to_owned(),
        _ => "Counter: 0".to_owned(),
    };
    let messages = match guestbook {
        Callee::Works => "Messages: 2 total".to_owned(),
        Callee::Panics => "Contract 2 failed".to_owned(),
        _ => "Messages: 0 total".to_owned(),
    };
    format!("{hello}, {counter}, {messages}")
}
