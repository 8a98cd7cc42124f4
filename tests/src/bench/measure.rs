//! Runs the benchmark contracts on the in-process executor and records the gas they burn.

use parallel_tests::executor::{Call, Execution, Executor, Outcome, ONE_NEAR};
use parallel_tests::scenarios::{self, Scenario, Step};
use parallel_tests::wasm;
use serde_json::json;

/// The account that signs every benchmark transaction.
const USER: &str = "user.bench.near";

/// The three ways the benchmark's fan-outs are written, by the wasm file of each.
pub const STYLES: [Style; 3] = [
    Style {
        label: "generated",
        wasm: "bench_generated",
    },
    Style {
        label: "careful",
        wasm: "bench_careful",
    },
    Style {
        label: "page style",
        wasm: "bench_page_style",
    },
];

/// One way of writing the fan-outs.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub label: &'static str,
    pub wasm: &'static str,
}

impl Style {
    fn account(&self) -> String {
        format!("{}.bench.near", self.wasm.replace('_', "-"))
    }
}

/// What one fan-out transaction did.
#[derive(Clone, Debug)]
pub struct Run {
    /// Gas burnt by the fan-out method (the transaction's receipt).
    pub fan_out: u64,
    /// Of `fan_out`, what loading the contract's code cost: a matter of its size alone.
    pub fan_out_loading: u64,
    /// Gas the fan-out used: burnt, plus the gas attached to and the fees prepaid for the
    /// receipts it created; what the transaction must at least attach.
    pub fan_out_used: u64,
    /// Gas burnt by the callback, 0 if it did not run.
    pub callback: u64,
    /// The answer's bytes, or why there is none.
    pub answer: Result<Vec<u8>, String>,
    /// Every log line of the transaction.
    pub logs: Vec<String>,
    /// The gas one callee's call burnt, 0 if none ran.
    pub callee: u64,
}

impl Run {
    fn of(execution: &Execution, callback: &str, callee: &str) -> Run {
        let first = &execution.receipts[0];
        let burnt = |method: &str, account: Option<&str>| {
            execution
                .receipts
                .iter()
                .skip(1)
                .find(|r| r.method == method && account.is_none_or(|a| r.receiver == a))
                .map_or(0, |r| r.gas_burnt)
        };
        let answer = match execution.result() {
            Outcome::Value(bytes) => Ok(bytes.clone()),
            Outcome::Failure(text) => Err(text.clone()),
            Outcome::Promise(_) => Err("ended on an unresolved promise".to_owned()),
        };
        Run {
            fan_out: first.gas_burnt,
            fan_out_loading: first.gas_loading,
            fan_out_used: first.gas_used,
            callback: burnt(callback, Some(&first.receiver)),
            answer,
            logs: execution.logs().into_iter().map(str::to_owned).collect(),
            callee: burnt(callee, None),
        }
    }

    /// The answer as text, for messages.
    pub fn answer_text(&self) -> String {
        match &self.answer {
            Ok(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            Err(text) => format!("FAILED: {text}"),
        }
    }
}

/// How the callees of a fan-out behave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callees {
    /// Counters that answer 1 each.
    Answer,
    /// Every callee panics.
    Fail,
}

/// The prepaid gas of a fan-out of `calls`: 300 Tgas, or the 1 PGas cap of a transaction
/// when the calls' 5 Tgas each and their fees need more.
pub fn prepaid_gas(calls: usize) -> u64 {
    if calls > 10 {
        1_000_000_000_000_000
    } else {
        300_000_000_000_000
    }
}

