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
        let given = try args.positionals(atMost: 1, command: "policy validate").first
        let validation: PolicyValidation
        do {
            validation = try PolicyValidation(
                file: given, currentDirectory: invocation.currentDirectory, environment: invocation.environment)
        } catch {
            throw error.isUsage ? .usage(error.description) : .configuration(error.description)
        }
        Output.out(validation.lines.joined(separator: "\n"))
        if let summary = validation.summary { Output.err(summary) }
        return validation.ok ? .ok : .checkFailed
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
        let listing = ScopeListing(try GuardCommands.policy(try GuardCommands.site(args, invocation)).policy)
        Output.out(args.flag("--json") ? listing.json : listing.lines.joined(separator: "\n"))
        return .ok
    }
}
