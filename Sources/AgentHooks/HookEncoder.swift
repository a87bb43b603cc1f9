import Base
public import Checks

/// Renders a `Verdict` in one agent's hook protocol, strictly (the table in the README, "Agent setup").
///
/// Every blocking answer is the JSON form with exit 0, which each agent documents as deciding;
/// none uses exit 2, so a verdict never depends on how an agent treats stderr. Forms:
///
/// | verdict | Claude Code | Codex | Gemini CLI | Cursor | Copilot |
/// |---|---|---|---|---|---|
/// | allow | nothing | nothing | nothing | nothing | nothing |
/// | warn | `{"systemMessage":M}` | M on stderr | M on stderr | M on stderr | M on stderr |
/// | ask | `hookSpecificOutput` ask | as deny | as deny | as deny | as deny |
/// | deny | `hookSpecificOutput` deny | `hookSpecificOutput` deny | `{"decision":"deny","reason":M}` | `{"permission":"deny","user_message":M,"agent_message":M}` | `{"permissionDecision":"deny","permissionDecisionReason":M}` |
///
/// A bare `allow` is never printed: it would skip the user's own permission prompt (Claude)
/// or be rejected as invalid (Codex).
public enum HookEncoder {
    public static func respond(_ verdict: Verdict, agent: Agent) -> HookResponse {
        var verdict = verdict
        if agent != .claude, verdict.decision == .ask { verdict.decision = .deny }
        var message = verdict.message
        if message.isEmpty, verdict.decision != .allow { message = "ward \(verdict.decision.rawValue)" }
        switch verdict.decision {
        case .allow:
            return .silentAllow
        case .warn:
            if agent == .claude { return HookResponse(stdout: object(["systemMessage": message]) + "\n") }
            return HookResponse(stderr: message + "\n")
        case .ask, .deny:
            let decision = agent == .claude ? verdict.decision.rawValue : "deny"
            return HookResponse(stdout: blocking(message, decision: decision, agent: agent) + "\n")
        }
    }

    static func blocking(_ message: String, decision: String, agent: Agent) -> String {
        switch agent {
        case .claude, .codex:
            var json = JSONWriter()
            json.object {
                $0.key("hookSpecificOutput")
                $0.object {
                    $0.key("hookEventName")
                    $0.string("PreToolUse")
                    $0.key("permissionDecision")
                    $0.string(decision)
                    $0.key("permissionDecisionReason")
                    $0.string(message)
                }
            }
            return json.string
        case .gemini:
            return object(["decision": "deny", "reason": message])
        case .cursor:
            return object(["permission": "deny", "user_message": message, "agent_message": message])
        case .copilot:
            return object(["permissionDecision": "deny", "permissionDecisionReason": message])
        }
    }

    /// A flat JSON object of string members, in order.
    static func object(_ members: KeyValuePairs<String, String>) -> String {
        var json = JSONWriter()
        json.object {
            for (key, value) in members {
                $0.key(key)
                $0.string(value)
            }
        }
        return json.string
    }
}
