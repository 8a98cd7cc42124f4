#!/usr/bin/env bash
# The tests, as CI runs them (.ci/run calls this): builds the contracts to wasm, runs every
# test of the workspace (runtime unit tests, expansion snapshots, compile-fail suite,
# contract unit tests, the scenarios on nearcore's VM), checks formatting and lints, then
# builds and tests again against the oldest near-sdk we support.
#
# usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n== %s (%s since the start)\n' "$*" "$(date -ud "@$SECONDS" +%Mm%Ss)"; }
trap 'printf "\n== done in %s\n" "$(date -ud "@$SECONDS" +%Mm%Ss)"' EXIT

# A one-off run gains nothing from incremental caches; they only take disk.
export CARGO_INCREMENTAL=0

# A clean run writes about NEED_GB into target/; say so up front rather than fail in a linker.
NEED_GB=12
mkdir -p target
free_gb=$(df -Pk target | awk 'NR == 2 { print int($4 / 1048576) }')
if (( free_gb < NEED_GB )); then
  echo "error: $free_gb GiB free under target/; a clean test run needs about $NEED_GB GiB" >&2
  exit 1
fi

step "host dependencies"
scripts/host-deps.sh

step "contracts to wasm"
scripts/build-wasm.sh --opt

step "formatting"
cargo fmt --all -- --check

step "tests (near-sdk $(cargo pkgid -p near-sdk | sed 's/.*[@#]//'))"
cargo test --workspace --locked

step "ABI, as cargo near abi extracts it (near-sdk's __abi-generate on the host)"
cargo test --locked -p portfolio --features abi --test abi

step "lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "docs (every public item documented, no warnings) and packaging"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps -p parallel-runtime -p parallel-macros \
  --features parallel-runtime/testing
cargo package --locked --no-verify --allow-dirty -p parallel-macros -p parallel-runtime

step "benchmark, quick: gas targets on nearcore's VM (deterministic, not timed)"
scripts/bench.sh --quick

step "oldest supported near-sdk"
scripts/check-oldest-sdk.sh
