public import Checks
import Commands
public import Findings
import Policy

/// The pre-push checkpoint: protected refs, force pushes, branch names and every pushed commit.
public enum PrePush {
    /// git's ref lines (`<local ref> <local sha> <remote ref> <remote sha>`), one per line.
    public static func parse(_ input: [UInt8]) throws(CommandError) -> [RefUpdate] {
        var updates: [RefUpdate] = []
        for line in String(decoding: input, as: UTF8.self).split(separator: "\n") where !line.isEmpty {
            guard let update = RefUpdate.parse(line) else {
                throw .usage(
                    "ward hook pre-push: cannot read the ref line '\(TextRenderer.excerpt(String(line), limit: 120))'; expected '<local ref> <local sha> <remote ref> <remote sha>'"
                )
            }
            updates.append(update)
        }
        return updates
    }

    /// Checks each update pushed to `remote` (a remote's name or a URL).
    ///
    /// A force push is an update whose old remote tip is not an ancestor of the new one; an old
    /// tip that is not in this clone counts as a force push (it cannot be proven otherwise). New
    /// commits are those reachable from the pushed tip and not from what the remote already has:
    /// its tracking refs (every remote's for a URL), the old tips of this push, and, when the clone
    /// has no tracking refs at all, the local default branch.
    public static func check(_ updates: [RefUpdate], remote: String, site: GitSite, facts: some RepositoryFacts)
        throws(CommandError) -> (report: Report, outcome: RangeOutcome)
    {
        let policy = try site.policy(for: "hook pre-push", judgesMessages: true)
        do {
            return try check(updates, remote: remote, policy: policy, facts: facts)
        } catch {
            throw CommandError(error, command: "hook pre-push")
        }
    }

    static func check(_ updates: [RefUpdate], remote: String, policy: Policy, facts: some RepositoryFacts)
        throws(FactsError) -> (report: Report, outcome: RangeOutcome)
    {
        var outcome = RangeOutcome()
        let isRemoteName = try facts.remoteNames().contains(remote)
        let trackingGlob = isRemoteName ? "refs/remotes/\(remote)/*" : "refs/remotes/*"
        let hasTracking = !(try facts.referenceNames(matching: trackingGlob)).isEmpty
        let defaultBranch = try defaultBranchRef(facts)
        var seen: [String: String] = [:]
        let push = PushContract(policy: policy)
        let range = RangeCheck(facts: facts, policy: policy, checkpoint: .prePush)
        let remoteTips = updates.map(\.remoteID).filter { !$0.allSatisfy { $0 == "0" } }
        for update in updates {
            var refFacts = RefUpdateFacts(isForce: false, oldTipMissing: false)
            if !update.isDeletion && !update.isCreation {
                if try facts.contains(update.remoteID) {
                    let old = try facts.peeledCommit(update.remoteID)
                    let new = try facts.peeledCommit(update.localID)
                    if let old, let new {
                        let descends = try facts.isDescendant(new, of: old)
                        refFacts.isForce = old != new && !descends
                    } else {
                        refFacts.isForce = update.remoteID != update.localID
                    }
                } else {
                    refFacts = RefUpdateFacts(isForce: true, oldTipMissing: true)
                }
            }
            outcome.findings += push.check(update, facts: refFacts).map { $0.finding(.prePush) }
            guard !update.isDeletion, let tip = try facts.peeledCommit(update.localID) else { continue }
            var globs: [String] = []
            var hiding = remoteTips.filter { (try? facts.contains($0)) == true }
            if hasTracking {
                globs = [trackingGlob]
            } else if let defaultBranch, defaultBranch != update.localRef, defaultBranch != update.remoteRef,
                let id = try facts.commit(named: defaultBranch)
            {
                hiding.append(id)
            }
            let branch =
                update.remoteBranch
                ?? (update.localRef.hasPrefix("refs/heads/") ? String(update.localRef.dropFirst(11)) : nil)
            let found = try range.check(
                tip: tip, hiding: hiding, hidingGlobs: globs, branch: update.remoteTag == nil ? branch : nil,
                seen: &seen)
            outcome.findings += found.findings
            outcome.headers.merge(found.headers) { a, _ in a }
            outcome.checked += found.checked
        }
        let report = Report(
            checkpoint: .prePush, subject: "push to \(remote)", findings: outcome.findings, checked: outcome.checked)
        return (report, outcome)
    }

    /// The hook's stderr: the findings, then one line that says why the push stopped.
    public static func lines(_ report: Report, outcome: RangeOutcome) -> [String] {
        var out = outcome.lines
        guard !report.ok else { return out }
        let refs = report.findings.filter { $0.fails && $0.commit == nil && $0.ruleID.hasPrefix("protected-") }
        var reasons: [String] = []
        if !refs.isEmpty { reasons.append("\(refs.count) protected ref\(refs.count == 1 ? "" : "s") refused") }
        let messages = Set(report.findings.filter { $0.fails && $0.line != nil }.compactMap(\.commit)).count
        if messages > 0 {
            let verb = messages == 1 ? "breaks" : "break"
            reasons.append(
                "\(messages) of \(outcome.checked) new commit\(outcome.checked == 1 ? "" : "s") \(verb) the message contract (reword: git rebase -i)"
            )
        }
        let failing = Set(report.findings.filter(\.fails).map(\.ruleID))
        if failing.contains("commit-issue-link") {
            reasons.append("the branch's issue is not referenced by a new commit")
        }
        if failing.contains("branch-name") { reasons.append("the branch name breaks branches.patterns") }
        if reasons.isEmpty { reasons.append("see the lines above") }
        out.append("ward: push stopped: " + reasons.joined(separator: "; "))
        return out
    }

    /// The local default branch: `init.defaultBranch` when it exists, else `main`, else `master`.
    static func defaultBranchRef(_ facts: some RepositoryFacts) throws(FactsError) -> String? {
        var candidates: [String] = []
        if let name = facts.config("init.defaultBranch"), !name.isEmpty { candidates.append(name) }
        candidates += ["main", "master"]
        for name in candidates where !(try facts.referenceNames(matching: "refs/heads/" + name)).isEmpty {
            return "refs/heads/" + name
        }
        return nil
    }
}
