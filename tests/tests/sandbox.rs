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

use parallel_tests::sandbox::{blocks, Sandbox};
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
