#!/bin/bash
# Boots a localcloud instance the way cloud-init and systemd would on EC2. Written
# into the sandbox by spawn-localcloud (/var/lib/localcloud/boot.sh) at every boot;
# its output is the instance's console log.
#
# The rule for user-data, as cloud-init's scripts-user module has it: user-data runs
# on the first boot only. Every boot (the first one too) runs the executables in
# /var/lib/cloud/scripts/per-boot/ in name order, as cloud-init's scripts-per-boot
# does, before user-data; a script that must run at every boot puts a copy of itself
# there. Units enabled through the systemctl shim start at every boot, before both.
#
# Set by localcloud: LOCALCLOUD_ROOT (the instance's root folder as seen from here:
# "" inside bubblewrap, the folder itself in the plain-process fallback),
# LOCALCLOUD_CONSOLE (the console log) and LOCALCLOUD_BOOT_MODE (first or again).
set -u
root="${LOCALCLOUD_ROOT:-}"
cloud="$root/var/lib/cloud"

say() { printf '[localcloud] %s\n' "$*"; }

start_enabled_units() {
  local marker
  for marker in "$root"/var/lib/localcloud/units/*.enabled; do
    [ -e "$marker" ] || continue
    systemctl start "$(basename "$marker" .enabled)"
  done
}

run_per_boot_scripts() {
  local script
  for script in "$cloud"/scripts/per-boot/*; do
    [ -f "$script" ] && [ -x "$script" ] || continue
    say "running per-boot script $(basename "$script")"
    "$script" || say "per-boot script $(basename "$script") exited with status $?"
  done
}

# cloud-init copies the script to instance/scripts/part-001 and executes it, so its
# own #! line picks the interpreter (bash for the usual #!/bin/bash).
run_user_data() {
  local user_data="$cloud/instance/user-data.txt" part="$cloud/instance/scripts/part-001"
  if [ "$(head -c 2 "$user_data" 2>/dev/null)" != '#!' ]; then
    say "no user-data script to run"
    return
  fi
  cp "$user_data" "$part" && chmod 700 "$part"
  say "running user-data"
  "$part" || say "user-data exited with status $?"
}

cd "${root:-/}" || exit 1
say "booting (${LOCALCLOUD_BOOT_MODE:-first} boot)"
start_enabled_units
run_per_boot_scripts
if [ "${LOCALCLOUD_BOOT_MODE:-first}" = first ]; then
  run_user_data
fi
say "boot finished"
# The instance stays up (and its background processes with it) until localcloud stops it.
exec sleep infinity
