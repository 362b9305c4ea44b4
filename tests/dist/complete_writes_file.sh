#!/usr/bin/env bash
# `spored complete --status success` writes the completion file as JSON. The root's /tmp
# is a host folder so the file can be read after the sandbox is gone.
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"
require_tool python3

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

output=$(run_spored --bind "$scratch" /tmp -- complete --file /tmp/done --status success 2>&1) ||
  fail "spored complete failed: $output"
[ -f "$scratch/done" ] || fail "spored complete wrote no /tmp/done: $output"
python3 - "$scratch/done" <<'PYTHON' || fail "/tmp/done is not JSON with status success: $(cat "$scratch/done")"
import json, sys
sys.exit(0 if json.load(open(sys.argv[1])).get("status") == "success" else 1)
PYTHON
