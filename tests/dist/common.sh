# shellcheck shell=bash
# What the dist tests share. Each test runs one spored binary in an empty root (bwrap's
# fresh tmpfs) holding nothing but the binary at /spored, /proc, /dev and, for arm64,
# qemu: anything the agent needs from the machine it was built on shows up as a failure.
# Every test is called as: <test>.sh <amd64|arm64> <spored binary>
set -euo pipefail

arch=$1
binary=$2

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

require_tool() {
  command -v "$1" >/dev/null || fail "$1 is missing; run scripts/install-deps.sh"
}

require_tool bwrap
require_tool readelf
[ -f "$binary" ] || fail "no spored binary at $binary; build it first (make)"

# No network, no environment, nothing of the host's file system.
sandbox=(--unshare-all --clearenv --proc /proc --dev /dev --ro-bind "$binary" /spored)
launcher=()
case $arch in
  amd64) ;;
  arm64)
    # Started explicitly: binfmt_misc is often not registered inside containers.
    qemu=/usr/bin/qemu-aarch64-static
    [ -x "$qemu" ] || fail "$qemu is missing; run scripts/install-deps.sh"
    sandbox+=(--ro-bind "$qemu" /qemu-aarch64-static)
    launcher=(/qemu-aarch64-static)
    ;;
  *) fail "unknown architecture '$arch' (amd64 or arm64)" ;;
esac

# run_spored [bwrap options...] -- [spored arguments...]
run_spored() {
  local options=()
  while [ "$1" != -- ]; do
    options+=("$1")
    shift
  done
  shift
  bwrap "${sandbox[@]}" "${options[@]}" "${launcher[@]}" /spored "$@"
}
