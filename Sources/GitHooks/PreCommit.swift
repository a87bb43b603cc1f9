import Base
public import Checks
import Commands
public import Findings
public import Policy
public import Workspace

/// The pre-commit checkpoint: what the commit records, checked before git writes it.
///
/// Reads the staged changes once (the facts provider reads the index git is committing,
/// `$GIT_INDEX_FILE` when set) and checks every staged path (both sides of a rename,
/// deletions too) against the scope, staged symbolic links whose target leaves it, direct
/// commits on protected branches and the branch's name. No working-tree scan.
public enum PreCommit {
    /// Checks the staged `changes` (from `facts.stagedChanges()`) of the repository at `site`;
    /// the report holds one finding per objection, each with its path or branch.
    public static func check(site: GitSite, changes: [PathChange], facts: some IndexFacts) throws(CommandError)
        -> Report
    {
        let location = try site.repository(for: "hook pre-commit")
        let policy = try site.policy(for: "hook pre-commit")
        var findings: [Finding] = []
        if case .branch(let name) = location.head, !changes.isEmpty,
            let verdict = protectedBranchCommit(name, policy: policy)
        {
            findings.append(verdict.finding(.preCommit))
        }
        // The branch contract's naming patterns, as at pre-push (protected branches always pass).
        if let name = location.branch {
            let v = BranchContract(policy: policy).checkName(name)
            if v.decision != .allow { findings.append(v.finding(.preCommit)) }
        }
        let scopeGuard: ScopeGuard
        do {
            scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: site.guardContext)
        } catch {
            throw .configuration("ward hook pre-commit: \(error.description)")
        }
        // ward's own files are an agent matter: a person's commit may add or change the policy.
        let agent = AgentSession.detect(site.environment)
        var scoped = ScopeReview.findings(
            for: changes, root: site.root, scopeGuard: scopeGuard, policy: policy, checkpoint: .preCommit,
            wardFiles: agent == nil ? .skip : .check, blob: { facts.blob($0, limit: 4096) })
        if let agent {
            for i in scoped.indices where scoped[i].path.map({ ProtectedPaths.wardFile($0) != nil }) == true {
                scoped[i].message +=
                    " (the commit comes from a \(agent.agent) session: \(agent.variable) is set; a person commits policy changes)"
            }
        }
        findings += scoped
        return Report(checkpoint: .preCommit, subject: "staged changes", findings: findings, checked: changes.count)
    }

    /// The `protected-branch-commit` verdict for a commit on `branch`, nil when the branch is not
    /// protected or the rule is disabled. The first commit of an unborn branch is exempt (the
    /// caller passes only born branches).
    public static func protectedBranchCommit(_ branch: String, policy: Policy) -> Verdict? {
        guard BranchContract(policy: policy).protectedBranchPattern(branch) != nil,
            !policy.isDisabled("protected-branch-commit")
        else { return nil }
        let rule =
            policy.rule("protected-branch-commit")
            ?? Rule(
                id: "protected-branch-commit", category: "branches", decision: .deny,
                reason: "commits go to protected branches through reviewed merges",
                alternative: "use a feature branch")
        var verdict = Verdict.rule(rule, matched: branch, detail: "branch '\(branch)'").applying(policy.branchMode)
        verdict.alternative =
            "move the staged work to a new branch and commit there: git switch -c feat/<issue>-<slug>"
        return verdict.decision == .allow ? nil : verdict
    }

    /// The lines a person sees on stderr: one per finding, then what to do when the commit stops.
    public static func lines(_ report: Report) -> [String] {
        var out = report.objections.map(TextRenderer.line)
        guard !report.ok else { return out }
        let rules = Set(report.objections.filter(\.fails).map(\.ruleID))
        var next: [String] = []
        if report.objections.contains(where: { $0.fails && $0.path != nil }) {
            next.append("unstage what may not be committed with 'git restore --staged PATH'")
        }
        if rules.contains("protected-branch-commit") {
            next.append("commit on a feature branch: 'git switch -c feat/<issue>-<slug>' keeps the staged work")
        }
        if rules.contains("branch-name") { next.append("rename the branch: 'git branch -m <type>/<issue>-<slug>'") }
        if next.isEmpty { next.append("fix the lines above; 'ward explain RULE' says why a rule applies") }
        out.append("ward: commit blocked; " + next.joined(separator: "; "))
        return out
    }
}

