import Workspace

/// One command of ward-git: the words that name it, its help, and what runs it.
struct CommandSpec: Sendable {
    typealias Run = @Sendable (ArraySlice<String>, ProcessContext, Output) throws(CommandError) -> ExitStatus

    /// The words after `ward`: `["check"]`, `["hook", "pre-commit"]`.
    var path: [String]
    /// Usage shown in the command list: `hook commit-msg FILE`.
    var synopsis: String
    var summary: String
    var help: String
    /// `nil` while the command is planned but not written yet.
    var run: Run?
}

/// Finds the command named by argv and runs it; `main` maps the result to an exit status.
enum Dispatcher {
    /// Every ward-git command; later issues fill in the `nil` entries.
    static let commands: [CommandSpec] = [
        CommandSpec(
            path: ["check"], synopsis: "check [--json] [--cwd DIR]",
            summary: "report every check that applies to this repository; exit 1 if any fails",
            help: CheckCommand.help, run: CheckCommand.run),
        CommandSpec(
            path: ["hook", "pre-commit"], synopsis: "hook pre-commit",
            summary: "git pre-commit hook: staged paths against the scope, commits on protected branches",
            help: PreCommitHook.help, run: PreCommitHook.run),
        CommandSpec(
            path: ["check", "message"], synopsis: "check message [--cleanup MODE] [--json] [FILE|-]",
            summary: "check a commit message against the commit-message contract",
            help: CheckContractCommands.messageHelp, run: CheckContractCommands.message),
        CommandSpec(
            path: ["check", "branch"], synopsis: "check branch [--json] [NAME]",
            summary: "check a branch name against branches.patterns",
            help: CheckContractCommands.branchHelp, run: CheckContractCommands.branch),
        CommandSpec(
            path: ["check", "range"], synopsis: "check range [--json] BASE..HEAD",
            summary: "the commit and branch contracts over a range of commits (CI)",
            help: CheckContractCommands.rangeHelp, run: CheckContractCommands.range),
        CommandSpec(
            path: ["hook", "commit-msg"], synopsis: "hook commit-msg FILE",
            summary: "git commit-msg hook: the commit-message contract",
            help: CommitMsgHook.help, run: CommitMsgHook.run),
        CommandSpec(
            path: ["hook", "pre-push"], synopsis: "hook pre-push REMOTE URL",
            summary: "git pre-push hook: force pushes, protected refs, pushed commits",
            help: PrePushHook.help, run: PrePushHook.run),
        planned(["install"], "install", "install ward's git hooks and agent settings"),
        planned(["worktree"], "worktree add|list|remove|prune|repair", "safe worktrees for parallel agents"),
        planned(["ci"], "ci", "run every check and gate for a pull or merge request in CI"),
    ]

    /// Commands the front `ward` binary answers itself; ward-git only points at it.
    static let frontCommands: [[String]] = [
        ["hook", "claude"], ["hook", "codex"], ["hook", "gemini"], ["hook", "cursor"], ["explain"], ["policy"],
        ["log"], ["scope"], ["check", "command"], ["check", "paths"],
    ]

    static var topHelp: String {
        let width = commands.map(\.synopsis.count).max() ?? 0
        let list = commands.map { c in
            let pad = String(repeating: " ", count: width - c.synopsis.count)
            return "  \(c.synopsis)\(pad)  \(c.run == nil ? "(not yet) " : "")\(c.summary)"
        }.joined(separator: "\n")
        return """
            ward \(WardVersion.string): one repository policy for coding agents, git hooks and CI.

            Usage: ward <command> [options]

            Commands:
            \(list)

            Answered by the front 'ward' binary: hook claude|codex|gemini|cursor, check command, check paths,
            explain, scope, policy, log.

            Options:
              -h, --help     show help; 'ward <command> --help' for a command
              --version      print the version

            Exit status: 0 ok (warnings allowed), 1 a check failed, 2 usage or configuration error,
            3 internal error.
            """
    }

    private static func planned(_ path: [String], _ synopsis: String, _ summary: String) -> CommandSpec {
        let help = """
            Usage: ward \(synopsis)

            \(summary).
            Not implemented in ward \(WardVersion.string) yet: running it exits 2.
            """
        return CommandSpec(path: path, synopsis: synopsis, summary: summary, help: help, run: nil)
    }

    /// Runs the command argv names; `arguments[0]` is the program (`ward` or `ward-git`).
    static func run(_ context: ProcessContext, _ output: Output) throws(CommandError) -> ExitStatus {
        let words = context.arguments.dropFirst()
        guard let first = words.first else {
            output.err(topHelp)
            return .usage
        }
        switch first {
        case "-h", "--help":
            output.out(topHelp)
            return .ok
        case "--version", "version":
            output.out("ward \(WardVersion.string)")
            return .ok
        case "help":
            let rest = Array(words.dropFirst())
            if rest.isEmpty {
                output.out(topHelp)
                return .ok
            }
            guard let spec = commands.first(where: { $0.path == rest }) else { throw unknown(rest) }
            output.out(spec.help)
            return .ok
        default:
            break
        }

        // The longest command path that argv starts with.
        let matched = commands.filter { words.starts(with: $0.path) }.max { $0.path.count < $1.path.count }
        guard let spec = matched else {
            if let front = frontCommands.first(where: { words.starts(with: $0) }) {
                throw .usage(
                    "ward: '\(front.joined(separator: " "))' is answered by the front 'ward' binary, not ward-git")
            }
            let group = commands.filter { $0.path.count > 1 && $0.path[0] == first }
            if !group.isEmpty {
                let second = words.dropFirst().first
                if second == nil || second == "-h" || second == "--help" {
                    let width = group.map(\.synopsis.count).max() ?? 0
                    let lines = group.map {
                        "  ward \($0.synopsis)\(String(repeating: " ", count: width - $0.synopsis.count))  \($0.summary)"
                    }.joined(separator: "\n")
                    let text = "Usage: ward \(first) <subcommand>\n\n\(lines)"
                    if second == nil {
                        output.err(text)
                        return .usage
                    }
                    output.out(text)
                    return .ok
                }
                throw unknown([first] + Array(words.dropFirst().prefix(1)))
            }
            throw unknown([first])
        }
        let rest = words.dropFirst(spec.path.count)
        // `--help` anywhere before `--` asks for help, as argument parsers usually do.
        if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
            output.out(spec.help)
            return .ok
        }
        guard let run = spec.run else {
            throw .usage(
                "ward: '\(spec.path.joined(separator: " "))' is not implemented in ward \(WardVersion.string) yet")
        }
        return try run(rest, context, output)
    }

    private static func unknown(_ words: [String]) -> CommandError {
        .usage("ward: unknown command '\(words.joined(separator: " "))'; see 'ward --help'")
    }
}
