#!/usr/bin/env bash
# One command from a fresh Debian machine with a Swift 6 toolchain on PATH: install what is
# missing, build release binaries, and run ward's main job (`ward check`) on this repository
# with the built-in default policy, then prints the commands that put ward on PATH and into a
# repository. Exits with ward check's status.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/ci/deps.sh"
swift build --package-path "$root" -c release --static-swift-stdlib --product ward >&2
swift build --package-path "$root" -c release --static-swift-stdlib --product ward-git >&2
bin="$(swift build --package-path "$root" -c release --show-bin-path)"
echo "ward: built $bin/ward and $bin/ward-git" >&2
status=0
"$bin/ward" check --cwd "${1:-$root}" || status=$?
# The next step, for a person: ward on PATH (both binaries side by side), then into a repository.
{
    echo
    echo "Next: put ward on PATH and into your repository:"
    echo "  sudo install -m 755 $bin/ward $bin/ward-git /usr/local/bin/"
    echo "  cd /path/to/your/repository && ward install --agent claude && ward doctor"
} >&2
exit "$status"
