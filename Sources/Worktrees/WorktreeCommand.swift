import Base
public import Commands
public import Findings
public import Policy

/// What one `ward worktree` command did, ready to print: the report, the `worktrees` member of
/// its JSON, the lines for people, and the exit status. The handlers in `ward-git` only parse
/// their arguments, call one of `WorktreeCommand`'s functions and print its output.
public struct WorktreeOutput: Sendable {
    public var report: Report
    /// The JSON array under `worktrees`, after the report's own members.
    public var members: [String]
    /// The text for people, on stdout.
    public var lines: [String]
    /// Whether each objection of the report is also written to stderr.
    public var echo: Bool
    public var status: ExitStatus

    /// What goes to stdout and stderr: the report as JSON, or the lines (and the objections).
    public func rendered(json: Bool) -> (out: [String], err: [String]) {
        if json {
            return (
                [JSONRenderer.report(report, extra: [("worktrees", "[" + members.joined(separator: ",") + "]")])], []
            )
        }
        let err = echo ? report.findings.filter { $0.decision != .allow }.map(TextRenderer.line) : []
        return (lines, err)
    }
}

/// The `ward worktree` commands over parsed values (see `WorktreeOutput`).
public enum WorktreeCommand {
    /// The repository of `directory`; a usage error when there is none.
    public static func repository(directory: String, environment: [String: String]) throws(CommandError)
        -> WorktreeRepository
    {
        do {
            return try WorktreeRepository(directory: directory, environment: environment)
        } catch {
            throw .usage(error.description)
        }
    }

    static func finding(_ error: WorktreeError, subject: String) -> Finding {
        Finding(
            ruleID: error.rule, decision: .deny, message: error.description, matched: subject, checkpoint: .worktree)
    }

    /// The exit status of a report whose failures are `errors`: usage or failure 2, refusals 1.
    static func status(_ report: Report, errors: [WorktreeError]) -> ExitStatus {
        if errors.contains(where: { if case .refused = $0 { return false } else { return true } }) { return .usage }
        return report.ok && errors.isEmpty ? .ok : .checkFailed
    }

    /// The output of a command that failed before it did anything.
    static func failed(_ error: WorktreeError, subject: String, matched: String, checked: Int? = nil)
        -> WorktreeOutput
    {
        let report = Report(
            checkpoint: .worktree, subject: subject, findings: [finding(error, subject: matched)], checked: checked)
        return WorktreeOutput(
            report: report, members: [], lines: [], echo: true, status: status(report, errors: [error]))
    }

    /// The worktrees `ward worktree add` creates: one per NAME, or one per `--issue`/`--title`
    /// pair (its branch `fix/N-slug` or `feat/N-slug`, its name `N-slug` unless NAMEs are given),
    /// each from `template`'s options.
    public static func requests(
        names: [String], issues: [String], titles: [String], branch: String?, template: AddRequest
    ) throws(CommandError) -> [AddRequest] {
        guard issues.count == titles.count else {
            throw .usage(
                "ward worktree add: give one --title per --issue (\(issues.count) issues, \(titles.count) titles)")
        }
        var base = template
        var requests: [AddRequest] = []
        if !issues.isEmpty {
            guard names.isEmpty || names.count == issues.count else {
                throw .usage(
                    "ward worktree add: give one NAME per --issue, or none (\(names.count) for \(issues.count))")
            }
            guard branch == nil else {
                throw .usage("ward worktree add: --branch and --issue exclude each other (the issue names the branch)")
            }
            for (i, (issue, title)) in zip(issues, titles).enumerated() {
                guard let number = Int(issue), number > 0 else {
                    throw .usage("ward worktree add: --issue '\(issue)': expected an issue number")
                }
                do {
                    base.branch = try WorktreeNames.issueBranch(number: number, title: title)
                } catch {
                    throw .usage(error.description)
                }
                base.name = names.isEmpty ? WorktreeNames.issueName(number: number, title: title) : names[i]
                base.issue = number
                requests.append(base)
            }
            return requests
        }
        guard !names.isEmpty else {
            throw .usage("ward worktree add: give a NAME, or --issue N --title TEXT; see 'ward worktree add --help'")
        }
        if let branch, names.count > 1 {
            throw .usage("ward worktree add: --branch \(branch) names one branch; give one NAME with it")
        }
        for name in names {
            base.name = name
            base.branch = branch ?? name
            requests.append(base)
        }
        return requests
    }

