import Commands

/// The handlers of the command table's `.front` rows, by their words; every other row runs in
/// `ward-git`. A switch rather than a dictionary: building a dictionary of closures costs more
/// than the rest of dispatch on the agent-hook path, which runs on every tool call.
enum FrontCommands {
    static func handler(for path: [String]) -> Handler? {
        switch (path.first, path.count > 1 ? path[1] : nil) {
        case ("hook", "claude"?): return HookCommand.agent("claude")
        case ("hook", "codex"?): return HookCommand.agent("codex")
        case ("hook", "gemini"?): return HookCommand.agent("gemini")
        case ("hook", "cursor"?): return HookCommand.agent("cursor")
        case ("hook", "copilot"?): return HookCommand.agent("copilot")
        case ("hook", "pre-commit"?): return HookCommand.preCommit
        case ("hook", "commit-msg"?): return HookCommand.commitMsg
        case ("check", "command"?): return GuardCommands.checkCommand
        case ("check", "paths"?): return GuardCommands.checkPaths
        case ("explain", nil): return GuardCommands.explain
        case ("scope", "set"?): return RuleCommands.scopeSet
        case ("scope", "show"?): return RuleCommands.scopeShow
        case ("scope", "clear"?): return RuleCommands.scopeClear
        case ("policy", "show"?): return RuleCommands.policyShow
        case ("policy", "validate"?): return RuleCommands.policyValidate
        case ("policy", "import"?): return ImportCommand.commitlint
        case ("policy", "test"?): return PolicyTestCommands.policyTest
        case ("log", "replay"?): return PolicyTestCommands.logReplay
        case ("log", nil): return RuleCommands.log
        case ("session", "list"?): return SessionCommands.list
        case ("session", "reset"?): return SessionCommands.reset
        case ("gate", "list"?): return GateCommands.list
        case ("gate", "run"?): return GateCommands.run
        default: return nil
        }
    }
}
