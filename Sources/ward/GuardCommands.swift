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
        let command = try commandText(args, command: "explain")
        let site = try site(args, invocation)
        let loaded = try policy(site)
        if let lines = try RuleCommands.explainRule(command, loaded: loaded) {
            Output.out(lines.joined(separator: "\n"))
            return .ok
        }
        let context = GuardContext(cwd: site.directory, repository: site.location, environment: site.environment)
        let evaluation = CommandGuard(policy: loaded.policy).evaluation(of: command, in: context, trace: true)
        var lines: [String] = ["command: \(TextRenderer.excerpt(command, limit: 400))", "cwd: \(site.directory)"]
        lines.append("repository: \(site.location?.workTree ?? site.location?.gitDir ?? "(none)")")
        if let branch = context.branch { lines.append("branch: \(branch)") }
        lines += ["", "parse tree:"]
        if let tree = evaluation.tree {
            lines.append(tree.outline(indent: "  "))
        } else {
            lines.append("  (not parsed\(evaluation.parseError.map { ": " + $0.message } ?? ""))")
        }
        lines += ["", "rules considered:"]
        lines += evaluation.trace.isEmpty ? ["  (none)"] : evaluation.trace.map { "  " + $0 }
        lines += ["", "findings:"]
        lines += evaluation.findings.isEmpty ? ["  (none)"] : evaluation.findings.map { "  " + $0.message }
        if !evaluation.overridden.isEmpty {
            lines += ["", "let through by the policy:"] + evaluation.overridden.map { "  " + $0 }
        }
        let verdict = evaluation.verdict
        lines += ["", "verdict: " + (verdict.decision == .allow ? "allow" : verdict.message)]
        lines.append("mode: \(loaded.policy.commandMode.rawValue)")
        lines.append("policy files: " + (["built-in"] + loaded.files).joined(separator: ", "))
        Output.out(lines.joined(separator: "\n"))
        return .ok
    }
}
