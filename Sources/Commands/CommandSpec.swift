/// One row of ward's command table: the words that name a command, which binary answers it,
/// its options and its help. Both executables read the same table, so they cannot drift.
public struct CommandSpec: Sendable {
    /// Which executable runs the command: the libgit2-free front, or `ward-git` beside it.
    public enum Binary: Sendable { case front, git }

    /// The words after `ward`: `["check", "range"]`.
    public var path: [String]
    public var binary: Binary
    /// The positional arguments as the usage line shows them: `BASE..HEAD`, `[FILE|-]`.
    public var arguments: String
    /// One line for the command list.
    public var summary: String
    public var options: [OptionSpec]
    /// Paragraphs of help after the usage line.
    public var details: String
    /// The exit statuses, one paragraph.
    public var exitStatus: String
    /// Listed as "(not yet)" and exits 2 until a later version implements it.
    public var planned: Bool

    public init(
        _ path: [String], _ binary: Binary, arguments: String = "", summary: String, options: [OptionSpec] = [],
        details: String = "", exitStatus: String = "", planned: Bool = false
    ) {
        self.path = path
        self.binary = binary
        self.arguments = arguments
        self.summary = summary
        self.options = options
        self.details = details
        self.exitStatus = exitStatus
        self.planned = planned
    }

    /// `check range`.
    public var name: String { path.joined(separator: " ") }

    /// `check range [--json] BASE..HEAD`.
    public var synopsis: String {
        var parts = [name]
        for option in options { parts.append("[\(option.usage)]") }
        if !arguments.isEmpty { parts.append(arguments) }
        return parts.joined(separator: " ")
    }
}

/// One option of a command: a flag (`--json`) or an option with a value (`--cwd DIR`).
public struct OptionSpec: Sendable {
    /// `--cwd`.
    public var name: String
    /// The value's placeholder (`DIR`), nil for a flag.
    public var value: String?
    /// Whether it may be given more than once (`--rule A --rule B`).
    public var repeats: Bool
    /// One line.
    public var help: String

    public init(_ name: String, value: String? = nil, repeats: Bool = false, _ help: String) {
        self.name = name
        self.value = value
        self.repeats = repeats
        self.help = help
    }

    /// `--cwd DIR`.
    public var usage: String { value.map { "\(name) \($0)" } ?? name }

    public static let json = OptionSpec("--json", "print JSON (one schema for every command; see the README)")
    public static let cwd = OptionSpec("--cwd", value: "DIR", "run as if in DIR (default: the current directory)")
}

/// What runs a command: its parsed arguments and the process's invocation in, an exit status out.
public typealias Handler = @Sendable (Arguments, Invocation) throws(CommandError) -> ExitStatus
