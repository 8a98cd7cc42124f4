#!/usr/bin/env bash
# build-wasm.sh - build the workspace's NEAR contracts to wasm32-unknown-unknown.
#
# usage: scripts/build-wasm.sh [--opt] [--clean] [PACKAGE...]
#
#   PACKAGE...  build only these packages (their Cargo.toml names); default: every contract,
#               that is every package under examples/ with a cdylib target
#   --opt       also write target/near/<crate_name>.opt.wasm, shrunk by `wasm-opt -Oz`
#   --clean     remove target/wasm first (a clean build)
#
# env:  WASM_OPT=1 is --opt, CLEAN=1 is --clean,
#       WASM_ROUTE=auto|rustup|debian picks the toolchain (auto: rustup if it has the
#       wasm32 target, else Debian's packages)
#
# Output: target/near/<crate_name>.wasm (crate name with `_`), one line per contract with its
# size in bytes.  Exit status is non-zero if the build fails or an output does not validate.
#
# Why it works the way it does:
# - All contracts are built by ONE cargo invocation (`-p a -p b ...`): the standard library
#   (when built from source) and the shared dependencies are compiled once, not per contract.
# - The target dir is target/wasm, apart from the host builds in target/: a wasm build and a
#   host build (`cargo test`) would otherwise keep invalidating each other's artifacts,
#   especially when the wasm build uses a different rustc.
# - Two routes to a wasm toolchain:
#   rustup  when rustup has the wasm32-unknown-unknown target installed (a developer machine
#           with internet: `rustup target add wasm32-unknown-unknown`);
#   debian  otherwise: Debian's rustc-web/cargo-web compile std for wasm from the matching
#           sources in rust-web-src (`-Zbuild-std`), and lld-22 provides the wasm linker.
#           This is what works on machines where rustup cannot download the target.
# - rustflags are `-C link-arg=-s --cfg near`, exactly what `cargo near build` passes:
#   `-s` strips symbols (size); `--cfg near` makes near-sdk (>= 5.27) call the real host
#   functions instead of its pure-Rust fallbacks, so that a panic reaches the caller as a
#   message instead of a bare `unreachable` trap.
# - Outputs are checked with wasm-validate against the feature set nearcore accepts (protocol
#   >= 84: MVP plus sign-ext, mutable globals, saturating float-to-int, bulk memory and
#   reference types; no multi-value, no SIMD).
# - An output is copied only when it changed, so its mtime tells dependants whether to redo
#   work, and wasm-opt reruns only for a changed input: a no-change run takes about a second.
set -euo pipefail

readonly TARGET=wasm32-unknown-unknown
readonly DEBIAN_PACKAGES=(rustc-web cargo-web rust-web-src lld-22 wabt binaryen)
# The three packages built from one Debian source: the std sources must match the compiler.
readonly DEBIAN_MATCHED=(rustc-web cargo-web rust-web-src)
readonly WASM_LD=/usr/bin/wasm-ld-22
# wasm-opt may only use features nearcore accepts; multi-value and SIMD stay off.
readonly WASM_OPT_FEATURES=(--enable-sign-ext --enable-mutable-globals
  --enable-nontrapping-float-to-int --enable-bulk-memory)
readonly VALIDATE_FLAGS=(--disable-simd --disable-multi-value)

die() {
  echo "build-wasm: error: $*" >&2
  exit 1
}
note() { echo "build-wasm: $*" >&2; }

usage() {
  sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" | sed '/^Why it works/,$d'
}

# ------------------------------------------------------------------------------ arguments
opt=${WASM_OPT:-0}
clean=${CLEAN:-0}
route=${WASM_ROUTE:-auto}
wanted=()
for arg in "$@"; do
  case "$arg" in
    --opt) opt=1 ;;
    --clean) clean=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) die "unknown option \`$arg\` (see --help)" ;;
    *) wanted+=("$arg") ;;
  esac
done
case "$route" in
  auto | rustup | debian) ;;
  *) die "WASM_ROUTE must be auto, rustup or debian, not \`$route\`" ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
