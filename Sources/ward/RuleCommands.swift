import Checks
import Commands
import Findings
import GitHooks
import Policy
import Workspace

/// `ward policy show|validate`, `ward scope set|show|clear`, `ward log`: the policy and its record.
enum RuleCommands {
    /// `ward explain RULE-ID`: the rule's lines, or nil when the argument is not a rule id.
    static func explainRule(_ text: String, loaded: LoadedPolicy) throws(CommandError) -> [String]? {
        guard !text.contains(" "), let rule = loaded.policy.rule(text) else { return nil }
        var lines = ["rule: \(rule.id)", "category: \(rule.category)", "decision: \(rule.decision.rawValue)"]
        lines.append("reason: \(rule.reason)")
        if !rule.alternative.isEmpty { lines.append("instead: \(rule.alternative)") }
        lines.append("source: \(rule.source)")
        if loaded.policy.isDisabled(rule.id) { lines.append("disabled by commands.disable") }
        return lines
    }

    static func policyValidate(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let path: String
        if let file = try args.positionals(atMost: 1, command: "policy validate").first {
            path = FileSystem.normalize(file, relativeTo: invocation.currentDirectory)
        } else {
            let repository = RepositoryLocator.locate(
                from: invocation.currentDirectory, environment: invocation.environment)
            guard let workTree = repository?.workTree else {
                throw .usage("ward: policy validate: not inside a repository with a work tree; name the FILE to check")
            }
            path = workTree + "/ward.json"
        }
        switch FileSystem.read(path, limit: PolicyLoader.fileLimit) {
        case .missing: throw .configuration("ward: \(path): no such file")
        case .failed(let code):
            throw .configuration("ward: \(path): cannot be read (\(FileSystem.errorMessage(code)))")
        case .contents, .tooLarge: break
        }
        switch PolicyLoader.validate(file: path) {
        case .success:
            Output.out("\(path): valid")
            return .ok
        case .failure(let error):
            Output.out("ward: \(error.description)")
            return .checkFailed
        }
    }

