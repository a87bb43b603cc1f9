/// A glob with gitignore's semantics, for scope lists (DESIGN.md §6).
///
/// - A pattern without a slash (a trailing one aside) matches a name at any depth.
/// - A pattern with a slash is anchored to the repository root; a leading `/` only anchors.
/// - `*` and `?` stay within one path segment; `[a-z]`, `[!x]` are character classes.
/// - `**` as a whole segment spans any number of segments, none included: `**/x`, `a/**`,
///   `a/**/b`. Elsewhere it is a plain `*`.
/// - A trailing `/` matches directories only (and so everything below them).
/// - A leading `!` re-includes what an earlier pattern of the same list matched; `\!` and `\#`
///   start a pattern with those characters.
public struct ScopePattern: Sendable, Equatable {
    public let source: String
    public let negated: Bool
    let directoryOnly: Bool
    let anchored: Bool
    let segments: [[UInt8]]

    public init(_ text: String) throws(ScopePatternError) {
        source = text
        var bytes = Array(text.utf8)
        // Trailing blanks are dropped unless escaped, as in .gitignore.
        while let last = bytes.last, last == 0x20, !(bytes.count >= 2 && bytes[bytes.count - 2] == 0x5C) {
            bytes.removeLast()
        }
        guard !bytes.isEmpty else {
            throw ScopePatternError(pattern: text, message: "an empty pattern matches nothing")
        }
        var negated = false
        if bytes[0] == 0x21 {  // !
            negated = true
            bytes.removeFirst()
        } else if bytes.count >= 2, bytes[0] == 0x5C, bytes[1] == 0x21 || bytes[1] == 0x23 {
            bytes.removeFirst()
        } else if bytes[0] == 0x23 {
            throw ScopePatternError(
                pattern: text,
                message: "a pattern starting with '#' is a comment in .gitignore; write \\# for a literal #")
        }
        var directoryOnly = false
        while bytes.count > 1, bytes.last == 0x2F {
            directoryOnly = true
            bytes.removeLast()
        }
        guard !bytes.isEmpty, bytes != [0x2F] else {
            throw ScopePatternError(pattern: text, message: "a pattern needs a name, not only '/'")
        }
        let anchored = bytes.contains(0x2F)
        if bytes.first == 0x2F { bytes.removeFirst() }
        let segments = bytes.split(separator: 0x2F, omittingEmptySubsequences: true).map(Array.init)
        for segment in segments {
            if segment == [0x2E, 0x2E] || segment == [0x2E] {
                throw ScopePatternError(
                    pattern: text,
                    message: "'.' and '..' segments are not allowed; write the path from the repository root")
            }
            try Self.validateClasses(segment, pattern: text)
        }
        self.negated = negated
        self.directoryOnly = directoryOnly
        self.anchored = anchored
        self.segments = segments
    }

    private static func validateClasses(_ segment: [UInt8], pattern: String) throws(ScopePatternError) {
        var i = 0
        while i < segment.count {
            if segment[i] == 0x5C {
                i += 2
                continue
            }
            if segment[i] == 0x5B {
                var j = i + 1
                if j < segment.count, segment[j] == 0x21 || segment[j] == 0x5E { j += 1 }
                if j < segment.count, segment[j] == 0x5D { j += 1 }
                while j < segment.count, segment[j] != 0x5D { j += 1 }
                if j >= segment.count {
                    throw ScopePatternError(pattern: pattern, message: "'[' is not closed by ']'")
                }
                i = j + 1
                continue
            }
            i += 1
        }
    }

    /// Whether the pattern matches this path itself (relative to the root, `/`-separated).
    /// `isDirectory` says whether the path names a directory.
    public func matchesExactly(_ path: [[UInt8]], isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        if !anchored {
            guard let last = path.last else { return false }
            return Self.matchSegment(segments[0], 0, last, 0)
        }
        return Self.matchSegments(segments, 0, path, 0)
    }

