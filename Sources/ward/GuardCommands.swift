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
        let loaded = try policy(site)
        let context = GuardContext(cwd: site.directory, repository: site.location, environment: site.environment)
        let evaluation = CommandGuard(policy: loaded.policy).evaluation(of: command, in: context, trace: false)
        let verdict = evaluation.verdict
        if args.flag("--json") {
            let report = Report(
                checkpoint: .command, subject: command, findings: evaluation.findings.map { $0.finding(.command) })
            Output.out(
                JSONRenderer.report(report, extra: [("verdict", JSONRenderer.finding(verdict.finding(.command)))]))
        } else {
            Output.out(verdict.decision == .allow ? "allow" : verdict.message)
        }
        return verdict.decision > .warn ? .checkFailed : .ok
    }

    static func checkPaths(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        guard !args.positionals.isEmpty else { throw .usage("ward check paths: give at least one PATH") }
        let site = try site(args, invocation)
        let loaded = try policy(site)
        let context = GuardContext(cwd: site.directory, repository: site.location, environment: site.environment)
        let scopeGuard: ScopeGuard
        do {
            scopeGuard = try ScopeGuard(policy: loaded.policy, scope: loaded.policy.scope, context: context)
        } catch {
            throw .configuration("ward: \(error.description)")
        }
        var findings: [Finding] = []
        for p in args.positionals {
            let lexical = Path.absolute(p, relativeTo: site.directory)
            let resolved = FileSystem.resolveThroughExistingAncestor(lexical)
            let verdict = scopeGuard.check(
                write: lexical, resolved: resolved, isDirectory: FileSystem.isDirectory(resolved))
            findings.append(verdict.finding(.command, path: p))
        }
        let report = Report(checkpoint: .command, subject: "paths", findings: findings, checked: findings.count)
        if args.flag("--json") {
            Output.out(JSONRenderer.report(report))
        } else {
            for f in report.objections { Output.out(TextRenderer.line(f)) }
        }
        return report.ok ? .ok : .checkFailed
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
            let context = GuardContext(cwd: site.directory, repository: site.location, environment: site.environment)
            let explanation = CommandExplanation(
                text, policy: loaded.policy, context: context, files: ["built-in"] + loaded.files)
            Output.out(json ? explanation.json : explanation.lines.joined(separator: "\n"))
        }
        return .ok
    }
}