locked=()
[[ -f Cargo.lock ]] && locked=(--locked)

# ------------------------------------------------------------------------------ toolchain
rustup_has_target() {
  # Asked from the workspace root so that a rust-toolchain file there is taken into account.
  command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx "$TARGET"
}

# Installs what the Debian route needs, in one apt-get call so that matched versions arrive
# together; as root only, since the script must not assume sudo.
ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 ||
    die "rustup has no $TARGET target and this is not a Debian system;" \
      "install the target with \`rustup target add $TARGET\`"
  local missing=() package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  # python3 reads `cargo metadata`; fetch it in the same apt call if it is missing too.
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  ((${#missing[@]} == 0)) && return
  if ((EUID != 0)); then
    die "the Debian wasm toolchain is incomplete; missing packages: ${missing[*]}." \
      "Install them as root: apt-get update && apt-get install --no-install-recommends" \
      "${missing[*]} (or use rustup: rustup target add $TARGET)"
  fi
  note "installing ${missing[*]} with apt-get (once; about 150 MB)"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
    die "apt-get install ${missing[*]} failed"
}

check_debian_versions() {
  local package version first=""
  for package in "${DEBIAN_MATCHED[@]}"; do
    version=$(dpkg-query -W -f='${Version}' "$package")
    [[ -z "$first" ]] && first=$version
    [[ "$version" == "$first" ]] ||
      die "Debian rust packages differ in version ($package is $version, rustc-web is $first);" \
        "upgrade them together: apt-get install --only-upgrade ${DEBIAN_MATCHED[*]}"
  done
  local sysroot
  sysroot=$(/usr/bin/rustc --print sysroot)
  [[ -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ]] ||
    die "std sources not found under $sysroot/lib/rustlib/src (package rust-web-src)"
  [[ -x "$WASM_LD" ]] || die "$WASM_LD not found (package lld-22)"
}

if [[ "$route" == auto ]]; then
  if rustup_has_target; then route=rustup; else route=debian; fi
fi
build_std=()
if [[ "$route" == rustup ]]; then
  rustup_has_target ||
    die "WASM_ROUTE=rustup but rustup has no $TARGET target; run \`rustup target add $TARGET\`"
  CARGO=cargo
  command -v python3 >/dev/null 2>&1 || die "python3 is needed to read \`cargo metadata\`"
else
  ensure_debian_packages
  check_debian_versions
  CARGO=/usr/bin/cargo
  # By full path and pinned: /usr/bin/cargo would otherwise run whatever `rustc` is first on
  # PATH, typically rustup's proxy, whose toolchain has neither a wasm std nor std sources.
  export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
  unset RUSTC_WRAPPER RUSTC_WORKSPACE_WRAPPER RUSTUP_TOOLCHAIN
  # -Zbuild-std is unstable and cargo passes `-Z unstable-options` to every crate; Debian's
  # stable compiler accepts both only with RUSTC_BOOTSTRAP=1.
  export RUSTC_BOOTSTRAP=1
  # Without rust-web-llvm there is no rust-lld, the target's default linker.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$WASM_LD
  build_std=(-Zbuild-std=std,panic_abort)
fi
# Encoded (0x1f-separated) rustflags win over RUSTFLAGS and config files, and with --target
# they reach the contracts and std but not build scripts or proc-macros.
CARGO_ENCODED_RUSTFLAGS=$(printf '%s\x1f' -C link-arg=-s --cfg near)
export CARGO_ENCODED_RUSTFLAGS=${CARGO_ENCODED_RUSTFLAGS%$'\x1f'}

# ------------------------------------------------------------------------------ contracts
# One line per contract package: "<package> <lib target name>"; then "@target <dir>".
metadata=$("$CARGO" metadata --no-deps --format-version 1 "${locked[@]}") ||
  die "cargo metadata failed (see above)"
listing=$(python3 -c '
import json, os, sys
meta = json.load(sys.stdin)
examples = os.path.join(meta["workspace_root"], "examples") + os.sep
for package in meta["packages"]:
    if not package["manifest_path"].startswith(examples):
        continue
    for target in package["targets"]:
        if "cdylib" in target["crate_types"]:
            print(package["name"], target["name"].replace("-", "_"))
print("@target", meta["target_directory"])
' <<<"$metadata")

declare -A lib_of=()
packages=()
target_dir=""
while read -r first second; do
  if [[ "$first" == @target ]]; then
    target_dir=$second
  else
    lib_of[$first]=$second
    packages+=("$first")
  fi
done <<<"$listing"
((${#packages[@]})) || die "no contract packages (cdylib targets) found under examples/"

if ((${#wanted[@]})); then
  for package in "${wanted[@]}"; do
    [[ -n "${lib_of[$package]:-}" ]] ||
      die "\`$package\` is not a contract package under examples/; contracts: ${packages[*]}"
  done
  packages=("${wanted[@]}")
fi

wasm_target_dir=$target_dir/wasm
out_dir=$target_dir/near
if [[ "$clean" == 1 ]]; then
  rm -rf "$wasm_target_dir"
fi
mkdir -p "$out_dir"

# ------------------------------------------------------------------------------ build
selection=()
for package in "${packages[@]}"; do selection+=(-p "$package"); done

if [[ "$route" == debian ]]; then
  note "toolchain: $(/usr/bin/rustc -V) (Debian, std built from source)"
else
  note "toolchain: $(rustc -V) (rustup)"
fi
started=$(date +%s%N)
if ! "$CARGO" build --release --lib --target "$TARGET" --target-dir "$wasm_target_dir" \
  "${locked[@]}" "${build_std[@]}" "${selection[@]}"; then
  die "cargo build failed (see above). If it says Cargo.lock needs updating (a new package" \
    "under examples/, say), run \`cargo update --workspace\` and rerun."
fi
finished=$(date +%s%N)
elapsed_ms=$(((finished - started) / 1000000))
note "cargo build: $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s"

# ------------------------------------------------------------------------------ outputs
validator=""
if command -v wasm-validate >/dev/null 2>&1; then
  validator=wasm-validate
else
  note "wasm-validate not found (package wabt): outputs are not validated"
fi
if [[ "$opt" == 1 ]] && ! command -v wasm-opt >/dev/null 2>&1; then
  die "--opt needs wasm-opt (package binaryen)"
fi

invalid=()
validate() {
  [[ -z "$validator" ]] && return 0
  "$validator" "${VALIDATE_FLAGS[@]}" "$1" || invalid+=("$1")
}

# Copies $1 to $2 unless $2 already has the same bytes, keeping $2's mtime when unchanged.
copy_if_changed() {
  cmp -s "$1" "$2" 2>/dev/null || cp "$1" "$2"
}

for package in "${packages[@]}"; do
  lib=${lib_of[$package]}
  built=$wasm_target_dir/$TARGET/release/$lib.wasm
  [[ -f "$built" ]] || die "cargo reported success but $built is missing"
  wasm=$out_dir/$lib.wasm
  copy_if_changed "$built" "$wasm"
  validate "$wasm"
  line=$(printf '%-24s %9d bytes' "$lib" "$(stat -c %s "$wasm")")
  if [[ "$opt" == 1 ]]; then
    optimized=$out_dir/$lib.opt.wasm
    if [[ ! -f "$optimized" || "$wasm" -nt "$optimized" ]]; then
      wasm-opt -Oz "${WASM_OPT_FEATURES[@]}" "$wasm" -o "$optimized" ||
        die "wasm-opt failed on $wasm"
    fi
    validate "$optimized"
    line+=$(printf '   opt %9d bytes' "$(stat -c %s "$optimized")")
  fi
  echo "$line"
done

if ((${#invalid[@]})); then
  die "not valid for nearcore (${VALIDATE_FLAGS[*]}): ${invalid[*]}"
fi