/// The scope guard over changed paths: both sides of renames, deletions, and symbolic links
/// whose recorded target leaves the scope. Used at pre-commit, for ranges and by `ward check`.
public enum ScopeReview {
    /// How ward's own files (`ProtectedPaths.wardFile`) count among the changed paths.
    public enum WardFiles: Sendable, Equatable {
        /// Like any protected path: `scope-protected` (an agent's commit).
        case check
        /// Not at all: a person's commit adds or changes the policy.
        case skip
        /// One `policy-change` finding per file: a warning asking for a person's review, or a
        /// failure when `ci.policyChanges` is "fail" (ranges in CI).
        case review(CIPolicy.PolicyChanges)
    }

    /// `blob` reads a symbolic link's recorded target (the commit's, not the working tree's).
    public static func findings(
        for changes: [PathChange], root: String, scopeGuard: ScopeGuard, policy: Policy, checkpoint: Checkpoint,
        commit: String? = nil, wardFiles: WardFiles = .check, blob: (String) -> [UInt8]?
    ) -> [Finding] {
        var out: [Finding] = []
        for change in changes {
            var paths = [change.newPathString]
            if change.oldPath != change.newPath { paths.append(change.oldPathString) }
            for rel in paths {
                if wardFiles != .check, let glob = ProtectedPaths.wardFile(rel) {
                    if case .review(let mode) = wardFiles {
                        out.append(policyChange(rel, glob: glob, mode: mode, policy: policy, checkpoint: checkpoint))
                    }
                    continue
                }
                let v = scopeGuard.check(write: Path.absolute(rel, relativeTo: root))
                if v.decision != .allow { out.append(v.finding(checkpoint, path: rel, commit: commit)) }
            }
            guard change.isSymbolicLink, let id = change.newBlob, let target = blob(id) else { continue }
            let link = Path.absolute(change.newPathString, relativeTo: root)
            let folder = String(link[..<(link.lastIndex(of: "/") ?? link.endIndex)])
            let resolved = Path.absolute(
                String(decoding: target, as: UTF8.self), relativeTo: folder.isEmpty ? "/" : folder)
            guard let finding = scopeGuard.finding(resolved, resolved: nil, isDirectory: false),
                !policy.isDisabled("scope-escape-symlink")
            else { continue }
            let rule =
                policy.rule("scope-escape-symlink")
                ?? Rule(
                    id: "scope-escape-symlink", category: "scope", decision: .deny,
                    reason: "a symbolic link points outside the allowed scope", alternative: "")
            let v = Verdict.rule(
                rule, matched: change.newPathString, detail: "the link points to \(resolved) (\(finding.ruleID))"
            ).applying(scopeGuard.mode)
            if v.decision != .allow { out.append(v.finding(checkpoint, path: change.newPathString, commit: commit)) }
        }
        return out
    }

    /// `policy-change`: the path is one of ward's files; a person reviews it (CODEOWNERS makes
    /// that review required), or the range fails when `ci.policyChanges` is "fail".
    static func policyChange(
        _ path: String, glob: String, mode: CIPolicy.PolicyChanges, policy: Policy, checkpoint: Checkpoint
    ) -> Finding {
        let reason =
            policy.rule("policy-change")?.reason
            ?? "policy change: needs a person's review (ward's own files change what every checkpoint allows)"
        var message = "\(reason); \(path) is one of ward's files (\(glob))"
        if mode == .fail { message += "; ci.policyChanges is 'fail'" }
        return Finding(
            ruleID: "policy-change", decision: mode == .fail ? .deny : .warn, message: message, matched: path,
            instead:
                "have a person review it; a CODEOWNERS line makes that review required: '/\(path) @your-org/owners' (.github/CODEOWNERS on GitHub, CODEOWNERS on GitLab)",
            checkpoint: checkpoint, path: path)
    }
}
