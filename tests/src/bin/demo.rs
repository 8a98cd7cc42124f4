//! The demo run: every scenario of every demo on nearcore's VM, printing each answer and
//! the gas it burnt. `scripts/demo.sh` builds the contracts and runs this.

use parallel_tests::scenarios::{self, run_on_executor, Report};
use parallel_tests::wasm;

/// Answers longer than this are shortened on screen (the baseline echoes 20 KiB).
const SHOWN: usize = 200;

fn main() {
    println!(
        "Contracts from {}, run on nearcore's VM (near-vm-runner 0.38, protocol 88)",
        wasm::dir().display()
    );
    let mut demo = "";
    let mut mismatches = 0;
    for scenario in scenarios::all() {
        if scenario.demo != demo {
            demo = scenario.demo;
            println!("\n== {demo}");
        }
        let report = run_on_executor(&scenario);
        let verdict = if report.matches(&scenario.expected) {
            ""
        } else {
            "  <-- NOT AS EXPECTED"
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
    }
    sizes();
    if mismatches > 0 {
        eprintln!("\n{mismatches} scenario(s) did not answer as expected");
        std::process::exit(1);
    }
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
    for name in ["aggregator", "aggregator_by_hand"] {
        let raw = wasm::load(name).len();
        let optimized = std::fs::metadata(wasm::dir().join(format!("{name}.opt.wasm")))
            .map_or_else(
                |_| "not built (scripts/build-wasm.sh --opt)".to_owned(),
                |m| format!("{} bytes", m.len()),
            );
        println!("  {name}: {raw} bytes, after wasm-opt -Oz: {optimized}");
    }
}
