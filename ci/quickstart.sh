#!/usr/bin/env bash
# One command from a fresh Debian machine with a Swift 6 toolchain on PATH: install what is
# missing, build release binaries, and run ward's main job (`ward check`) on this repository
# with the built-in default policy. Exits with ward check's status.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/ci/deps.sh"
swift build --package-path "$root" -c release --static-swift-stdlib --product ward >&2
swift build --package-path "$root" -c release --static-swift-stdlib --product ward-git >&2
bin="$(swift build --package-path "$root" -c release --show-bin-path)"
echo "ward: built $bin/ward and $bin/ward-git" >&2
exec "$bin/ward" check --cwd "${1:-$root}"
