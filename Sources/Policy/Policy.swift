/// How strictly an area of the policy is enforced.
public enum Mode: String, Sendable, CaseIterable {
    /// Denials block.
    case enforce
    /// Denials are reported and let through.
    case warn
    /// Nothing is checked.
    case off
}

/// What a verdict does, from most permissive to most restrictive.
public enum Decision: String, Sendable, CaseIterable, Comparable {
    case allow, warn, ask, deny

    private var rank: Int {
        switch self {
        case .allow: return 0
        case .warn: return 1
        case .ask: return 2
        case .deny: return 3
        }
    }

    public static func < (lhs: Decision, rhs: Decision) -> Bool { lhs.rank < rhs.rank }
}

/// A structural matcher for a repository's own command rules.
///
/// Every listed field must match; a list matches when any of its entries does.
public struct RuleMatch: Sendable, Equatable {
    /// Program names after unwrapping (`terraform`, `kubectl`); basename, case-sensitive.
    public var programs: [String] = []
    /// The words that must follow the program, in order, ignoring options (`["destroy"]`).
    public var subcommand: [String] = []
    /// Options of which at least one must be present, normalised (`-f` and `--force` as written).
    public var anyOption: [String] = []
    /// Arguments of which at least one must be present as a whole word.
    public var anyArgument: [String] = []
    /// A regular expression searched in the raw text of the simple command, for what has no structure.
    public var pattern: String?

    public init(
        programs: [String] = [], subcommand: [String] = [], anyOption: [String] = [], anyArgument: [String] = [],
        pattern: String? = nil
    ) {
        self.programs = programs
        self.subcommand = subcommand
        self.anyOption = anyOption
        self.anyArgument = anyArgument
        self.pattern = pattern
    }
}

/// One command rule: its stable id, what it decides, why, and what to do instead.
///
/// Built-in rules without a `match` are decided by code in `CommandGuard` under the same id;
/// the data here is what every verdict shows.
public struct Rule: Sendable, Equatable {
    public var id: String
    public var category: String
    public var decision: Decision
    public var reason: String
    public var alternative: String
    public var match: RuleMatch?
    /// Where the rule was defined: `built-in`, `ward.json:12`, ...
    public var source: String

    public init(
        id: String, category: String, decision: Decision, reason: String, alternative: String,
        match: RuleMatch? = nil, source: String = "built-in"
    ) {
        self.id = id
        self.category = category
        self.decision = decision
        self.reason = reason
        self.alternative = alternative
        self.match = match
        self.source = source
    }
}

/// A named loosening of one rule for some paths, with the reason a person gave.
public struct Override: Sendable, Equatable {
    public var rule: String
    public var paths: [String]
    public var reason: String
    public var source: String

    public init(rule: String, paths: [String], reason: String, source: String) {
        self.rule = rule
        self.paths = paths
        self.reason = reason
        self.source = source
    }
}

/// The command guard's part of the policy.
public struct CommandPolicy: Sendable, Equatable {
    public var mode: Mode?
    /// Rule ids switched off; each one is logged as an override.
    public var disable: [String] = []
    /// All rules: built-in first, then the repository's.
    public var rules: [Rule] = []
    /// Folders inside the repository that a build recreates, so deleting them loses nothing.
    public var regenerable: [String] = []
    /// Roots outside the repository where recursive deletes are fine.
    public var tempRoots: [String] = []

    public init() {}
}

/// The loop breaker: after `denies` denied calls within `minutes` in one agent session, every
/// further call of that session is stopped and the agent told to hand over to the person.
public struct LoopBreakerPolicy: Sendable, Equatable {
    /// Denies that trip the breaker; 0 switches it off.
    public var denies = 5
    /// The window the denies are counted in.
    public var minutes = 10

    public init(denies: Int = 5, minutes: Int = 10) {
        self.denies = denies
        self.minutes = minutes
    }
}

/// The effective policy: every layer merged, with where each value came from.
public struct Policy: Sendable, Equatable {
    public var mode: Mode = .enforce
    public var protectedBranches: [String] = []
    public var commands = CommandPolicy()
    /// Where writes may go (DESIGN.md §6).
    public var scope = ScopePolicy()
    /// The commit-message contract (DESIGN.md §7).
    public var commits = CommitPolicy()
    /// Branch naming and protected tags (DESIGN.md §7).
    public var branches = BranchPolicy()
    public var overrides: [Override] = []
    /// `ward ci` and `ward check range`: how policy changes count (`ci`).
    public var ci = CIPolicy()
    /// When an agent session that keeps hitting denies is stopped (`loopBreaker`).
    public var loopBreaker = LoopBreakerPolicy()
    /// The quality gates, in the order their files declare them, each with its `source`: those of
    /// `ward.json` and `local.json`, or, when neither declares `gates`, those adopted from the
    /// orchestration files (see `merging`).
    public var gates: [GateSpec] = []
    /// Where each top-level value was last set: key path → `file:line` or `built-in`.
    public var origins: [String: String] = [:]
    /// Each loosening of a built-in protection, as a line for the audit log and `policy show`.
    public var loosenings: [String] = []
    /// Things a layer asked for that were not applied, with why (e.g. a loosening from CLAUDE.md).
    public var ignored: [String] = []
    /// The layer each of `loosenings` came from (`ward.json`, `ward.json:4`), index by index.
    public var looseningSources: [String] = []
    /// The layer each of `ignored` came from, index by index.
    public var ignoredSources: [String] = []
    /// For the lists several layers add to (`protectedBranches`, `scope.protect`,
    /// `commands.regenerable`, ...): each layer other than the built-in one that added an item, in order.
    public var contributors: [String: [String]] = [:]

    public init() {}

    /// The rule packs for tools beyond git and files: categories of built-in rules
    /// (policy/rules/packs.json), listed by `ward policy show`.
    public static let rulePacks = ["containers", "kubernetes", "infrastructure", "cloud", "registries"]

    /// The rule with this id, if any.
    public func rule(_ id: String) -> Rule? {
        commands.rules.first { $0.id == id }
    }

    /// Whether a rule is switched off by `commands.disable`.
    public func isDisabled(_ id: String) -> Bool {
        commands.disable.contains(id)
    }

    /// The gate with this name, if any.
    public func gate(_ name: String) -> GateSpec? {
        gates.first { $0.name == name }
    }

    /// The mode that applies to the command guard.
    public var commandMode: Mode { commands.mode ?? mode }
}
