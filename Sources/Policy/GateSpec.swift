/// One quality gate as the policy declares it: a named command (or a built-in check) with the
/// files it looks at and the stages it runs at.
///
/// Comes from `ward.json`'s `gates` object, or, where `ward.json` declares none, from the
/// orchestration files ward can adopt (`.orchestrator/policy/quality-gates.json`, the
/// `## Session Config` of `CLAUDE.md`/`AGENTS.md`, `.claude/session-plugin.json`).
public struct GateSpec: Sendable, Equatable {
    /// The stages a gate can run at; `manual` only runs when named (`ward gate run NAME`).
    public static let stages = ["pre-commit", "pre-push", "ci", "manual"]

    /// The gate's name: the key in `gates`, a word (`lint`, `typecheck`).
    public var name: String
    /// The shell command line per stage; key `default` for every stage without its own.
    /// `{files}` stands for the gate's files (passed as separate arguments, in batches).
    /// Empty for a built-in gate.
    public var run: [String: String]
    /// A built-in gate's id (`conflict-markers`, `large-files`, `private-keys`,
    /// `debug-artifacts`, `shebang-executable`), nil for a command.
    public var builtin: String?
    /// Which files the gate looks at, gitignore-style globs relative to the repository root;
    /// empty means every file.
    public var files: [String]
    /// Files taken out again, same glob syntax.
    public var exclude: [String]
    /// The stages the gate runs at (a subset of `GateSpec.stages`).
    public var stages: [String]
    /// Gates that must finish (and pass) before this one starts.
    public var needs: [String]
    /// The folder the command runs in, relative to the repository root (monorepo parts); nil: the root.
    public var cwd: String?
    /// Seconds before the gate's whole process group is killed; nil: the runner's default.
    public var timeout: Int?
    /// Extra environment for the command.
    public var env: [String: String]
    /// A failing required gate stops the commit, push or CI job; an advisory one only warns.
    public var required: Bool
    /// Extra settings of a built-in gate (`maxBytes` of `large-files`), as text.
    public var options: [String: String]
    /// The file the gate comes from (`ward.json:12`, `CLAUDE.md`).
    public var source: String
    /// Whether that file is one an agent may edit (then `ward gate list` says so).
    public var agentEditable: Bool

    public init(
        name: String, run: [String: String] = [:], builtin: String? = nil, files: [String] = [],
        exclude: [String] = [], stages: [String] = ["pre-commit", "ci"], needs: [String] = [], cwd: String? = nil,
        timeout: Int? = nil, env: [String: String] = [:], required: Bool = true, options: [String: String] = [:],
        source: String, agentEditable: Bool = false
    ) {
        self.name = name
        self.run = run
        self.builtin = builtin
        self.files = files
        self.exclude = exclude
        self.stages = stages
        self.needs = needs
        self.cwd = cwd
        self.timeout = timeout
        self.env = env
        self.required = required
        self.options = options
        self.source = source
        self.agentEditable = agentEditable
    }

    /// The command line for `stage`: its own variant, else `default`; nil for a built-in gate.
    public func command(for stage: String) -> String? {
        run[stage] ?? run["default"]
    }

    /// Whether the command takes the gate's files (`{files}`); without it the gate runs once
    /// for the whole repository.
    public func takesFiles(for stage: String) -> Bool {
        command(for: stage)?.contains("{files}") ?? true
    }
}
