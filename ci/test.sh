#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds every product, runs every test
# (unit, corpus, conformance, end-to-end against the built binaries), then a short fuzz run.
# FUZZ_SECONDS (default 20) bounds each fuzz target; FUZZ_SECONDS=0 skips fuzzing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash ci/deps.sh

# The built-in policy is generated from policy/; the build must not be stale.
swift build --product ward-policy-gen
"$(swift build --show-bin-path)/ward-policy-gen" >/dev/null
if ! git diff --quiet -- Sources/Policy/BuiltinPolicy+Generated.swift 2>/dev/null; then
    echo "ward: Sources/Policy/BuiltinPolicy+Generated.swift was stale; it has been regenerated: commit it" >&2
    exit 1
fi

# End-to-end tests run these binaries.
swift build --product ward
swift build --product ward-git
export WARD_BIN_DIR="$(swift build --show-bin-path)"
# A hang fails the run in 40 minutes rather than at CI's limit.
timeout 40m swift test

seconds="${FUZZ_SECONDS:-20}"
if [ "$seconds" != "0" ] && [ -x ci/fuzz/run.sh ]; then
    bash ci/fuzz/run.sh "$seconds"
fi
