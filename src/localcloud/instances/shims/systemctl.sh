#!/bin/bash
# systemctl for localcloud sandboxes, where no systemd runs: enough for an agent
# installed as a unit. A unit is /etc/systemd/system/<name>.service (or <name>);
# understood: ExecStart= (the first; the prefixes - @ + ! : are dropped),
# Restart= (always and on-failure restart it), RestartSec= (seconds, default 0.1 as
# systemd), Environment=, EnvironmentFile= and WorkingDirectory=. A started unit
# runs under a supervisor loop in the background; its output goes to
# /var/log/journal/<name>.log (the sandbox's stand-in for the journal) and to the console log. Enabled units are started again at
# every boot (boot.sh). State lives in /var/lib/localcloud/units/:
# <name>.enabled, <name>.supervisor (the loop's pid), <name>.main (the service's pid).
set -u
root="${LOCALCLOUD_ROOT:-}"
# Debian's /usr/sbin/shutdown, poweroff, halt and reboot are links to systemctl, which
# acts by the name it was called by; so does this shim.
case "$(basename "$0")" in
  shutdown | poweroff | halt | reboot) exec "$root/opt/localcloud/bin/$(basename "$0")" "$@" ;;
esac
unit_dir="$root/etc/systemd/system"
state_dir="$root/var/lib/localcloud/units"
console="${LOCALCLOUD_CONSOLE:-/dev/null}"
# How long a stopping service may take after SIGTERM before it gets SIGKILL.
stop_timeout_seconds=10
mkdir -p "$state_dir" "$root/var/log/journal"

unit_name() {
  local name="${1##*/}"
  printf '%s' "${name%.service}"
}

unit_file() {
  local candidate
  for candidate in "$unit_dir/$1.service" "$unit_dir/$1"; do
    if [ -f "$candidate" ]; then
      printf '%s' "$candidate"
      return 0
    fi
  done
  return 1
}

# Every value of Key= in the unit file, one per line.
unit_values() {
  sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*//p" "$1"
}

first_value() {
  unit_values "$1" "$2" | head -n 1
}

pid_in() {
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && printf '%s' "$pid"
}

is_active() {
  pid_in "$state_dir/$1.supervisor" >/dev/null
}

# "5", "5s", "500ms", "2min" -> seconds for sleep.
restart_delay() {
  local value="${1:-}"
  case "$value" in
    "") echo 0.1 ;;
    *ms) awk -v ms="${value%ms}" 'BEGIN { printf "%.3f\n", ms / 1000 }' ;;
    *min) echo $((${value%min} * 60)) ;;
    *s) echo "${value%s}" ;;
    *) echo "$value" ;;
  esac
}

# Runs in its own subshell: exports the unit's environment and execs the command.
run_service() {
  local file=$1 command=$2 line workdir
  while IFS= read -r line; do
    [ -n "$line" ] && eval "export $line"
  done < <(unit_values "$file" Environment)
  while IFS= read -r line; do
    line="${line#-}"
    [ -f "$root$line" ] && set -a && . "$root$line" && set +a
  done < <(unit_values "$file" EnvironmentFile)
  workdir=$(first_value "$file" WorkingDirectory)
  [ -n "$workdir" ] && cd "$root$workdir"
  exec bash -c "exec $command"
}

supervise() {
  local name=$1 file=$2 command=$3 restart=$4 delay=$5 log="$root/var/log/journal/$1.log" main status
  while :; do
    (run_service "$file" "$command") </dev/null > >(tee -a "$log" >>"$console") 2>&1 &
    main=$!
    echo "$main" >"$state_dir/$name.main"
    wait "$main"
    status=$?
    echo "[localcloud] $name.service exited with status $status" >>"$console"
    case "$restart" in
      always) ;;
      on-failure) [ "$status" -ne 0 ] || break ;;
      *) break ;;
    esac
    sleep "$delay"
  done
  rm -f "$state_dir/$name.main" "$state_dir/$name.supervisor"
}

