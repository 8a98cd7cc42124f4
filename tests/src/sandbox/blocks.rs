//! Blocks from the user's call to the aggregated answer, for fan-outs of 1, 3, 10, 50 and
//! 128 parallel calls against the same calls chained one after another, and their section
//! of `BENCHMARKS.md`.
//!
//! Each measurement is a [`Scenario`] like the demo's, so it runs on either backend and is
//! checked the same way; the numbers written down come from a sandbox node. A measurement
//! whose contract does not exist yet is listed with what it needs.

use crate::scenarios::{check, Backend, Deploy, Expected, Scenario, Step};
use serde_json::json;
use std::path::Path;
use std::sync::OnceLock;

/// Where the section starts and ends in `BENCHMARKS.md`; everything else in the file
/// belongs to its other writers.
pub const START: &str = "<!-- sandbox-blocks:start -->";
pub const END: &str = "<!-- sandbox-blocks:end -->";

/// The fan-out sizes measured.
pub const CALLS: [usize; 5] = [1, 3, 10, 50, 128];

const USER: &str = "user.test.near";
const BENCH: &str = "bench.test.near";
const CHAINED: &str = "chained.test.near";
const HELLO: &str = "hello.test.near";
const LAB: &str = "lab.test.near";

/// The gas the user attaches: the protocol's maximum, which 128 calls of 5 Tgas, their
/// receipt fees and the callback need, and 128 chained calls with a callback each.
const MAX_GAS: u64 = 1_000_000_000_000_000;

/// How the calls are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// All at once, joined, then one callback.
    Parallel,
    /// Each started when the previous one answered.
    Chained,
}

impl Style {
    /// The style as a scenario's name says it.
    fn word(self) -> &'static str {
        match self {
            Style::Parallel => "parallel",
            Style::Chained => "chained",
        }
    }
}

/// One measurement: the scenario that makes it, or why it cannot be made yet.
pub struct Probe {
    pub calls: usize,
    pub style: Style,
    pub scenario: Result<Scenario, &'static str>,
}

/// Every measurement, parallel and chained for each size in [`CALLS`].
pub fn probes() -> Vec<Probe> {
    let mut probes = Vec::new();
    for calls in CALLS {
        probes.push(Probe {
            calls,
            style: Style::Parallel,
            scenario: parallel(calls),
        });
        probes.push(Probe {
            calls,
            style: Style::Chained,
            scenario: Ok(chained(calls)),
        });
    }
    probes
}

/// `n` parallel calls: bench-generated's `fan_out_<n>` over `n` counters set to 1, which
/// answers `n`; for one call, fan-out-lab's `greeting_of_first`, as bench-generated has no
/// `fan_out_1`.
fn parallel(calls: usize) -> Result<Scenario, &'static str> {
    let method = match calls {
        1 => return Ok(one_call()),
        3 => "fan_out_3",
        10 => "fan_out_10",
        50 => "fan_out_50",
        128 => "fan_out_128",
        _ => return Err("bench-generated has no fan-out of this size"),
    };
    Ok(over_counters(
        calls,
        Style::Parallel,
        BENCH,
        "bench_generated",
        method,
    ))
}

/// `n` chained calls: chained's `chain` over the same `n` counters as the parallel
/// measurement, each call made in the previous one's callback; it answers `n` too.
fn chained(calls: usize) -> Scenario {
    over_counters(calls, Style::Chained, CHAINED, "chained", "chain")
}

/// `calls` counters set to 1, and at `account` a contract that sums their `get_num`,
/// initialised like bench-generated (`new({"callees": [...]})`); the user calls its `method`
/// with all the gas a transaction may carry, and it must answer `calls`.
fn over_counters(
    calls: usize,
    style: Style,
    account: &'static str,
    wasm: &'static str,
    method: &'static str,
) -> Scenario {
    let counters = &counters()[..calls];
    let mut deploys: Vec<Deploy> = counters
        .iter()
        .map(|&account| Deploy {
            account,
            wasm: "counter",
            init: Some(("increment", json!({"number": 1}))),
        })
        .collect();
    deploys.push(Deploy {
        account,
        wasm,
        init: Some(("new", json!({"callees": counters}))),
    });
    let mut fan_out = Step::new(USER, account, method, json!({}));
    fan_out.gas = MAX_GAS;
    Scenario {
        demo: "blocks",
        implementation: wasm,
        name: format!(
            "{calls} {} call{}",
            style.word(),
            if calls == 1 { "" } else { "s" }
        ),
        deploys,
        setup: Vec::new(),
        fan_out,
        expected: Expected::Answer(json!(calls)),
    }
}

