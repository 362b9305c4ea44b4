#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy) over spawn's own sources.
# Usage: scripts/run-clang-tidy.sh BUILD_DIR   (a configured build with compile_commands.json)
# clang-tidy 16 parses GCC 12's C++23 headers once told, as the fuzz build is, that its
# concepts support is complete enough for <expected> (see CMakeLists.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:?usage: $0 BUILD_DIR}
tidy=clang-tidy-16
if ! command -v "$tidy" >/dev/null 2>&1; then
  echo "run-clang-tidy: $tidy is missing (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
if [ ! -f "$build_dir/compile_commands.json" ]; then
  echo "run-clang-tidy: $build_dir/compile_commands.json is missing; configure first (make build)" >&2
  exit 1
fi
mapfile -t sources < <(git ls-files 'src/*.cpp')
printf '%s\n' "${sources[@]}" |
  xargs -P "$(nproc)" -n 4 "$tidy" -p "$build_dir" --quiet \
    --extra-arg=-std=c++2b --extra-arg=-U__cpp_concepts --extra-arg=-D__cpp_concepts=202002L \
    --extra-arg=-Wno-builtin-macro-redefined --extra-arg=-Wno-unknown-warning-option
echo "run-clang-tidy: ${#sources[@]} files checked"
