public import Checks
import Policy

/// Renders a `Verdict` in one agent's hook protocol, strictly (`../shared/protocols/README.md`).
///
/// Every blocking answer is the JSON form with exit 0, which each agent documents as deciding;
/// none uses exit 2, so a verdict never depends on how an agent treats stderr. Forms:
///
/// | verdict | Claude Code | Codex | Gemini CLI | Cursor |
/// |---|---|---|---|---|
/// | allow | nothing | nothing | nothing | nothing |
/// | warn | `{"systemMessage":M}` | M on stderr | M on stderr | M on stderr |
/// | ask | `hookSpecificOutput` ask | as deny | as deny | as deny |
/// | deny | `hookSpecificOutput` deny | `hookSpecificOutput` deny | `{"decision":"deny","reason":M}` | `{"permission":"deny","user_message":M,"agent_message":M}` |
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
            let inner = object([
                "hookEventName": "PreToolUse", "permissionDecision": decision, "permissionDecisionReason": message,
            ])
            return "{\"hookSpecificOutput\":\(inner)}"
        case .gemini:
            return object(["decision": "deny", "reason": message])
        case .cursor:
            return object(["permission": "deny", "user_message": message, "agent_message": message])
        }
    }

    /// A flat JSON object of string members, in order, written as bytes in one buffer.
    static func object(_ members: KeyValuePairs<String, String>) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        for (key, value) in members {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.appendQuoted(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONValue.appendQuoted(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
