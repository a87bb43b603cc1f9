import Base
public import Policy

/// Everything the effective policy says about one rule id: what `ward explain RULE-ID` shows.
///
/// Pure: built from the merged `Policy` (built-in rules, the repository's rules, `disable`,
/// `overrides`, modes and their origins) and the rules ward's code decides (`CodeRules`).
public struct RuleExplanation: Sendable, Equatable {
    public var id: String
    /// `git`, `filesystem`, `scope`, `commits`, `branches`, `hooks`, or a repository's own category.
    public var category: String
    /// What a match decides before the mode is applied (`deny`, `ask`, `warn`; `allow` for a log-only rule).
    public var decision: Decision
    public var reason: String
    public var alternative: String
    /// Where the rule is defined: `policy/rules/git.json (built-in)`, `ward.json:12`, or the code that decides it.
    public var definedIn: String
    /// What a command must do for the rule to match, in words (empty when only the reason says it).
    public var matchesWhen: [String]
    /// Whether `commands.disable` lists the rule.
    public var isDisabled: Bool
    /// The policy layer that disabled it (`rule 'x' disabled by ward.json`), when known.
    public var disabledBy: String?
    /// The overrides that loosen the rule, with their paths (none: everywhere) and reasons.
    public var overrides: [Override]
    /// The mode applied to the rule's verdicts; nil for rules decided whatever the mode (`CodeRules`).
    public var mode: Mode?
    /// The policy key that sets `mode` (`commands.mode`, `scope.mode`, `commits.mode`, `branches.mode`)
    /// and where its value came from (`ward.json:3`, `WARD_MODE`, `built-in`).
    public var modeKey: String?
    public var modeOrigin: String?
    /// Anything else a reader should know (a `disable` that this checkpoint does not read, a
    /// rule that cannot be loosened).
    public var notes: [String]
    /// For a commit-message rule: the level, `always`/`never` and value the contract applies.
    public var message: MessageRuleInEffect?

    public init(
        id: String, category: String, decision: Decision, reason: String, alternative: String, definedIn: String,
        matchesWhen: [String] = [], isDisabled: Bool = false, disabledBy: String? = nil, overrides: [Override] = [],
        mode: Mode? = nil, modeKey: String? = nil, modeOrigin: String? = nil, notes: [String] = []
    ) {
        self.id = id
        self.category = category
        self.decision = decision
        self.reason = reason
        self.alternative = alternative
        self.definedIn = definedIn
        self.matchesWhen = matchesWhen
        self.isDisabled = isDisabled
        self.disabledBy = disabledBy
        self.overrides = overrides
        self.mode = mode
        self.modeKey = modeKey
        self.modeOrigin = modeOrigin
        self.notes = notes
        self.message = nil
    }

    /// What `ward explain WORD` should explain.
    public enum Lookup: Sendable, Equatable {
        /// A rule id: built-in, the repository's, or one ward's code decides.
        case rule(RuleExplanation)
        /// Looks like a rule id (kebab-case, one word with a hyphen) but no rule has it; the
        /// nearest ids first (possibly none). The command then says "no rule named X; did you
        /// mean Y? To explain a command line, quote it".
        case unknownRule(String, suggestions: [String])
        /// Not a rule id: explain the text as a command line.
        case command
    }

    /// Decides whether `text` names a rule and, if so, explains it under `policy`.
    public static func lookup(_ text: String, in policy: Policy) -> Lookup {
        if let explanation = explain(ruleID: text, in: policy) { return .rule(explanation) }
        guard looksLikeRuleID(text) else { return .command }
        return .unknownRule(text, suggestions: suggestions(for: text, in: policy))
    }

    /// The explanation of the rule with exactly this id, or nil when no rule has it.
    public static func explain(ruleID id: String, in policy: Policy) -> RuleExplanation? {
        if let rule = policy.rule(id) {
            return explanation(of: rule, in: policy)
        }
        if let rule = CodeRules.rule(id) {
            return RuleExplanation(
                id: rule.id, category: rule.category, decision: rule.decision, reason: rule.reason,
                alternative: rule.alternative, definedIn: rule.source,
                notes: ["decided by ward's code in every mode: commands.disable and overrides do not apply"])
        }
        return nil
    }

