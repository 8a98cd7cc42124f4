#!/usr/bin/env bash
# Builds and tests the framework against the oldest near-sdk it supports (5.24, where
# `promise_result_checked` arrived), so a user need not upgrade their SDK to adopt it.
#
# A copy of the tracked files goes to target/oldest-sdk/workspace, its lock file is moved
# to near-sdk 5.24.0, and there: the runtime, macro and aggregator tests run, every
# contract is built to wasm, and the demo scenarios run on nearcore's VM with that wasm.
#
# usage: scripts/check-oldest-sdk.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly OLDEST=5.24.0
root=$(pwd)
copy=$root/target/oldest-sdk/workspace

rm -rf "$copy"
mkdir -p "$copy"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy"
cd "$copy"
# near-contract-standards (the portfolio's token) moves in lockstep with near-sdk.
cargo update --quiet -p near-contract-standards --precise "$OLDEST"
cargo update --quiet -p near-sdk --precise "$OLDEST"
echo "near-sdk in the copy: $(cargo pkgid -p near-sdk | sed 's/.*[@#]//')"

# Its own host target dir, kept between runs: the two lock files build different crates.
CARGO_TARGET_DIR=$root/target/oldest-sdk/host \
  cargo test --locked -p parallel-runtime -p parallel-macros -p aggregator

# The wasm build shares the main wasm target dir, so std is not compiled again.
mkdir -p target
ln -sfn "$root/target/wasm" target/wasm
# The contracts the demo scenarios deploy (the benchmark's are left to the newest SDK).
scripts/build-wasm.sh hello counter guestbook misbehaving aggregator aggregator-by-hand \
  portfolio fungible-token lending dex
cd "$root"
PARALLEL_WASM_DIR=$copy/target/near cargo test --locked -p parallel-tests --test scenarios
