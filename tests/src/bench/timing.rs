//! How long the macro makes compiling the aggregator: `cargo check` of `aggregator` and of
//! `aggregator-careful` after touching their source, alternated, median of several runs.

use std::fs::File;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

/// The packages timed, the `#[parallel_calls]` one first.
pub const PACKAGES: [&str; 2] = ["aggregator", "aggregator-careful"];

/// Measured `cargo check` times of each of [`PACKAGES`].
pub struct Timing {
    pub runs: usize,
    pub medians: [Duration; 2],
    pub all: [Vec<Duration>; 2],
}

/// Checks each package `runs` times after touching its `src/lib.rs`, in a target dir of its
/// own (`target/bench-timing`) so that other builds neither wait on it nor slow it down with
/// their lock. A first, untimed check of each builds the dependencies.
pub fn measure(root: &Path, runs: usize) -> Result<Timing, String> {
    for package in PACKAGES {
        check(root, package)?;
    }
    let mut all: [Vec<Duration>; 2] = Default::default();
    for _ in 0..runs {
        for (index, package) in PACKAGES.iter().enumerate() {
            touch(&root.join("examples").join(package).join("src/lib.rs"))?;
            all[index].push(check(root, package)?);
        }
    }
    let medians = [median(&all[0]), median(&all[1])];
    Ok(Timing { runs, medians, all })
}

fn check(root: &Path, package: &str) -> Result<Duration, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = Instant::now();
    let status = Command::new(cargo)
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target/bench-timing"))
        // near-sdk refuses a host build of a contract unless told what it is for.
        .args(["check", "--quiet", "--locked", "--lib", "-p", package])
        .args(["--features", "near-sdk/non-contract-usage"])
        .status()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let elapsed = started.elapsed();
    if !status.success() {
        return Err(format!("cargo check -p {package} failed"));
    }
    Ok(elapsed)
}

/// Sets the file's modification time to now without changing its bytes.
fn touch(path: &Path) -> Result<(), String> {
    File::options()
        .append(true)
        .open(path)
        .and_then(|file| file.set_modified(SystemTime::now()))
        .map_err(|error| format!("cannot touch {}: {error}", path.display()))
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}
