#!/usr/bin/env bash
# Installs what the host-side build needs beyond Rust: the demo binary and the tests link the
# sandbox client (near-workspaces, through near-jsonrpc-client), which links OpenSSL. Called
# by scripts/demo.sh and scripts/test.sh; does nothing when it is already there.
#
# usage: scripts/host-deps.sh
set -euo pipefail

if pkg-config --exists openssl 2>/dev/null; then
  exit 0
fi
install=(apt-get install -y -qq libssl-dev pkg-config)
if [[ $(id -u) -ne 0 ]]; then
  echo "error: OpenSSL's headers and pkg-config are missing; as root, run:" >&2
  echo "  apt-get update && ${install[*]}" >&2
  exit 1
fi
echo "installing libssl-dev and pkg-config"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${install[@]}"
