#!/usr/bin/env bash
# Builds and runs ward's libFuzzer targets; exits non-zero if any input crashes, hangs or leaks.
#
#   ci/fuzz/run.sh [SECONDS]          each target runs SECONDS (default 30)
#   WARD_FUZZ_TARGETS="guard"         run only some targets (guard, hooks)
#   WARD_FUZZ_OUT=DIR                 build and corpus directory (default ci/fuzz/out, ignored by git)
#
# Targets:
#   guard   Shell.Parser.parse + CommandGuard(policy: .builtin).evaluate     (ci/fuzz/GuardFuzz.swift)
#   hooks   JSONParser (JSON and JSON5) + HookDecoder.decode for every Agent (ci/fuzz/HooksFuzz.swift)
#
# Each target is compiled with `swiftc -sanitize=fuzzer,address -parse-as-library` straight from
# Sources/, all files of the libraries it needs as ONE module: no SwiftPM product is involved.
# Because the libraries import each other (`public import Policy`, `internal import Shell`…), and a
# single-module build has no such modules, the sources are copied to OUT/src-TARGET and those import
# lines are deleted with sed; nothing else is changed. System imports (Glibc…) stay.
#
# The hooks target includes Sources/AgentHooks (with Shell, Checks and Workspace) only when it
# declares `HookDecoder`; otherwise it fuzzes the JSON layer alone and the summary says so.
#
# Findings are written to OUT/artifacts/ (crash-*, timeout-*, leak-*, oom-*); reproduce one with
#   SWIFT_BACKTRACE=enable=no ci/fuzz/out/guard-fuzz ci/fuzz/out/artifacts/guard-crash-…
# and shrink it with `-minimize_crash=1 -runs=10000`.
set -euo pipefail

seconds="${1:-30}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${WARD_FUZZ_OUT:-$root/ci/fuzz/out}"
targets="${WARD_FUZZ_TARGETS:-guard hooks}"
swiftc="${SWIFTC:-swiftc}"
export SWIFT_BACKTRACE=enable=no  # otherwise every crash waits for the symbolicating backtracer

mkdir -p "$out/artifacts"

# The import lines of ward's own modules, which a single-module build must not have.
strip_imports='/^[[:space:]]*((@_implementationOnly|@testable|@preconcurrency|public|package|internal|private|fileprivate)[[:space:]]+)*import[[:space:]]+(Base|Shell|Policy|Findings|Checks|Workspace|AgentHooks)[[:space:]]*(\/\/.*)?$/d'

# build NAME ENTRY_FILE "MODULES" [SWIFTC FLAGS…]: compiles OUT/NAME-fuzz unless its inputs are unchanged.
build() {
    local name="$1" entry="$2" modules="$3"
    shift 3
    local src="$out/src-$name"
    rm -rf "$src"
    mkdir -p "$src"
    local m
    for m in $modules; do
        # Flattened: a module's file names are unique anyway (swiftc rejects duplicates).
        find "$root/Sources/$m" -name '*.swift' -exec cp {} "$src/" \;
    done
    sed -i -E "$strip_imports" "$src"/*.swift
    cp "$root/ci/fuzz/$entry" "$src/"
    local stamp
    stamp="$(cat "$src"/*.swift | cksum) $* $("$swiftc" --version 2>&1 | head -1)"
    if [[ -x "$out/$name-fuzz" && -f "$out/$name.stamp" && "$(cat "$out/$name.stamp")" == "$stamp" ]]; then
        return 0
    fi
    echo "fuzz: building $name-fuzz from $modules" >&2
    # ld.gold warns about every local ASan symbol it cannot export; that noise is dropped.
    # Base declares two glibc functions with @_extern(c) (see Package.swift).
    if ! "$swiftc" -sanitize=fuzzer,address -parse-as-library -O -g -enable-experimental-feature Extern \
        -module-name "Fuzz_$name" "$@" \
        "$src"/*.swift -o "$out/$name-fuzz" 2> >(grep -v "Cannot export local symbol" >&2); then
        return 1
    fi
    echo "$stamp" > "$out/$name.stamp"
}

# Seed corpora: committed seeds plus ../shared/corpora/guard-commands.jsonl when it is there.
rm -rf "$out/seeds"
if ! swift "$root/ci/fuzz/make-seeds.swift" "$root" "$out/seeds" >&2; then
    echo "fuzz: seed generator failed; using the committed seeds only" >&2
    mkdir -p "$out/seeds"
    cp -r "$root/ci/fuzz/seeds/guard" "$root/ci/fuzz/seeds/hooks" "$out/seeds/"
fi

status=0
summaries=()
for target in $targets; do
    note=""
    case "$target" in
    guard)
        build guard GuardFuzz.swift "Base Shell Policy Findings Checks" || { status=1; summaries+=("fuzz guard: BUILD FAILED"); continue; }
        dict="$root/ci/fuzz/shell.dict"
        ;;
    hooks)
        if grep -qsE '(enum|struct)[[:space:]]+HookDecoder\b' "$root/Sources/AgentHooks/"*.swift; then
            build hooks HooksFuzz.swift "Base Shell Policy Findings Checks Workspace AgentHooks" -D WARD_FUZZ_HOOK_DECODER \
                || { status=1; summaries+=("fuzz hooks: BUILD FAILED"); continue; }
            note="JSONParser + HookDecoder for every Agent"
        else
            build hooks HooksFuzz.swift "Policy" || { status=1; summaries+=("fuzz hooks: BUILD FAILED"); continue; }
            note="JSONParser only: Sources/AgentHooks has no HookDecoder yet"
        fi
        dict="$root/ci/fuzz/hooks.dict"
        ;;
    *)
        echo "fuzz: unknown target '$target' (guard, hooks)" >&2
        exit 2
        ;;
    esac
    corpus="$out/corpus-$target"
    mkdir -p "$corpus"
    log="$out/$target.log"
    before="$(ls "$out/artifacts" | grep -c "^$target-" || true)"
    set +e
    "$out/$target-fuzz" -max_len=4096 -timeout=5 -rss_limit_mb=2048 -max_total_time="$seconds" \
        -print_final_stats=1 -dict="$dict" -artifact_prefix="$out/artifacts/$target-" \
        "$corpus" "$out/seeds/$target" > "$log" 2>&1
    code=$?
    set -e
    after="$(ls "$out/artifacts" | grep -c "^$target-" || true)"
    runs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')"
    cov="$(grep -oE '(cov|ft): [0-9]+' "$log" | tail -2 | tr '\n' ' ' || true)"
    size="$(ls "$corpus" | wc -l)"
    if [[ $code -ne 0 || $after -gt $before ]]; then
        status=1
        artifact="$(ls -t "$out/artifacts" | grep "^$target-" | head -1 || true)"
        kind="$(grep -oE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z-]+' "$log" | head -1 || true)"
        summaries+=("fuzz $target: FAIL (exit $code${kind:+, $kind}) after $runs runs; input: $out/artifacts/$artifact; log: $log")
    else
        summaries+=("fuzz $target: OK ${runs} runs in ${seconds}s, ${cov}corpus $size${note:+; $note}")
    fi
done

printf '%s\n' "${summaries[@]}"
exit $status
