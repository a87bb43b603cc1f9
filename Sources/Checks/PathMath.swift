/// Lexical path arithmetic on absolute POSIX paths: no file-system access.
///
/// The pure layers cannot resolve symlinks; callers that can (Workspace) pass resolved roots.
public enum PathMath {
    /// Joins `path` to `cwd` when relative and removes `.`, `..` and repeated slashes.
    public static func normalize(_ path: String, cwd: String) -> String {
        let full = path.hasPrefix("/") ? path : cwd + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `path` is `root` or below it.
    public static func isWithin(_ path: String, _ root: String) -> Bool {
        if root == "/" { return true }
        return path == root || path.hasPrefix(root + "/")
    }

    /// Whether `path` is strictly below `root`.
    public static func isStrictlyWithin(_ path: String, _ root: String) -> Bool {
        path != root && isWithin(path, root)
    }

    /// `path` relative to `root`, or nil when it is not within it.
    public static func relative(_ path: String, to root: String) -> String? {
        if path == root { return "" }
        if root == "/" { return String(path.dropFirst()) }
        guard path.hasPrefix(root + "/") else { return nil }
        return String(path.dropFirst(root.count + 1))
    }

    /// The last component of a path (`/usr/bin/git` → `git`).
    public static func basename(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if let slash = p.lastIndex(of: "/") { return String(p[p.index(after: slash)...]) }
        return String(p)
    }
}

/// Glob matching for policy patterns: `*` within a segment, `**` across segments, `?` one character.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        match(Array(pattern.utf8), 0, Array(text.utf8), 0)
    }

    private static func match(_ p: [UInt8], _ pi: Int, _ t: [UInt8], _ ti: Int) -> Bool {
        var pi = pi
        var ti = ti
        while pi < p.count {
            let c = p[pi]
            if c == 0x2A {  // *
                let double = pi + 1 < p.count && p[pi + 1] == 0x2A
                var next = pi + (double ? 2 : 1)
                if double, next < p.count, p[next] == 0x2F { next += 1 }  // "**/" also matches nothing
                if next == p.count { return double || !t[ti...].contains(0x2F) }
                var k = ti
                while k <= t.count {
                    if match(p, next, t, k) { return true }
                    if k == t.count || (!double && t[k] == 0x2F) { break }
                    k += 1
                }
                return false
            }
            guard ti < t.count else { return false }
            if c == 0x3F {
                if t[ti] == 0x2F { return false }
            } else if c != t[ti] {
                return false
            }
            pi += 1
            ti += 1
        }
        return ti == t.count
    }
}
