import Base
import Checks
import Commands
import Findings
import GitHooks
import Policy
import Workspace

/// `ward policy show|validate`, `ward scope set|show|clear`, `ward log`: the policy and its record.
enum RuleCommands {
    static func policyValidate(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let path: String
        if let file = try args.positionals(atMost: 1, command: "policy validate").first {
            path = Path.absolute(file, relativeTo: invocation.currentDirectory)
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
            throw .configuration("ward: \(path): cannot be read (\(Errno(rawValue: code).description))")
        case .contents, .tooLarge: break
        }
        let errors = PolicyLoader.validateAll(file: path)
        if errors.isEmpty {
            Output.out("\(path): valid")
            return .ok
        }
        Output.out(errors.map { "ward: \($0.description)" }.joined(separator: "\n"))
        Output.err("ward: \(path): \(errors.count) error\(errors.count == 1 ? "" : "s")")
        return .checkFailed
    }

    static func policyShow(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "policy show")
        let site = try GuardCommands.site(args, invocation)
        let listing = PolicyListing(try GuardCommands.policy(site), root: site.root)
        Output.out(args.flag("--json") ? listing.json : listing.text)
        return .ok
    }

    static func log(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "log")
        let directory = invocation.absolute(args.value("--cwd") ?? ".")
        let repository = RepositoryLocator.locate(from: directory, environment: invocation.environment)
        let path = AuditLog.path(repository: repository, environment: invocation.environment)
        var filter = AuditFilter(
            rule: args.value("--rule"), agent: args.value("--agent"), session: args.value("--session"),
            checkpoint: args.value("--checkpoint"))
        if let since = args.value("--since") {
            do {
                filter.since = try AuditFilter.since(since)
            } catch {
                throw .usage("ward log: --since \(error.description)")
            }
        }
        let entries = AuditLog.entries(
            path: path, filter: filter, limit: try args.count("--limit", command: "log") ?? 50)
        if entries.isEmpty {
            Output.err(AuditLog.nothingToShow(path: path, filter: filter))
        } else {
            Output.out(entries.map { args.flag("--json") ? $0.line : AuditLog.textLine($0) }.joined(separator: "\n"))
        }
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
        // The new scope intersects with ward.json's: warn when no path is left that may be written.
        let after = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        if case .success(let loaded) = after.loaded, let empty = try? loaded.policy.scope.nothingWritable() {
            Output.err("ward scope set: warning: \(empty.description); widen one of the lists")
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
            var json = JSONWriter()
            json.object { json in
                json.key("mode")
                json.string(mode)
                json.key("allow")
                json.array { json in
                    for list in scope.allow {
                        json.object { json in
                            json.key("source")
                            json.string(list.source)
                            json.key("allow")
                            json.array { json in for glob in list.globs { json.string(glob) } }
                        }
                    }
                }
                for (key, globs) in [("protect", scope.protect), ("outside", scope.outside)] {
                    json.key(key)
                    json.array { json in for glob in globs { json.string(glob) } }
                }
            }
            Output.out(json.string)
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