fn one_call() -> Scenario {
    let mut fan_out = Step::new(USER, LAB, "greeting_of_first", json!({}));
    fan_out.gas = MAX_GAS;
    Scenario {
        demo: "blocks",
        implementation: "fan_out_lab",
        name: "1 parallel call".to_owned(),
        deploys: vec![
            Deploy {
                account: HELLO,
                wasm: "hello",
                init: None,
            },
            Deploy {
                account: LAB,
                wasm: "fan_out_lab",
                init: Some(("new", json!({"first": HELLO, "second": HELLO}))),
            },
        ],
        setup: Vec::new(),
        fan_out,
        expected: Expected::Answer(json!("Hello")),
    }
}

/// `counter-0.test.near` to `counter-127.test.near`. Scenario accounts are `&'static str`;
/// these are made once per process.
fn counters() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        (0..CALLS[CALLS.len() - 1])
            .map(|i| &*Box::leak(format!("counter-{i}.test.near").into_boxed_str()))
            .collect()
    })
}

/// What one measurement gave.
pub enum Measured {
    /// Blocks from the user's call to the answer.
    Blocks(u64),
    /// Not made, and why.
    Missing(&'static str),
}

/// Runs every probe that can run on `backend`, checking each answer and its failed
/// receipts as the scenarios are checked.
///
/// # Errors
///
/// The first probe whose answer or receipts were not as expected: its blocks would mean
/// nothing.
pub fn measure(backend: &mut dyn Backend) -> Result<Vec<(Probe, Measured)>, String> {
    let mut rows = Vec::new();
    for probe in probes() {
        let measured = match &probe.scenario {
            Ok(scenario) => {
                let report = backend.run(scenario);
                check(scenario, &report).map_err(|wrong| format!("{}: {wrong}", scenario.name))?;
                Measured::Blocks(report.blocks)
            }
            Err(why) => Measured::Missing(why),
        };
        rows.push((probe, measured));
    }
    Ok(rows)
}

/// The section, markers included, with the measured table.
pub fn section(rows: &[(Probe, Measured)], node: &str) -> String {
    let cell = |calls: usize, style: Style| {
        rows.iter()
            .find(|(probe, _)| probe.calls == calls && probe.style == style)
            .map_or("not measured".to_owned(), |(_, measured)| match measured {
                Measured::Blocks(blocks) => blocks.to_string(),
                Measured::Missing(_) => "no contract yet".to_owned(),
            })
    };
    let mut text = format!("{START}\n{}", HEADING);
    text.push_str(&format!(
        "Measured on {node} with `cargo run -p parallel-tests --bin demo -- --sandbox-blocks`: \
         blocks from the block that included the user's transaction to the block of the \
         receipt that made the answer.\n\n"
    ));
    text.push_str("| calls | parallel (blocks) | chained (blocks) |\n|---|---|---|\n");
    for calls in CALLS {
        text.push_str(&format!(
            "| {calls} | {} | {} |\n",
            cell(calls, Style::Parallel),
            cell(calls, Style::Chained)
        ));
    }
    let mut missing: Vec<&str> = rows
        .iter()
        .filter_map(|(_, measured)| match measured {
            Measured::Missing(why) => Some(*why),
            Measured::Blocks(_) => None,
        })
        .collect();
    missing.dedup();
    for why in missing {
        text.push_str(&format!("\nNot measured: {why}.\n"));
    }
    text.push_str(END);
    text.push('\n');
    text
}

const HEADING: &str = "## Blocks to the answer on a sandbox node\n\n";

/// The section before anything was measured.
pub fn placeholder() -> String {
    format!(
        "{START}\n{HEADING}Not measured yet: no sandbox node on the machines this was built \
         on. With one, run `NEAR_SANDBOX_BIN_PATH=/path/to/neard cargo run -p parallel-tests \
         --bin demo -- --sandbox-blocks`, which rewrites this section. On nearcore's VM, \
         where our executor runs each receipt one block after the one that created it, the \
         same probes take 2 blocks for any number of parallel calls and 2n for n chained \
         calls (`examples/chained`), as `tests/tests/sandbox.rs` asserts.\n{END}\n"
    )
}

/// Puts `section` between the markers of `file`, or at its end when the markers are not
/// there yet; creates the file when it does not exist. The rest is kept byte for byte.
///
/// # Errors
///
/// When the file cannot be read or written, or holds a start marker without an end.
pub fn write_section(file: &Path, section: &str) -> Result<(), String> {
    let old = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => "# Benchmarks\n".to_owned(),
        Err(error) => return Err(format!("cannot read {}: {error}", file.display())),
    };
    let new = splice(&old, section)
        .ok_or_else(|| format!("{} has `{START}` without `{END}` after it", file.display()))?;
    std::fs::write(file, new).map_err(|error| format!("cannot write {}: {error}", file.display()))
}

