import Checks
import Foundation
import Policy
import TestSupport
import Testing
import Workspace

@testable import AgentHooks

/// `HookEncoder`: each verdict in each agent's protocol, byte for byte (DESIGN.md §2).
@Suite struct HookEncoderTests {
    static func verdict(_ decision: Decision) -> Verdict {
        Verdict(decision: decision, ruleID: "r-1", reason: "why", matched: "", alternative: "this")
    }

    static let claudeDeny =
        #"{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"ward deny [r-1]: why. Instead: this"}}"#
        + "\n"

    @Test(arguments: [
        (Agent.claude, Decision.allow, HookResponse(stdout: "", stderr: "", exitCode: 0)),
        (.codex, .allow, HookResponse()),
        (.gemini, .allow, HookResponse()),
        (.cursor, .allow, HookResponse()),
        // warn: Claude shows a systemMessage; the others take the message on stderr and allow.
        (.claude, .warn, HookResponse(stdout: #"{"systemMessage":"ward warn [r-1]: why. Instead: this"}"# + "\n")),
        (.codex, .warn, HookResponse(stderr: "ward warn [r-1]: why. Instead: this\n")),
        (.gemini, .warn, HookResponse(stderr: "ward warn [r-1]: why. Instead: this\n")),
        (.cursor, .warn, HookResponse(stderr: "ward warn [r-1]: why. Instead: this\n")),
        // ask exists only in Claude Code; elsewhere it is a deny.
        (
            .claude, .ask,
            HookResponse(
                stdout:
                    #"{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask","permissionDecisionReason":"ward ask [r-1]: why. Instead: this"}}"#
                    + "\n")
        ),
        (.codex, .ask, HookResponse(stdout: claudeDeny)),
        (
            .gemini, .ask,
            HookResponse(stdout: #"{"decision":"deny","reason":"ward deny [r-1]: why. Instead: this"}"# + "\n")
        ),
        (
            .cursor, .ask,
            HookResponse(
                stdout:
                    #"{"permission":"deny","user_message":"ward deny [r-1]: why. Instead: this","agent_message":"ward deny [r-1]: why. Instead: this"}"#
                    + "\n")
        ),
        // Copilot processes only deny: ask is sent as deny.
        (
            .copilot, .ask,
            HookResponse(
                stdout:
                    #"{"permissionDecision":"deny","permissionDecisionReason":"ward deny [r-1]: why. Instead: this"}"#
                    + "\n")
        ),
        (
            .copilot, .deny,
            HookResponse(
                stdout:
                    #"{"permissionDecision":"deny","permissionDecisionReason":"ward deny [r-1]: why. Instead: this"}"#
                    + "\n")
        ),
        (.copilot, .warn, HookResponse(stderr: "ward warn [r-1]: why. Instead: this\n")),
        (.copilot, .allow, HookResponse()),
        (.claude, .deny, HookResponse(stdout: claudeDeny)),
        // Codex: Claude's shape, no extra keys (its output schema is closed).
        (.codex, .deny, HookResponse(stdout: claudeDeny)),
        (
            .gemini, .deny,
            HookResponse(stdout: #"{"decision":"deny","reason":"ward deny [r-1]: why. Instead: this"}"# + "\n")
        ),
        (
            .cursor, .deny,
            HookResponse(
                stdout:
                    #"{"permission":"deny","user_message":"ward deny [r-1]: why. Instead: this","agent_message":"ward deny [r-1]: why. Instead: this"}"#
                    + "\n")
        ),
    ])
    func answersEachVerdictInTheAgentsProtocol(agent: Agent, decision: Decision, expected: HookResponse) {
        let response = HookEncoder.respond(Self.verdict(decision), agent: agent)
        #expect(response == expected)
        #expect(response.exitCode == 0)
    }

    @Test(arguments: Agent.allCases)
    func writesOneJsonObjectWithEveryCharacterEscaped(agent: Agent) throws {
        let verdict = Verdict(
            decision: .deny, ruleID: "r-1", reason: "a \"quoted\"\tword\nand a \\ and \u{1}", matched: "",
            alternative: "")
        let response = HookEncoder.respond(verdict, agent: agent)
        #expect(response.stdout.hasPrefix("{") && response.stdout.hasSuffix("}\n"))
        #expect(response.stdout.utf8.filter { $0 == 0x0A }.count == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(response.stdout.utf8)) as? [String: Any])
        let text =
            (object["reason"] ?? object["user_message"] ?? object["permissionDecisionReason"]
            ?? (object["hookSpecificOutput"] as? [String: Any])?[
                "permissionDecisionReason"]) as? String
        #expect(text == "ward deny [r-1]: a \"quoted\"\tword\nand a \\ and \u{1}")
    }

    // MARK: - Through the runner: the decoder's errors reach the agent in its blocking form

    func run(_ agent: Agent, _ payload: String) throws -> (HookResponse, String) {
        let tmp = try TemporaryDirectory()
        let environment = [
            "HOME": tmp.appending("home"), "XDG_STATE_HOME": tmp.appending("state"),
            "GIT_CEILING_DIRECTORIES": tmp.path,
        ]
        let response = HookRunner.run(
            agent: agent, input: Array(payload.utf8), environment: environment, cwd: tmp.path,
            watchdog: RecordingWatchdog())
        return (response, tmp.path)
    }

    @Test(arguments: [
        (Agent.claude, "PostToolUse", "PreToolUse in .claude/settings.json"),
        (.codex, "PostToolUse", "PreToolUse in .codex/hooks.json"),
        (.gemini, "AfterTool", "BeforeTool in .gemini/settings.json"),
        (.cursor, "postToolUse", "beforeShellExecution and preToolUse in .cursor/hooks.json"),
    ])
    func deniesAHookWiredToTheWrongEventSayingWhereItBelongs(agent: Agent, event: String, place: String) throws {
        let (response, _) = try run(
            agent, #"{"hook_event_name": "\#(event)", "tool_name": "Bash", "tool_input": {"command": "ls"}}"#)
        let expected = HookEncoder.respond(
            HookRunner.inputInvalid(.wrongEvent(agent: agent, event: event)), agent: agent)
        #expect(response.stdout == expected.stdout)
        #expect(response.stdout.contains("[hook-input-invalid]"))
        #expect(response.stdout.contains("received the hook event \(event)"))
        #expect(response.stdout.contains("register 'ward hook \(agent.rawValue)' under \(place)"))
        #expect(response.stdout.contains(#""deny""#))
    }

    @Test(arguments: Agent.allCases)
    func deniesInputThatIsNotJsonSayingSo(agent: Agent) throws {
        let (response, _) = try run(agent, "hello")
        #expect(response.stdout.contains("[hook-input-invalid]: the hook input is not JSON (it begins 'hello')"))
        #expect(!response.stdout.contains("expected 'null'"))
        #expect(response.stdout.contains(#""deny""#))
    }
}
