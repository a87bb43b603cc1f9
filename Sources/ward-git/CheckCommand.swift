import AgentHooks
import Checks
import Git
import Policy
import Workspace

/// `ward check`: every check that applies to the repository's current state, one line each.
enum CheckCommand {
    static let help = """
        Usage: ward check [--json] [--cwd DIR]

        Reports every check that applies to the current state of the repository around DIR
        (default: the current directory) and exits 1 if any fails.

        Checks:
          policy            the effective policy (built-in, ward.json, local.json, WARD_MODE) loads and validates
          repository        libgit2 can open the repository
          index             the index can be read ($GIT_INDEX_FILE when set)
          protected-branch  nothing is staged on a protected branch (rule protected-branch-commit);
                            the first commit on an unborn branch is exempt
          branch-name       the current branch matches branches.patterns (a warning only)
          hooks             ward's git hooks are installed (a warning only)

        Options:
          --json       print {"checks":[{"id","status","message"}],"ok":bool} instead of lines
          --cwd DIR    look for the repository from DIR instead of the current directory
          -h, --help   show this help

        GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE are honoured as in a git hook, relative to the
        process's working directory.

        Exit status: 0 every check passed (warnings allowed), 1 a check failed,
        2 usage error or a directory that does not exist, 3 internal error.
        """

    struct Options: Equatable {
        var json = false
        var cwd: String?
    }

    static func parse(_ arguments: ArraySlice<String>) throws(CommandError) -> Options {
        var options = Options()
        var rest = arguments
        while let argument = rest.popFirst() {
            switch argument {
            case "--json":
                options.json = true
            case "--cwd":
                guard let value = rest.popFirst() else { throw .usage("ward check: --cwd needs a directory") }
                options.cwd = value
            case _ where argument.hasPrefix("--cwd="):
                options.cwd = String(argument.dropFirst(6))
            case "command":
                throw .usage("ward check: 'ward check command' is answered by the front 'ward' binary, not ward-git")
            default:
                let what = argument.hasPrefix("-") ? "unknown option" : "unexpected argument"
                throw .usage("ward check: \(what) '\(argument)'")
            }
        }
        if options.cwd?.isEmpty == true { throw .usage("ward check: --cwd needs a directory") }
        return options
    }

    static func run(_ arguments: ArraySlice<String>, _ context: ProcessContext, _ output: Output) throws(CommandError)
        -> ExitStatus
    {
        let options = try parse(arguments)
        let directory = Files.absolute(options.cwd ?? ".", relativeTo: context.currentDirectory)
        guard Files.isDirectory(directory) else {
            throw .configuration("ward check: \(directory): no such directory")
        }
        let runner = CheckRunner(
            directory: directory, processDirectory: context.currentDirectory, environment: context.environment)
        let results = runner.run()
        if options.json {
            output.out(CheckReport.json(results))
        } else {
            for line in CheckReport.human(results, colour: context.useColour) { output.out(line) }
        }
        return CheckReport.isOK(results) ? .ok : .checkFailed
    }
}

/// Gathers what the checks need (policy, repository, index) and runs each check that applies.
struct CheckRunner {
    /// Where to look for the repository (`--cwd`).
    var directory: String
    /// The process's cwd, against which GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE resolve.
    var processDirectory: String
    var environment: [String: String]

