/// Whether two scope lists can contain a common path: the answer is `disjoint` only when that is
/// certain, else `mayIntersect`.
///
/// Allow lists intersect (a path must be in each), so two disjoint lists leave nothing writable:
/// `ward scope set 'src/web/**'` while `ward.json` allows only `src/api/**`. The test is
/// conservative, never exact: ward warns only when no write can succeed, and a scope that looks
/// odd but may work is left alone.
public enum ScopeOverlap: Sendable, Equatable {
    case disjoint
    case mayIntersect
}

extension ScopePatternList {
    /// True when no pattern includes anything (an empty list, or only `!` patterns).
    public var includesNothing: Bool { !patterns.contains { !$0.negated } }

    /// Whether a path can be in both lists.
    ///
    /// `!` patterns only take paths out, so they are ignored: leaving them in could only turn a
    /// `disjoint` into a `mayIntersect`, never the reverse. Two lists are disjoint when every
    /// including pattern of one is disjoint from every including pattern of the other.
    public func overlap(with other: ScopePatternList) -> ScopeOverlap {
        if includesNothing || other.includesNothing { return .disjoint }
        for a in patterns where !a.negated {
            for b in other.patterns where !b.negated && a.overlap(with: b) == .mayIntersect {
                return .mayIntersect
            }
        }
        return .disjoint
    }
}

extension ScopePattern {
    /// Whether some path is matched by both patterns, itself or through one of its folders.
    ///
    /// A pattern without a slash matches a name at any depth, so it meets every other pattern
    /// (a file of that name inside whatever the other matches). Two anchored patterns are compared
    /// segment by segment from the root: two literal segments that differ, or a literal that a
    /// glob segment cannot match, make them disjoint; a `**`, or one pattern ending (it then
    /// covers everything below), makes them meet; two glob segments are taken to meet.
    public func overlap(with other: ScopePattern) -> ScopeOverlap {
        guard anchored, other.anchored else { return .mayIntersect }
        for (a, b) in zip(segments, other.segments) {
            if Self.isDoubleStar(a) || Self.isDoubleStar(b) { return .mayIntersect }
            switch (Self.isLiteral(a), Self.isLiteral(b)) {
            case (true, true):
                if a != b { return .disjoint }
            case (true, false):
                if !Self.matchSegment(b, 0, a, 0) { return .disjoint }
            case (false, true):
                if !Self.matchSegment(a, 0, b, 0) { return .disjoint }
            case (false, false):
                continue
            }
        }
        return .mayIntersect
    }

    static func isDoubleStar(_ segment: [UInt8]) -> Bool { segment == [0x2A, 0x2A] }

    /// No `*`, `?`, `[` or `\` in it: the segment matches only itself.
    static func isLiteral(_ segment: [UInt8]) -> Bool {
        !segment.contains { $0 == 0x2A || $0 == 0x3F || $0 == 0x5B || $0 == 0x5C }
    }
}

extension ScopePolicy {
    /// Two allow lists that share no path, so that nothing is writable; or one list that allows nothing.
    public struct NothingWritable: Sendable, Equatable, CustomStringConvertible {
        public var first: AllowList
        /// nil when `first` alone allows nothing (empty, or only `!` patterns).
        public var second: AllowList?

        public var description: String {
            func globs(_ list: AllowList) -> String {
                list.globs.isEmpty ? "nothing (an empty list)" : list.globs.joined(separator: ", ")
            }
            guard let second else {
                return "\(first.source) allows \(globs(first)), so nothing is writable"
            }
            return
                "\(first.source) allows only \(globs(first)) and \(second.source) allows only \(globs(second)): no path is in both, so nothing is writable"
        }
    }

    /// Why these allow lists together leave nothing writable, or nil when a path may be in all
    /// of them. Throws for a glob that does not compile, as the scope guard would.
    public static func nothingWritable(_ lists: [AllowList]) throws(ScopePatternError) -> NothingWritable? {
        var compiled: [(AllowList, ScopePatternList)] = []
        for list in lists {
            let patterns = try ScopePatternList(list.globs)
            if patterns.includesNothing { return NothingWritable(first: list, second: nil) }
            compiled.append((list, patterns))
        }
        for i in compiled.indices {
            for j in compiled.indices where j > i {
                if compiled[i].1.overlap(with: compiled[j].1) == .disjoint {
                    return NothingWritable(first: compiled[i].0, second: compiled[j].0)
                }
            }
        }
        return nil
    }

    /// `nothingWritable` for this policy's allow lists.
    public func nothingWritable() throws(ScopePatternError) -> NothingWritable? {
        try Self.nothingWritable(allow)
    }
}
