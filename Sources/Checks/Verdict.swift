import Findings
public import Policy

/// The outcome of a check: what to do, which rule said so, why, and what to do instead.
///
/// Every entry point (agent hooks, git hooks, CI, `ward check`) renders this same value.
public struct Verdict: Sendable, Equatable {
    public var decision: Decision
    /// The stable rule id (`git-reset-hard`); empty for a plain allow.
    public var ruleID: String
    /// One line saying why.
    public var reason: String
    /// The part of the input that matched: a command, a word, a path.
    public var matched: String
    /// A safer way to reach the same goal.
    public var alternative: String

    public init(decision: Decision, ruleID: String, reason: String, matched: String, alternative: String) {
        self.decision = decision
        self.ruleID = ruleID
        self.reason = reason
        self.matched = matched
        self.alternative = alternative
    }

    public static let allow = Verdict(decision: .allow, ruleID: "", reason: "", matched: "", alternative: "")

    /// A verdict for a built-in or repository rule, taking its reason and alternative from the policy.
    public static func rule(_ rule: Rule, matched: String, detail: String? = nil) -> Verdict {
        var reason = rule.reason
        if let detail, !detail.isEmpty { reason += " (\(detail))" }
        return Verdict(
            decision: rule.decision, ruleID: rule.id, reason: reason, matched: matched, alternative: rule.alternative)
    }

    /// The one-line message shown to a person or a model: `ward: deny [git-reset-hard] ...`.
    public var message: String {
        if decision == .allow { return "" }
        return TextRenderer.message(finding(.agent))
    }

    /// A short, single-line excerpt of matched text, so a long command does not flood a message.
    public static func excerpt(_ text: String, limit: Int = 200) -> String {
        TextRenderer.excerpt(text, limit: limit)
    }
}

extension Verdict {
    /// Applies a mode: `warn` turns deny and ask into warn, `off` allows everything.
    public func applying(_ mode: Mode) -> Verdict {
        switch mode {
        case .enforce: return self
        case .off: return .allow
        case .warn:
            var v = self
            if v.decision > .warn { v.decision = .warn }
            return v
        }
    }
}
