//! Compile-pass and compile-fail tests of `#[parallel_calls]`, with trybuild.
//!
//! `ui/pass`: every supported form compiles, several forms a file to keep the suite fast.
//! `ui/fail`: one mistake a file, with the exact error a user sees in its `.stderr`.
//!
//! Re-record after a deliberate change with `TRYBUILD=overwrite cargo test -p
//! parallel-runtime --test ui`, then read every changed `.stderr` as a user would before
//! committing it: each should show one error, on the token that is wrong, saying what to
//! write instead.

#[test]
#[cfg_attr(
    not(ui_toolchain),
    ignore = "the .stderr files were recorded with rustc 1.95; rustc words errors differently elsewhere"
)]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
