#!/usr/bin/env bash
# Runs every benchmark of a build and prints its results: `make bench` calls it.
# Usage: scripts/run-benchmarks.sh BUILD_DIR
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build_dir=$1
spawn_binary="$build_dir/src/spawn/spawn"

for program in "$spawn_binary" "$build_dir/bench/startup_bench" "$build_dir/bench/sign_bench" \
  "$build_dir/bench/localcloud_bench" "$build_dir/bench/launch_bench" \
  "$build_dir/bench/spored_bench"; do
  if [ ! -x "$program" ]; then
    echo "run-benchmarks: $program is missing; build first (make build)" >&2
    exit 1
  fi
done

echo "== start-up: spawn version vs aws --version"
"$build_dir/bench/startup_bench" "$spawn_binary"
echo
echo "== SigV4 signing"
"$build_dir/bench/sign_bench"
echo
echo "== localcloud"
"$build_dir/bench/localcloud_bench"
echo
echo "== spawn launch and list: sequential AWS round trips"
"$build_dir/bench/launch_bench"
echo
echo "== spored (about four minutes: it watches the agent at its default intervals)"
"$build_dir/bench/spored_bench"
