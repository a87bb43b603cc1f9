import Checks
import Git
import Policy
import Workspace

/// `ward hook pre-push REMOTE URL`: protected refs, force pushes, branch names and every pushed commit.
enum PrePushHook {
    static let help = """
        Usage: ward hook pre-push REMOTE URL

        git's pre-push hook. Reads git's lines '<local ref> <local sha> <remote ref> <remote sha>'
        from standard input and, for each ref:
          - denies pushes to protected branches (protectedBranches), force pushes to them and their
            deletion; denies deleting or moving protected tags (branches.protectedTags, default v*);
          - checks a pushed branch's name against branches.patterns;
          - walks the new commits (from the pushed tip, hiding what REMOTE's tracking refs reach,
            every remote's when REMOTE is a URL, the default branch when there are no tracking refs
            at all) and applies the commit-message contract to each, reporting every failure with
            its commit id; when the branch names an issue (fix/123-x), a commit must reference it
            (commits.issueLink).
        A force push is an update whose old remote tip is not an ancestor of the new one; an old
        tip that is not in this clone counts as a force push (it cannot be proven otherwise).
        More than commits.maxWalk (default 1000) new commits: the newest are checked, with a warning.

        Exit status: 0 the push passes (warnings on stderr), 1 it breaks a contract, 2 bad input,
        or the repository or policy cannot be read, 3 internal error.
        """

    static func run(_ arguments: ArraySlice<String>, _ context: ProcessContext, _ output: Output) throws(CommandError)
        -> ExitStatus
    {
        // Drain stdin first: git writes every ref line and a hook that exits early breaks the pipe.
        let input = Files.read("/dev/stdin") ?? []
        guard arguments.count == 2, let remote = arguments.first else {
            throw .usage(
                "ward hook pre-push: expected REMOTE and URL, as git passes them; see 'ward hook pre-push --help'")
        }
        var updates: [RefUpdate] = []
        for line in String(decoding: input, as: UTF8.self).split(separator: "\n") where !line.isEmpty {
            guard let update = RefUpdate.parse(line) else {
                throw .usage(
                    "ward hook pre-push: cannot read the ref line '\(Verdict.excerpt(String(line), limit: 120))'")
            }
            updates.append(update)
        }
        let session = try ContractSession.open(context, command: "hook pre-push")
        let result: PushResult
        do {
            result = try check(updates, remote: remote, session: session)
        } catch {
            throw .internalError("ward hook pre-push: \(error.description)")
        }
        for line in result.lines { output.err(line) }
        return result.failed ? .checkFailed : .ok
    }

    struct PushResult {
        var verdicts: [Verdict] = []
        var ranges: [RangeResult] = []
        var checked = 0

        var failed: Bool { verdicts.contains { $0.decision > .warn } || ranges.contains { $0.failed } }

        var lines: [String] {
            var out: [String] = []
            for v in verdicts { out.append(v.message) }
            for r in ranges { out += r.lines }
            if failed {
                out.append("ward: push stopped: \(checked) new commit\(checked == 1 ? "" : "s") checked")
            }
            return out
        }
    }

    static func check(_ updates: [RefUpdate], remote: String, session: ContractSession) throws(GitError) -> PushResult {
        let repository = session.repository
        let policy = session.policy
        var result = PushResult()
        // What the remote has already: its tracking refs (all remotes' for a URL).
        let isRemoteName = try repository.remoteNames().contains(remote)
        let trackingGlob = isRemoteName ? "refs/remotes/\(remote)/*" : "refs/remotes/*"
        let hasTracking = !(try repository.referenceNames(matching: trackingGlob)).isEmpty
        let defaultBranch = try defaultBranchRef(repository)
        var seen: [ObjectID: String] = [:]
        let push = PushContract(policy: policy)
        // Every old remote tip the clone has is already on the remote.
        let remoteTips = updates.compactMap { ObjectID(hex: $0.remoteID) }.filter { !$0.hex.allSatisfy { $0 == "0" } }
        for update in updates {
            var facts = RefUpdateFacts(isForce: false, oldTipMissing: false)
            if !update.isDeletion && !update.isCreation, let old = ObjectID(hex: update.remoteID),
                let new = ObjectID(hex: update.localID)
            {
                if try repository.contains(old) {
                    let oldCommit = try repository.peeledCommit(old)
                    let newCommit = try repository.peeledCommit(new)
                    if let oldCommit, let newCommit {
                        let descends = try repository.isDescendant(newCommit, of: oldCommit)
                        facts.isForce = oldCommit != newCommit && !descends
                    } else {
                        facts.isForce = old != new
                    }
                } else {
                    facts = RefUpdateFacts(isForce: true, oldTipMissing: true)
                }
            }
            result.verdicts += push.check(update, facts: facts)
            guard !update.isDeletion, let new = ObjectID(hex: update.localID),
                let tip = try repository.peeledCommit(new)
            else { continue }
            var globs: [String] = []
            var hiding = remoteTips
            if hasTracking {
                globs = [trackingGlob]
            } else if let defaultBranch, defaultBranch != update.localRef, defaultBranch != update.remoteRef {
                // No tracking refs at all: what the default branch has counts as published.
                hiding.append(try repository.resolve(defaultBranch))
            }
            let branch =
                update.remoteBranch
                ?? (update.localRef.hasPrefix("refs/heads/") ? String(update.localRef.dropFirst(11)) : nil)
            let range = try RangeChecker(repository: repository, policy: policy).check(
                tip: tip, hiding: hiding, hidingGlobs: globs, branch: update.remoteTag == nil ? branch : nil,
                seen: &seen)
            result.checked += range.checked
            result.ranges.append(range)
        }
        return result
    }

    /// The local default branch: `init.defaultBranch` when it exists, else `main`, else `master`.
    static func defaultBranchRef(_ repository: Repository) throws(GitError) -> String? {
        var candidates: [String] = []
        if let name = try? repository.config().string("init.defaultBranch"), !name.isEmpty { candidates.append(name) }
        candidates += ["main", "master"]
        for name in candidates where !(try repository.referenceNames(matching: "refs/heads/" + name)).isEmpty {
            return "refs/heads/" + name
        }
        return nil
    }
}
