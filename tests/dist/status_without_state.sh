#!/usr/bin/env bash
# `spored status` on a machine where the agent never ran says so and exits 1.
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"

status=0
output=$(run_spored -- status 2>&1) || status=$?
[ "$status" -eq 1 ] || fail "spored status exited $status, expected 1: $output"
grep -q "has not run on this machine" <<<"$output" ||
  fail "spored status did not say the agent has not run: $output"
