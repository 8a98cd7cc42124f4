//! Where a scenario runs, behind one trait, and the one check of what it did.
//!
//! The in-process executor and a NEAR sandbox node (see [`crate::sandbox`]) run the same
//! [`Scenario`]s and hand back the same [`Report`]; [`check`] judges both alike, so the two
//! backends cannot drift apart.

use super::{run_on_executor, Expected, Report, Scenario};
use std::collections::BTreeSet;

/// Something that runs scenarios: the executor, or a sandbox node.
pub trait Backend {
    /// Where the scenarios run, as the demo prints it.
    fn describe(&self) -> String;

    /// Runs `scenario` from fresh accounts.
    ///
    /// # Panics
    ///
    /// When the scenario cannot be set up (a contract's wasm is missing, a setup call fails,
    /// the node stops answering): the run proves nothing then.
    fn run(&mut self, scenario: &Scenario) -> Report;
}

/// nearcore's VM in process: see [`crate::executor`].
#[derive(Clone, Copy, Debug, Default)]
pub struct InProcess;

impl Backend for InProcess {
    fn describe(&self) -> String {
        "nearcore's VM in process (near-vm-runner 0.38, protocol 88)".to_owned()
    }

    fn run(&mut self, scenario: &Scenario) -> Report {
        run_on_executor(scenario)
    }
}

/// Checks what a scenario did: the answer it expects, and exactly the failed receipts it
/// expects. A transaction can succeed while a call inside it failed, so the answer alone
/// proves little: a fallback answers the same whether its call failed or was never made.
///
/// # Errors
///
/// Every way the report differs from the scenario, one per line.
pub fn check(scenario: &Scenario, report: &Report) -> Result<(), String> {
    let mut wrong = Vec::new();
    if !answer_matches(&scenario.expected, report) {
        wrong.push(format!(
            "expected answer {:?}\n  got {:?}",
            scenario.expected, report.answer
        ));
    }
    let expected = expected_failed_receivers(scenario);
    let failed: BTreeSet<&str> = report
        .failed_receipts
        .iter()
        .map(|receipt| failed_receiver(receipt))
        .collect();
    if failed != expected {
        wrong.push(format!(
            "expected failed receipts on {expected:?}\n  got {:?}",
            report.failed_receipts
        ));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n  "))
    }
}

/// The accounts whose receipts must fail: each callee deployed as the `misbehaving`
/// contract in `panic` mode (every scenario calls each of its callees), and the fan-out's
/// own account when the scenario expects the transaction to fail. No other receipt may.
pub fn expected_failed_receivers(scenario: &Scenario) -> BTreeSet<&'static str> {
    let mut accounts: BTreeSet<&'static str> = scenario
        .deploys
        .iter()
        .filter(|deploy| {
            deploy.wasm == "misbehaving"
                && deploy
                    .init
                    .as_ref()
                    .is_some_and(|(_, args)| args["mode"] == "panic")
        })
        .map(|deploy| deploy.account)
        .collect();
    if matches!(scenario.expected, Expected::Failure(_)) {
        accounts.insert(scenario.fan_out.receiver);
    }
    accounts
}

/// The receiver of a failed receipt written as `receiver.method: failure`. Account ids
/// hold no `:` and method names no `.`, so the split is unambiguous.
fn failed_receiver(receipt: &str) -> &str {
    let head = receipt.split_once(": ").map_or(receipt, |(head, _)| head);
    head.rsplit_once('.').map_or(head, |(receiver, _)| receiver)
}

/// The answer as the scenario expects it. Where the answer carries the answering block's
/// timestamp, a node's report gives that block's timestamp and the answer must hold exactly
/// it; the executor's clock is deterministic, so there the table's timestamp is exact.
fn answer_matches(expected: &Expected, report: &Report) -> bool {
    let (
        Expected::AnswerWithTimestamp {
            answer,
            timestamp_ms_at,
        },
        Some(timestamp_ms),
    ) = (expected, report.answer_timestamp_ms)
    else {
        return report.matches(expected);
    };
    let mut want = answer.clone();
    match want.pointer_mut(timestamp_ms_at) {
        Some(slot) => *slot = timestamp_ms.into(),
        None => return false,
    }
    report.answer.as_ref() == Ok(&want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_receiver_is_read_back_from_a_failed_receipt() {
        let line = "hello.test.near.get_greeting: Smart contract panicked: a.b: c";
        assert_eq!(failed_receiver(line), "hello.test.near");
    }
}
