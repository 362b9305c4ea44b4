#!/bin/bash
# `make demo`: one real launch on the local cloud, end to end, the way a user runs it.
# An instance boots, installs the agent spawn published, runs a command that greets and
# signals completion; spawn lists it; the agent terminates it after the completion
# delay; cleanup removes the rest; a last check shows that nothing is left.
#
# Everything lives in a folder of its own (DEMO_DIR), so the demo neither uses nor
# changes the user's SSH keys or spawn's data, and it stops its local cloud at the end.
set -euo pipefail

build_dir=${1:-build}
spawn="$build_dir/src/spawn/spawn"
demo_dir=${DEMO_DIR:-${TMPDIR:-/tmp}/spawn-demo}
deadline_seconds=120

if [[ $EUID -ne 0 ]]; then
  echo "make demo runs instances that install spored as root in bubblewrap sandboxes:" >&2
  echo "run it as root (sudo make demo)." >&2
  exit 1
fi

rm -rf "$demo_dir"
mkdir -p "$demo_dir/home"
export HOME="$demo_dir/home" XDG_DATA_HOME="$demo_dir/data" SPAWN_LOCAL=1
export SPAWN_LOCALCLOUD="$build_dir/src/localcloud/spawn-localcloud"
unset AWS_PROFILE AWS_REGION AWS_DEFAULT_REGION
trap '"$spawn" localcloud stop >/dev/null 2>&1 || true' EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "spawn launch"
"$spawn" launch --instance-type t3.micro --name hello-spawn --ttl 30m --completion-delay 20s \
  --command 'echo "Hello from $(hostname), launched by spawn"; spored complete' \
  --yes --output json | tee "$demo_dir/launch.json"
id=$(sed -n 's/.*"instance_id": "\(i-[0-9a-f]*\)".*/\1/p' "$demo_dir/launch.json")

step "spawn list"
"$spawn" list

step "what the command printed on $id"
for ((i = 0; i < deadline_seconds; i++)); do
  greeting=$("$spawn" connect "$id" --command "cat /var/log/spawn-command.log" 2>"$demo_dir/connect.err" || true)
  [[ $greeting == *Hello* ]] && break
  sleep 1
done
echo "${greeting:-(the log of the command could not be read before the instance ended)}"

step "waiting for spored to terminate $id after its completion delay"
for ((i = 0; i < deadline_seconds; i++)); do
  state=$("$spawn" list --state terminated --output json 2>/dev/null |
    sed -n "/\"$id\"/,/}/s/.*\"state\": \"\([a-z-]*\)\".*/\1/p" | head -1)
  [[ $state == terminated ]] && break
  sleep 1
done
[[ $state == terminated ]] || { echo "$id was not terminated after ${deadline_seconds}s" >&2; exit 1; }
echo "$id terminated itself"

# --include-recent: the role this demo created minutes ago goes too (no other launch runs).
step "spawn cleanup --all --include-recent"
"$spawn" cleanup --all --include-recent --yes

step "what is left"
left=$("$spawn" list --output json)
plan=$("$spawn" cleanup --all --include-recent --dry-run)
echo "instances: $left"
echo "$plan"
[[ $left == "[]" ]] || { echo "instances are left" >&2; exit 1; }
[[ $plan == *"Nothing to clean up"* && $plan != *keep* ]] || { echo "resources are left" >&2; exit 1; }
echo "nothing is left: the demo is complete"
