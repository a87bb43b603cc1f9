#!/usr/bin/env bash
# The import-edge check: fails, with one line per violation, when a Swift file imports a module
# its target must not reach. The targets, their kinds, folders and dependencies are read from
# Package.swift at every run, so targets added later are checked without editing this script.
#
# Rules (DESIGN.md §3, issue 8):
#   1. Nothing the front executable (FRONT, `ward`) links, it and every target it depends on
#      directly or transitively, imports or depends on a libgit2 module (LIBGIT2_MODULES).
#   2. A library target never imports an executable target's module.
#   3. Only CGIT2_OWNER (`Git`) imports CGit2, in Sources and in Tests.
#   4. Full Foundation (FULL_FOUNDATION) only in FOUNDATION_ALLOWED targets (TestSupport, the
#      build tool ward-policy-gen) and in test targets; FoundationEssentials is allowed anywhere.
#   5. A target imports only its declared dependencies (a `.product(name: X, …)` dependency
#      allows the module X) and the toolchain's modules (SYSTEM_MODULES), in Sources and Tests.
# Also reported: a folder under Sources/ or Tests/ holding Swift files that is no target's.
#
# Usage: ci/check-imports.sh [PACKAGE_ROOT]   (default: this script's package)
# Exit status: 0 no violations, 1 violations (printed on stdout), 2 Package.swift unreadable.
# Needs only bash, coreutils, grep and awk.
set -euo pipefail

FRONT="ward"
LIBGIT2_MODULES="Git CGit2 CGitStartup"
CGIT2_OWNER="Git"
FULL_FOUNDATION="Foundation FoundationNetworking FoundationXML"
FOUNDATION_ALLOWED="TestSupport ward-policy-gen"
SYSTEM_MODULES="Swift Glibc Musl Darwin WinSDK Android Bionic Dispatch Testing XCTest FoundationEssentials
FoundationInternationalization Synchronization _Concurrency _StringProcessing RegexBuilder Observation"

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$root"
if [ ! -f Package.swift ]; then
    echo "check-imports: no Package.swift in $root" >&2
    exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/check-imports.XXXXXX")"
trap 'rm -f "$work/targets" "$work/imports" "$work/folders"; rmdir "$work"' EXIT