/// The section in `text`, markers included, if it has one. For another writer of the file
/// to carry the section over when it rewrites the rest.
pub fn section_in(text: &str) -> Option<&str> {
    let start = text.find(START)?;
    let end = start + text[start..].find(END)? + END.len();
    Some(&text[start..end])
}

/// `text` with `section` in place of what stands between the markers (the markers too), or
/// appended after a blank line. `None` when a start marker has no end after it.
pub fn splice(text: &str, section: &str) -> Option<String> {
    let Some(start) = text.find(START) else {
        let separator = if text.ends_with("\n\n") || text.is_empty() {
            ""
        } else if text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        return Some(format!("{text}{separator}{section}"));
    };
    let end = start + text[start..].find(END)? + END.len();
    let rest = text[end..].strip_prefix('\n').unwrap_or(&text[end..]);
    Some(format!("{}{section}{rest}", &text[..start]))
}

/// The probes' scenarios, for running them like the demo's.
pub fn scenarios() -> Vec<Scenario> {
    probes()
        .into_iter()
        .filter_map(|probe| probe.scenario.ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_section_replaces_only_what_is_between_the_markers() {
        let before = format!("# Benchmarks\n\ngas\n\n{START}\nold\n{END}\n\nmore gas\n");
        let after = splice(&before, &format!("{START}\nnew\n{END}\n")).unwrap();
        assert_eq!(
            after,
            format!("# Benchmarks\n\ngas\n\n{START}\nnew\n{END}\n\nmore gas\n")
        );
    }

    #[test]
    fn the_section_is_appended_when_the_file_has_none() {
        let after = splice("# Benchmarks\n\ngas\n", &placeholder()).unwrap();
        assert!(after.starts_with("# Benchmarks\n\ngas\n\n<!-- sandbox-blocks:start -->"));
        assert!(after.ends_with(&format!("{END}\n")));
    }

    #[test]
    fn the_section_can_be_carried_into_a_rewritten_file() {
        let old = format!("# Old\n\n{}", placeholder());
        let kept = section_in(&old).unwrap();
        let new = splice("# New gas numbers\n", kept).unwrap();
        assert_eq!(section_in(&new), Some(kept));
    }

    #[test]
    fn a_start_marker_without_an_end_is_refused() {
        assert_eq!(splice(&format!("{START}\nhalf"), "x"), None);
    }

    #[test]
    fn every_size_is_measured_both_ways_with_all_the_gas() {
        let probes = probes();
        for calls in CALLS {
            for style in [Style::Parallel, Style::Chained] {
                let probe = probes
                    .iter()
                    .find(|probe| probe.calls == calls && probe.style == style)
                    .unwrap_or_else(|| panic!("no {style:?} probe of {calls} calls"));
                let scenario = probe.scenario.as_ref().expect("each size has a contract");
                assert_eq!(scenario.fan_out.gas, MAX_GAS);
            }
        }
    }

    /// The two columns compare only the way the calls are made: the same counters, called
    /// in the same order by a contract initialised alike, summed to the same answer.
    #[test]
    fn chained_calls_sum_the_counters_the_parallel_fan_out_sums() {
        let setup = |scenario: &Scenario| -> Vec<(&str, Option<(&str, Value)>)> {
            let deploys = scenario.deploys.iter();
            deploys
                .map(|deploy| (deploy.account, deploy.init.clone()))
                .collect()
        };
        for calls in CALLS {
            let chained = chained(calls);
            assert_eq!(chained.expected, Expected::Answer(json!(calls)));
            let callees = json!({"callees": &counters()[..calls]});
            assert_eq!(setup(&chained)[calls], (CHAINED, Some(("new", callees))));
            // One parallel call is fan-out-lab's greeting: bench-generated has no fan-out of 1.
            if calls > 1 {
                let parallel = parallel(calls).unwrap();
                assert_eq!(parallel.expected, chained.expected);
                let (parallel, chained) = (setup(&parallel), setup(&chained));
                assert_eq!(parallel[..calls], chained[..calls]);
                assert_eq!(parallel[calls].1, chained[calls].1);
            }
        }
    }
}
