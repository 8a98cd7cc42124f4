//! Every demo scenario on a NEAR sandbox node through near-workspaces 0.24, judged by the
//! same check as on nearcore's VM in process: the exact answer, and exactly the receipts
//! that must fail.
//!
//! The sandbox tests need a node, which cannot be downloaded on this team's machines, so
//! they are ignored by default and counted as such. Where a node exists:
//!
//! ```sh
//! scripts/build-wasm.sh
//! NEAR_SANDBOX_BIN_PATH=/path/to/neard cargo test -p parallel-tests --test sandbox -- --ignored
//! ```
//!
//! Run with `--ignored` and no node, they fail saying what to set; they never download one.
//! The executor tests here run the very same checks on every `cargo test`.

use parallel_tests::sandbox::blocks::{self, Measured, Style};
use parallel_tests::sandbox::Sandbox;
use parallel_tests::scenarios::{self, check, Backend, InProcess, Scenario};

/// Runs every scenario on `backend` and fails listing each one that went wrong.
fn run_all(backend: &mut dyn Backend, scenarios: Vec<Scenario>) {
    let mut wrong = Vec::new();
    for scenario in &scenarios {
        let report = backend.run(scenario);
        if let Err(mismatch) = check(scenario, &report) {
            wrong.push(format!(
                "{} / {} / {}:\n  {mismatch}",
                scenario.demo, scenario.implementation, scenario.name
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} scenario(s) went wrong on {}:\n{}",
        wrong.len(),
        scenarios.len(),
        backend.describe(),
        wrong.join("\n")
    );
}

fn node() -> Sandbox {
    Sandbox::locate().unwrap_or_else(|no_node| panic!("{no_node}"))
}

#[test]
#[ignore = "needs a NEAR sandbox node: set NEAR_SANDBOX_BIN_PATH"]
fn sandbox_every_scenario_answers_and_fails_receipts_as_written_down() {
    run_all(&mut node(), scenarios::all());
}

#[test]
#[ignore = "needs a NEAR sandbox node: set NEAR_SANDBOX_BIN_PATH"]
fn sandbox_block_measurements_answer_as_expected() {
    run_all(&mut node(), blocks::scenarios());
}

#[test]
fn every_scenario_fails_exactly_the_receipts_it_should_on_the_executor() {
    run_all(&mut InProcess, scenarios::all());
}

#[test]
fn the_block_measurements_answer_as_expected_on_the_executor() {
    run_all(&mut InProcess, blocks::scenarios());
}

/// On the executor each receipt runs a block after the one that made it, so a fan-out
/// answers two blocks after the user's call whatever its size, and a chain two blocks per
/// call: chained calls must cost more blocks the more there are, and more than the same
/// calls in parallel from 3 calls on. A node's numbers need not be these, but they must
/// show the same shape, or the table measures something else.
#[test]
fn on_the_executor_chained_calls_take_blocks_in_proportion_and_parallel_ones_do_not() {
    let rows = blocks::measure(&mut InProcess).unwrap_or_else(|wrong| panic!("{wrong}"));
    let blocks_of = |calls: usize, style: Style| {
        let row = rows
            .iter()
            .find(|(probe, _)| probe.calls == calls && probe.style == style);
        match row.map(|(_, measured)| measured) {
            Some(Measured::Blocks(blocks)) => *blocks,
            Some(Measured::Missing(why)) => panic!("{calls} {style:?} calls not measured: {why}"),
            None => panic!("no probe of {calls} {style:?} calls"),
        }
    };
    let mut fewer_calls = None;
    for calls in blocks::CALLS {
        let parallel = blocks_of(calls, Style::Parallel);
        let chained = blocks_of(calls, Style::Chained);
        assert_eq!(parallel, 2, "{calls} parallel calls");
        assert_eq!(chained, 2 * calls as u64, "{calls} chained calls");
        if calls >= 3 {
            assert!(
                chained > parallel,
                "{calls} calls: chained {chained}, parallel {parallel}"
            );
        }
        if let Some((fewer, blocks)) = fewer_calls {
            assert!(
                chained > blocks,
                "{calls} chained calls took {chained} blocks, {fewer} took {blocks}"
            );
        }
        fewer_calls = Some((calls, chained));
    }
}

/// `BENCHMARKS.md` has other writers; each must carry this section over when it rewrites
/// the file (`blocks::section_in` and `blocks::splice` do it), or the block numbers, or
/// the note that they are not measured yet, silently vanish.
#[test]
fn benchmarks_md_keeps_its_sandbox_blocks_section() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../BENCHMARKS.md");
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
    assert!(
        blocks::section_in(&text).is_some(),
        "{} lost its section between `{}` and `{}`",
        file.display(),
        blocks::START,
        blocks::END
    );
}
