/// Matches branch names against `protectedBranches` entries.
///
/// `*` matches any run of characters within one `/`-separated segment (`release/*` matches
/// `release/1.0`, not `release/1/hotfix`), `?` one character; everything else is literal.
/// Belongs in `Checks` (`BranchContract`) once that exists.
enum BranchPattern {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let p = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let n = name.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == n.count else { return false }
        return zip(p, n).allSatisfy { segment($0.0.unicodeScalars[...], $0.1.unicodeScalars[...]) }
    }

    static func firstMatch(in patterns: [String], _ name: String) -> String? {
        patterns.first { matches($0, name) }
    }

    private static func segment(
        _ p: Substring.UnicodeScalarView.SubSequence, _ s: Substring.UnicodeScalarView.SubSequence
    ) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        switch first {
        case "*":
            var rest = s
            while true {
                if segment(p.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !s.isEmpty && segment(p.dropFirst(), s.dropFirst())
        default:
            return s.first == first && segment(p.dropFirst(), s.dropFirst())
        }
    }
}
