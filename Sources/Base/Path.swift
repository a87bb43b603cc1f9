/// Lexical arithmetic on POSIX paths: no file-system access, no symlinks resolved.
///
/// The pure layers cannot resolve symlinks; callers that can (Workspace) resolve first and pass
/// the results. Paths are `String`s with `/` as the only separator: a backslash is an ordinary
/// character. Functions that take a "normalised" path expect what `normalize` returns (absolute,
/// no `.`/`..`, no repeated or trailing slash).
public enum Path {
    /// `path` cleaned lexically: `.`, `..`, repeated and trailing slashes removed; `..` at the
    /// root stays at the root (`/a/../../b` → `/b`). A relative `path` is taken from `/`.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        append(path, to: &parts)
        return absolute(components: parts)
    }

    /// `path` made absolute against `base` when it is relative, then cleaned like `normalize`.
    ///
    /// `base` should be absolute; a relative one is taken from `/`.
    public static func absolute(_ path: String, relativeTo base: String) -> String {
        var parts: [Substring] = []
        if !path.hasPrefix("/") { append(base, to: &parts) }
        append(path, to: &parts)
        return absolute(components: parts)
    }

    /// `/a/b` from `["a", "b"]`, `/` from none; the components are joined as they are.
    ///
    /// A plain loop rather than `joined(separator:)`: on the hook path the first call of that
    /// generic method costs a runtime witness-table search larger than the whole normalisation.
    public static func absolute(components: [Substring]) -> String {
        guard !components.isEmpty else { return "/" }
        var out = ""
        for part in components {
            out += "/"
            out.append(contentsOf: part)
        }
        return out
    }

    /// Adds the components of `path` to `parts`, folding `.` and `..` as it goes.
    private static func append(_ path: String, to parts: inout [Substring]) {
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
    }

    /// Whether the normalised `path` is `root` or below it (everything is within `/`).
    public static func isWithin(_ path: String, _ root: String) -> Bool {
        if root == "/" { return true }
        return path == root || path.hasPrefix(root + "/")
    }

    /// Whether the normalised `path` is strictly below `root`.
    public static func isStrictlyWithin(_ path: String, _ root: String) -> Bool {
        path != root && isWithin(path, root)
    }

    /// The normalised `path` relative to `root` (`src/a.swift`); the empty string for `root`
    /// itself, nil when `path` is not within `root`.
    public static func relative(_ path: String, to root: String) -> String? {
        if path == root { return "" }
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        return String(path.dropFirst(prefix.count))
    }

    /// The last component of any path, trailing slashes ignored (`/usr/bin/git/` → `git`,
    /// `git` → `git`); the empty string for `/`.
    public static func basename(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if let slash = p.lastIndex(of: "/") { return String(p[p.index(after: slash)...]) }
        return String(p)
    }

    /// The parent of a normalised path (`/a/b` → `/a`); the root is its own parent.
    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
