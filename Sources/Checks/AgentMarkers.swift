/// The environment variables coding agents set for the commands they run, which tell ward's
/// git hooks that a commit comes from an agent session (GitHooks' `AgentSession`).
///
/// The command guard treats them like `WARD_*`: an agent that unsets or overrides one
/// (`env -u CLAUDECODE git commit`) would pass for a person, so that is `tamper-ward-env`.
public enum AgentMarkers {
    /// Each variable with the agent it names; `WARD_AGENT` is ward's own, for any other agent.
    public static let all: [(variable: String, agent: String)] = [
        ("WARD_AGENT", ""),
        ("CLAUDECODE", "Claude Code"),
        ("CODEX_CI", "Codex CLI"),
        ("CODEX_SANDBOX", "Codex CLI"),
        ("CODEX_SANDBOX_NETWORK_DISABLED", "Codex CLI"),
        ("GEMINI_CLI", "Gemini CLI"),
        ("CURSOR_AGENT", "Cursor"),
        ("COPILOT_AGENT_ACTION", "Copilot"),
    ]

    /// Whether an agent may not set, change or unset `name`: `WARD_*` and the markers.
    public static func isGuarded(_ name: String) -> Bool {
        name.hasPrefix("WARD_") || all.contains { $0.variable == name }
    }
}