    static func explanation(of rule: Rule, in policy: Policy) -> RuleExplanation {
        let definedIn: String
        if rule.source == "built-in" {
            definedIn = Policy.builtinRuleFiles[rule.id].map { "\($0) (built-in)" } ?? "built-in"
        } else {
            definedIn = rule.source
        }
        var matchesWhen = RuleConditions.needs(rule.id)
        if let m = rule.match { matchesWhen = [describe(m)] }
        let (mode, key) = modeApplying(to: rule, in: policy)
        let origin = policy.origins[key] ?? policy.origins["mode"] ?? "built-in"
        var explanation = RuleExplanation(
            id: rule.id, category: rule.category, decision: rule.decision, reason: rule.reason,
            alternative: rule.alternative, definedIn: definedIn, matchesWhen: matchesWhen,
            isDisabled: policy.isDisabled(rule.id),
            disabledBy: policy.loosenings.first { $0.hasPrefix("rule '\(rule.id)' disabled by ") },
            overrides: policy.overrides.filter { $0.rule == rule.id }, mode: mode, modeKey: key, modeOrigin: origin)
        // The contracts read `commands.disable` (the rule then decides nothing) but not overrides.
        let contractRule = (rule.category == "commits" || rule.category == "branches") && rule.source == "built-in"
        if rule.category == "commits" && rule.source == "built-in" {
            explanation.message = MessageRuleInEffect.of(rule.id, in: policy)
        }
        if !explanation.overrides.isEmpty && contractRule {
            explanation.notes.append("the commit and push contracts do not read overrides")
        }
        if explanation.decision != .allow, explanation.mode == .off {
            explanation.notes.append("\(key) is off: this rule decides nothing")
        } else if explanation.decision > .warn, explanation.mode == .warn {
            explanation.notes.append("\(key) is warn: a match is reported and let through")
        }
        return explanation
    }

    /// The mode that applies to a rule's verdicts, and the key that sets it.
    static func modeApplying(to rule: Rule, in policy: Policy) -> (Mode, String) {
        switch rule.category {
        case "scope" where rule.source == "built-in": return (policy.scope.mode ?? policy.mode, "scope.mode")
        case "commits" where rule.source == "built-in": return (policy.commitMode, "commits.mode")
        case "branches" where rule.source == "built-in":
            return (policy.branchMode, "branches.mode")
        default: return (policy.commandMode, "commands.mode")
        }
    }

    /// A repository rule's `match` in words.
    static func describe(_ m: RuleMatch) -> String {
        var parts: [String] = []
        if !m.programs.isEmpty {
            var s = m.programs.joined(separator: " or ")
            if !m.subcommand.isEmpty { s += " " + m.subcommand.joined(separator: " ") }
            parts.append(s)
        }
        if !m.anyOption.isEmpty { parts.append("with one of \(m.anyOption.joined(separator: ", "))") }
        if !m.anyArgument.isEmpty { parts.append("with an argument \(m.anyArgument.joined(separator: " or "))") }
        if let p = m.pattern { parts.append("text matching /\(p)/") }
        return parts.joined(separator: ", ")
    }

    /// Kebab-case, one word, with at least one hyphen: `git-reset-hard`, not `ls` or `git reset`.
    public static func looksLikeRuleID(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 0x61 && first <= 0x7A, text.utf8.contains(0x2D),
            text.utf8.last != 0x2D
        else { return false }
        return text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// Rule ids close to `text`: small edit distance, or containing it as whole hyphen-separated
    /// words (`reset-hard` → `git-reset-hard`); nearest first, at most three.
    public static func suggestions(for text: String, in policy: Policy) -> [String] {
        let ids = policy.commands.rules.map(\.id) + CodeRules.all.map(\.id)
        let limit = max(2, text.utf8.count / 4)
        var scored: [(id: String, distance: Int)] = []
        for id in ids where id != text {
            let distance = editDistance(text, id)
            if distance <= limit {
                scored.append((id, distance))
            } else if ("-" + id + "-").contains("-" + text + "-") {
                scored.append((id, limit + 1 + id.utf8.count - text.utf8.count))
            }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
        return scored.prefix(3).map(\.id)
    }
}
