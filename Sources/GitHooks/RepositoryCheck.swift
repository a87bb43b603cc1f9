public import Checks
public import Findings
public import Policy
import Workspace

/// `ward check`: every check that applies to the repository's current state, one finding each.
///
/// Each finding names its check (`policy`, `repository`, `index`, `protected-branch`,
/// `branch-name`, `scope`, `hooks`): `allow` is a pass, `warn` a warning, `deny` a failure, and
/// rule `not-run` a check that could not run because one it depends on failed.
public enum RepositoryCheck {
    public static let notRun = "not-run"

    /// `facts` is the opened repository, or why it could not be opened; `hooks` judges the
    /// installed git hooks (`ward-git` passes Install's, which reads ward's shims).
    public static func run<Facts: IndexFacts>(
        site: GitSite, facts: Result<Facts, FactsError>?, hooks: (RepositoryLocation) -> Finding = hooks
    ) -> Report {
        var out: [Finding] = []
        func add(_ check: String, _ decision: Decision, _ message: String, rule: String? = nil, instead: String = "") {
            out.append(
                Finding(
                    ruleID: rule ?? check, decision: decision, message: message, instead: instead,
                    checkpoint: .repository, check: check))
        }
        func skip(_ check: String, _ why: String) { add(check, .allow, "not run: \(why)", rule: Self.notRun) }

        var policy: Policy?
        switch site.loaded {
        case .success(let loaded):
            policy = loaded.policy
            add("policy", .allow, describe(loaded, workTree: site.location?.workTree))
        case .failure(let error):
            add("policy", .deny, error.description, instead: "fix the file, then 'ward policy validate'")
        }

        guard let location = site.location else {
            add("repository", .warn, "no git repository at \(site.directory); only the policy applies")
            return Report(checkpoint: .repository, subject: site.directory, findings: out)
        }
        guard let opened = facts else {
            add("repository", .deny, "ward found a repository at \(location.gitDir) but could not open it")
            return Report(checkpoint: .repository, subject: site.directory, findings: out)
        }
        let repository: Facts
        switch opened {
        case .success(let value): repository = value
        case .failure(let error):
            add("repository", .deny, error.description)
            out.append(hooks(location))
            return Report(checkpoint: .repository, subject: site.directory, findings: out)
        }
        var text = location.workTree ?? location.gitDir
        if location.isBare { text += " (bare)" } else if location.isLinkedWorktree { text += " (linked worktree)" }
        add("repository", .allow, text)

        if !location.isBare {
            do {
                let count = try repository.indexEntryCount()
                let source =
                    site.environment["GIT_INDEX_FILE"].flatMap { $0.isEmpty ? nil : " in $GIT_INDEX_FILE ($0)" } ?? ""
                add("index", .allow, "\(count) \(count == 1 ? "entry" : "entries")\(source)")
                let staged = try repository.stagedChanges()
                if let policy {
                    out.append(protectedBranch(location.head, staged: staged.count, policy: policy))
                    if let name = location.branch { out.append(branchName(name, policy: policy)) }
                    out.append(scope(staged, site: site, policy: policy, facts: repository))
                } else {
                    for check in ["protected-branch", "branch-name", "scope"] {
                        skip(check, "the policy does not load")
                    }
                }
            } catch {
                add("index", .deny, error.description)
            }
        }
        out.append(hooks(location))
        return Report(checkpoint: .repository, subject: location.workTree ?? location.gitDir, findings: out)
    }

    /// Fails when HEAD is on a protected branch and something is staged.
    static func protectedBranch(_ head: Head, staged: Int, policy: Policy) -> Finding {
        let id = "protected-branch"
        func pass(_ message: String) -> Finding {
            Finding(ruleID: id, decision: .allow, message: message, checkpoint: .repository, check: id)
        }
        switch head {
        case .unborn(let branch): return pass("first commit on unborn branch '\(branch)' is exempt")
        case .detached(let commit): return pass("HEAD is detached at \(commit.prefix(7)); no branch to protect")
        case .branch(let name):
            guard let pattern = BranchContract(policy: policy).protectedBranchPattern(name) else {
                return pass("'\(name)' is not a protected branch")
            }
            if staged == 0 { return pass("on protected branch '\(name)' with nothing staged") }
            guard let verdict = PreCommit.protectedBranchCommit(name, policy: policy) else {
                return pass("commits on '\(name)' are allowed by the policy")
            }
            var f = verdict.finding(.repository, check: id)
            let origin = pattern == name ? "" : " (matches '\(pattern)')"
            f.message = "\(staged) staged change\(staged == 1 ? "" : "s") on protected branch '\(name)'\(origin)"
            return f
        }
    }

