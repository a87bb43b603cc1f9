import AgentHooks
import Checks
import Git
import Policy
import Workspace

/// `ward hook pre-commit`: what the commit will record, checked before git writes it.
///
/// Reads the index git is committing (`$GIT_INDEX_FILE` when set, relative to the hook's
/// working directory: `git commit -a` and `git commit PATH` use temporary indexes) once, diffs
/// it against HEAD, and checks every staged path (both sides of a rename, deletions too)
/// against the scope, plus direct commits on protected branches. No working-tree scan.
enum PreCommitHook {
    static let help = """
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

    static func run(_ arguments: ArraySlice<String>, _ context: ProcessContext, _ output: Output) throws(CommandError)
        -> ExitStatus
    {
        guard arguments.isEmpty else { throw .usage("ward hook pre-commit: takes no arguments (git passes none)") }
        let env = context.environment
        let cwd = context.currentDirectory
        guard let location = RepositoryLocator.locate(from: cwd, environment: env) else {
            throw .configuration("ward hook pre-commit: no git repository at \(cwd)")
        }
        let policy: Policy
        do {
            policy = try PolicyLoader.load(repository: location, environment: env).policy
        } catch {
            throw .configuration("ward hook pre-commit: \(error.description)")
        }
        let opened: Repository?
        do throws(GitError) {
            if let gitDir = env["GIT_DIR"], !gitDir.isEmpty {
                let workTree = env["GIT_WORK_TREE"].flatMap { $0.isEmpty ? nil : Files.absolute($0, relativeTo: cwd) }
                opened = try Repository.open(
                    gitDir: Files.absolute(gitDir, relativeTo: cwd), workTree: workTree ?? location.workTree)
            } else {
                opened = try Repository.open(at: cwd, ceilingDirectories: [])
            }
        } catch {
            throw .configuration("ward hook pre-commit: \(error.description)")
        }
        guard let repository = opened else {
            throw .configuration("ward hook pre-commit: libgit2 cannot find the repository at \(cwd)")
        }
        let indexPath = env["GIT_INDEX_FILE"].flatMap { $0.isEmpty ? nil : Files.absolute($0, relativeTo: cwd) }
        let changes: [StagedChange]
        let head: HeadState
        do {
            let index = try repository.index(path: indexPath)
            changes = try repository.stagedChanges(in: index)
            head = try repository.head
        } catch {
            throw .configuration("ward hook pre-commit: \(error.description)")
        }
        let root = location.workTree ?? repository.workDirectory ?? cwd
        let guardContext = GuardContext(cwd: root, repository: location, environment: env)
        var verdicts: [(subject: String, verdict: Verdict)] = []

        if case .branch(let name, _) = head, policy.protectedBranches.contains(where: { Glob.matches($0, name) }),
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
        switch head {
        case .branch(let name, _), .unborn(let name):
            let v = BranchContract(policy: policy).checkName(name)
            if v.decision != .allow { verdicts.append((name, v)) }
        case .detached:
            break
        }

        let scopeGuard: ScopeGuard
        do {
            scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: guardContext)
        } catch {
            throw .configuration("ward hook pre-commit: \(error.description)")
        }
        verdicts += ScopeReview.verdicts(
            for: changes, repository: repository, root: root, scopeGuard: scopeGuard, policy: policy)

        var failed = false
        for (subject, v) in verdicts where v.decision != .allow {
            output.err("\(subject): \(v.message)")
            if v.decision > .warn { failed = true }
            let record = AuditRecord(
                checkpoint: "git:pre-commit", worktree: location.workTree, ruleID: v.ruleID,
                decision: v.decision.rawValue,
                reason: v.reason, subject: subject)
            do {
                try AuditLog.append(record, to: AuditLog.path(repository: location, environment: env))
            } catch {
                output.err(error.description)
            }
        }
        if failed {
            output.err("ward: commit blocked; fix the lines above (see 'ward scope show', 'ward explain')")
        }
        return failed ? .checkFailed : .ok
    }
}