    /// `ward worktree add`: each request in turn; one that fails leaves nothing and the rest go on.
    public static func add(_ requests: [AddRequest], in repository: WorktreeRepository, policy: Policy)
        -> WorktreeOutput
    {
        var findings: [Finding] = []
        var errors: [WorktreeError] = []
        var members: [String] = []
        var lines: [String] = []
        for request in requests {
            do {
                let result = try repository.add(request, policy: policy)
                let m = result.manifest
                findings.append(
                    Finding(
                        ruleID: "worktree-added", decision: .allow,
                        message: "added \(m.name) at \(m.path) on \(m.branch) from \(m.base)", matched: m.name,
                        checkpoint: .worktree, path: m.path))
                members.append(m.jsonText)
                lines.append(
                    "ward: added \(m.name): \(m.path) on \(m.branch) from \(m.base) (\(m.baseCommit.prefix(12)))")
                if !m.links.isEmpty { lines.append("  linked: " + m.links.map(\.path).joined(separator: ", ")) }
                if !m.copies.isEmpty { lines.append("  copied: " + m.copies.joined(separator: ", ")) }
                if !m.scope.isEmpty { lines.append("  scope: " + m.scope.joined(separator: " ")) }
                for note in result.notes { lines.append("  note: " + note) }
            } catch {
                errors.append(error)
                findings.append(finding(error, subject: request.name))
            }
        }
        let report = Report(
            checkpoint: .worktree, subject: "worktree add " + requests.map(\.name).joined(separator: " "),
            findings: findings, checked: requests.count)
        return WorktreeOutput(
            report: report, members: members, lines: lines, echo: true, status: status(report, errors: errors))
    }

    /// `ward worktree remove NAME`.
    public static func remove(_ name: String, force: Bool, deleteBranch: Bool, in repository: WorktreeRepository)
        -> WorktreeOutput
    {
        let subject = "worktree remove \(name)"
        let r: RemoveResult
        do {
            r = try repository.remove(name, force: force, deleteBranch: deleteBranch)
        } catch {
            return failed(error, subject: subject, matched: name, checked: 1)
        }
        var lines = ["ward: removed \(r.name) (\(r.path)); \(r.linksUnlinked) link(s) unlinked first"]
        if let saved = r.savedRef { lines.append("  tip saved as \(saved)") }
        if r.deletedBranch, let branch = r.branch { lines.append("  deleted the branch \(branch)") }
        for note in r.notes { lines.append("  note: " + note) }
        let report = Report(
            checkpoint: .worktree, subject: subject,
            findings: [
                Finding(
                    ruleID: "worktree-removed", decision: .allow, message: "removed \(r.name) (\(r.path))",
                    matched: r.name, checkpoint: .worktree, path: r.path)
            ], checked: 1)
        return WorktreeOutput(report: report, members: [removedJSON(r)], lines: lines, echo: true, status: .ok)
    }

    /// One removed worktree in JSON.
    static func removedJSON(_ r: RemoveResult) -> String {
        var w = JSONWriter()
        w.object { w in
            w.member("name", r.name)
            w.member("path", r.path)
            w.member("branch", r.branch)
            w.member("savedRef", r.savedRef)
            w.member("deletedBranch", r.deletedBranch)
            w.member("linksUnlinked", number: r.linksUnlinked)
            w.member("notes", strings: r.notes)
        }
        return w.string
    }

    /// `ward worktree list`: every worktree with its health; each problem is a finding with
    /// the command that repairs it.
    public static func list(_ repository: WorktreeRepository) -> WorktreeOutput {
        let all = repository.list()
        var findings: [Finding] = []
        var lines: [String] = []
        for h in all {
            var parts = [h.branch.map { "on \($0)" } ?? "detached", String((h.head ?? "?").prefix(12))]
            if let ahead = h.ahead, let behind = h.behind, let base = h.base {
                parts.append("+\(ahead)/-\(behind) \(base)")
            }
            if let s = h.staged, let u = h.unstaged, let n = h.untracked {
                parts.append(s + u + n == 0 ? "clean" : "\(s) staged, \(u) unstaged, \(n) untracked")
            }
            if let locked = h.locked { parts.append(locked.isEmpty ? "locked" : "locked (\(locked))") }
            if h.prunable { parts.append("prunable") }
            lines.append("\(h.name)  \(h.path)  " + parts.joined(separator: ", "))
            for p in h.problems {
                lines.append("  ✗ \(p.message); repair: \(p.repair)")
                findings.append(
                    Finding(
                        ruleID: p.rule, decision: .deny, message: p.message, matched: h.name, instead: p.repair,
                        checkpoint: .worktree, path: h.path))
            }
        }
        let report = Report(checkpoint: .worktree, subject: "worktree list", findings: findings, checked: all.count)
        return WorktreeOutput(
            report: report, members: all.map(healthJSON), lines: lines, echo: false,
            status: report.ok ? .ok : .checkFailed)
    }

