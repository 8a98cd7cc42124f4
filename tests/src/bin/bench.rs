//! The benchmark: gas burnt and wasm size of `#[parallel_calls]` fan-outs against the same
//! fan-outs written by hand, on nearcore's VM. `scripts/bench.sh` builds the contracts and
//! runs this; it writes `BENCHMARKS.md`.
//!
//! usage: bench [--quick | --generate]
//!
//! - no option: every fan-out size, compile timing, writes `BENCHMARKS.md`;
//! - `--quick`: sizes 3 and 128, no timing, writes nothing (what CI runs);
//! - `--generate`: rewrites the benchmark contracts' sources and exits.
//!
//! Exits non-zero when a gas target is missed, a baseline does not answer what the
//! generated code answers, or the committed contract sources are not what the generator
//! writes.

#[path = "../bench/mod.rs"]
mod bench;

use bench::{generate, markdown, report};
use parallel_tests::sandbox::blocks;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Full,
    Quick,
    Generate,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => Mode::Full,
        ["--quick"] => Mode::Quick,
        ["--generate"] => Mode::Generate,
        _ => {
            eprintln!("usage: bench [--quick | --generate]");
            return ExitCode::from(2);
        }
    };
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    match run(mode, &root) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("bench: error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the benchmark; `Ok(false)` when a checked target was missed.
fn run(mode: Mode, root: &std::path::Path) -> Result<bool, String> {
    let sources = generate::sources()?;
    if mode == Mode::Generate {
        for source in &sources {
            let path = generate::path(root, source);
            std::fs::write(&path, &source.text)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            println!("wrote {}", path.display());
        }
        return Ok(true);
    }
    for source in &sources {
        let path = generate::path(root, source);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(source.text.as_str()) {
            return Err(format!(
                "{} is not what the generator writes: run `scripts/bench.sh --generate`",
                path.display()
            ));
        }
    }
    let sizes: &[usize] = if mode == Mode::Quick {
        &[3, 128]
    } else {
        &generate::SIZES
    };
    let results = report::Results::collect(root, sizes, mode == Mode::Full)?;
    let verdicts = report::verdicts(&results);
    print!("{}", report::summary(&results, &verdicts));
    if mode == Mode::Full {
        let path = root.join("BENCHMARKS.md");
        // The sandbox's block counts are another writer's section of the file: carry it over.
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        let kept = blocks::section_in(&old).map_or_else(blocks::placeholder, str::to_owned);
        let text = format!(
            "{}{}\n",
            markdown::document(&results, &verdicts),
            kept.trim_end()
        );
        std::fs::write(&path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(verdicts
        .iter()
        .all(|verdict| verdict.met || !verdict.enforced))
}
