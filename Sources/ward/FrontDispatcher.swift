import AgentHooks
import Workspace

/// Finds the command argv names: answered here, or handed to `ward-git`.
enum FrontDispatcher {
    static func run(_ invocation: Invocation) throws(FrontError) -> ExitStatus {
        let words = invocation.arguments.dropFirst()
        guard let first = words.first else {
            Output.err(Help.top)
            return .usage
        }
        let rest = words.dropFirst()
        switch first {
        case "-h", "--help":
            Output.out(Help.top)
            return .ok
        case "--version":
            Output.out("ward \(Help.version)")
            return .ok
        case "hook":
            if rest.first == "pre-commit" {
                if wantsHelp(rest.dropFirst()) { return show(PreCommitReview.help) }
                return try PreCommitCommand.run(rest.dropFirst(), invocation)
            }
            if let agent = rest.first, ["claude", "codex", "gemini", "cursor"].contains(agent) {
                if wantsHelp(rest.dropFirst()) { return show(HookCommand.help) }
                return try HookCommand.run(agent, rest.dropFirst(), invocation)
            }
        case "check":
            if rest.first == "command" {
                if wantsHelp(rest.dropFirst()) { return show(CheckCommandCommand.help) }
                return try CheckCommandCommand.run(rest.dropFirst(), invocation)
            }
            if rest.first == "paths" {
                if wantsHelp(rest.dropFirst()) { return show(CheckPathsCommand.help) }
                return try CheckPathsCommand.run(rest.dropFirst(), invocation)
            }
        case "scope":
            if wantsHelp(rest) { return show(ScopeCommand.help) }
            return try ScopeCommand.run(rest, invocation)
        case "explain":
            if wantsHelp(rest) { return show(ExplainCommand.help) }
            return try ExplainCommand.run(rest, invocation)
        case "policy":
            if wantsHelp(rest) { return show(PolicyCommand.help) }
            return try PolicyCommand.run(rest, invocation)
        case "log":
            if wantsHelp(rest) { return show(LogCommand.help) }
            return try LogCommand.run(rest, invocation)
        default:
            break
        }
        throw Forward.execWardGit(invocation.arguments)
    }

    /// `--help`/`-h` before any `--` asks for help, as argument parsers usually do.
    static func wantsHelp(_ words: ArraySlice<String>) -> Bool {
        words.prefix { $0 != "--" }.contains { $0 == "--help" || $0 == "-h" }
    }

    static func show(_ text: String) -> ExitStatus {
        Output.out(text)
        return .ok
    }
}
