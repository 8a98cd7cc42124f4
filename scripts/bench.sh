#!/usr/bin/env bash
# The benchmark: gas burnt and wasm size of #[parallel_calls] fan-outs against the same
# fan-outs written by hand with near-sdk (carefully, and the reference page's way), on
# nearcore's VM. Builds the contracts it needs, runs tests/src/bin/bench.rs, and writes
# BENCHMARKS.md.
#
# usage: scripts/bench.sh [--quick | --generate]
#
#   (none)      fan-outs of 3, 10, 50 and 128 calls, compile timing; writes BENCHMARKS.md
#   --quick     3 and 128 calls, no timing, writes nothing: what CI runs. Exits non-zero
#               when a gas target is missed or a baseline stops answering like the
#               generated code (gas is deterministic, so this is not a timed test).
#   --generate  rewrites the sources of examples/bench-{generated,page-style,careful}
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-}" in
  "" | --quick) ;;
  --generate)
    exec cargo run --locked --quiet -p parallel-tests --bin bench -- --generate
    ;;
  *)
    echo "usage: scripts/bench.sh [--quick | --generate]" >&2
    exit 2
    ;;
esac

scripts/build-wasm.sh --opt aggregator aggregator-by-hand aggregator-careful \
  bench-generated bench-page-style bench-careful counter hello guestbook misbehaving fan-out-lab
cargo run --locked --quiet -p parallel-tests --bin bench -- "$@"
