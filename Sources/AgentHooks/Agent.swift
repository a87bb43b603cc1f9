/// A coding agent whose pre-tool-use hook ward answers.
///
/// Each speaks its own hook protocol (DESIGN.md §2, `../shared/protocols/README.md`): the
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
}