    /// The current branch's name against `branches.patterns`: a warning at most.
    static func branchName(_ name: String, policy: Policy) -> Finding {
        let verdict = BranchContract(policy: policy).checkName(name)
        if verdict.decision == .allow {
            return Finding(
                ruleID: "branch-name", decision: .allow, message: "'\(name)' matches the branch contract",
                checkpoint: .repository, check: "branch-name")
        }
        var f = verdict.finding(.repository, check: "branch-name")
        f.decision = .warn
        return f
    }

    /// The staged paths against the scope, as the pre-commit hook will judge them.
    static func scope(_ staged: [PathChange], site: GitSite, policy: Policy, facts: some IndexFacts) -> Finding {
        let scopeGuard: ScopeGuard
        do {
            scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: site.guardContext)
        } catch {
            return Finding(
                ruleID: "scope", decision: .deny, message: error.description, checkpoint: .repository, check: "scope")
        }
        let found = ScopeReview.findings(
            for: staged, root: site.root, scopeGuard: scopeGuard, policy: policy, checkpoint: .repository,
            blob: { facts.blob($0, limit: 4096) })
        guard var first = found.first(where: \.fails) ?? found.first else {
            let lists = policy.scope.allow.map { "\($0.source): \($0.globs.joined(separator: " "))" }
            let scopeText = lists.isEmpty ? "the whole repository" : lists.joined(separator: "; ")
            return Finding(
                ruleID: "scope", decision: .allow,
                message: "\(staged.count) staged path\(staged.count == 1 ? "" : "s") in scope (\(scopeText))",
                checkpoint: .repository, check: "scope")
        }
        first.check = "scope"
        if found.count > 1 { first.message += " (and \(found.count - 1) more; 'ward hook pre-commit' lists them)" }
        if first.path != nil { first.instead = "unstage it: git restore --staged \(first.path ?? "")" }
        return first
    }

    /// Warns when none of the git hooks ward installs mentions ward.
    public static func hooks(_ location: RepositoryLocation) -> Finding {
        let dir = location.hooksDir
        var shown = dir
        if let workTree = location.workTree, dir.hasPrefix(workTree + "/") {
            shown = String(dir.dropFirst(workTree.count + 1))
        }
        let installed = ["pre-commit", "commit-msg", "pre-push"].filter { name in
            guard let bytes = FileSystem.readFile(dir + "/" + name, limit: 1 << 20) else { return false }
            return String(decoding: bytes, as: UTF8.self).contains("ward")
        }
        if installed.isEmpty {
            return Finding(
                ruleID: "hooks", decision: .warn,
                message:
                    "no ward hook in \(shown); commits and pushes are not checked until ward's hooks are installed",
                checkpoint: .repository, check: "hooks")
        }
        return Finding(
            ruleID: "hooks", decision: .allow, message: "\(installed.joined(separator: ", ")) in \(shown)",
            checkpoint: .repository, check: "hooks")
    }

    /// `ward.json (2 layers)`: the files by their path in the work tree, plus the built-in layer.
    static func describe(_ loaded: LoadedPolicy, workTree: String?) -> String {
        let layers = loaded.files.count + 1
        let names = loaded.files.map { path in
            workTree.flatMap { path.hasPrefix($0 + "/") ? String(path.dropFirst($0.count + 1)) : nil } ?? path
        }
        var text = names.isEmpty ? "built-in" : names.joined(separator: ", ")
        text += " (\(layers) \(layers == 1 ? "layer" : "layers"))"
        let loosenings = loaded.policy.loosenings.count
        if loosenings > 0 { text += ", \(loosenings) loosening\(loosenings == 1 ? "" : "s") of built-in rules" }
        return text
    }

    /// Human lines: `✓ policy  ward.json (2 layers)`, aligned, colour on a terminal.
    public static func lines(_ report: Report, colour: Bool) -> [String] {
        let width = report.findings.map { ($0.check ?? $0.ruleID).count }.max() ?? 0
        return report.findings.map { f in
            let (mark, code): (String, String)
            if f.ruleID == notRun {
                (mark, code) = ("-", "2")
            } else if f.fails {
                (mark, code) = ("✗", "31")
            } else if f.decision == .warn {
                (mark, code) = ("!", "33")
            } else {
                (mark, code) = ("✓", "32")
            }
            let id = f.check ?? f.ruleID
            let shown = colour ? "\u{1B}[\(code)m\(mark)\u{1B}[0m" : mark
            var message = f.message
            if f.ruleID != id && f.ruleID != notRun { message = "[\(f.ruleID)] " + message }
            if let path = f.path { message = "\(path): " + message }
            if !f.instead.isEmpty { message += ". Instead: \(f.instead)" }
            return "\(shown) \(id + String(repeating: " ", count: width - id.count))  \(message)"
        }
    }
}
