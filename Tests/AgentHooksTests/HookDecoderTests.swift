import Base
import Foundation
import Policy
import TestSupport
import Testing

@testable import AgentHooks

/// A payload fixture from `Tests/Fixtures/hooks/` with its placeholders filled in: `__CWD__`
/// as `/repo`, `"__COMMAND__"` as a JSON string, `__PATH__` as given.
func hookFixture(_ name: String, command: String = "git status", path: String = "/repo/src/a.swift") throws
    -> [UInt8]
{
    let file = packageRoot + "/Tests/Fixtures/hooks/" + name
    let data = try #require(FileManager.default.contents(atPath: file), "fixture \(file) not found")
    var text = String(decoding: data, as: UTF8.self)
    text = text.replacingOccurrences(of: "__CWD__", with: "/repo")
    text = text.replacingOccurrences(of: "\"__COMMAND__\"", with: JSONWriter.quote(command))
    text = text.replacingOccurrences(
        of: "\"__COMMAND_ARGS__\"", with: JSONWriter.quote("{\"command\":" + JSONWriter.quote(command) + "}"))
    text = text.replacingOccurrences(of: "__PATH__", with: path)
    return Array(text.utf8)
}

/// `HookDecoder` with the payloads each agent sends (DESIGN.md §2, `Tests/Fixtures/hooks/`).
@Suite struct HookDecoderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var agent: Agent
        var fixture: String
        var path = "/repo/src/a.swift"
        var expected: ToolCall
        var testDescription: String { "\(agent) \(fixture)" }
    }

    static let fixtureCases: [Case] = [
        Case(
            agent: .copilot, fixture: "copilot-bash.json",
            expected: ToolCall(
                action: .shell("git status"), toolName: "bash", cwd: "/repo", sessionID: "copilot-session-1")),
        Case(
            agent: .copilot, fixture: "copilot-bash-object.json",
            expected: ToolCall(
                action: .shell("git status"), toolName: "bash", cwd: "/repo", sessionID: "copilot-session-1")),
        Case(
            agent: .copilot, fixture: "copilot-edit.json",
            expected: ToolCall(action: .writes(["/repo/src/a.swift"]), toolName: "edit", cwd: "/repo")),
        Case(
            agent: .copilot, fixture: "copilot-view.json",
            expected: ToolCall(action: .none, toolName: "view", cwd: "/repo")),
        Case(
            agent: .claude, fixture: "claude-bash.json",
            expected: ToolCall(
                action: .shell("git status"), toolName: "Bash", cwd: "/repo", sessionID: "abc", hookEvent: "PreToolUse")
        ),
        Case(
            agent: .claude, fixture: "claude-write.json",
            expected: ToolCall(
                action: .writes(["/repo/src/a.swift"]), toolName: "Write", cwd: "/repo", sessionID: "abc",
                hookEvent: "PreToolUse")),
        Case(
            agent: .claude, fixture: "claude-edit.json", path: "/repo/ward.json",
            expected: ToolCall(
                action: .writes(["/repo/ward.json"]), toolName: "Edit", cwd: "/repo", sessionID: "abc",
                hookEvent: "PreToolUse")),
        Case(
            agent: .claude, fixture: "claude-notebook-edit.json", path: "/repo/a.ipynb",
            expected: ToolCall(
                action: .writes(["/repo/a.ipynb"]), toolName: "NotebookEdit", cwd: "/repo", sessionID: "abc",
                hookEvent: "PreToolUse")),
        Case(
            agent: .claude, fixture: "claude-read.json",
            expected: ToolCall(
                action: .none, toolName: "Read", cwd: "/repo", sessionID: "abc", hookEvent: "PreToolUse")),
        Case(
            agent: .claude, fixture: "claude-mcp.json",
            expected: ToolCall(
                action: .none, toolName: "mcp__github__create_issue", cwd: "/repo", sessionID: "abc",
                hookEvent: "PreToolUse", isUnknownTool: true)),
        Case(
            agent: .codex, fixture: "codex-bash.json",
            expected: ToolCall(
                action: .shell("git status"), toolName: "Bash", cwd: "/repo", sessionID: "0199a1b2-codex",
                hookEvent: "PreToolUse")),
        Case(
            agent: .codex, fixture: "codex-apply-patch.json",
            expected: ToolCall(
                action: .writes(["src/new.swift", "src/old.swift", "src/renamed.swift", "src/gone.swift"]),
                toolName: "apply_patch", cwd: "/repo", sessionID: "0199a1b2-codex", hookEvent: "PreToolUse")),
        Case(
            agent: .codex, fixture: "codex-apply-patch-protected.json",
            expected: ToolCall(
                action: .writes(["src/new.swift", ".codex/hooks.json"]), toolName: "apply_patch", cwd: "/repo",
                sessionID: "0199a1b2-codex", hookEvent: "PreToolUse")),
        Case(
            agent: .gemini, fixture: "gemini-shell.json",
            expected: ToolCall(
                action: .shell("git status"), toolName: "run_shell_command", cwd: "/repo", sessionID: "gem-1",
                hookEvent: "BeforeTool")),
        Case(
            agent: .gemini, fixture: "gemini-write-file.json", path: "docs/x.json",
            expected: ToolCall(
                action: .writes(["docs/x.json"]), toolName: "write_file", cwd: "/repo", sessionID: "gem-1",
                hookEvent: "BeforeTool")),
        Case(
            agent: .gemini, fixture: "gemini-replace.json", path: "README.md",
            expected: ToolCall(
                action: .writes(["README.md"]), toolName: "replace", cwd: "/repo", sessionID: "gem-1",
                hookEvent: "BeforeTool")),
        Case(
            agent: .cursor, fixture: "cursor-shell.json",
            expected: ToolCall(
                action: .shell("git status"), toolName: "beforeShellExecution", cwd: "/repo", sessionID: "conv-1",
                hookEvent: "beforeShellExecution")),
        Case(
            agent: .cursor, fixture: "cursor-shell-no-cwd.json",
            expected: ToolCall(
                action: .shell("git status"), toolName: "beforeShellExecution", cwd: "/repo", sessionID: "conv-2",
                hookEvent: "beforeShellExecution")),
        Case(
            agent: .cursor, fixture: "cursor-pre-tool-use.json",
            expected: ToolCall(
                action: .shell("git status"), toolName: "Shell", cwd: "/repo", sessionID: "conv-3",
                hookEvent: "preToolUse")),
        Case(
            agent: .cursor, fixture: "cursor-pre-tool-use-write.json", path: "docs/b.md",
            expected: ToolCall(
                action: .writes(["docs/b.md"]), toolName: "edit_file", cwd: "/repo", sessionID: "conv-4",
                hookEvent: "preToolUse")),
    ]

    @Test(arguments: fixtureCases)
    func decodesWhatEachAgentSends(_ c: Case) throws {
        let call = try HookDecoder.decode(try hookFixture(c.fixture, path: c.path), agent: c.agent)
        #expect(call == c.expected)
    }

    @Test(arguments: [
        // Older agents send no hook_event_name; a value of another type is not an event name.
        (Agent.claude, #"{"tool_name": "Bash", "tool_input": {"command": "ls"}}"#, ToolCall.Action.shell("ls")),
        (.claude, #"{"hook_event_name": 3, "tool_name": "Bash", "tool_input": {"command": "ls"}}"#, .shell("ls")),
        (.claude, #"{"tool_name": "Bash", "tool_input": {"command": "  "}}"#, .shell("  ")),
        (.claude, #"{"tool_name": "MultiEdit", "tool_input": {"file_path": "/r/a", "edits": []}}"#, .writes(["/r/a"])),
        (
            .codex,
            #"{"tool_name": "apply_patch", "tool_input": {"command": ["apply_patch", "*** Add File: a.txt\n+x"]}}"#,
            .writes(["a.txt"])
        ),
        (.codex, #"{"tool_name": "apply_patch", "tool_input": "*** Delete File: b.txt\n"}"#, .writes(["b.txt"])),
        (.gemini, #"{"tool_name": "write_file", "tool_input": {"absolute_path": "/r/x"}}"#, .writes(["/r/x"])),
        (.cursor, #"{"command": "ls"}"#, .shell("ls")),
        (
            .cursor, #"{"hook_event_name": "preToolUse", "tool_name": "Write", "tool_input": {"path": "a"}}"#,
            .writes(["a"])
        ),
        (.cursor, #"{"hook_event_name": "beforeMCPExecution", "tool_name": "mcp_x", "tool_input": {}}"#, .none),
    ])
    func decodesLenientlyWhereThatIsSafe(agent: Agent, payload: String, action: ToolCall.Action) throws {
        #expect(try HookDecoder.decode(Array(payload.utf8), agent: agent).action == action)
    }

    @Test(arguments: [
        (Agent.gemini, "run_shell_command", "sub", "/repo/sub"),
        (.gemini, "run_shell_command", "/abs", "/abs"),
        (.gemini, "run_shell_command", "", "/repo"),
    ])
    func runsGeminiCommandsInTheirDirectory(agent: Agent, tool: String, directory: String, cwd: String) throws {
        let payload =
            #"{"cwd": "/repo", "hook_event_name": "BeforeTool", "tool_name": "\#(tool)", "tool_input": {"command": "ls", "directory": "\#(directory)"}}"#
        #expect(try HookDecoder.decode(Array(payload.utf8), agent: agent).cwd == cwd)
    }

    @Test(arguments: [
        (Agent.claude, "Glob", false), (.claude, "mcp__x__y", true), (.claude, "SomeNewTool", true),
        (.gemini, "read_file", false), (.gemini, "Bash", true), (.cursor, "read_file", false),
        (.cursor, "codebase_search", true),
    ])
    func marksToolsItDoesNotKnow(agent: Agent, tool: String, unknown: Bool) throws {
        let payload = #"{"tool_name": "\#(tool)", "tool_input": {}}"#
        let call = try HookDecoder.decode(Array(payload.utf8), agent: agent)
        #expect(call.action == .none)
        #expect(call.isUnknownTool == unknown)
    }

    // MARK: - Errors

    @Test(arguments: [
        (Agent.claude, "claude-missing-tool-name.json", HookInputError.missing(field: "tool_name")),
        (.codex, "claude-missing-command.json", .missing(field: "tool_input.command")),
        (
            .claude, "claude-numeric-command.json",
            .wrongType(field: "tool_input.command", expected: "a string", found: "a number")
        ),
        (
            .gemini, "gemini-numeric-command.json",
            .wrongType(field: "tool_input.command", expected: "a string", found: "a number")
        ),
        (.cursor, "cursor-missing-command.json", .missing(field: "command")),
    ])
    func rejectsFixturesWithoutAUsableCommand(agent: Agent, fixture: String, error: HookInputError) throws {
        let bytes = try hookFixture(fixture)
        #expect(throws: error) { try HookDecoder.decode(bytes, agent: agent) }
    }

    @Test(arguments: [
        (Agent.claude, "", HookInputError.syntax(nil)),
        (.claude, " \n\t", .syntax(nil)),
        (.claude, "hello", .notJSON(excerpt: "hello")),
        (.gemini, "  git status\n", .notJSON(excerpt: "git status\\n")),
        (.cursor, "nope", .notJSON(excerpt: "nope")),
        (.codex, String(repeating: "x", count: 100), .notJSON(excerpt: String(repeating: "x", count: 40) + "…")),
        (.claude, "[1]", .wrongType(field: "(top level)", expected: "a JSON object", found: "an array")),
        (.claude, "42", .wrongType(field: "(top level)", expected: "a JSON object", found: "a number")),
        (.claude, #"{"tool_name": 7}"#, .wrongType(field: "tool_name", expected: "a string", found: "a number")),
        (.claude, #"{"tool_name": null}"#, .missing(field: "tool_name")),
        (
            .claude, #"{"tool_name": "Write", "tool_input": {"file_path": 5}}"#,
            .wrongType(field: "tool_input.file_path", expected: "a string", found: "a number")
        ),
        (.claude, #"{"tool_name": "Edit", "tool_input": {}}"#, .missing(field: "tool_input.file_path")),
        (.claude, #"{"tool_name": "Bash", "tool_input": "ls"}"#, .missing(field: "tool_input.command")),
        (
            .codex, #"{"tool_name": "apply_patch", "tool_input": {"command": ["apply_patch", 1]}}"#,
            .wrongType(field: "tool_input.command", expected: "a string", found: "an array of mixed values")
        ),
        (.codex, #"{"tool_name": "apply_patch"}"#, .missing(field: "tool_input.command")),
        (
            .gemini, #"{"tool_name": "replace", "tool_input": {"old_string": "a"}}"#,
            .missing(field: "tool_input.file_path")
        ),
        (
            .cursor, #"{"hook_event_name": "beforeShellExecution", "command": ["ls"]}"#,
            .wrongType(field: "command", expected: "a string", found: "an array")
        ),
        (
            .cursor, #"{"hook_event_name": "preToolUse", "tool_name": "Shell", "tool_input": {}}"#,
            .missing(field: "tool_input.command")
        ),
    ])
    func rejectsWhatItCannotCheck(agent: Agent, payload: String, error: HookInputError) {
        #expect(throws: error) { try HookDecoder.decode(Array(payload.utf8), agent: agent) }
    }

    @Test func saysWhereJsonThatDoesNotParseGoesWrong() throws {
        let bytes = try hookFixture("garbage.txt")
        let error = #expect(throws: HookInputError.self) { try HookDecoder.decode(bytes, agent: .claude) }
        #expect(error?.description == "hook input is not valid JSON: line 1, column 52: unterminated string")
    }

    @Test func rejectsInvalidUTF8WithItsOffset() {
        let bytes = Array(#"{"tool_name": ""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(throws: HookInputError.invalidUTF8(offset: 15)) { try HookDecoder.decode(bytes, agent: .claude) }
    }

    @Test(arguments: [
        (Agent.claude, "PostToolUse"), (.codex, "PostToolUse"), (.gemini, "AfterTool"),
        (.cursor, "afterShellExecution"),
        (.cursor, "postToolUse"), (.cursor, "afterFileEdit"), (.cursor, "beforeReadFile"), (.claude, "Stop"),
        (.claude, "UserPromptSubmit"), (.claude, "PostToolUseFailure"), (.gemini, "AfterModel"),
    ])
    func rejectsAPayloadOfAnotherEvent(agent: Agent, event: String) {
        // A full tool call, as the post-tool events carry one: the event alone decides.
        let payload =
            #"{"hook_event_name": "\#(event)", "tool_name": "Bash", "command": "ls", "tool_input": {"command": "ls"}, "tool_response": {}}"#
        #expect(throws: HookInputError.wrongEvent(agent: agent, event: event)) {
            try HookDecoder.decode(Array(payload.utf8), agent: agent)
        }
    }

    @Test(arguments: [
        (
            Agent.claude, "PostToolUse",
            "ward hook claude received the hook event PostToolUse, but it checks tool calls before they run",
            "register 'ward hook claude' under PreToolUse in .claude/settings.json, not under PostToolUse"
        ),
        (
            .codex, "PostToolUse",
            "ward hook codex received the hook event PostToolUse, but it checks tool calls before they run",
            "register 'ward hook codex' under PreToolUse in .codex/hooks.json, not under PostToolUse"
        ),
        (
            .gemini, "AfterTool",
            "ward hook gemini received the hook event AfterTool, but it checks tool calls before they run",
            "register 'ward hook gemini' under BeforeTool in .gemini/settings.json, not under AfterTool"
        ),
        (
            .cursor, "afterShellExecution",
            "ward hook cursor received the hook event afterShellExecution, but it checks tool calls before they run",
            "register 'ward hook cursor' under beforeShellExecution and preToolUse in .cursor/hooks.json, not under afterShellExecution"
        ),
    ])
    func saysWhereAHookOnTheWrongEventBelongs(agent: Agent, event: String, description: String, fix: String) {
        let error = HookInputError.wrongEvent(agent: agent, event: event)
        #expect(error.description == description)
        #expect(error.fix == fix)
    }
}
