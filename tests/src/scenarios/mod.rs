//! The demo scenarios, as data: which contracts stand at which accounts, what state they
//! start with, which fan-out is called, and the exact answer expected. One table serves
//! the demo run and the tests, so they cannot drift apart.

mod backend;
mod portfolio;
mod reference;
mod run;

pub use backend::{check, expected_failed_receivers, Backend, InProcess};
pub use run::{run_on_executor, Report};

use serde_json::Value;

/// Every scenario of every demo, in the order the demo run prints them.
pub fn all() -> Vec<Scenario> {
    let mut scenarios = reference::scenarios();
    scenarios.extend(portfolio::scenarios());
    scenarios
}

/// A contract put at an account before a scenario runs.
#[derive(Clone, Debug)]
pub struct Deploy {
    pub account: &'static str,
    /// The contract crate's name, as its wasm file is named (`aggregator_by_hand`).
    pub wasm: &'static str,
    /// The init call, if the contract has one: method and JSON arguments.
    pub init: Option<(&'static str, Value)>,
}

/// A function call made by an account, as a transaction.
#[derive(Clone, Debug)]
pub struct Step {
    pub signer: &'static str,
    pub receiver: &'static str,
    pub method: &'static str,
    pub args: Value,
    pub deposit: u128,
    pub gas: u64,
}

/// What the fan-out must answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Expected {
    /// The transaction succeeds with exactly this JSON answer.
    Answer(Value),
    /// The transaction succeeds with this JSON answer, in which the number at JSON pointer
    /// `timestamp_ms_at` is the timestamp of the block the answer was made in (the
    /// callback's), in milliseconds. The executor's clock is deterministic, so there the
    /// whole answer is exact; on a node only the rest is, and the timestamp is checked
    /// against the callback's block.
    AnswerWithTimestamp {
        answer: Value,
        timestamp_ms_at: &'static str,
    },
    /// The transaction fails with a message containing this text.
    Failure(&'static str),
}

/// One run of one fan-out, from fresh accounts.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The fan-out method the scenario exercises, e.g. `multiple_contracts`.
    pub demo: &'static str,
    /// Which contract implements it, e.g. `aggregator` or `aggregator_by_hand`.
    pub implementation: &'static str,
    /// What is special about this run, e.g. `hello fails`.
    pub name: String,
    pub deploys: Vec<Deploy>,
    /// Calls that set the callees' state up, in order; each must succeed.
    pub setup: Vec<Step>,
    /// The call under test.
    pub fan_out: Step,
    pub expected: Expected,
}

impl Step {
    /// A call with no deposit and 300 Tgas.
    pub fn new(
        signer: &'static str,
        receiver: &'static str,
        method: &'static str,
        args: Value,
    ) -> Self {
        Step {
            signer,
            receiver,
            method,
            args,
            deposit: 0,
            gas: 300_000_000_000_000,
        }
    }

    /// The same call with `deposit` yoctoNEAR attached.
    pub fn with_deposit(mut self, deposit: u128) -> Self {
        self.deposit = deposit;
        self
    }
}
