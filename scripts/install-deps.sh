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
  libgtest-dev libgmock-dev libbenchmark-dev gettext python3 awscli bubblewrap
  ca-certificates
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
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

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
