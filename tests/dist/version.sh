#!/usr/bin/env bash
# `spored version` works with nothing around it. SPAWN_VERSION: the project's version.
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"

output=$(run_spored -- version 2>&1) || fail "spored version failed: $output"
[ "$output" = "spored version $SPAWN_VERSION" ] ||
  fail "expected 'spored version $SPAWN_VERSION', got '$output'"