# Stage 1: Package.swift → one line per target: kind TAB name TAB folder TAB dep,dep,…
# Comments are dropped outside strings; the `targets: [` argument of `Package(` is found by its
# nesting depth; each `.kind(` entry at the top of that list is one target.
awk '
function strip_comment(line,    i, c, q, out) {
    q = 0; out = ""
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) {
            if (c == "\\") { out = out c substr(line, i + 1, 1); i++; continue }
            if (c == "\"") q = 0
        } else {
            if (c == "\"") q = 1
            else if (c == "/" && substr(line, i + 1, 1) == "/") break
        }
        out = out c
    }
    return out
}
function trim(s) { sub(/^[ \t\n]+/, "", s); sub(/[ \t\n]+$/, "", s); return s }
function fail(msg) { print "check-imports: Package.swift: " msg > "/dev/stderr"; exit 2 }
# The quoted strings of s, joined by commas.
function strings(s,    out) {
    out = ""
    while (match(s, /"[^"]*"/)) {
        out = out (out == "" ? "" : ",") substr(s, RSTART + 1, RLENGTH - 2)
        s = substr(s, RSTART + RLENGTH)
    }
    return out
}
# One target entry: kind and the text between its parentheses.
function entry(kind, text,    i, c, q, depth, arg, n, args, j, label, value, name, folder, deps) {
    n = 0; depth = 0; q = 0; arg = ""
    for (i = 1; i <= length(text); i++) {
        c = substr(text, i, 1)
        if (q) { if (c == "\\") { arg = arg c; i++; c = substr(text, i, 1) } else if (c == "\"") q = 0 }
        else if (c == "\"") q = 1
        else if (c == "(" || c == "[") depth++
        else if (c == ")" || c == "]") depth--
        else if (c == "," && depth == 0) { args[++n] = arg; arg = ""; continue }
        arg = arg c
    }
    if (trim(arg) != "") args[++n] = arg
    name = ""; folder = ""; deps = ""
    for (j = 1; j <= n; j++) {
        if (!match(args[j], /^[ \t\n]*[A-Za-z_]+[ \t\n]*:/)) continue
        label = trim(substr(args[j], 1, RLENGTH - 1))
        value = trim(substr(args[j], RLENGTH + 1))
        if (label == "name") name = strings(value)
        else if (label == "path") folder = strings(value)
        else if (label == "dependencies") {
            if (substr(value, 1, 1) != "[") fail("the dependencies of a " kind " are not a literal list: " value)
            gsub(/package:[ \t\n]*"[^"]*"/, "", value)
            deps = strings(value)
        }
    }
    if (name == "") fail("a ." kind " without a name")
    if (folder == "") folder = (kind == "testTarget" ? "Tests/" : kind == "plugin" ? "Plugins/" : "Sources/") name
    sub(/\/+$/, "", folder)
    printf "%s\t%s\t%s\t%s\n", kind, name, folder, deps
    found++
}
{ src = src strip_comment($0) "\n" }
END {
    depth = 0; q = 0; list = 0; kind = ""; text = ""
    for (i = 1; i <= length(src); i++) {
        c = substr(src, i, 1)
        if (q) {
            if (c == "\\") { if (kind != "") text = text c substr(src, i + 1, 1); i++; continue }
            if (c == "\"") q = 0
            if (kind != "") text = text c
            continue
        }
        if (c == "\"") { q = 1; if (kind != "") text = text c; continue }
        if (!list && depth == 1 && substr(src, i - 1, 1) !~ /[A-Za-z0-9_]/ && substr(src, i) ~ /^targets[ \t\n]*:[ \t\n]*\[/) {
            match(substr(src, i), /^targets[ \t\n]*:[ \t\n]*\[/)
            i += RLENGTH - 1; depth++; list = depth; continue
        }
        if (list && kind == "" && depth == list && c == "." && match(substr(src, i), /^\.[A-Za-z]+[ \t\n]*\(/)) {
            kind = substr(src, i + 1, RLENGTH - 1); sub(/[ \t\n]*\($/, "", kind)
            i += RLENGTH - 1; depth++; text = ""; continue
        }
        if (c == "(" || c == "[") depth++
        if (c == ")" || c == "]") {
            depth--
            if (kind != "" && depth == list) { entry(kind, text); kind = ""; continue }
            if (list && depth < list) break
        }
        if (kind != "") text = text c
    }
    if (!list) fail("no `targets: [` argument found in Package(...)")
    if (!found) fail("no targets found")
}' Package.swift >"$work/targets" || exit 2

# Stage 2: every import line of every Swift file under Sources/ and Tests/, as FILE:LINE:TEXT.
# Attributes (@testable, @_implementationOnly, @preconcurrency, @_spi(X)), access levels and
# declaration kinds (`import struct Foundation.URL`) are allowed before the module name.
modifiers='([[:space:]]*@[A-Za-z_]+(\([^)]*\))?)*([[:space:]]*(public|package|internal|fileprivate|private|open))?([[:space:]]*@[A-Za-z_]+(\([^)]*\))?)*'
for top in Sources Tests; do
    [ -d "$top" ] || continue
    grep -rnE --include='*.swift' "^${modifiers}[[:space:]]*import[[:space:]]" "$top" || true
done >"$work/imports"
for top in Sources Tests; do
    [ -d "$top" ] || continue
    find "$top" -name '*.swift' -type f
done >"$work/folders"

# Stage 3: the rules.
awk -F'\t' \
    -v front="$FRONT" -v libgit2="$LIBGIT2_MODULES" -v owner="$CGIT2_OWNER" -v full="$FULL_FOUNDATION" \
    -v fallowed="$FOUNDATION_ALLOWED" -v sysmods="$SYSTEM_MODULES" '
function module(name) { gsub(/[^A-Za-z0-9_]/, "_", name); return name }
function words(s, set,    n, a, i) { n = split(s, a, /[ \t\n]+/); for (i = 1; i <= n; i++) if (a[i] != "") set[a[i]] = 1 }
# The target whose folder holds file: the longest folder that is a prefix of its path.
function owner_of(file,    t, best, len) {
    best = ""; len = 0
    for (t in folder) if (index(file, folder[t] "/") == 1 && length(folder[t]) > len) { best = t; len = length(folder[t]) }
    return best
}
# The targets the front links: its dependency closure, with the path that reaches each.
function closure(    changed, t, i, x) {
    words(libgit2, git); words(full, foundation); words(fallowed, fok); words(sysmods, sys)
    if (!(front in kind)) { print "Package.swift:1: the front executable target \"" front "\" is missing"; violations++ }
    via[front] = front; linked[front] = 1; changed = 1
    while (changed) {
        changed = 0
        for (t in linked) for (i = 1; i <= ndeps[t]; i++) {
            x = dep[t, i]
            if (!(x in linked)) { linked[x] = 1; via[x] = via[t] " -> " x; changed = 1 }
        }
    }
    for (t in linked) if ((t in git) || (modname[t] in git)) {
        print "Package.swift:1: " front " links " t " (" via[t] "); the front binary must not reach libgit2"
        violations++
    }
    ready = 1
}
FILENAME == ARGV[1] {
    targets++; kind[$2] = $1; folder[$2] = $3; ndeps[$2] = split($4, d, ",")
    for (i = 1; i <= ndeps[$2]; i++) { dep[$2, i] = d[i]; allowed[$2, module(d[i])] = 1 }
    modname[$2] = module($2);
    if ($1 == "executableTarget") executable[module($2)] = $2
    next
}
FILENAME == ARGV[2] {
    # A Swift file that no target owns: reported once per folder.
    if (!ready) closure()
    if (owner_of($0) == "") {
        top = $0; sub(/\/[^\/]*$/, "", top)
        if (!(top in orphan)) {
            orphan[top] = 1
            print $0 ":1: " top " holds Swift files but is no target'"'"'s folder in Package.swift"
            violations++
        }
    }
    next
}
FILENAME == ARGV[3] {
    # FILE:LINE:TEXT, FILE without colons.
    if (!ready) closure()
    file = $0; sub(/:.*/, "", file)
    rest = substr($0, length(file) + 2); line = rest; sub(/:.*/, "", line)
    text = substr(rest, length(line) + 2)
    sub(/^.*import[ \t]+/, "", text)
    sub(/^(typealias|struct|class|enum|protocol|let|var|func)[ \t]+/, "", text)
    match(text, /^[A-Za-z_][A-Za-z0-9_]*/)
    if (RLENGTH <= 0) next
    m = substr(text, 1, RLENGTH)
    t = owner_of(file)
    if (t == "") next
    where = file ":" line ": "
    if ((t in linked) && (m in git)) {
        print where t " imports " m "; the front binary must not reach libgit2"; violations++
    }
    if (kind[t] == "target" && (m in executable)) {
        print where t " imports " m ", the executable " executable[m] "; a library must not import an executable"
        violations++
    }
    if (m == "CGit2" && t != owner) {
        print where t " imports CGit2; only " owner " may import it"; violations++
    }
    if ((m in foundation) && kind[t] != "testTarget" && !(t in fok)) {
        print where t " imports " m "; full Foundation is only for tests, TestSupport and build tools (FoundationEssentials is allowed)"
        violations++
    }
    if (!(m in sys) && !(m in foundation) && m != modname[t] && !((t, m) in allowed)) {
        print where t " imports " m ", which is not among its dependencies in Package.swift"; violations++
    }
}
END {
    if (!ready) closure()
    if (violations) {
        print "check-imports: " violations " violation" (violations == 1 ? "" : "s") > "/dev/stderr"
        exit 1
    }
    print "check-imports: no violations (" targets " targets)" > "/dev/stderr"
}' "$work/targets" "$work/folders" "$work/imports"