/// A chain with `callees` at the accounts `callee-<i>.bench.near` and the three benchmark
/// contracts, each told to call them.
pub fn bench_chain(callees: Callees) -> Executor {
    let mut chain = Executor::new();
    chain.create_account(USER, 100 * ONE_NEAR);
    let accounts: Vec<String> = (0..128).map(|i| format!("callee-{i}.bench.near")).collect();
    let (wasm, init) = match callees {
        Callees::Answer => (wasm::load("counter"), None),
        Callees::Fail => (wasm::load("misbehaving"), Some(json!({"mode": "panic"}))),
    };
    for account in &accounts {
        chain.deploy(account, &wasm);
        match &init {
            Some(args) => expect_success(
                &mut chain,
                Call::new(USER, account, "new")
                    .args(serde_json::to_vec(args).expect("JSON values encode")),
            ),
            None => expect_success(
                &mut chain,
                Call::new(USER, account, "increment").args(b"{}".to_vec()),
            ),
        }
    }
    for style in STYLES {
        let account = style.account();
        chain.deploy(&account, &wasm::load(style.wasm));
        let args = serde_json::to_vec(&json!({ "callees": accounts })).expect("JSON encodes");
        expect_success(&mut chain, Call::new(USER, &account, "new").args(args));
    }
    chain
}

/// Calls `fan_out_<calls>` of `style` on `chain`.
pub fn fan_out(chain: &mut Executor, style: Style, calls: usize) -> Run {
    let method = format!("fan_out_{calls}");
    let call = Call::new(USER, &style.account(), &method).gas(prepaid_gas(calls));
    Run::of(&chain.call(call), &format!("{method}_callback"), "get_num")
}

fn expect_success(chain: &mut Executor, call: Call) {
    let what = format!("{}.{}", call.receiver, call.method);
    if let Outcome::Failure(text) = chain.call(call).result() {
        panic!("setup call {what} failed: {text}");
    }
}

/// The three implementations of the reference page's aggregator, by wasm file.
pub const AGGREGATORS: [(&str, &str); 3] = [
    ("generated", "aggregator"),
    ("careful", "aggregator_careful"),
    ("page style", "aggregator_by_hand"),
];

/// The demo's scenarios of the `#[parallel_calls]` aggregator.
pub fn aggregator_scenarios() -> Vec<Scenario> {
    scenarios::all()
        .into_iter()
        .filter(|s| s.demo == "multiple_contracts" && s.implementation == "aggregator")
        .collect()
}

/// `scenario` with `wasm` standing where the aggregator stood.
pub fn with_implementation(scenario: &Scenario, wasm: &'static str) -> Scenario {
    let mut scenario = scenario.clone();
    for deploy in &mut scenario.deploys {
        if deploy.wasm == "aggregator" {
            deploy.wasm = wasm;
        }
    }
    scenario.implementation = wasm;
    scenario
}

/// The aggregator scenario in which hello answers a JSON string of `size` bytes.
pub fn hello_answers(size: u64) -> Scenario {
    let every_call_succeeds = aggregator_scenarios()
        .into_iter()
        .find(|s| s.name == "every call succeeds")
        .expect("the demo has an `every call succeeds` scenario");
    let mut scenario = every_call_succeeds;
    let hello = scenario
        .deploys
        .iter_mut()
        .find(|deploy| deploy.wasm == "hello")
        .expect("the scenario deploys hello");
    hello.wasm = "misbehaving";
    hello.init = Some(("new", json!({"mode": "huge", "size": size})));
    scenario.name = format!("hello answers {size} bytes");
    scenario
}

/// Runs a scenario from fresh accounts and records its fan-out.
pub fn run_scenario(scenario: &Scenario) -> Run {
    let mut chain = Executor::new();
    for deploy in &scenario.deploys {
        chain.deploy(deploy.account, &wasm::load(deploy.wasm));
        if let Some((method, args)) = &deploy.init {
            let args = serde_json::to_vec(args).expect("JSON encodes");
            expect_success(
                &mut chain,
                Call::new(deploy.account, deploy.account, method).args(args),
            );
        }
    }
    for step in scenario.setup.iter().chain([&scenario.fan_out]) {
        if !chain.exists(step.signer) {
            chain.create_account(step.signer, 100 * ONE_NEAR);
        }
    }
    for step in &scenario.setup {
        expect_success(&mut chain, call(step));
    }
    let execution = chain.call(call(&scenario.fan_out));
    let callback = format!("{}_callback", scenario.fan_out.method);
    Run::of(&execution, &callback, "get_num")
}

fn call(step: &Step) -> Call {
    Call::new(step.signer, step.receiver, step.method)
        .args(serde_json::to_vec(&step.args).expect("JSON encodes"))
        .gas(step.gas)
        .deposit(step.deposit)
}
