public import Policy

/// One line git gives the pre-push hook: `<local ref> <local sha> <remote ref> <remote sha>`.
public struct RefUpdate: Sendable, Equatable {
    public static let zero = String(repeating: "0", count: 40)

    public var localRef: String
    public var localID: String
    public var remoteRef: String
    public var remoteID: String

    public init(localRef: String, localID: String, remoteRef: String, remoteID: String) {
        self.localRef = localRef
        self.localID = localID
        self.remoteRef = remoteRef
        self.remoteID = remoteID
    }

    /// Parses one stdin line; nil when it does not have the four fields with hex ids.
    public static func parse(_ line: Substring) -> RefUpdate? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 4 else { return nil }
        func isID(_ s: Substring) -> Bool {
            (s.count == 40 || s.count == 64) && s.allSatisfy { ($0 >= "0" && $0 <= "9") || ($0 >= "a" && $0 <= "f") }
        }
        guard isID(fields[1]), isID(fields[3]) else { return nil }
        return RefUpdate(
            localRef: String(fields[0]), localID: String(fields[1]), remoteRef: String(fields[2]),
            remoteID: String(fields[3]))
    }

    /// The push deletes the remote ref (`git push origin :x`, `--delete`).
    public var isDeletion: Bool { localID.allSatisfy { $0 == "0" } }
    /// The remote ref does not exist yet.
    public var isCreation: Bool { remoteID.allSatisfy { $0 == "0" } }

    /// `refs/heads/x` → `x`, for a branch on the remote; nil otherwise.
    public var remoteBranch: String? { remoteRef.hasPrefix("refs/heads/") ? String(remoteRef.dropFirst(11)) : nil }
    /// `refs/tags/v1` → `v1`, for a tag on the remote; nil otherwise.
    public var remoteTag: String? { remoteRef.hasPrefix("refs/tags/") ? String(remoteRef.dropFirst(10)) : nil }
}

/// What the repository knows about one update, found with libgit2 by the caller.
public struct RefUpdateFacts: Sendable, Equatable {
    /// The remote's old tip is not an ancestor of the new one, or it is missing locally.
    public var isForce: Bool
    /// The remote's old tip is not in the local object database, so ancestry could not be proven.
    public var oldTipMissing: Bool

    public init(isForce: Bool, oldTipMissing: Bool) {
        self.isForce = isForce
        self.oldTipMissing = oldTipMissing
    }
}

/// Protected branches and tags at push time. Pure: updates and facts in, verdicts out.
public struct PushContract: Sendable {
    public var policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// Every objection to one ref update: protected branch push, force push or deletion;
    /// protected tag deletion or move; a new branch whose name breaks `branches.patterns`.
    public func check(_ update: RefUpdate, facts: RefUpdateFacts) -> [Verdict] {
        let branches = BranchContract(policy: policy)
        var out: [Verdict] = []
        if let branch = update.remoteBranch {
            if let pattern = branches.protectedBranchPattern(branch) {
                let origin = pattern == branch ? "" : " (matches '\(pattern)')"
                let id: String
                var detail = "\(branch)\(origin)"
                if update.isDeletion {
                    id = "protected-branch-delete"
                } else if !update.isCreation && facts.isForce {
                    id = "protected-branch-force-push"
                    if facts.oldTipMissing {
                        detail += "; the remote's tip is not in this clone, so it counts as a force push"
                    }
                } else if update.isCreation {
                    // Creating the branch on a remote that does not have it yet (the first push
                    // of a repository to a new remote) rewrites and skips nothing.
                    return out
                } else {
                    id = "protected-branch-push"
                }
                out.append(verdict(id, matched: update.remoteRef, detail: detail))
            } else if !update.isDeletion && !branches.nameMatches(branch) {
                out.append(branches.checkName(branch))
            }
        } else if let tag = update.remoteTag, let pattern = branches.protectedTagPattern(tag) {
            let origin = pattern == tag ? "" : " (matches '\(pattern)')"
            if update.isDeletion {
                out.append(verdict("protected-tag-delete", matched: update.remoteRef, detail: "\(tag)\(origin)"))
            } else if !update.isCreation && update.localID != update.remoteID {
                out.append(verdict("protected-tag-move", matched: update.remoteRef, detail: "\(tag)\(origin)"))
            }
        }
        return out.filter { $0.decision != .allow }
    }

    func verdict(_ id: String, matched: String, detail: String) -> Verdict {
        if policy.isDisabled(id) { return .allow }
        let v =
            policy.rule(id).map { Verdict.rule($0, matched: matched, detail: detail) }
            ?? Verdict(decision: .deny, ruleID: id, reason: detail, matched: matched, alternative: "")
        return v.applying(policy.branchMode)
    }
}
