import Base
import Commands
import Findings
import GitHooks
import Policy
import Worktrees

/// The handlers of `ward worktree add|list|remove|prune|repair|finish`: parse, call `Worktrees`,
/// render one report (text, or JSON with a `worktrees` member after `findings`).
enum WorktreeCommands {
    static let handlers: [[String]: Handler] = [
        ["worktree", "add"]: add,
        ["worktree", "list"]: list,
        ["worktree", "remove"]: remove,
        ["worktree", "prune"]: prune,
        ["worktree", "repair"]: repair,
        ["worktree", "finish"]: finish,
    ]

    static func repository(_ invocation: Invocation) throws(CommandError) -> WorktreeRepository {
        do {
            return try WorktreeRepository(directory: invocation.currentDirectory, environment: invocation.environment)
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

    /// The report as JSON, or `lines` on stdout and (when `echo`) each objection on stderr.
    static func render(_ report: Report, json: Bool, members: String, lines: [String], echo: Bool = true) {
        if json {
            Output.out(JSONRenderer.report(report, extra: [("worktrees", members)]))
            return
        }
        for line in lines { Output.out(line) }
        for f in report.findings where echo && f.decision != .allow {
            Output.err(TextRenderer.line(f))
        }
    }

    static func add(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let issues = args.values("--issue")
        let titles = args.values("--title")
        guard issues.count == titles.count else {
            throw .usage(
                "ward worktree add: give one --title per --issue (\(issues.count) issues, \(titles.count) titles)")
        }
        let names = args.positionals
        var requests: [AddRequest] = []
        var base = AddRequest(
            name: "", branch: "", base: args.value("--base"), scope: args.values("--scope"), team: args.value("--team"),
            link: args.flag("--link") ? args.values("--link") : nil,
            copy: args.flag("--copy") ? args.values("--copy") : nil, lock: args.flag("--lock") ? true : nil)
        if !issues.isEmpty {
            guard names.isEmpty || names.count == issues.count else {
                throw .usage(
                    "ward worktree add: give one NAME per --issue, or none (\(names.count) for \(issues.count))")
            }
            guard args.value("--branch") == nil else {
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
        } else {
            guard !names.isEmpty else {
                throw .usage(
                    "ward worktree add: give a NAME, or --issue N --title TEXT; see 'ward worktree add --help'")
            }
            if let branch = args.value("--branch"), names.count > 1 {
                throw .usage("ward worktree add: --branch \(branch) names one branch; give one NAME with it")
            }
            for name in names {
                base.name = name
                base.branch = args.value("--branch") ?? name
                requests.append(base)
            }
        }
        let repository = try repository(invocation)
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let policy = try site.policy(for: "worktree add")
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
        render(report, json: args.flag("--json"), members: "[" + members.joined(separator: ",") + "]", lines: lines)
        return status(report, errors: errors)
    }

    static func remove(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let positionals = try args.positionals(atMost: 1, command: "worktree remove")
        guard let name = positionals.first else { throw .usage("ward worktree remove: give the worktree's NAME") }
        let repository = try repository(invocation)
        var findings: [Finding] = []
        var errors: [WorktreeError] = []
        var lines: [String] = []
        var member = "null"
        do {
            let r = try repository.remove(name, force: args.flag("--force"), deleteBranch: args.flag("--delete-branch"))
            findings.append(
                Finding(
                    ruleID: "worktree-removed", decision: .allow, message: "removed \(r.name) (\(r.path))",
                    matched: r.name, checkpoint: .worktree, path: r.path))
            lines.append("ward: removed \(r.name) (\(r.path)); \(r.linksUnlinked) link(s) unlinked first")
            if let saved = r.savedRef { lines.append("  tip saved as \(saved)") }
            if r.deletedBranch, let branch = r.branch { lines.append("  deleted the branch \(branch)") }
            for note in r.notes { lines.append("  note: " + note) }
            member = removedJSON(r)
        } catch {
            errors.append(error)
            findings.append(finding(error, subject: name))
        }
        let report = Report(checkpoint: .worktree, subject: "worktree remove \(name)", findings: findings, checked: 1)
        render(report, json: args.flag("--json"), members: "[" + (member == "null" ? "" : member) + "]", lines: lines)
        return status(report, errors: errors)
    }

    static func removedJSON(_ r: RemoveResult) -> String {
        var w = JSONWriter()
        w.object { w in
            w.key("name")
            w.string(r.name)
            w.key("path")
            w.string(r.path)
            w.key("branch")
            w.string(r.branch)
            w.key("savedRef")
            w.string(r.savedRef)
            w.key("deletedBranch")
            w.bool(r.deletedBranch)
            w.key("linksUnlinked")
            w.number(r.linksUnlinked)
            w.key("notes")
            w.array { w in for n in r.notes { w.string(n) } }
        }
        return w.string
    }

    static func list(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "worktree list")
        let repository = try repository(invocation)
        let all = repository.list()
        var findings: [Finding] = []
        var lines: [String] = []
        var members: [String] = []
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
            members.append(healthJSON(h))
        }
        let report = Report(checkpoint: .worktree, subject: "worktree list", findings: findings, checked: all.count)
        if args.flag("--json") {
            Output.out(JSONRenderer.report(report, extra: [("worktrees", "[" + members.joined(separator: ",") + "]")]))
        } else {
            for line in lines { Output.out(line) }
        }
        return report.ok ? .ok : .checkFailed
    }

    static func healthJSON(_ h: WorktreeHealth) -> String {
        var w = JSONWriter()
        w.object { w in
            w.key("name")
            w.string(h.name)
            w.key("path")
            w.string(h.path)
            w.key("main")
            w.bool(h.isMain)
            w.key("branch")
            w.string(h.branch)
            w.key("head")
            w.string(h.head)
            w.key("base")
            w.string(h.base)
            for (key, value) in [
                ("ahead", h.ahead), ("behind", h.behind), ("staged", h.staged), ("unstaged", h.unstaged),
                ("untracked", h.untracked),
            ] {
                w.key(key)
                if let value { w.number(value) } else { w.null() }
            }
            w.key("locked")
            w.string(h.locked)
            w.key("prunable")
            w.bool(h.prunable)
            w.key("linksIntact")
            w.bool(h.linksIntact)
            w.key("envFilesPresent")
            w.bool(h.envFilesPresent)
            w.key("problems")
            w.array { w in
                for p in h.problems {
                    w.object { w in
                        w.key("rule")
                        w.string(p.rule)
                        w.key("message")
                        w.string(p.message)
                        w.key("repair")
                        w.string(p.repair)
                    }
                }
            }
        }
        return w.string
    }

    static func prune(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "worktree prune")
        let repository = try repository(invocation)
        let result: PruneResult
        do {
            result = try repository.prune(merged: args.flag("--merged"), orphans: args.flag("--orphans"))
        } catch {
            let report = Report(
                checkpoint: .worktree, subject: "worktree prune", findings: [finding(error, subject: "prune")])
            render(report, json: args.flag("--json"), members: "[]", lines: [])
            return status(report, errors: [error])
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
                    ruleID: "worktree-kept", decision: args.flag("--merged") ? .warn : .allow,
                    message: "kept \(kept.name): \(kept.reason)", matched: kept.name, checkpoint: .worktree))
        }
        if lines.isEmpty { lines.append("ward: nothing to prune") }
        let report = Report(checkpoint: .worktree, subject: "worktree prune", findings: findings)
        var members = result.removed.map(removedJSON)
        members += result.prunedEntries.map { "{\"pruned\":" + JSONWriter.quote($0) + "}" }
        render(
            report, json: args.flag("--json"), members: "[" + members.joined(separator: ",") + "]", lines: lines,
            echo: false)
        return .ok
    }

    static func repair(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let repository = try repository(invocation)
        do {
            let lines = try repository.repair(paths: args.positionals.map { invocation.absolute($0) })
            let report = Report(checkpoint: .worktree, subject: "worktree repair", checked: lines.count)
            render(
                report, json: args.flag("--json"),
                members: "[" + lines.map(JSONWriter.quote).joined(separator: ",") + "]",
                lines: lines.isEmpty ? ["ward: nothing to repair"] : lines.map { "ward: " + $0 })
            return .ok
        } catch {
            let report = Report(
                checkpoint: .worktree, subject: "worktree repair", findings: [finding(error, subject: "repair")])
            render(report, json: args.flag("--json"), members: "[]", lines: [])
            return status(report, errors: [error])
        }
    }

    static func finish(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let positionals = try args.positionals(atMost: 1, command: "worktree finish")
        guard let name = positionals.first else { throw .usage("ward worktree finish: give the worktree's NAME") }
        let repository = try repository(invocation)
        let result: FinishResult
        do {
            result = try repository.finish(name, push: args.flag("--push"), pullRequest: args.flag("--pr"))
        } catch {
            let report = Report(
                checkpoint: .worktree, subject: "worktree finish \(name)", findings: [finding(error, subject: name)])
            render(report, json: args.flag("--json"), members: "[]", lines: [])
            return status(report, errors: [error])
        }
        if args.flag("--json") {
            var w = JSONWriter()
            w.object { w in
                w.key("name")
                w.string(result.name)
                w.key("branch")
                w.string(result.branch)
                w.key("base")
                w.string(result.base)
                w.key("ready")
                w.bool(result.ready)
                w.key("pushed")
                w.string(result.pushed)
                w.key("request")
                w.string(result.request)
            }
            Output.out(JSONRenderer.report(result.report, extra: [("worktrees", "[" + w.string + "]")]))
        } else {
            Output.out(
                "ward: \(result.name) (\(result.branch)) is \(result.ready ? "ready" : "not ready") to hand over")
            for f in result.report.findings {
                let mark = f.decision == .allow ? "✓" : f.decision == .warn ? "!" : "✗"
                Output.out("  \(mark) \(f.message)" + (f.instead.isEmpty ? "" : "; \(f.instead)"))
            }
            if let pushed = result.pushed { Output.out("ward: pushed to \(pushed)") }
            if let request = result.request { Output.out("ward: opened \(request)") }
        }
        return result.ready ? .ok : .checkFailed
    }
}