    func run() -> [CheckResult] {
        var results: [CheckResult] = []
        let location = RepositoryLocator.locate(from: directory, environment: environment)

        // A policy that does not load fails its check; the other checks then use the built-in
        // policy, which every repository layer can only add protected branches to.
        var policy = Policy.builtin
        do {
            let loaded = try PolicyLoader.load(repository: location, environment: environment)
            policy = loaded.policy
            results.append(.pass("policy", describe(loaded, workTree: location?.workTree)))
        } catch {
            results.append(.fail("policy", error.description))
        }

        let repository: Repository?
        do {
            repository = try openRepository()
        } catch {
            results.append(.fail("repository", error.description))
            if let location { results.append(hooksCheck(hooksDir: location.hooksDir, workTree: location.workTree)) }
            return results
        }
        guard let repository else {
            if let location {
                results.append(.fail("repository", "ward found a repository at \(location.gitDir) but libgit2 did not"))
            } else {
                results.append(.warn("repository", "no git repository at \(directory); only the policy applies"))
            }
            return results
        }
        results.append(.pass("repository", describe(repository)))

        if !repository.isBare {
            let indexPath = environment["GIT_INDEX_FILE"].flatMap {
                $0.isEmpty ? nil : Files.absolute($0, relativeTo: processDirectory)
            }
            do {
                let index = try repository.index(path: indexPath)
                let source = indexPath.map { " in $GIT_INDEX_FILE (\($0))" } ?? ""
                results.append(.pass("index", "\(index.count) \(index.count == 1 ? "entry" : "entries")\(source)"))
                results.append(protectedBranchCheck(repository, index: index, policy: policy))
                if let result = branchNameCheck(repository, policy: policy) { results.append(result) }
                results.append(scopeCheck(repository, index: index, location: location, policy: policy))
            } catch {
                results.append(.fail("index", error.description))
            }
        }

        results.append(
            hooksCheck(hooksDir: hooksDirectory(repository, location: location), workTree: repository.workDirectory))
        return results
    }

