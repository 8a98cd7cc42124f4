#!/usr/bin/env bash
# The demo run: builds the demo contracts to wasm (installing the toolchain when it is
# missing), then runs every demo scenario on nearcore's VM, in process, printing each
# answer and the gas it burnt.
#
# usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/host-deps.sh
scripts/build-wasm.sh --opt
# Not --quiet: the first build of nearcore's VM takes many minutes, and should be seen.
cargo run --locked -p parallel-tests --bin demo
