//! Where the demo contracts' wasm is: `target/near/`, written by `scripts/build-wasm.sh`.

use std::path::PathBuf;

/// The folder holding the built contracts; `PARALLEL_WASM_DIR` overrides it.
pub fn dir() -> PathBuf {
    match std::env::var_os("PARALLEL_WASM_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/near"),
    }
}

/// The wasm of contract crate `name` (with `_`, e.g. `aggregator_by_hand`).
///
/// # Panics
///
/// When the file is missing, saying how to build it: a test without its contract must
/// fail, never pass.
pub fn load(name: &str) -> Vec<u8> {
    let path = dir().join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read {}: {error}; build the contracts with scripts/build-wasm.sh",
            path.display()
        )
    })
}
