#!/usr/bin/env bash
# Installs what ward needs to build on Debian/Ubuntu: libgit2's headers and pkg-config.
# Extra package names may be given (the benchmarks add hyperfine). Idempotent and quiet when
# everything is already there.
set -euo pipefail

need=(libgit2-dev pkg-config "$@")
missing=()
for pkg in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ward: missing ${missing[*]} and no apt-get here; install them with your package manager" >&2
    exit 2
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "ward: installing ${missing[*]}" >&2
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
