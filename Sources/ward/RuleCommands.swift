import Commands
import GitHooks
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
        let outcome = try ScopeCommand.set(
            args.positionals, directory: invocation.currentDirectory, environment: invocation.environment)
        Output.out(outcome.line)
        if let warning = outcome.warning { Output.err(warning) }
        return .ok
    }

    static func scopeClear(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "scope clear")
        Output.out(try ScopeCommand.clear(directory: invocation.currentDirectory, environment: invocation.environment))
        return .ok
    }

    static func scopeShow(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "scope show")
        let listing = ScopeListing(try GuardCommands.policy(try GuardCommands.site(args, invocation)).policy)
        Output.out(args.flag("--json") ? listing.json : listing.lines.joined(separator: "\n"))
        return .ok
    }
}
