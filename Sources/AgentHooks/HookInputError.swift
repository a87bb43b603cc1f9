public import Policy

/// A hook payload ward cannot read, which the runner turns into a deny (fail closed).
///
/// The message names the field, so the person reading the audit log or the model reading the
/// denial sees what was wrong with the call.
public enum HookInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// More bytes than `HookRunner.maxInputBytes`; nothing was parsed.
    case tooLarge(limit: Int)
    /// Bytes that are not UTF-8, at this byte offset.
    case invalidUTF8(offset: Int)
    /// Empty input (nil), or input that starts like JSON (`{`, `[`, `"`) but does not parse.
    case syntax(JSONSyntaxError?)
    /// Input that is not JSON at all (`hello`, a shell command, a log line); its first bytes.
    case notJSON(excerpt: String)
    /// A payload of another hook event than the one `ward hook AGENT` answers (`PostToolUse`,
    /// `AfterTool`, `afterShellExecution`): the hook is registered under the wrong event.
    case wrongEvent(agent: Agent, event: String)
    /// A field that must be present is missing (`tool_input.command`).
    case missing(field: String)
    /// A field has the wrong type.
    case wrongType(field: String, expected: String, found: String)

    /// What a person does about it: for a wrong event, where to register the hook instead.
    public var fix: String {
        switch self {
        case .wrongEvent(let agent, let event):
            return
                "register 'ward hook \(agent.rawValue)' under \(agent.preToolEvents) in \(agent.hookSettingsFile), not under \(event)"
        default:
            return "send the tool call again as the agent's documented hook JSON"
        }
    }

    public var description: String {
        switch self {
        case .tooLarge(let limit):
            return "hook input is larger than \(limit >> 20) MiB and was not read"
        case .invalidUTF8(let offset):
            return "hook input is not valid UTF-8 (byte \(offset))"
        case .syntax(let error?):
            return "hook input is not valid JSON: \(error.description)"
        case .syntax(nil):
            return "hook input is empty; expected one JSON object"
        case .notJSON(let excerpt):
            return "the hook input is not JSON (it begins '\(excerpt)'); expected one JSON object from the agent"
        case .wrongEvent(let agent, let event):
            return
                "ward hook \(agent.rawValue) received the hook event \(event), but it checks tool calls before they run"
        case .missing(let field):
            return "hook input has no \(field)"
        case .wrongType(let field, let expected, let found):
            return "hook input field \(field) must be \(expected), found \(found)"
        }
    }
}