start_unit() {
  local name=$1 file command
  file=$(unit_file "$name") || {
    echo "Failed to start $name.service: Unit $name.service not found." >&2
    return 5
  }
  is_active "$name" && return 0
  command=$(first_value "$file" ExecStart)
  command="${command#[-@+!:]}"
  command="${command#[-@+!:]}"
  [ -n "$command" ] || {
    echo "Failed to start $name.service: the unit has no ExecStart=." >&2
    return 1
  }
  supervise "$name" "$file" "$command" "$(first_value "$file" Restart)" \
    "$(restart_delay "$(first_value "$file" RestartSec)")" </dev/null >/dev/null 2>&1 &
  echo "$!" >"$state_dir/$name.supervisor"
}

wait_gone() {
  timeout "$stop_timeout_seconds" tail --pid="$1" -s 0.05 -f /dev/null || kill -KILL "$1" 2>/dev/null
}

stop_unit() {
  local name=$1 supervisor main
  # The loop goes first so it cannot start the service again.
  if supervisor=$(pid_in "$state_dir/$name.supervisor"); then
    kill -TERM "$supervisor" 2>/dev/null
    wait_gone "$supervisor"
  fi
  if main=$(pid_in "$state_dir/$name.main"); then
    kill -TERM "$main" 2>/dev/null
    wait_gone "$main"
  fi
  rm -f "$state_dir/$name.main" "$state_dir/$name.supervisor"
}

show_status() {
  local name=$1 main
  if is_active "$name"; then
    main=$(pid_in "$state_dir/$name.main") || main="-"
    printf '* %s.service\n     Active: active (running)\n   Main PID: %s\n' "$name" "$main"
  else
    printf '* %s.service\n     Active: inactive (dead)\n' "$name"
  fi
  tail -n 10 "$root/var/log/journal/$name.log" 2>/dev/null
  is_active "$name" || return 3
}

for_each_unit() {
  local action=$1 status=0 unit
  shift
  for unit in "$@"; do
    "$action" "$(unit_name "$unit")" || status=$?
  done
  return "$status"
}

enable_unit() {
  unit_file "$1" >/dev/null || {
    echo "Failed to enable unit: Unit file $1.service does not exist." >&2
    return 1
  }
  touch "$state_dir/$1.enabled"
  [ "$now" = no ] || start_unit "$1"
}

disable_unit() {
  rm -f "$state_dir/$1.enabled"
  [ "$now" = no ] || stop_unit "$1"
}

restart_unit() {
  stop_unit "$1"
  start_unit "$1"
}

print_active() {
  if is_active "$1"; then echo active; else echo inactive; return 3; fi
}

print_enabled() {
  if [ -e "$state_dir/$1.enabled" ]; then echo enabled; else echo disabled; return 1; fi
}

now=no
verb=""
units=()
for argument in "$@"; do
  case "$argument" in
    --now) now=yes ;;
    -*) ;;  # --quiet, --no-pager, --no-block, --system...: nothing to change here
    *) if [ -z "$verb" ]; then verb=$argument; else units+=("$argument"); fi ;;
  esac
done

case "$verb" in
  daemon-reload | daemon-reexec | reset-failed) exit 0 ;;
  start) for_each_unit start_unit "${units[@]}" ;;
  stop) for_each_unit stop_unit "${units[@]}" ;;
  restart | reload-or-restart | try-restart) for_each_unit restart_unit "${units[@]}" ;;
  enable) for_each_unit enable_unit "${units[@]}" ;;
  disable) for_each_unit disable_unit "${units[@]}" ;;
  is-active) for_each_unit print_active "${units[@]}" ;;
  is-enabled) for_each_unit print_enabled "${units[@]}" ;;
  status) for_each_unit show_status "${units[@]}" ;;
  poweroff | halt) exec shutdown -h now ;;
  reboot) exec reboot ;;
  "") echo "systemctl: a command is needed (start, stop, enable, ...)" >&2; exit 1 ;;
  *) echo "Unknown command verb $verb." >&2; exit 1 ;;
esac
