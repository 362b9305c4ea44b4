#!/usr/bin/env bash
# The binary is for the right machine and fully static: no program interpreter
# (ld-linux) and no shared library it needs at run time.
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"

case $arch in
  amd64) machine="Advanced Micro Devices X86-64" ;;
  arm64) machine=AArch64 ;;
esac

header=$(readelf -h "$binary") || fail "$binary is not an ELF file"
grep -Eq "Machine: +$machine\$" <<<"$header" ||
  fail "$binary is not built for $machine: $(grep Machine: <<<"$header")"

program_headers=$(readelf -lW "$binary")
if grep -q INTERP <<<"$program_headers"; then
  fail "$binary asks for a program interpreter (dynamically linked)"
fi

dynamic_section=$(readelf -dW "$binary")
if grep -q "(NEEDED)" <<<"$dynamic_section"; then
  fail "$binary needs shared libraries: $(grep "(NEEDED)" <<<"$dynamic_section")"
fi