    private static func matchSegments(_ p: [[UInt8]], _ pi: Int, _ t: [[UInt8]], _ ti: Int) -> Bool {
        if pi == p.count { return ti == t.count }
        if p[pi] == [0x2A, 0x2A] {
            // A trailing `**` matches everything inside, not the folder itself.
            var k = pi == p.count - 1 ? ti + 1 : ti
            while k <= t.count {
                if matchSegments(p, pi + 1, t, k) { return true }
                k += 1
            }
            return false
        }
        guard ti < t.count, matchSegment(p[pi], 0, t[ti], 0) else { return false }
        return matchSegments(p, pi + 1, t, ti + 1)
    }

    /// fnmatch within one segment: `*`, `?`, `[...]`, `\x`.
    static func matchSegment(_ p: [UInt8], _ pi: Int, _ t: [UInt8], _ ti: Int) -> Bool {
        var pi = pi
        var ti = ti
        while pi < p.count {
            let c = p[pi]
            switch c {
            case 0x2A:  // *
                while pi < p.count, p[pi] == 0x2A { pi += 1 }
                if pi == p.count { return true }
                var k = ti
                while k <= t.count {
                    if matchSegment(p, pi, t, k) { return true }
                    k += 1
                }
                return false
            case 0x3F:  // ?
                guard ti < t.count else { return false }
                pi += 1
                ti += 1
            case 0x5B:  // [
                guard ti < t.count else { return false }
                var j = pi + 1
                var negate = false
                if j < p.count, p[j] == 0x21 || p[j] == 0x5E {
                    negate = true
                    j += 1
                }
                var matched = false
                var first = true
                while j < p.count, p[j] != 0x5D || first {
                    first = false
                    var lo = p[j]
                    if lo == 0x5C, j + 1 < p.count {
                        j += 1
                        lo = p[j]
                    }
                    if j + 2 < p.count, p[j + 1] == 0x2D, p[j + 2] != 0x5D {
                        let hi = p[j + 2]
                        if t[ti] >= lo && t[ti] <= hi { matched = true }
                        j += 3
                    } else {
                        if t[ti] == lo { matched = true }
                        j += 1
                    }
                }
                if matched == negate { return false }
                pi = j + 1
                ti += 1
            case 0x5C:  // \x
                guard pi + 1 < p.count, ti < t.count, p[pi + 1] == t[ti] else { return false }
                pi += 2
                ti += 1
            default:
                guard ti < t.count, t[ti] == c else { return false }
                pi += 1
                ti += 1
            }
        }
        return ti == t.count
    }
}

/// A glob that cannot be used, with the pattern and why.
public struct ScopePatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public var pattern: String
    public var message: String
    public var description: String { "invalid glob '\(pattern)': \(message)" }
}

/// An ordered list of patterns where the last match wins, as in one .gitignore file.
public struct ScopePatternList: Sendable, Equatable {
    public let patterns: [ScopePattern]

    public init(_ sources: [String]) throws(ScopePatternError) {
        var out: [ScopePattern] = []
        for s in sources { out.append(try ScopePattern(s)) }
        patterns = out
    }

    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether `path` (relative, `/`-separated) is in the list. A pattern that matches one of
    /// the path's folders matches everything below it; the last pattern that matches decides,
    /// so `!` re-includes (unlike .gitignore, also below a matched folder: `["src/**",
    /// "!src/secret/**"]` leaves `src/secret/` out).
    public func contains(_ path: String, isDirectory: Bool = false) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        guard !segments.isEmpty else { return false }
        var result = false
        for p in patterns {
            for depth in 1..<(segments.count + 1) {
                let dir = depth < segments.count || isDirectory
                if p.matchesExactly(Array(segments[0..<depth]), isDirectory: dir) {
                    result = !p.negated
                    break
                }
            }
        }
        return result
    }
}