    static func policyShow(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "policy show")
        let site = try GuardCommands.site(args, invocation)
        let loaded = try GuardCommands.policy(site)
        let p = loaded.policy
        func origin(_ key: String) -> String { p.origins[key] ?? "built-in" }
        let files = ["built-in"] + loaded.files
        if args.flag("--json") {
            func q(_ s: String) -> String { JSONValue.quote(s) }
            func list(_ items: [String]) -> String { "[" + items.map(q).joined(separator: ",") + "]" }
            func valued(_ value: String, _ key: String) -> String {
                "{\"value\":\(value),\"source\":\(q(origin(key)))}"
            }
            var out = "{"
            out += "\"mode\":" + valued(q(p.mode.rawValue), "mode")
            out +=
                ",\"commandMode\":"
                + valued(q(p.commandMode.rawValue), p.commands.mode == nil ? "mode" : "commands.mode")
            out += ",\"protectedBranches\":" + valued(list(p.protectedBranches), "protectedBranches")
            out += ",\"regenerable\":" + valued(list(p.commands.regenerable), "commands.regenerable")
            out += ",\"tempRoots\":" + valued(list(p.commands.tempRoots), "commands.tempRoots")
            out += ",\"disabled\":" + list(p.commands.disable)
            out +=
                ",\"overrides\":["
                + p.overrides.map {
                    "{\"rule\":\(q($0.rule)),\"paths\":\(list($0.paths)),\"reason\":\(q($0.reason)),\"source\":\(q($0.source))}"
                }.joined(separator: ",") + "]"
            out += ",\"loosenings\":" + list(p.loosenings)
            out += ",\"ignored\":" + list(p.ignored)
            out +=
                ",\"rules\":["
                + p.commands.rules.map {
                    "{\"id\":\(q($0.id)),\"category\":\(q($0.category)),\"decision\":\(q($0.decision.rawValue)),"
                        + "\"disabled\":\(p.isDisabled($0.id)),\"reason\":\(q($0.reason)),"
                        + "\"alternative\":\(q($0.alternative)),\"source\":\(q($0.source))}"
                }.joined(separator: ",") + "]"
            out += ",\"files\":" + list(files) + "}"
            Output.out(out)
            return .ok
        }
        var lines: [String] = []
        lines.append("policy files: " + files.joined(separator: ", "))
        lines.append("mode: \(p.mode.rawValue)  (\(origin("mode")))")
        let commandSource = p.commands.mode == nil ? origin("mode") : origin("commands.mode")
        lines.append("commands.mode: \(p.commandMode.rawValue)  (\(commandSource))")
        lines.append(
            "protectedBranches: \(p.protectedBranches.joined(separator: ", "))  (\(origin("protectedBranches")))")
        lines.append(
            "commands.regenerable: \(p.commands.regenerable.joined(separator: ", "))  (\(origin("commands.regenerable")))"
        )
        lines.append(
            "commands.tempRoots: \(p.commands.tempRoots.joined(separator: ", "))  (\(origin("commands.tempRoots")))")
        lines.append(
            "commands.disable: " + (p.commands.disable.isEmpty ? "(none)" : p.commands.disable.joined(separator: ", ")))
        lines.append("overrides:" + (p.overrides.isEmpty ? " (none)" : ""))
        for o in p.overrides {
            let paths = o.paths.isEmpty ? "everywhere" : o.paths.joined(separator: ", ")
            lines.append("  \(o.rule) for \(paths): \(o.reason)  (\(o.source))")
        }
        lines.append("loosenings:" + (p.loosenings.isEmpty ? " (none)" : ""))
        lines += p.loosenings.map { "  " + $0 }
        lines.append("ignored:" + (p.ignored.isEmpty ? " (none)" : ""))
        lines += p.ignored.map { "  " + $0 }
        lines.append("rules (\(p.commands.rules.count)):")
        let width = p.commands.rules.map(\.id.count).max() ?? 0
        for rule in p.commands.rules {
            let pad = String(repeating: " ", count: max(0, width - rule.id.count))
            let state = p.isDisabled(rule.id) ? "disabled" : rule.decision.rawValue
            lines.append(
                "  \(rule.id)\(pad)  \(state)\(String(repeating: " ", count: max(0, 8 - state.count)))  \(rule.source)")
        }
        Output.out(lines.joined(separator: "\n"))
        return .ok
    }
    static func log(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "log")
        let directory = invocation.absolute(args.value("--cwd") ?? ".")
        let repository = RepositoryLocator.locate(from: directory, environment: invocation.environment)
        let path = AuditLog.path(repository: repository, environment: invocation.environment)
        let lines = AuditLog.read(path: path, limit: try args.count("--limit", command: "log") ?? 50)
        if args.flag("--json") {
            if !lines.isEmpty { Output.out(lines.joined(separator: "\n")) }
            return .ok
        }
        if lines.isEmpty {
            Output.err("ward: no audit records in \(path)")
            return .ok
        }
        var out: [String] = []
        for line in lines {
            guard let record = AuditRecord(jsonLine: line) else {
                out.append("(unreadable) \(TextRenderer.excerpt(line, limit: 160))")
                continue
            }
            var text =
                "\(record.time)  \(record.decision)  \(record.ruleID)  \(TextRenderer.excerpt(record.subject, limit: 160))"
            if let agent = record.agent { text += "  [\(agent)]" }
            out.append(text)
        }
        Output.out(out.joined(separator: "\n"))
        return .ok
    }

    static func scopeSet(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let globs = args.positionals
        guard !globs.isEmpty else {
            throw .usage("ward scope set: give at least one glob, e.g. 'ward scope set \"Sources/Auth/**\"'")
        }
        for g in globs {
            do {
                _ = try ScopePattern(g)
            } catch {
                throw .usage("ward scope set: \(error.description)")
            }
        }
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let repository = try site.repository(for: "scope set")
        do {
            try WorktreeScope.write(globs, gitDir: repository.gitDir)
        } catch {
            throw .configuration(error.description)
        }
        Output.out("scope of \(repository.workTree ?? repository.gitDir): \(globs.joined(separator: " "))")
        if case .success(let loaded) = site.loaded {
            for list in loaded.policy.scope.allow
            where !list.globs.isEmpty && list.source != WorktreeScope.path(gitDir: repository.gitDir) {
                if false, list.globs == globs {  // TODO(wire ScopePattern.mayIntersect)
                    Output.err(
                        "ward scope set: warning: nothing can be written here: \(globs.joined(separator: " ")) and the allow list of \(list.source) (\(list.globs.joined(separator: " "))) have no path in common; widen one of them"
                    )
                }
            }
        }
        return .ok
    }

    static func scopeClear(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "scope clear")
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let repository = try site.repository(for: "scope clear")
        do {
            try WorktreeScope.clear(gitDir: repository.gitDir)
        } catch {
            throw .configuration(error.description)
        }
        Output.out("scope of \(repository.workTree ?? repository.gitDir) cleared")
        return .ok
    }

    static func scopeShow(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "scope show")
        let loaded = try GuardCommands.policy(try GuardCommands.site(args, invocation))
        let scope = loaded.policy.scope
        let mode = (scope.mode ?? loaded.policy.mode).rawValue
        if args.flag("--json") {
            let lists = scope.allow.map { a in
                "{\"source\":\(JSONValue.quote(a.source)),\"allow\":["
                    + a.globs.map(JSONValue.quote).joined(separator: ",") + "]}"
            }
            Output.out(
                "{\"mode\":\(JSONValue.quote(mode)),\"allow\":[\(lists.joined(separator: ","))],\"protect\":["
                    + scope.protect.map(JSONValue.quote).joined(separator: ",") + "],\"outside\":["
                    + scope.outside.map(JSONValue.quote).joined(separator: ",") + "]}")
            return .ok
        }
        var lines = ["mode: \(mode)"]
        if scope.allow.isEmpty { lines.append("allow: the whole repository") }
        for a in scope.allow {
            lines.append("allow (\(a.source)): \(a.globs.isEmpty ? "nothing" : a.globs.joined(separator: " "))")
        }
        lines.append(
            "protect: \(scope.protect.isEmpty ? "(built-in protected files only)" : scope.protect.joined(separator: " "))"
        )
        lines.append("outside: temp roots\(scope.outside.isEmpty ? "" : ", " + scope.outside.joined(separator: " "))")
        Output.out(lines.joined(separator: "\n"))
        return .ok
    }
}
