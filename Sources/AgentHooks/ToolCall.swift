/// What an agent is about to do, in the terms the guards understand.
///
/// Decoded from one hook payload by `HookDecoder`; the rest of the payload is ignored.
public struct ToolCall: Sendable, Equatable {
    /// The effect of the tool call that ward checks.
    public enum Action: Sendable, Equatable {
        /// A shell command line, checked by the command guard.
        case shell(String)
        /// Files the tool writes (as sent: absolute, or relative to `cwd`), checked against scope.
        case writes([String])
        /// Nothing ward checks: a reading tool, or a tool ward does not know.
        case none
    }

    public var action: Action
    /// The tool's name as the agent sent it (`Bash`, `apply_patch`, `run_shell_command`).
    public var toolName: String
    /// The directory the tool runs in, when the payload says.
    public var cwd: String?
    /// The agent's session (or conversation) id, for the audit log.
    public var sessionID: String?
    /// The hook event the agent reported (`PreToolUse`, `BeforeTool`, `beforeShellExecution`).
    public var hookEvent: String?
    /// Whether ward does not know the tool; unknown tools are allowed and logged (DESIGN.md §2).
    public var isUnknownTool: Bool

    public init(
        action: Action, toolName: String, cwd: String? = nil, sessionID: String? = nil, hookEvent: String? = nil,
        isUnknownTool: Bool = false
    ) {
        self.action = action
        self.toolName = toolName
        self.cwd = cwd
        self.sessionID = sessionID
        self.hookEvent = hookEvent
        self.isUnknownTool = isUnknownTool
    }
}
