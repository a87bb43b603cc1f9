import Base
import Checks
import Commands
import Findings
import Gates
import Git
import GitFacts
import GitHooks
import Workspace

/// The hand-off contract's verdict on one worktree's branch.
public struct FinishResult: Sendable, Equatable {
    public var name: String
    public var branch: String
    public var base: String
    /// Every check: a passing one as an `allow` finding, what is missing as a `deny`.
    public var report: Report
    public var ready: Bool { report.ok }
    /// Where the branch was pushed (`origin/feat/1-x`), when `--push` ran.
    public var pushed: String?
    /// The pull or merge request's address, when `--pr` ran.
    public var request: String?
}

extension WorktreeRepository {
    /// Checks whether the worktree's branch is ready to hand over; pushes it and opens the pull
    /// request when asked and ready. Never merges and never touches the worktree's files.
    public func finish(_ name: String, push: Bool = false, pullRequest: Bool = false) throws(WorktreeError)
        -> FinishResult
    {
        let entry = try entry(named: name)
        guard let branch = entry.branch, let tipHex = entry.head, let tip = ObjectID(hex: tipHex) else {
            throw .usage("ward worktree finish: \(entry.name) has no branch checked out (HEAD is detached)")
        }
        guard Disk.lstatus(entry.path)?.isDirectory == true else {
            throw .refused("ward worktree finish: \(entry.path) is missing", rule: "worktree-missing")
        }
        let base = entry.manifest?.base ?? defaultBase()
        guard let baseHex = git.commit(base, in: mainRoot), let baseID = ObjectID(hex: baseHex) else {
            throw .usage("ward worktree finish: the base '\(base)' names no commit")
        }
        var findings: [Finding] = []
        func add(_ rule: String, _ ok: Bool, _ message: String, instead: String = "") {
            findings.append(
                Finding(
                    ruleID: rule, decision: ok ? .allow : .deny, message: message, matched: branch,
                    instead: ok ? "" : instead, checkpoint: .worktree, path: entry.path))
        }
        // 1. Nothing uncommitted.
        let risk = try statusCounts(entry.path)
        add(
            "worktree-uncommitted", !risk.isDirty,
            risk.isDirty ? "uncommitted work: \(risk.summary)" : "nothing uncommitted",
            instead: "commit or remove it in \(entry.path)")
        // 2. Commits of its own.
        let repository: Repository
        do {
            repository = try Repository.open(gitDir: commonDir, workTree: nil)
        } catch {
            throw .failed("ward worktree finish: cannot open \(commonDir): \(error.description)")
        }
        let counts = (try? repository.aheadBehind(tip, baseID)) ?? (ahead: 0, behind: 0)
        add(
            "worktree-no-commits", counts.ahead > 0,
            counts.ahead > 0
                ? "\(counts.ahead) commit\(counts.ahead == 1 ? "" : "s") ahead of \(base)"
                : "no commits ahead of \(base)", instead: "commit the work first")
        // 3. The contracts, exactly as 'ward check range BASE..BRANCH' in the worktree.
        let site = GitSite(directory: entry.path, environment: git.environment)
        do {
            guard let location = site.location else {
                throw WorktreeError.failed("ward worktree finish: \(entry.path) is not a repository")
            }
            let facts = try LibgitFacts(location: location, indexPath: nil)
            let (report, _) = try RangeCommand.check("\(baseHex)..\(branch)", site: site, facts: facts)
            let objections = report.objections
            findings += objections
            add(
                "worktree-contracts", report.ok,
                report.ok
                    ? "commit messages, branch name, issue link and scope pass (\(report.checked ?? 0) commits)"
                    : "the contracts object (\(report.tally))",
                instead: "fix the commits (git rebase -i \(base)) or the branch name")
            // 4. The pre-push gates, over the files the branch changes.
            if case .success(let loaded) = site.loaded, !loaded.policy.gates.isEmpty {
                let merge = (try? repository.mergeBase(baseID, tip))?.hex ?? baseHex
                let changes = (try? facts.changes(from: merge, to: tipHex)) ?? []
                let session = GateSession(
                    site: site, options: GateRunOptions(stage: "pre-push", environment: git.environment))
                if let ran = try session.run(loaded.policy.gates, inputs: GateInput.staged(changes)) {
                    findings += GateReportRenderer.findings(ran).objections
                    add(
                        "worktree-gates", ran.ok,
                        ran.ok ? "the pre-push gates pass" : "a required pre-push gate fails",
                        instead: "run 'ward gate run --stage pre-push' in \(entry.path)")
                }
            }
        } catch let error as WorktreeError {
            throw error
        } catch let error as CommandError {
            throw .failed(error.message)
        } catch let error as FactsError {
            throw .failed("ward worktree finish: \(error.description)")
        } catch let error as GateError {
            throw .failed("ward worktree finish: the gates cannot run: \(error.description)")
        } catch {
            throw .failed("ward worktree finish: \(error)")
        }
        // 5. The base: contained, or merged in memory without conflicts.
        if counts.behind == 0 {
            add("worktree-base", true, "contains \(base)")
        } else {
            let preview: MergePreview
            do {
                preview = try repository.previewMerge(ours: tip, theirs: baseID)
            } catch {
                throw .failed("ward worktree finish: cannot compare with \(base): \(error.description)")
            }
            if preview.conflicts.isEmpty {
                add("worktree-base", true, "\(counts.behind) behind \(base); merges with it without conflicts")
            } else {
                add(
                    "worktree-base", false,
                    "\(counts.behind) behind \(base), with conflicts in \(preview.conflicts.prefix(10).joined(separator: ", "))",
                    instead: "rebase onto \(base) in \(entry.path) and resolve them")
            }
        }
        var result = FinishResult(
            name: entry.name, branch: branch, base: base,
            report: Report(checkpoint: .worktree, subject: "finish \(entry.name) (\(branch))", findings: findings))
        guard result.ready else { return result }
        if push || pullRequest {
            let remote = try remoteName()
            try git.run(
                ["push", "--set-upstream", remote, "refs/heads/\(branch):refs/heads/\(branch)"], in: entry.path)
            result.pushed = "\(remote)/\(branch)"
            if pullRequest {
                result.request = try openRequest(
                    branch: branch, base: base, remote: remote, tip: tipHex, baseHex: baseHex,
                    issue: entry.manifest?.issue,
                    in: entry.path)
            }
        }
        return result
    }

