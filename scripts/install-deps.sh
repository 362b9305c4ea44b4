#!/usr/bin/env bash
# Installs every Debian package that spawn's build, tests and benchmarks need.
# Idempotent and quick when everything is present: it asks dpkg first and only
# calls apt-get for what is missing. Runs as root, or through sudo when available.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build make pkg-config clang-format clang-16 libclang-rt-16-dev clang-tidy-16
  # libraries
  libboost-dev libssl-dev nlohmann-json3-dev libpugixml-dev libcli11-dev libyaml-cpp-dev
  libfmt-dev libsqlite3-dev libcpp-httplib-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev gettext python3 awscli bubblewrap curl
  ca-certificates openssh-client openssl
  # spored for arm64 (cmake/AgentArm64.cmake) and the test that runs it under qemu
  g++-aarch64-linux-gnu libssl-dev:arm64 libpugixml-dev:arm64 libfmt-dev:arm64 qemu-user-static
)
native=$(dpkg --print-architecture)

# dpkg-query answers for every architecture's copy of a package under its bare name,
# so the architecture is checked too: a bare name means this machine's own (or "all").
is_installed() {
  local name=${1%%:*} architectures="$native|all"
  if [[ $1 == *:* ]]; then
    architectures=${1#*:}
  fi
  local statuses
  statuses=$(dpkg-query -W -f='${Status} ${Architecture}\n' "$name" 2>/dev/null) || return 1
  grep -Eqx "install ok installed ($architectures)" <<<"$statuses"
}

missing=()
for package in "${packages[@]}"; do
  if ! is_installed "$package"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run this script as root, or install them with: apt-get install ${missing[*]}" >&2
  exit 1
fi

# The :arm64 packages come from Debian's multiarch archive once dpkg knows the architecture.
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  "${sudo[@]}" dpkg --add-architecture arm64
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
