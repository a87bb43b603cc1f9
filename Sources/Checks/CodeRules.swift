public import Policy

/// Rule ids that ward's own code decides and that no policy file defines.
///
/// The agent-hook runner answers with these when it cannot make a real decision (input it cannot
/// read, a policy that does not load, a crash, the deadline) and logs `unknown-tool` for tools it
/// lets through unchecked. They are listed here so that `ward explain` and `ward log` can say
/// what they mean; they are not in `policy/` because neither `commands.disable` nor an override
/// may switch them off: each one is the guard failing closed. The rules of the built-in quality
/// gates (`conflict-markers`, `large-files`, ... from `BuiltinGate.all`) are listed too: a gate in
/// `ward.json` opts into them, and their findings carry these ids.
public enum CodeRules {
    /// The ids of the agent-hook runner's own rules: the one place they are spelled.
    public enum ID {
        public static let inputInvalid = "hook-input-invalid"
        public static let policyInvalid = "policy-invalid"
        public static let internalError = "hook-internal-error"
        public static let deadline = "hook-deadline"
        public static let unknownTool = "unknown-tool"
        public static let loopBreaker = "loop-breaker"
    }

    /// Where these rules are decided, as `RuleExplanation.definedIn` shows it.
    public static let source = "ward's agent-hook runner (not in the policy; cannot be disabled)"

    public static let all: [Rule] =
        [
            Rule(
                id: ID.inputInvalid, category: "hooks", decision: .deny,
                reason:
                    "the hook input is not a tool call ward can read (not JSON, not UTF-8, no tool_name, no command, too large), so the call is blocked",
                alternative:
                    "check that the hook is wired to the agent's pre-tool event and that it sends its documented JSON",
                source: source),
            Rule(
                id: ID.policyInvalid, category: "hooks", decision: .deny,
                reason: "the policy does not load (or its scope globs cannot be used), so nothing can be checked",
                alternative: "ask a person to fix the policy file ('ward policy validate')", source: source),
            Rule(
                id: ID.internalError, category: "hooks", decision: .deny,
                reason: "ward failed with an internal error while checking the call, so it is blocked",
                alternative: "retry; if it persists, report it with the command and 'ward log'", source: source),
            Rule(
                id: ID.deadline, category: "hooks", decision: .deny,
                reason: "the check did not finish within the hook deadline (1 s by default), so the call is blocked",
                alternative: "retry, or split the command into simpler ones", source: source),
            Rule(
                id: ID.unknownTool, category: "hooks", decision: .allow,
                reason: "a tool ward does not know (an MCP tool, say) is allowed unchecked, and the call is logged",
                alternative: "nothing to do: the log line records that ward saw the tool and did not check it",
                source: source),
            Rule(
                id: ID.loopBreaker, category: "hooks", decision: .deny,
                reason:
                    "the agent session hit loopBreaker.denies denied calls within loopBreaker.minutes, so every further call of it is stopped (Claude Code: asked) until the oldest deny leaves the window",
                alternative:
                    "stop, summarise what was tried and hand over to the person; a person can run 'ward session reset ID' ('\"loopBreaker\": {\"denies\": 0}' switches it off)",
                source: source),
        ] + BuiltinGate.all.map(\.rule)

    /// The code rule with this id, if any.
    public static func rule(_ id: String) -> Rule? {
        all.first { $0.id == id }
    }
}
