import Base
import Checks
import Commands
import Findings
import GitHooks
import Policy
import Workspace

/// `ward check command`, `ward check paths`, `ward explain`: the guards, asked by a person.
enum GuardCommands {
    /// The site of `--cwd DIR` (default: the process's directory), which must exist.
    static func site(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> GitSite {
        let raw = args.value("--cwd") ?? invocation.currentDirectory
        let directory = FileSystem.resolveThroughExistingAncestor(invocation.absolute(raw))
        if args.value("--cwd") != nil, !FileSystem.isDirectory(directory) {
            throw .usage("ward: --cwd \(raw): no such directory")
        }
        return GitSite(directory: directory, environment: invocation.environment)
    }

    static func policy(_ site: GitSite) throws(CommandError) -> LoadedPolicy {
        switch site.loaded {
        case .success(let loaded): return loaded
        case .failure(let error): throw .configuration("ward: \(error.description)")
        }
    }

    /// The one CMD argument, or stdin for `-`.
    static func commandText(_ args: Arguments, command: String) throws(CommandError) -> String {
        guard args.positionals.count == 1, let only = args.positionals.first else {
            throw .usage(
                args.positionals.isEmpty
                    ? "ward \(command): missing CMD; quote the command line as one argument, or pass '-' to read it from stdin"
                    : "ward \(command): expected one CMD argument, found \(args.positionals.count); quote the whole command line"
            )
        }
        if only == "-" {
            return String(decoding: Output.readStandardInput(limit: CommandGuard.maxCommandBytes + 1), as: UTF8.self)
        }
        return only
    }

    static func checkCommand(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let command = try commandText(args, command: "check command")
        let site = try site(args, invocation)
        let check = GuardCheck.command(command, policy: try policy(site).policy, context: site.commandContext)
        Output.out(args.flag("--json") ? check.json : check.lines.joined(separator: "\n"))
        return check.failed ? .checkFailed : .ok
    }

    static func checkPaths(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        guard !args.positionals.isEmpty else { throw .usage("ward check paths: give at least one PATH") }
        let site = try site(args, invocation)
        let loaded = try policy(site)
        let check: GuardCheck
        do {
            check = try GuardCheck.paths(args.positionals, policy: loaded.policy, context: site.commandContext)
        } catch {
            throw .configuration("ward: \(error.description)")
        }
        if args.flag("--json") {
            Output.out(check.json)
        } else {
            for line in check.lines { Output.out(line) }
        }
        return check.failed ? .checkFailed : .ok
    }

    static func explain(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let text = try commandText(args, command: "explain")
        let site = try site(args, invocation)
        var loaded = try policy(site)
        WorkspaceScopes.apply(to: &loaded.policy, root: site.root)
        let json = args.flag("--json")
        switch RuleExplanation.lookup(text, in: loaded.policy) {
        case .unknownRule(let id, let suggestions):
            throw .usage(RuleExplanation.unknownRuleMessage(id, suggestions: suggestions))
        case .rule(let rule):
            Output.out(json ? rule.json : rule.lines.joined(separator: "\n"))
        case .command:
            let explanation = CommandExplanation(
                text, policy: loaded.policy, context: site.commandContext, files: ["built-in"] + loaded.files)
            Output.out(json ? explanation.json : explanation.lines.joined(separator: "\n"))
        }
        return .ok
    }
}
