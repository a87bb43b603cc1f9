/// A coding agent whose pre-tool-use hook ward answers.
///
/// Each speaks its own hook protocol (see the README, "Agent setup"): the
/// decoder reads its payload leniently, the encoder answers in its strict output form.
public enum Agent: String, CaseIterable, Sendable {
    /// Claude Code, `PreToolUse`.
    case claude
    /// Codex CLI, `PreToolUse` with a closed output schema.
    case codex
    /// Gemini CLI, `BeforeTool`.
    case gemini
    /// Cursor, `beforeShellExecution` and the newer `preToolUse`.
    case cursor
    /// GitHub Copilot CLI and the Copilot coding agent, `preToolUse` in `.github/hooks/*.json`.
    case copilot
}

extension Agent {
    /// The event ward's hook is registered under, as the agent spells it in its payload.
    public var preToolEvent: String {
        switch self {
        case .claude, .codex: return "PreToolUse"
        case .gemini: return "BeforeTool"
        case .cursor: return "beforeShellExecution"
        case .copilot: return "preToolUse"
        }
    }

    /// The events to register `ward hook AGENT` under, for messages.
    public var preToolEvents: String {
        self == .cursor ? "beforeShellExecution and preToolUse" : preToolEvent
    }

    /// The project file that registers the agent's hooks.
    public var hookSettingsFile: String {
        switch self {
        case .claude: return ".claude/settings.json"
        case .codex: return ".codex/hooks.json"
        case .gemini: return ".gemini/settings.json"
        case .cursor: return ".cursor/hooks.json"
        case .copilot: return ".github/hooks/ward.json"
        }
    }
}
