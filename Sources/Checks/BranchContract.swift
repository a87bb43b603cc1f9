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

    /// The verdict on a branch's name: allow, or `branch-name` with the patterns it should match.
    public func checkName(_ name: String) -> Verdict {
        if nameMatches(name) { return .allow }
        let expected = policy.branches.patterns.joined(separator: " or ")
        let detail = "expected \(expected), or a protected branch (\(policy.protectedBranches.joined(separator: ", ")))"
        if let rule = policy.rule("branch-name") {
            return Verdict.rule(rule, matched: name, detail: detail).applying(policy.branchMode)
        }
        return Verdict(
            decision: .deny, ruleID: "branch-name", reason: "the branch name does not match (\(detail))", matched: name,
            alternative: "git branch -m fix/123-short-slug"
        ).applying(policy.branchMode)
    }
}
