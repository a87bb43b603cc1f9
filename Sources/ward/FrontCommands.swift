import Commands

/// The handlers of the command table's `.front` rows; every other row runs in `ward-git`.
enum FrontCommands {
    static let handlers: [String: Handler] = {
        var table: [String: Handler] = [
            "hook pre-commit": HookCommand.preCommit,
            "check command": GuardCommands.checkCommand,
            "check paths": GuardCommands.checkPaths,
            "explain": GuardCommands.explain,
            "scope set": RuleCommands.scopeSet,
            "scope show": RuleCommands.scopeShow,
            "scope clear": RuleCommands.scopeClear,
            "policy show": RuleCommands.policyShow,
            "policy validate": RuleCommands.policyValidate,
            "log": RuleCommands.log,
        ]
        for agent in CommandTable.agents { table["hook " + agent] = HookCommand.agent(agent) }
        return table
    }()
}