    /// The staged paths against the scope, as the pre-commit hook will judge them.
    private func scopeCheck(_ repository: Repository, index: Index, location: RepositoryLocation?, policy: Policy)
        -> CheckResult
    {
        let root = location?.workTree ?? repository.workDirectory ?? directory
        let context = GuardContext(cwd: root, repository: location, environment: environment)
        do {
            let scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: context)
            let changes = try repository.stagedChanges(in: index)
            let verdicts = ScopeReview.verdicts(
                for: changes, repository: repository, root: root, scopeGuard: scopeGuard, policy: policy)
            let lists = policy.scope.allow.map { "\($0.source): \($0.globs.joined(separator: " "))" }
            let scopeText = lists.isEmpty ? "the whole repository" : lists.joined(separator: "; ")
            guard let first = verdicts.first(where: { $0.verdict.decision > .warn }) ?? verdicts.first else {
                return .pass(
                    "scope", "\(changes.count) staged path\(changes.count == 1 ? "" : "s") in scope (\(scopeText))")
            }
            let message =
                "\(first.subject): \(first.verdict.message)"
                + (verdicts.count > 1 ? " (and \(verdicts.count - 1) more)" : "")
            if first.verdict.decision > .warn { return .fail("scope", message, rule: first.verdict.ruleID) }
            return .warn("scope", message)
        } catch let error as GitError {
            return .fail("scope", error.description)
        } catch {
            return .fail("scope", "\(error)")
        }
    }

    /// Opens from GIT_DIR/GIT_WORK_TREE when git set them (a hook), else by searching up from `directory`.
    private func openRepository() throws(GitError) -> Repository? {
        if let gitDir = environment["GIT_DIR"], !gitDir.isEmpty {
            let workTree = environment["GIT_WORK_TREE"].flatMap {
                $0.isEmpty ? nil : Files.absolute($0, relativeTo: processDirectory)
            }
            return try Repository.open(gitDir: Files.absolute(gitDir, relativeTo: processDirectory), workTree: workTree)
        }
        let ceilings = (environment["GIT_CEILING_DIRECTORIES"] ?? "").split(separator: ":").map(String.init)
        return try Repository.open(at: directory, ceilingDirectories: ceilings)
    }

    /// `ward.json (2 layers)`: the files by their path in the work tree, plus the built-in layer.
    private func describe(_ loaded: LoadedPolicy, workTree: String?) -> String {
        let layers = loaded.files.count + 1
        let names = loaded.files.map { path in
            workTree.flatMap { path.hasPrefix($0 + "/") ? String(path.dropFirst($0.count + 1)) : nil } ?? path
        }
        var text = names.isEmpty ? "built-in" : names.joined(separator: ", ")
        text += " (\(layers) \(layers == 1 ? "layer" : "layers"))"
        if !loaded.policy.loosenings.isEmpty {
            text +=
                ", \(loaded.policy.loosenings.count) loosening\(loaded.policy.loosenings.count == 1 ? "" : "s") of built-in rules"
        }
        return text
    }

    private func describe(_ repository: Repository) -> String {
        var text = repository.workDirectory ?? repository.gitDirectory
        if repository.isBare { text += " (bare)" } else if repository.isLinkedWorktree { text += " (linked worktree)" }
        return text
    }

    /// Fails when HEAD is on a protected branch and the index differs from HEAD.
    func protectedBranchCheck(_ repository: Repository, index: Index, policy: Policy) -> CheckResult {
        let id = "protected-branch"
        let head: HeadState
        do {
            head = try repository.head
        } catch {
            return .fail(id, error.description)
        }
        switch head {
        case .unborn(let branch):
            return .pass(id, "first commit on unborn branch '\(branch)' is exempt")
        case .detached(let commit):
            return .pass(id, "HEAD is detached at \(commit.short); no branch to protect")
        case .branch(let name, _):
            guard let pattern = BranchContract(policy: policy).protectedBranchPattern(name) else {
                return .pass(id, "'\(name)' is not a protected branch")
            }
            let staged: [StagedChange]
            do {
                staged = try repository.stagedChanges(in: index)
            } catch {
                return .fail(id, error.description)
            }
            if staged.isEmpty { return .pass(id, "on protected branch '\(name)' with nothing staged") }
            let what = staged.count == 1 ? "1 staged change" : "\(staged.count) staged changes"
            let origin = pattern == name ? "" : " (matches '\(pattern)')"
            let message =
                "\(what) on protected branch '\(name)'\(origin): commit on a feature branch instead: git switch -c feat/<name>"
            switch policy.mode {
            case .enforce: return .fail(id, message, rule: "protected-branch-commit")
            case .warn: return CheckResult(id: id, status: .warn, message: message, rule: "protected-branch-commit")
            case .off: return .pass(id, "policy mode is off")
            }
        }
    }

    /// Warns when the current branch's name breaks `branches.patterns`; nil when detached.
    func branchNameCheck(_ repository: Repository, policy: Policy) -> CheckResult? {
        guard let name = (try? repository.head)?.branchName else { return nil }
        let verdict = BranchContract(policy: policy).checkName(name)
        if verdict.decision == .allow { return .pass("branch-name", "'\(name)' matches the branch contract") }
        if verdict.decision == .warn || verdict.decision == .deny || verdict.decision == .ask {
            let expected = policy.branches.patterns.joined(separator: " or ")
            return CheckResult(
                id: "branch-name", status: .warn,
                message: "'\(name)' does not match \(expected); rename it: git branch -m fix/123-short-slug",
                rule: "branch-name")
        }
        return nil
    }

    /// The hooks directory git uses: `core.hooksPath` (relative to the work tree) or the common dir's `hooks`.
    private func hooksDirectory(_ repository: Repository, location: RepositoryLocation?) -> String {
        if let location { return location.hooksDir }
        if let value = try? repository.config().string("core.hooksPath"), !value.isEmpty {
            var path = value
            if path.hasPrefix("~/"), let home = environment["HOME"] { path = home + path.dropFirst(1) }
            return Files.absolute(path, relativeTo: repository.workDirectory ?? repository.gitDirectory)
        }
        return repository.commonDirectory + "/hooks"
    }

    /// Warns when none of the git hooks ward installs mentions ward.
    func hooksCheck(hooksDir: String, workTree: String?) -> CheckResult {
        let shown: String
        if let workTree, hooksDir.hasPrefix(workTree + "/") {
            shown = String(hooksDir.dropFirst(workTree.count + 1))
        } else {
            shown = hooksDir
        }
        let installed = ["pre-commit", "commit-msg", "pre-push"].filter { name in
            guard let text = Files.readText(hooksDir + "/" + name) else { return false }
            return text.contains("ward")
        }
        if installed.isEmpty {
            return .warn(
                "hooks", "no ward hook in \(shown); commits and pushes are not checked until ward's hooks are installed"
            )
        }
        return .pass("hooks", "\(installed.joined(separator: ", ")) in \(shown)")
    }
}