    /// One worktree's health in JSON.
    static func healthJSON(_ h: WorktreeHealth) -> String {
        var w = JSONWriter()
        w.object { w in
            w.member("name", h.name)
            w.member("path", h.path)
            w.member("main", h.isMain)
            w.member("branch", h.branch)
            w.member("head", h.head)
            w.member("base", h.base)
            for (key, value) in [
                ("ahead", h.ahead), ("behind", h.behind), ("staged", h.staged), ("unstaged", h.unstaged),
                ("untracked", h.untracked),
            ] {
                w.key(key)
                if let value { w.number(value) } else { w.null() }
            }
            w.member("locked", h.locked)
            w.member("prunable", h.prunable)
            w.member("linksIntact", h.linksIntact)
            w.member("envFilesPresent", h.envFilesPresent)
            w.key("problems")
            w.array { w in
                for p in h.problems {
                    w.object { w in
                        w.member("rule", p.rule)
                        w.member("message", p.message)
                        w.member("repair", p.repair)
                    }
                }
            }
        }
        return w.string
    }

    /// `ward worktree prune [--merged] [--orphans]`.
    public static func prune(merged: Bool, orphans: Bool, in repository: WorktreeRepository) -> WorktreeOutput {
        let result: PruneResult
        do {
            result = try repository.prune(merged: merged, orphans: orphans)
        } catch {
            return failed(error, subject: "worktree prune", matched: "prune")
        }
        var findings: [Finding] = []
        var lines: [String] = result.completed.map { "ward: " + $0 }
        for name in result.prunedEntries { lines.append("ward: dropped the entry of \(name) (its folder is gone)") }
        for orphan in result.orphans {
            if let moved = result.movedOrphans[orphan] {
                lines.append("ward: moved the orphan \(orphan) to \(moved)")
            } else {
                lines.append(
                    "ward: orphan \(orphan): no repository registers it; 'ward worktree prune --orphans' moves it to .ward-trash"
                )
                findings.append(
                    Finding(
                        ruleID: "worktree-orphan", decision: .warn, message: "\(orphan) is registered by no repository",
                        matched: orphan, instead: "ward worktree prune --orphans", checkpoint: .worktree, path: orphan))
            }
        }
        for r in result.removed {
            lines.append("ward: removed \(r.name) (\(r.notes.first ?? "merged"))")
            findings.append(
                Finding(
                    ruleID: "worktree-removed", decision: .allow, message: "removed \(r.name): \(r.notes.first ?? "")",
                    matched: r.name, checkpoint: .worktree, path: r.path))
        }
        for kept in result.kept {
            lines.append("ward: kept \(kept.name): \(kept.reason)")
            findings.append(
                Finding(
                    ruleID: "worktree-kept", decision: merged ? .warn : .allow,
                    message: "kept \(kept.name): \(kept.reason)", matched: kept.name, checkpoint: .worktree))
        }
        if lines.isEmpty { lines.append("ward: nothing to prune") }
        let report = Report(checkpoint: .worktree, subject: "worktree prune", findings: findings)
        let members =
            result.removed.map(removedJSON) + result.prunedEntries.map { "{\"pruned\":" + JSONWriter.quote($0) + "}" }
        return WorktreeOutput(report: report, members: members, lines: lines, echo: false, status: .ok)
    }

    /// `ward worktree repair [PATH...]`.
    public static func repair(paths: [String], in repository: WorktreeRepository) -> WorktreeOutput {
        do {
            let done = try repository.repair(paths: paths)
            let report = Report(checkpoint: .worktree, subject: "worktree repair", checked: done.count)
            return WorktreeOutput(
                report: report, members: done.map(JSONWriter.quote),
                lines: done.isEmpty ? ["ward: nothing to repair"] : done.map { "ward: " + $0 }, echo: true,
                status: .ok)
        } catch {
            return failed(error, subject: "worktree repair", matched: "repair")
        }
    }

    /// `ward worktree finish NAME [--push] [--pr]`: the ready/not-ready report.
    public static func finish(_ name: String, push: Bool, pullRequest: Bool, in repository: WorktreeRepository)
        -> WorktreeOutput
    {
        let result: FinishResult
        do {
            result = try repository.finish(name, push: push, pullRequest: pullRequest)
        } catch {
            return failed(error, subject: "worktree finish \(name)", matched: name)
        }
        var w = JSONWriter()
        w.object { w in
            w.member("name", result.name)
            w.member("branch", result.branch)
            w.member("base", result.base)
            w.member("ready", result.ready)
            w.member("pushed", result.pushed)
            w.member("request", result.request)
        }
        var lines = ["ward: \(result.name) (\(result.branch)) is \(result.ready ? "ready" : "not ready") to hand over"]
        for f in result.report.findings {
            let mark = f.decision == .allow ? "✓" : f.decision == .warn ? "!" : "✗"
            lines.append("  \(mark) \(f.message)" + (f.instead.isEmpty ? "" : "; \(f.instead)"))
        }
        if let pushed = result.pushed { lines.append("ward: pushed to \(pushed)") }
        if let request = result.request { lines.append("ward: opened \(request)") }
        return WorktreeOutput(
            report: result.report, members: [w.string], lines: lines, echo: false,
            status: result.ready ? .ok : .checkFailed)
    }
}
