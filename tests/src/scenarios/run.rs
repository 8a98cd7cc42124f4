//! Running a scenario on the in-process executor.

use super::{Expected, Scenario, Step};
use crate::executor::{Call, Execution, Executor, Outcome};
use crate::wasm;

/// What each user account starts with: 100 NEAR.
const USER_BALANCE: u128 = 100 * crate::executor::ONE_NEAR;

/// What one scenario did: its answer and where its gas went.
#[derive(Debug)]
pub struct Report {
    /// The answer as JSON, or the failure text.
    pub answer: Result<serde_json::Value, String>,
    /// Gas burnt by the fan-out method itself (the first receipt).
    pub fan_out_gas: u64,
    /// Gas burnt by the callback, the receipt that produced the answer.
    pub callback_gas: u64,
    /// Gas burnt by every receipt of the transaction, callees included.
    pub total_gas: u64,
    /// Blocks from the user's call to the answer.
    pub blocks: u64,
    /// Receipts that failed, as `receiver.method: failure`.
    pub failed_receipts: Vec<String>,
    /// What the callback logged (the failure event, when calls failed).
    pub callback_logs: Vec<String>,
    /// The timestamp of the block the answer was made in, in milliseconds, where the clock
    /// is not the table's: `Some` on a node, `None` on the executor.
    pub answer_timestamp_ms: Option<u64>,
}

impl Report {
    /// Whether the answer is what the scenario expects.
    pub fn matches(&self, expected: &Expected) -> bool {
        match (expected, &self.answer) {
            (Expected::Answer(want), Ok(got)) => want == got,
            // The executor's block clock is deterministic: the timestamp is exact too.
            (Expected::AnswerWithTimestamp { answer, .. }, Ok(got)) => answer == got,
            (Expected::Failure(want), Err(got)) => got.contains(want),
            _ => false,
        }
    }
}

/// Deploys the scenario's contracts on a fresh executor, sets them up, calls the fan-out.
///
/// # Panics
///
/// When a contract's wasm is missing or a setup call fails: the scenario itself is broken.
pub fn run_on_executor(scenario: &Scenario) -> Report {
    let mut chain = Executor::new();
    for deploy in &scenario.deploys {
        chain.deploy(deploy.account, &wasm::load(deploy.wasm));
        if let Some((method, args)) = &deploy.init {
            let init = Step::new(deploy.account, deploy.account, method, args.clone());
            expect_success(&mut chain, &init);
        }
    }
    // Users are plain accounts with money: make each signer that is not a contract.
    for step in scenario.setup.iter().chain([&scenario.fan_out]) {
        if !chain.exists(step.signer) {
            chain.create_account(step.signer, USER_BALANCE);
        }
    }
    for step in &scenario.setup {
        expect_success(&mut chain, step);
    }
    report(&chain.call(call(&scenario.fan_out)))
}

fn call(step: &Step) -> Call {
    Call::new(step.signer, step.receiver, step.method)
        .args(serde_json::to_vec(&step.args).expect("JSON values always encode"))
        .gas(step.gas)
        .deposit(step.deposit)
}

fn expect_success(chain: &mut Executor, step: &Step) {
    let execution = chain.call(call(step));
    if let Outcome::Failure(failure) = execution.result() {
        panic!(
            "setup call {}.{} failed: {failure}",
            step.receiver, step.method
        );
    }
}

fn report(execution: &Execution) -> Report {
    let answer = match execution.result() {
        Outcome::Value(bytes) => serde_json::from_slice(bytes).map_err(|error| {
            format!(
                "answer is not JSON ({error}): {}",
                String::from_utf8_lossy(bytes)
            )
        }),
        Outcome::Failure(failure) => Err(failure.clone()),
        Outcome::Promise(_) => Err("the transaction ended on an unresolved promise".to_owned()),
    };
    let fan_out = &execution.receipts[0];
    // The callback is the fan-out account's own later call.
    let callback =
        execution.receipts.iter().skip(1).find(|receipt| {
            receipt.receiver == fan_out.receiver && receipt.method != fan_out.method
        });
    Report {
        answer,
        fan_out_gas: fan_out.gas_burnt,
        callback_gas: callback.map_or(0, |receipt| receipt.gas_burnt),
        callback_logs: callback.map_or_else(Vec::new, |receipt| receipt.logs.clone()),
        answer_timestamp_ms: None,
        total_gas: execution.total_gas_burnt(),
        blocks: execution.blocks(),
        failed_receipts: execution
            .failures()
            .iter()
            .map(|receipt| {
                format!(
                    "{}.{}: {}",
                    receipt.receiver,
                    receipt.method,
                    receipt.outcome.failure().unwrap_or_default()
                )
            })
            .collect(),
    }
}
