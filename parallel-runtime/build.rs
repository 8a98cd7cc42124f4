//! Tells the UI test whether this is the toolchain its `.stderr` files were recorded on.
//! rustc rewords its own diagnostics between releases, so on another toolchain the test
//! is ignored (and says why) instead of failing or passing on output nobody read.

use std::process::Command;

/// The `major.minor` of rustc the files in `tests/ui/fail` were recorded and read with.
const RECORDED_WITH: &str = "1.95.";

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ui_toolchain)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=RUSTC");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = Command::new(rustc)
        .arg("-V")
        .output()
        .ok()
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .unwrap_or_default();
    // `rustc 1.95.0 (59807616e 2026-04-14)`; a nightly or beta words things differently.
    let release = version.split_whitespace().nth(1).unwrap_or_default();
    if release.starts_with(RECORDED_WITH) && !release.contains('-') {
        println!("cargo::rustc-cfg=ui_toolchain");
    }
}
