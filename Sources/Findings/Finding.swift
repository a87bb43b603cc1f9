public import Policy

/// One objection (or, for `ward check`, one outcome) of a check: the result model every command
/// renders, whatever checkpoint produced it.
///
/// A finding says which rule, how it counts, why, what matched, what to do instead, where it
/// was found (checkpoint, path, commit, line, column). Renderers turn a list of findings into
/// text or JSON; CI formats (annotations, SARIF, JUnit) are further renderers of the same value.
public struct Finding: Sendable, Equatable {
    /// The stable kebab-case rule id (`git-reset-hard`, `type-enum`); output and configuration API.
    public var ruleID: String
    /// How it counts: `deny` and `ask` fail, `warn` only prints, `allow` is a passed check.
    public var decision: Decision
    /// Why, one line.
    public var message: String
    /// What matched: a command, a word, a path, a branch; empty when the location says it all.
    public var matched: String
    /// A safer way to reach the same goal, or the shape the rule expects; may be empty.
    public var instead: String
    /// Where the finding was made.
    public var checkpoint: Checkpoint
    /// The named check that produced it, for `ward check`'s list (`policy`, `scope`); else nil.
    public var check: String?
    /// A repository-relative path, when the finding is about a file.
    public var path: String?
    /// A full commit id, when the finding is about a commit.
    public var commit: String?
    /// 1-based line and column in the judged text (a commit message) or file.
    public var line: Int?
    public var column: Int?

    public init(
        ruleID: String, decision: Decision, message: String, matched: String = "", instead: String = "",
        checkpoint: Checkpoint, check: String? = nil, path: String? = nil, commit: String? = nil, line: Int? = nil,
        column: Int? = nil
    ) {
        self.ruleID = ruleID
        self.decision = decision
        self.message = message
        self.matched = matched
        self.instead = instead
        self.checkpoint = checkpoint
        self.check = check
        self.path = path
        self.commit = commit
        self.line = line
        self.column = column
    }

    /// Whether this finding stops the work: deny and ask count as failed (DESIGN.md §12).
    public var fails: Bool { decision > .warn }
}

/// Where a finding was made: the checkpoint names used in output, the audit log and CI reports.
public enum Checkpoint: String, Sendable, CaseIterable {
    /// An agent's tool call (`ward hook claude|codex|gemini|cursor`).
    case agent
    /// `ward check command` / `ward check paths` / `ward explain`, run by a person.
    case command
    case preCommit = "pre-commit"
    case commitMsg = "commit-msg"
    case prePush = "pre-push"
    /// `ward check range` and `ward check message|branch` outside a hook.
    case range
    /// `ward check`: the repository's current state.
    case repository
    case ci
    /// `ward worktree add|list|remove|prune|repair|finish`.
    case worktree

    /// The audit log's name for the checkpoint (`git:pre-commit`), kept from the first log format.
    public var auditName: String {
        switch self {
        case .preCommit, .commitMsg, .prePush: return "git:" + rawValue
        default: return rawValue
        }
    }
}
