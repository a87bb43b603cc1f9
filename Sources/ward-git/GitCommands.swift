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
        let cleanup = try args.value("--cleanup").map { (value) throws(CommandError) in
            guard let mode = CommitMessageCleanup.Mode(rawValue: value) else {
                let known = CommitMessageCleanup.Mode.allCases.map(\.rawValue).joined(separator: ", ")
                throw .usage("ward check message: unknown cleanup mode '\(value)' (one of \(known))")
            }
            return mode
        }
        let directory = invocation.absolute(args.value("--cwd") ?? ".")
        guard FileSystem.isDirectory(directory) else {
            throw .usage("ward check message: --cwd \(args.value("--cwd") ?? directory): no such directory")
        }
        let positionals = args.positionals
        let files = args.values("-F")
        // Each message with the name it is reported under (nil: a single message given as text or stdin).
        var messages: [(name: String?, text: String)] = []
        func read(_ file: String) throws(CommandError) -> String {
            guard let bytes = FileSystem.readFile(invocation.absolute(file), limit: 16 << 20) else {
                throw .configuration("ward check message: cannot read \(invocation.absolute(file))")
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        if let given = args.value("-m") {
            guard positionals.isEmpty, files.isEmpty else {
                throw .usage("ward check message: give the message once: -m TEXT, -F FILE, TEXT or '-'")
            }
            messages = [(nil, given)]
        } else if !files.isEmpty, files != ["-"] {
            guard positionals.isEmpty else { throw .usage("ward check message: -F FILE and a message given both") }
            guard !files.contains("-") else {
                throw .usage("ward check message: '-' (stdin) cannot be one of several -F files")
            }
            for file in files { messages.append((file, try read(file))) }
        } else if positionals.count > 1 {
            // Several arguments: each must be a file.
            for file in positionals {
                guard FileSystem.isRegularFile(invocation.absolute(file)) else {
                    throw .usage(
                        "ward check message: '\(file)' is not a file; several arguments are message files (one message: quote it, or -m TEXT)"
                    )
                }
                messages.append((file, try read(file)))
            }
        } else if let given = positionals.first, given != "-" {
            // A file's name reads the file (as before -F existed); anything else is the message.
            let bytes =
                FileSystem.isRegularFile(invocation.absolute(given))
                ? FileSystem.readFile(invocation.absolute(given), limit: 16 << 20) : nil
            messages = [(bytes == nil ? nil : given, bytes.map { String(decoding: $0, as: UTF8.self) } ?? given)]
        } else {
            guard positionals.first == "-" || files == ["-"] || !invocation.stdinIsTerminal else {
                throw .usage(
                    "ward check message: give the message: TEXT, -m TEXT, -F FILE, or '-' to read it from stdin")
            }
            messages = [(nil, String(decoding: Output.readStandardInput(limit: 16 << 20), as: UTF8.self))]
        }
        let site = GitSite(directory: directory, environment: invocation.environment)
        let policy = try site.policy(for: "check message")
        let config = { (key: String) in
            site.location.flatMap { RepositoryLocator.configValue(key, of: $0, environment: invocation.environment) }
        }
        var reports: [Report] = []
        for (name, text) in messages {
            let report = CommitMsg.check(text: text, cleanup: cleanup ?? .strip, policy: policy, config: config)
            reports.append(report)
            guard !args.flag("--json") else { continue }
            let prefix = messages.count > 1 ? "ward: \(name ?? "-"): " : "ward: "
            if let skipped = report.skipped {
                Output.out("\(prefix)message not checked: \(skipped)")
            } else if report.findings.isEmpty {
                Output.out("\(prefix)message passes the \(policy.commits.profile.rawValue) contract")
            } else {
                Output.out(messages.count > 1 ? "\(prefix)\(report.tally)" : "ward: \(report.subject): \(report.tally)")
                Output.out(TextRenderer.table(report.findings).joined(separator: "\n"))
            }
        }
        if args.flag("--json") {
            let rendered = reports.map { JSONRenderer.report($0) }
            Output.out(messages.count > 1 ? "[" + rendered.joined(separator: ",") + "]" : rendered[0])
        }
        return reports.allSatisfy(\.ok) ? .ok : .checkFailed
    }

    static func branch(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let given = try args.positionals(atMost: 1, command: "check branch").first
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let policy = try site.policy(for: "check branch")
        guard let name = given ?? site.location?.branch else {
            throw .usage("ward check branch: no NAME given and HEAD is not on a branch")
        }
        let verdict = BranchContract(policy: policy).checkName(name)
        let report = Report(
            checkpoint: .range, subject: "branch \(name)", findings: [verdict.finding(.range)], checked: 1)
        if args.flag("--json") {
            Output.out(JSONRenderer.report(report))
        } else {
            Output.out(
                verdict.decision == .allow ? "ward: branch '\(name)' matches the branch contract" : verdict.message)
        }
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
        let policy = try site.policy(for: "hook commit-msg")
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
            stage: "pre-push", site: site, inputs: pushedFiles(updates, remote: remote, site: site, facts: facts),
            invocation)
    }

    /// The files the pushed commits change: from the remote's old tip (or, for a new branch,
    /// its merge base with the default branch, local or the remote's) to each pushed tip. With
    /// no base to compare with, every tracked file. Deletions push no files.
    static func pushedFiles(_ updates: [RefUpdate], remote: String, site: GitSite, facts: LibgitFacts) -> [GateInput] {
        let defaults = [
            "refs/heads/main", "refs/heads/master", "refs/remotes/\(remote)/main", "refs/remotes/\(remote)/master",
        ]
        var seen = Set<String>()
        var inputs: [GateInput] = []
        for update in updates where !update.isDeletion {
            guard let tip = try? facts.peeledCommit(update.localID) else { continue }
            var base: String?
            if !update.isCreation, (try? facts.contains(update.remoteID)) == true {
                base = try? facts.peeledCommit(update.remoteID)
            } else {
                for name in defaults {
                    guard let id = try? facts.commit(named: name), let merged = try? facts.mergeBase(id, tip) else {
                        continue
                    }
                    base = merged
                    break
                }
            }
            let changes: [GateInput]
            if let base, let found = try? facts.changes(from: base, to: tip) {
                changes = GateInput.staged(found)
            } else if let root = site.location?.workTree,
                let all = try? GateInput.allFiles(in: root, environment: site.environment)
            {
                changes = all
            } else {
                continue
            }
            for input in changes where seen.insert(input.path).inserted { inputs.append(input) }
        }
        return inputs
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
