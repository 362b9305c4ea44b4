#!/bin/bash
# shutdown, poweroff, halt (and reboot) inside a localcloud sandbox, where no init
# system runs. Powering off asks localcloud, through this instance's own IMDS
# listener (POST /_localcloud/shutdown, sent with bash's /dev/tcp so no curl is
# needed), to treat it as an instance-initiated shutdown: EC2 stops or terminates
# the instance as its InstanceInitiatedShutdownBehavior says, which kills every
# process here, this one included, so it waits for that. Any time argument
# (`shutdown +5`) acts now. Reboot is not emulated.
set -u
command_name=$(basename "$0")

fail() {
  echo "$command_name: $*" >&2
  exit 1
}

parse_arguments() {
  [ "$command_name" = reboot ] && fail "reboot is not supported by localcloud; stop and start the instance"
  local argument
  for argument in "$@"; do
    case "$argument" in
      -r | --reboot) fail "reboot is not supported by localcloud; stop and start the instance" ;;
      -c) exit 0 ;;  # cancel: no shutdown is ever pending
      -k) exit 0 ;;  # only a wall message
      --help) echo "usage: $command_name [-h|-P|-p|--poweroff] [now|+MINUTES]"; exit 0 ;;
    esac
  done
}

request_power_off() {
  local endpoint="${AWS_EC2_METADATA_SERVICE_ENDPOINT:-}"
  [ -n "$endpoint" ] || fail "AWS_EC2_METADATA_SERVICE_ENDPOINT is not set; cannot reach localcloud"
  local authority="${endpoint#http://}"
  authority="${authority%%/*}"
  exec 3<>"/dev/tcp/${authority%:*}/${authority##*:}" || fail "cannot reach localcloud at $authority"
  printf 'POST /_localcloud/shutdown HTTP/1.1\r\nHost: %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' \
    "$authority" >&3
  local status_line
  read -r status_line <&3
  exec 3<&-
  case "$status_line" in
    "HTTP/1.1 200"*) ;;
    *) fail "localcloud refused the shutdown: $status_line" ;;
  esac
}

parse_arguments "$@"
request_power_off
echo "$command_name: the system is powering off"
exec sleep infinity
