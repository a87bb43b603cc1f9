/// What argv asks for, read against the command table: the same answer in both binaries.
public enum Request {
    /// Print this text on stdout, exit 0 (`--help`, `help X`, `--version`).
    case show(String)
    /// No command: the command list on stderr, exit 2.
    case missing(String)
    /// Run this command with these words (after its name).
    case run(CommandSpec, ArraySlice<String>)
}

public enum Dispatch {
    public static let version = "0.1.0"

    /// Reads `arguments` (argv, the program name first).
    public static func request(_ arguments: [String]) throws(CommandError) -> Request {
        let words = arguments.dropFirst()
        guard let first = words.first else { return .missing(Help.top) }
        switch first {
        case "-h", "--help": return .show(Help.top)
        case "--version", "version": return .show("ward \(version)")
        case "help":
            let rest = Array(words.dropFirst())
            if rest.isEmpty { return .show(Help.top) }
            if let spec = exact(rest) { return .show(Help.text(spec)) }
            if let group = group(rest) { return .show(group) }
            throw unknown(rest)
        default: break
        }
        // The longest command path argv starts with (a plain loop: this runs on every agent call).
        var found: CommandSpec?
        for row in CommandTable.all where row.path.count > (found?.path.count ?? 0) && words.starts(with: row.path) {
            found = row
        }
        guard let spec = found else {
            if let group = group(Array(words.prefix(1))) {
                let second = words.dropFirst().first
                if second == nil { return .missing(group) }
                if second == "-h" || second == "--help" { return .show(group) }
            }
            throw unknown(Array(words.prefix(2)))
        }
        let rest = words.dropFirst(spec.path.count)
        // `--help` anywhere before `--` asks for help, as argument parsers usually do.
        for word in rest {
            if word == "--" { break }
            if word == "--help" || word == "-h" { return .show(Help.text(spec)) }
        }
        // A command with subcommands given an unknown one (`ward hook claud`) is a typo, not an argument.
        if let next = rest.first, !next.hasPrefix("-"), spec.arguments.isEmpty,
            CommandTable.all.contains(where: { $0.path.count > spec.path.count && $0.path.starts(with: spec.path) })
        {
            throw unknown(spec.path + [next])
        }
        if spec.planned {
            throw .usage("ward: '\(spec.name)' is not implemented in ward \(version) yet")
        }
        return .run(spec, rest)
    }

    static func exact(_ words: [String]) -> CommandSpec? {
        CommandTable.all.first { $0.path == words }
    }

    /// `Usage: ward hook <subcommand>` and the group's commands, for a group name alone.
    static func group(_ words: [String]) -> String? {
        let members = CommandTable.all.filter { $0.path.count > words.count && $0.path.starts(with: words) }
        guard !members.isEmpty, exact(words) == nil || words.count == 1 && members.count > 0 else { return nil }
        return "Usage: ward \(words.joined(separator: " ")) <subcommand>\n\n" + Help.list(members)
    }

    /// An unknown command, with the closest known one when it looks like a typo.
    static func unknown(_ words: [String]) -> CommandError {
        let typed = words.joined(separator: " ")
        let names = CommandTable.all.map(\.name) + CommandTable.all.compactMap { $0.path.count > 1 ? $0.path[0] : nil }
        let hint = Suggestion.closest(to: typed, among: Array(Set(names)).sorted()).map {
            "; did you mean 'ward \($0)'?"
        }
        return .usage("ward: unknown command '\(typed)'\(hint ?? ""); see 'ward --help'")
    }
}

/// Help generated from the command table.
public enum Help {
    public static var top: String {
        let front = CommandTable.all.filter { $0.binary == .front }
        let git = CommandTable.all.filter { $0.binary == .git }
        return """
            ward \(Dispatch.version): one repository policy for coding agents, git hooks and CI.

            Usage: ward <command> [options]

            Agent hooks, guards and policy (answered by ward itself, no libgit2):
            \(list(front))

            Repository commands (run by ward-git, installed beside ward):
            \(list(git))

            Options:
              -h, --help     show help; 'ward help <command>' or 'ward <command> --help' for one command
              --version      print the version

            Exit status: 0 ok (warnings allowed), 1 a check failed (deny or ask), 2 usage or
            configuration error, 3 internal error. Agent hooks answer in their agent's protocol instead.
            """
    }

    /// One aligned line per command: `  check range [--json] BASE..HEAD   summary`.
    static func list(_ specs: [CommandSpec]) -> String {
        let width = min(specs.map(\.synopsis.count).max() ?? 0, 44)
        return specs.map { s in
            let note = s.planned ? "(not yet) " : ""
            if s.synopsis.count > width {
                return "  \(s.synopsis)\n  \(String(repeating: " ", count: width))  \(note)\(s.summary)"
            }
            return "  \(s.synopsis)\(String(repeating: " ", count: width - s.synopsis.count))  \(note)\(s.summary)"
        }.joined(separator: "\n")
    }

    /// A command's whole help: usage, summary, details, every option, exit status.
    public static func text(_ spec: CommandSpec) -> String {
        var out = "Usage: ward \(spec.synopsis)\n\n\(spec.summary.prefix(1).uppercased())\(spec.summary.dropFirst())."
        if spec.planned { out += "\nNot implemented in ward \(Dispatch.version) yet: running it exits 2." }
        if !spec.details.isEmpty { out += "\n\n" + spec.details }
        let options = spec.options.map { ($0.usage, $0.help) } + [("-h, --help", "show this help")]
        let width = options.map(\.0.count).max() ?? 0
        out += "\n\nOptions:\n"
        out += options.map { "  \($0.0)\(String(repeating: " ", count: width - $0.0.count))  \($0.1)" }.joined(
            separator: "\n")
        if !spec.exitStatus.isEmpty { out += "\n\nExit status: " + spec.exitStatus }
        return out
    }
}

extension Dispatch {
    /// The whole of both executables' `main`: reads argv against the table, runs the handler
    /// `handler(path)` gives for the row (nil: `otherwise` decides, e.g. exec `ward-git`), prints
    /// a `CommandError` as its one line, and returns the exit status, mapped here once.
    public static func main(
        _ invocation: Invocation, handler: (_ path: [String]) -> Handler?,
        otherwise: (CommandSpec) -> CommandError
    ) -> ExitStatus {
        do throws(CommandError) {
            switch try request(invocation.arguments) {
            case .show(let text):
                Output.out(text)
                return .ok
            case .missing(let text):
                Output.err(text)
                return .usage
            case .run(let spec, let words):
                guard let run = handler(spec.path) else { throw otherwise(spec) }
                return try run(Arguments(words, for: spec), invocation)
            }
        } catch {
            Output.err(error.message)
            return error.status
        }
    }
}
