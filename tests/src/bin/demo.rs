//! The demo run: every scenario of every demo on nearcore's VM, printing each answer and
//! the gas it burnt. `scripts/demo.sh` builds the contracts and runs this.
//!
//! `--sandbox` runs the same scenarios on a NEAR sandbox node instead (near-workspaces;
//! `NEAR_SANDBOX_BIN_PATH` names the node). `--sandbox-blocks` measures, on a node, the
//! blocks from the user's call to the answer for 1 to 128 calls, parallel and chained, and
//! writes them into their section of `BENCHMARKS.md`.

use parallel_tests::sandbox::{blocks, Sandbox};
use parallel_tests::scenarios::{self, check, Backend, InProcess, Report};
use parallel_tests::wasm;

/// Answers longer than this are shortened on screen (the baseline echoes 20 KiB).
const SHOWN: usize = 400;

const USAGE: &str = "usage: demo [--sandbox | --sandbox-blocks]";

fn main() {
    let option = std::env::args().nth(1);
    let mut backend: Box<dyn Backend> = match option.as_deref() {
        None => Box::new(InProcess),
        Some("--sandbox") => Box::new(sandbox()),
        Some("--sandbox-blocks") => return measure_blocks(),
        Some(other) => {
            eprintln!("unknown option `{other}`; {USAGE}");
            std::process::exit(2);
        }
    };
    println!(
        "Contracts from {}, run on {}",
        wasm::dir().display(),
        backend.describe()
    );
    let mut demo = "";
    let mut mismatches = 0;
    for scenario in scenarios::all() {
        if scenario.demo != demo {
            demo = scenario.demo;
            println!("\n== {demo}");
        }
        let report = backend.run(&scenario);
        let verdict = match check(&scenario, &report) {
            Ok(()) => String::new(),
            Err(wrong) => format!("  <-- NOT AS EXPECTED:\n  {wrong}"),
        };
        mismatches += usize::from(!verdict.is_empty());
        println!("\n{} [{}]{verdict}", scenario.name, scenario.implementation);
        println!("  answer: {}", shorten(&answer_text(&report)));
        println!(
            "  gas: fan-out {}, callback {}, all receipts {}; {} blocks",
            tgas(report.fan_out_gas),
            tgas(report.callback_gas),
            tgas(report.total_gas),
            report.blocks
        );
        for failure in &report.failed_receipts {
            println!("  failed receipt: {}", shorten(failure));
        }
        for log in &report.callback_logs {
            println!("  callback log: {}", shorten(log));
        }
    }
    sizes();
    if mismatches > 0 {
        eprintln!("\n{mismatches} scenario(s) did not answer as expected");
        std::process::exit(1);
    }
}

/// The sandbox backend, or the reason there is none, and exit.
fn sandbox() -> Sandbox {
    Sandbox::locate().unwrap_or_else(|no_node| {
        eprintln!("{no_node}");
        std::process::exit(1);
    })
}

/// Blocks to the answer on a node, printed and written into `BENCHMARKS.md`.
fn measure_blocks() {
    let mut node = sandbox();
    println!("Blocks to the answer on {}", node.describe());
    let rows = blocks::measure(&mut node).unwrap_or_else(|wrong| {
        eprintln!("a measurement did not answer as expected, nothing written: {wrong}");
        std::process::exit(1);
    });
    let section = blocks::section(&rows, "a NEAR sandbox node through near-workspaces 0.24");
    print!("\n{section}");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../BENCHMARKS.md");
    if let Err(error) = blocks::write_section(&file, &section) {
        eprintln!("{error}");
        std::process::exit(1);
    }
    println!("\nwritten to {}", file.display());
}

fn answer_text(report: &Report) -> String {
    match &report.answer {
        Ok(serde_json::Value::String(text)) => text.clone(),
        Ok(value) => value.to_string(),
        Err(failure) => format!("FAILED: {failure}"),
    }
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}... ({} bytes in all)", &text[..cut], text.len()),
        None => text.to_owned(),
    }
}

fn tgas(gas: u64) -> String {
    format!("{:.3} Tgas", gas as f64 / 1e12)
}

fn sizes() {
    println!("\n== wasm sizes");
    for name in ["aggregator", "aggregator_by_hand", "portfolio"] {
        let raw = wasm::load(name).len();
        let optimized = std::fs::metadata(wasm::dir().join(format!("{name}.opt.wasm")))
            .map_or_else(
                |_| "not built (scripts/build-wasm.sh --opt)".to_owned(),
                |m| format!("{} bytes", m.len()),
            );
        println!("  {name}: {raw} bytes, after wasm-opt -Oz: {optimized}");
    }
}
