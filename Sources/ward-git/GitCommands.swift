import Checks
import Commands
import Findings
import Gates
import GitFacts
import GitHooks
import Install
import Policy
import Workspace

/// The handlers of the command table's `.git` rows: arguments in, a `GitHooks` checkpoint run
/// over libgit2's facts, its report rendered.
enum GitCommands {
    static let handlers: [[String]: Handler] = [
        ["check"]: check,
        ["check", "message"]: message,
        ["check", "branch"]: branch,
        ["check", "range"]: range,
        ["hook", "commit-msg"]: commitMsg,
        ["hook", "pre-push"]: prePush,
        ["hook", "pre-commit"]: preCommit,
        ["install"]: InstallCommands.install,
        ["uninstall"]: InstallCommands.uninstall,
        ["doctor"]: InstallCommands.doctor,
        ["ci"]: CICommand.run,
    ]

    static func site(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> GitSite {
        let directory = invocation.absolute(args.value("--cwd") ?? ".")
        guard FileSystem.isDirectory(directory) else {
            throw .usage("ward: --cwd \(args.value("--cwd") ?? directory): no such directory")
        }
        return GitSite(directory: directory, environment: invocation.environment)
    }

    /// libgit2 over exactly the repository the site located, and the index git is committing.
    static func facts(_ site: GitSite, _ invocation: Invocation, command: String) throws(CommandError) -> LibgitFacts {
        let location = try site.repository(for: command)
        do {
            return try LibgitFacts(
                location: location, indexPath: indexPath(invocation), gitEnvironment: invocation.environment)
        } catch {
            throw .configuration("ward \(command): cannot open the repository: \(error.description)")
        }
    }

    static func indexPath(_ invocation: Invocation) -> String? {
        invocation.environment["GIT_INDEX_FILE"].flatMap { $0.isEmpty ? nil : invocation.absolute($0) }
    }

    static func check(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        if let extra = args.positionals.first {
            throw .usage("ward check: unexpected argument '\(extra)'; see 'ward --help' for the check subcommands")
        }
        let site = try site(args, invocation)
        let facts = site.location.map { location in
            Result { () throws(FactsError) in try LibgitFacts(location: location, indexPath: indexPath(invocation)) }
        }
        let report = RepositoryCheck.run(site: site, facts: facts, hooks: Doctor.hooksFinding)
        if args.flag("--json") {
            Output.out(JSONRenderer.report(report))
        } else {
            Output.out(RepositoryCheck.lines(report, colour: invocation.useColour).joined(separator: "\n"))
        }
        return report.ok ? .ok : .checkFailed
    }

    static func message(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let cleanup = try CheckMessage.cleanup(args.value("--cleanup"))
        let directory = invocation.absolute(args.value("--cwd") ?? ".")
        guard FileSystem.isDirectory(directory) else {
            throw .usage("ward check message: --cwd \(args.value("--cwd") ?? directory): no such directory")
        }
        let request = CheckMessage.Request(
            text: args.value("-m"), files: args.values("-F"), arguments: args.positionals)
        let messages = try CheckMessage.messages(
            request, currentDirectory: invocation.currentDirectory, stdinIsTerminal: invocation.stdinIsTerminal
        ) { String(decoding: Output.readStandardInput(limit: CheckMessage.limit), as: UTF8.self) }
        let site = GitSite(directory: directory, environment: invocation.environment)
        let outcome = try CheckMessage.check(messages, cleanup: cleanup, site: site)
        Output.out(args.flag("--json") ? outcome.json : outcome.lines.joined(separator: "\n"))
        return outcome.ok ? .ok : .checkFailed
    }

    static func branch(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let given = try args.positionals(atMost: 1, command: "check branch").first
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let (report, line) = try BranchCheck.run(given, site: site)
        Output.out(args.flag("--json") ? JSONRenderer.report(report) : line)
        return report.ok ? .ok : .checkFailed
    }

    static func range(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let spec = try args.positionals(atMost: 1, command: "check range").first
        var options = RangeOptions()
        options.fromRoot = args.flag("--root")
        let only = args.values("--only")
        if !only.isEmpty { options.parts = try RangeOptions.parts(only) }
        if let text = args.value("--max-walk") {
            guard let n = Int(text), n >= 1 else {
                throw .usage("ward check range: --max-walk takes a whole number of at least 1, found '\(text)'")
            }
            options.maxWalk = n
        }
        if let spec, !options.fromRoot { _ = try RangeCommand.parse(spec) }
        let site = try site(args, invocation)
        let facts = try facts(site, invocation, command: "check range")
        let (report, outcome) = try RangeCommand.check(spec, options: options, site: site, facts: facts)
        if args.flag("--json") {
            Output.out(JSONRenderer.report(report, extra: [("commits", outcome.commitsJSON)]))
        } else {
            Output.out("ward: \(outcome.checked) commit\(outcome.checked == 1 ? "" : "s") checked in \(report.subject)")
            let lines = outcome.lines
            if !lines.isEmpty { Output.out(lines.joined(separator: "\n")) }
        }
        return report.ok ? .ok : .checkFailed
    }

    static func commitMsg(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let (path, text) = try CommitMsg.messageFile(args, invocation)
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let policy = try site.policy(for: "hook commit-msg", judgesMessages: true)
        let facts = try facts(site, invocation, command: "hook commit-msg")
        let report = CommitMsg.check(
            hookFile: text, policy: policy, environment: invocation.environment,
            config: facts.config)
        for line in CommitMsg.lines(report, messageFile: path) { Output.err(line) }
        site.audit(report, err: Output.err)
        return report.ok ? .ok : .checkFailed
    }

    static func prePush(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        // Drain stdin first: git writes every ref line and a hook that exits early breaks the pipe.
        let input = Output.readStandardInput(limit: 64 << 20)
        guard args.positionals.count == 2, let remote = args.positionals.first else {
            throw .usage(
                "ward hook pre-push: expected REMOTE and URL, as git passes them; see 'ward hook pre-push --help'")
        }
        let updates = try PrePush.parse(input)
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let facts = try facts(site, invocation, command: "hook pre-push")
        let (report, outcome) = try PrePush.check(updates, remote: remote, site: site, facts: facts)
        for line in PrePush.lines(report, outcome: outcome) { Output.err(line) }
        site.audit(report, err: Output.err)
        guard report.ok else { return .checkFailed }
        return try GateHook.run(
            stage: "pre-push", site: site,
            inputs: GateInput.pushed(
                updates, remote: remote, root: site.location?.workTree, environment: site.environment, facts: facts),
            invocation)
    }

    /// The pre-commit hook when the front could not run git: the index read with libgit2.
    static func preCommit(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        if let extra = args.positionals.first {
            throw .usage("ward hook pre-commit: takes no arguments (git passes none), found '\(extra)'")
        }
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let facts = try facts(site, invocation, command: "hook pre-commit")
        let changes: [PathChange]
        do {
            changes = try facts.stagedChanges()
        } catch {
            throw .configuration("ward hook pre-commit: \(error.description)")
        }
        let report = try PreCommit.check(site: site, changes: changes, facts: facts)
        for line in PreCommit.lines(report) { Output.err(line) }
        site.audit(report, err: Output.err)
        return report.ok ? .ok : .checkFailed
    }
}
