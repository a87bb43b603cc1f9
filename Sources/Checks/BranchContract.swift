public import Policy

/// Branch naming and protected branches and tags. Pure: names in, verdicts out.
public struct BranchContract: Sendable {
    public var policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// The protected-branch glob `name` matches (`release/*`), or nil. `*` stays within a segment.
    public func protectedBranchPattern(_ name: String) -> String? {
        policy.protectedBranches.first { Glob.matches($0, name) }
    }

    /// The protected-tag glob `name` matches (`v*`), or nil.
    public func protectedTagPattern(_ name: String) -> String? {
        policy.branches.protectedTags.first { Glob.matches($0, name) }
    }

    /// Whether `name` matches one of `branches.patterns` (regular expressions, searched as
    /// JavaScript's `test` does) or is a protected branch. No patterns: every name passes.
    public func nameMatches(_ name: String) -> Bool {
        if policy.branches.patterns.isEmpty || protectedBranchPattern(name) != nil { return true }
        for pattern in policy.branches.patterns {
            // Validated when the policy was parsed; a pattern that still fails to compile matches nothing.
            guard let regex = try? Regex(pattern) else { continue }
            if name.firstMatch(of: regex) != nil { return true }
        }
        return false
    }

    /// The verdict on a branch's name: allow, or `branch-name` with the patterns it should match
    /// and a rename built from the name itself.
    public func checkName(_ name: String) -> Verdict {
        if nameMatches(name) || policy.isDisabled("branch-name") { return .allow }
        let expected = policy.branches.patterns.joined(separator: " or ")
        let detail = "expected \(expected), or a protected branch (\(policy.protectedBranches.joined(separator: ", ")))"
        var verdict =
            policy.rule("branch-name").map { Verdict.rule($0, matched: name, detail: detail) }
            ?? Verdict(
                decision: .deny, ruleID: "branch-name", reason: "the branch name does not match (\(detail))",
                matched: name, alternative: "")
        verdict.alternative = "rename it: git branch -m \(name) \(Self.suggestedName(for: name))"
        return verdict.applying(policy.branchMode)
    }

    /// A name in the default shape `type/<issue>-<slug>` made from `name`: its type word mapped
    /// to a Conventional Commits type (`feature` → `feat`, `bugfix` → `fix`), its issue number
    /// when it has one, the rest as a lower-case slug.
    public static func suggestedName(for name: String) -> String {
        let types = [
            "feat": "feat", "feature": "feat", "features": "feat", "fix": "fix", "bugfix": "fix", "bug": "fix",
            "hotfix": "fix", "chore": "chore", "docs": "docs", "doc": "docs", "refactor": "refactor", "test": "test",
            "tests": "test", "ci": "ci", "perf": "perf",
        ]
        var parts = name.split(whereSeparator: { $0 == "/" }).map(String.init)
        var type = "feat"
        if parts.count > 1, let mapped = types[parts[0].lowercased()] {
            type = mapped
            parts.removeFirst()
        }
        let words = parts.joined(separator: "-").lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        var issue = "<issue>"
        var slugWords = words.map(String.init)
        if let index = slugWords.firstIndex(where: { $0.allSatisfy(\.isNumber) }) {
            issue = slugWords.remove(at: index)
        }
        let slug = slugWords.isEmpty ? "<slug>" : slugWords.joined(separator: "-")
        return "\(type)/\(issue)-\(slug)"
    }
}