    /// `origin` when there is one, else the only remote.
    func remoteName() throws(WorktreeError) -> String {
        let remotes = git.attempt(["remote"], in: mainRoot).text.split(separator: "\n").map(String.init)
        if remotes.contains("origin") { return "origin" }
        if remotes.count == 1, let only = remotes.first { return only }
        throw .usage(
            "ward worktree finish: no remote to push to"
                + (remotes.isEmpty ? "" : " (several: give one an 'origin' name)"))
    }

    /// Opens the pull request with `gh pr create` (GitHub) or the merge request with `glab mr
    /// create` (GitLab): the title from the branch's commits (the oldest's subject), the body
    /// their subjects and `Closes #N` when the branch names an issue. Returns what the tool printed last.
    func openRequest(
        branch: String, base: String, remote: String, tip: String, baseHex: String, issue: Int?, in path: String
    ) throws(WorktreeError) -> String {
        let url = git.attempt(["remote", "get-url", remote], in: mainRoot).trimmed
        let gitlab = url.contains("gitlab")
        let tool = gitlab ? "glab" : "gh"
        guard let executable = Self.onPath(tool, environment: git.environment) else {
            throw .usage("ward worktree finish: --pr needs '\(tool)' on PATH (the branch was pushed)")
        }
        let subjects = git.attempt(["log", "--reverse", "--format=%s", baseHex + ".." + tip], in: mainRoot).text
            .split(separator: "\n").map(String.init)
        let arguments = Self.requestArguments(
            gitlab: gitlab, branch: branch, base: base, subjects: subjects, issue: issue)
        let request = ProcessRequest(
            executable: executable, arguments: arguments, environment: git.environment, workingDirectory: path,
            standardInput: .null, standardOutput: .capture, standardError: .capture)
        let outcome: ProcessOutcome
        do {
            outcome = try ProcessRunner().run(request)
        } catch {
            throw .failed("ward worktree finish: cannot run \(tool): \(error)")
        }
        let out = String(decoding: outcome.standardOutput, as: UTF8.self)
        guard outcome.succeeded else {
            let said = String(decoding: outcome.standardError, as: UTF8.self).split(separator: "\n").last ?? ""
            throw .failed("ward worktree finish: '\(tool) \(arguments[0]) create' failed: \(said)")
        }
        return out.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// The arguments of `gh pr create` (or `glab mr create` for GitLab): the title is the oldest
    /// commit's subject (the branch name without commits), the body lists every subject and
    /// ends with `Closes #N` for the issue recorded at `add`, else the one the branch names
    /// (`fix/510-slug`).
    static func requestArguments(gitlab: Bool, branch: String, base: String, subjects: [String], issue: Int?)
        -> [String]
    {
        let title = subjects.first ?? branch
        // The issue the branch names, as the commit-issue-link rule reads it (`fix/510-slug`).
        let number = issue ?? IssueReference.issueNumber(inBranch: branch)
        var body = subjects.map { "- " + $0 }.joined(separator: "\n")
        if let number { body += (body.isEmpty ? "" : "\n\n") + "Closes #\(number)" }
        return gitlab
            ? [
                "mr", "create", "--title", title, "--description", body, "--source-branch", branch, "--target-branch",
                base, "--yes",
            ]
            : ["pr", "create", "--title", title, "--body", body, "--head", branch, "--base", base]
    }

    /// The executable `name` on `environment`'s PATH, or nil.
    static func onPath(_ name: String, environment: [String: String]) -> String? {
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = folder + "/" + name
            if let st = Disk.status(candidate), st.isRegularFile, st.mode & 0o111 != 0 { return String(candidate) }
        }
        return nil
    }
}
