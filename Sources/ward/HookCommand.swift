import AgentHooks
import Workspace

/// `ward hook claude|codex|gemini|cursor`: one agent pre-tool-use call.
///
/// Always exits as the agent's protocol says (0 in every form ward uses); usage errors exit 2,
/// which each agent treats as blocking as well.
enum HookCommand {
    static let help = """
        Usage: ward hook claude|codex|gemini|cursor

        Reads one agent pre-tool-use payload (JSON) on stdin and answers in the agent's protocol:
        nothing for allow; the agent's blocking JSON for deny (and ask, which only Claude Code
        knows: the others get deny); a warning as an allow with a message. Invalid input, a
        policy that does not load, or an evaluation that takes over 1 s is denied.

        Settings snippets: hooks-templates/ (use ward's absolute path).
        """

    static func run(_ agentName: String, _ rest: ArraySlice<String>, _ invocation: Invocation) throws(FrontError)
        -> ExitStatus
    {
        guard let agent = Agent(rawValue: agentName) else {
            throw .usage("ward: unknown agent '\(agentName)'; expected claude, codex, gemini or cursor")
        }
        if let extra = rest.first { throw .usage("ward: 'hook \(agentName)' takes no arguments, found '\(extra)'") }
        let input = StandardInput.readAll(limit: HookRunner.maxInputBytes + 1)
        let watchdog = ProcessWatchdog()
        let response = HookRunner.run(
            agent: agent, input: input, environment: invocation.environment, cwd: invocation.currentDirectory,
            watchdog: watchdog)
        // The bytes first: between the claim and the write nothing may allocate, or a trap there
        // would end the call with the claim taken and nothing written.
        let out = Array(response.stdout.utf8)
        let err = Array(response.stderr.utf8)
        watchdog.claimAnswer()
        Output.write(1, bytes: out)
        Output.write(2, bytes: err)
        return response.exitCode == 0 ? .ok : .usage
    }
}
