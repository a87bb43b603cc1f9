import Base
public import Checks
public import Policy
public import Workspace

/// The pre-commit hook's decision, shared by the front (changes from `git diff --cached`) and
/// ward-git (changes from libgit2 when git cannot run): one place, the same verdict.
public enum PreCommitReview {
    public static let help = """
        Usage: ward hook pre-commit

        The git pre-commit hook. Checks what the commit records, read from the index git is
        committing ($GIT_INDEX_FILE when set), never the working tree:
          - every staged path (added, modified, deleted, both sides of a rename) against the
            scope: ward's protected files, scope.allow (ward.json, local.json, this worktree's
            'ward scope set', .claude/wave-scope.json) and scope.protect;
          - a staged symbolic link whose target leaves the scope (scope-escape-symlink);
          - a direct commit on a protected branch (protected-branch-commit); the first commit
            of a repository is exempt;
          - the branch's name against branches.patterns (branch-name), as at pre-push.
        Every finding is one line on stderr with its rule id and what to do instead.

        Exit status: 0 the commit may proceed (warnings print), 1 it may not, 2 the policy or
        the repository cannot be read (git stops the commit either way), 3 internal error.
        """

    /// Why a pre-commit hook cannot start: one line, ready to print.
    public struct SetupError: Error {
        public var message: String
    }

    /// The repository and the effective policy for a pre-commit hook running in `cwd`.
    public static func setUp(cwd: String, environment: [String: String]) throws(SetupError)
        -> (location: RepositoryLocation, policy: Policy)
    {
        guard let location = RepositoryLocator.locate(from: cwd, environment: environment) else {
            throw SetupError(message: "ward hook pre-commit: no git repository at \(cwd)")
        }
        do {
            return (location, try PolicyLoader.load(repository: location, environment: environment).policy)
        } catch {
            throw SetupError(message: "ward hook pre-commit: \(error.description)")
        }
    }

    /// Checks the staged `changes` of the repository at `location` and writes every finding to
    /// `err` and the audit log; returns whether the commit must stop. `blob` reads a staged
    /// symbolic link's target. A scope glob that does not compile throws (a configuration error).
    public static func run(
        location: RepositoryLocation, policy: Policy, environment env: [String: String], root: String,
        changes: [PathChange], blob: (String) -> [UInt8]?, err: (String) -> Void
    ) throws(ScopePatternError) -> Bool {
        let guardContext = GuardContext(cwd: root, repository: location, environment: env)
        var verdicts: [(subject: String, verdict: Verdict)] = []

        if case .branch(let name) = location.head, policy.protectedBranches.contains(where: { Glob.matches($0, name) }),
            !changes.isEmpty, !policy.isDisabled("protected-branch-commit")
        {
            let rule =
                policy.rule("protected-branch-commit")
                ?? Rule(
                    id: "protected-branch-commit", category: "branches", decision: .deny,
                    reason: "commits go to protected branches through reviewed merges",
                    alternative: "use a feature branch")
            verdicts.append((name, Verdict.rule(rule, matched: name, detail: "branch '\(name)'").applying(policy.mode)))
        }

        // The branch contract's naming patterns, as at pre-push (protected branches always pass).
        switch location.head {
        case .branch(let name), .unborn(let name):
            let v = BranchContract(policy: policy).checkName(name)
            if v.decision != .allow { verdicts.append((name, v)) }
        case .detached:
            break
        }

        let scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: guardContext)
        verdicts += scopeVerdicts(for: changes, root: root, scopeGuard: scopeGuard, policy: policy, blob: blob)

        var failed = false
        for (subject, v) in verdicts where v.decision != .allow {
            err("\(subject): \(v.message)")
            if v.decision > .warn { failed = true }
            let record = AuditRecord(
                checkpoint: "git:pre-commit", worktree: location.workTree, ruleID: v.ruleID,
                decision: v.decision.rawValue,
                reason: v.reason, subject: subject)
            do {
                try AuditLog.append(record, to: AuditLog.path(repository: location, environment: env))
            } catch {
                err(error.description)
            }
        }
        if failed {
            err("ward: commit blocked; fix the lines above (see 'ward scope show', 'ward explain')")
        }
        return failed
    }

    /// The scope guard over changed paths: both sides of renames, deletions, and symbolic
    /// links whose recorded target leaves the scope. Also used for CI ranges and `ward check`;
    /// `blob` reads a symbolic link's recorded target.
    public static func scopeVerdicts(
        for changes: [PathChange], root: String, scopeGuard: ScopeGuard, policy: Policy,
        blob: (String) -> [UInt8]?
    ) -> [(subject: String, verdict: Verdict)] {
        var out: [(String, Verdict)] = []
        for change in changes {
            var paths = [change.newPathString]
            if change.oldPath != change.newPath { paths.append(change.oldPathString) }
            for rel in paths {
                let v = scopeGuard.check(write: Path.absolute(rel, relativeTo: root))
                if v.decision != .allow { out.append((rel, v)) }
            }
            guard change.isSymbolicLink, let id = change.newBlob, let target = blob(id) else { continue }
            // The link's target as the commit records it (not the working tree), from the link's folder.
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
            if v.decision != .allow { out.append((change.newPathString, v)) }
        }
        return out
    }
}
