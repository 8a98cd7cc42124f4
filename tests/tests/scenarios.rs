//! Every demo scenario on nearcore's VM, with the real wasm: exact answers.

use parallel_tests::scenarios::{self, run_on_executor};

#[test]
fn every_scenario_answers_exactly_as_written_down() {
    let mut wrong = Vec::new();
    for scenario in scenarios::all() {
        let report = run_on_executor(&scenario);
        if !report.matches(&scenario.expected) {
            wrong.push(format!(
                "{} / {} / {}:\n  expected {:?}\n  got      {:?}",
                scenario.demo,
                scenario.implementation,
                scenario.name,
                scenario.expected,
                report.answer
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} scenario(s) answered wrongly:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
