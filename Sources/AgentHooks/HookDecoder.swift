import Checks
import Policy

/// Reads one agent's pre-tool-use payload into a `ToolCall`.
///
/// Lenient where that is safe (unknown fields are ignored, optional fields may be missing or
/// of another type) and strict where a wrong guess would let a call through unchecked: a
/// missing `tool_name`, a missing or non-string shell command, a write tool without a path,
/// invalid UTF-8, anything that is not one JSON object, and a payload of another hook event than
/// a pre-tool one (the hook is registered in the wrong place) are errors, which the runner denies.
public enum HookDecoder {
    /// Claude Code (and Codex, Cursor `preToolUse`) tools that write nothing; allowed silently.
    public static let readingTools: Set<String> = [
        "Read", "Glob", "Grep", "LS", "WebFetch", "WebSearch", "TodoWrite", "TodoRead", "Task", "NotebookRead",
        "BashOutput", "KillShell", "KillBash", "ExitPlanMode", "ListMcpResourcesTool", "ReadMcpResourceTool",
        "AskUserQuestion",
    ]
    /// Gemini CLI tools that write nothing.
    public static let geminiReadingTools: Set<String> = [
        "read_file", "read_many_files", "list_directory", "glob", "search_file_content", "web_fetch",
        "google_web_search", "save_memory", "write_todos",
    ]
    /// The events that come before a tool runs, of every agent: Claude Code and Codex
    /// `PreToolUse`, Gemini `BeforeTool`, Cursor `beforeShellExecution`, `preToolUse` and
    /// `beforeMCPExecution`. Any other event (`PostToolUse`, `AfterTool`, `afterShellExecution`,
    /// `Stop`, ...) means the hook is registered in the wrong place; it is denied with a message
    /// saying where it belongs. A payload without `hook_event_name` (older agents) is accepted.
    public static let preToolEvents: Set<String> = [
        "PreToolUse", "BeforeTool", "beforeShellExecution", "preToolUse", "beforeMCPExecution",
    ]

    /// Decodes `bytes` as sent by `agent`.
    public static func decode(_ bytes: [UInt8], agent: Agent) throws(HookInputError) -> ToolCall {
        if let offset = UTF8Validation.firstInvalidOffset(bytes) { throw .invalidUTF8(offset: offset) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { throw .syntax(nil) }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes: bytes).value
        } catch {
            throw looksLikeJSON(bytes) ? .syntax(error) : .notJSON(excerpt: excerpt(bytes))
        }
        return try decode(root: root, agent: agent)
    }

    /// Decodes a payload already parsed (`ward policy test` cases carry one inside a line).
    public static func decode(root: JSONValue, agent: Agent) throws(HookInputError) -> ToolCall {
        guard case .object = root else {
            throw .wrongType(field: "(top level)", expected: "a JSON object", found: root.typeName)
        }
        // The agent's own pre-tool event is the one compare on the happy path.
        if case .string(let event)? = root["hook_event_name"], event != agent.preToolEvent,
            !preToolEvents.contains(event)
        {
            throw .wrongEvent(agent: agent, event: event)
        }
        let payload = Payload(root: root)
        switch agent {
        case .claude, .codex: return try claudeShaped(payload)
        case .gemini: return try gemini(payload)
        case .cursor: return try cursor(payload)
        case .copilot: return try copilot(payload)
        }
    }

    /// Whether input that failed to parse was meant as JSON: its first byte after blanks
    /// opens an object, an array or a string.
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            return false
        }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"")
    }

    /// The first bytes of the input, on one line, for a message.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let start = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D } ?? bytes.endIndex
        return Verdict.excerpt(String(decoding: bytes[start...].prefix(64), as: UTF8.self), limit: 40)
    }

    // MARK: - Per agent

    /// Claude Code and Codex: `tool_name` and `tool_input`.
    static func claudeShaped(_ payload: Payload) throws(HookInputError) -> ToolCall {
        let name = try payload.requiredString("tool_name")
        var call = ToolCall(
            action: .none, toolName: name, cwd: payload.string("cwd"), sessionID: payload.string("session_id"),
            hookEvent: payload.string("hook_event_name"))
        switch name {
        case "Bash":
            call.action = .shell(try payload.requiredString("tool_input", "command"))
        case "Write", "Edit", "MultiEdit":
            call.action = .writes([try payload.requiredString("tool_input", "file_path")])
        case "NotebookEdit":
            call.action = .writes([try payload.requiredString("tool_input", "notebook_path")])
        case "apply_patch":
            call.action = .writes(ApplyPatch.paths(in: try patchText(payload)))
        default:
            call.isUnknownTool = !readingTools.contains(name)
        }
        return call
    }

    /// Gemini CLI: `run_shell_command`, `write_file`, `replace`.
    static func gemini(_ payload: Payload) throws(HookInputError) -> ToolCall {
        let name = try payload.requiredString("tool_name")
        var call = ToolCall(
            action: .none, toolName: name, cwd: payload.string("cwd"), sessionID: payload.string("session_id"),
            hookEvent: payload.string("hook_event_name"))
        switch name {
        case "run_shell_command":
            call.action = .shell(try payload.requiredString("tool_input", "command"))
            // `directory` is where Gemini runs the command; relative to the project (the cwd).
            if let directory = payload.string("tool_input", "directory"), !directory.isEmpty {
                if directory.hasPrefix("/") || call.cwd == nil {
                    call.cwd = directory
                } else if let cwd = call.cwd {
                    call.cwd = cwd + "/" + directory
                }
            }
        case "write_file", "replace":
            call.action = .writes([try payload.firstString(in: "tool_input", ["file_path", "absolute_path", "path"])])
        default:
            call.isUnknownTool = !geminiReadingTools.contains(name)
        }
        return call
    }

    /// Cursor: `beforeShellExecution` with a top-level `command`, or `preToolUse` shaped like Claude's.
    static func cursor(_ payload: Payload) throws(HookInputError) -> ToolCall {
        let event = payload.string("hook_event_name")
        var cwd = payload.string("cwd").flatMap { $0.isEmpty ? nil : $0 }
        if cwd == nil, case .array(let roots)? = payload.root["workspace_roots"], let first = roots.first {
            cwd = first.value.stringValue
        }
        let session = payload.string("conversation_id") ?? payload.string("session_id")
        if event == "beforeShellExecution" || (payload.root["tool_name"] == nil && payload.root["command"] != nil) {
            return ToolCall(
                action: .shell(try payload.requiredString("command")), toolName: "beforeShellExecution", cwd: cwd,
                sessionID: session, hookEvent: event)
        }
        let name = try payload.requiredString("tool_name")
        var call = ToolCall(action: .none, toolName: name, cwd: cwd, sessionID: session, hookEvent: event)
        switch name {
        case "Shell", "Bash", "Terminal", "run_terminal_cmd":
            call.action = .shell(try payload.requiredString("tool_input", "command"))
        // Current Cursor names its file tools Write, StrReplace, Edit, Delete (and TabWrite for
        // Tab completions); older builds used the snake_case names. The path key varies too.
        case "Write", "StrReplace", "Edit", "MultiEdit", "Delete", "TabWrite", "edit_file", "search_replace",
            "delete_file", "write":
            call.action = .writes([
                try payload.firstString(in: "tool_input", ["file_path", "path", "target_file", "relative_path"])
            ])
        case "NotebookEdit":
            call.action = .writes([try payload.requiredString("tool_input", "notebook_path")])
        default:
            call.isUnknownTool =
                !readingTools.contains(name) && !["read_file", "grep", "glob", "list_dir"].contains(name)
        }
        // The tool's own directory, where relative commands and paths start.
        for key in ["cwd", "working_directory"] {
            if let dir = payload.string("tool_input", key), !dir.isEmpty {
                call.cwd = dir
                break
            }
        }
        return call
    }

    /// GitHub Copilot CLI tools that write nothing.
    public static let copilotReadingTools: Set<String> = [
        "view", "read", "glob", "grep", "search", "web_fetch", "fetch", "report_intent", "think", "list_dir",
        "read_bash", "list_bash", "stop_bash", "update_todo", "task",
    ]

    /// GitHub Copilot (CLI and coding agent): `toolName`, `toolArgs` (a JSON string in the CLI's
    /// command hooks, an object in the SDK) and `cwd`. Its shell tool is `bash`; file tools are
    /// `edit`, `create` and `str_replace_editor` with a `path`.
    static func copilot(_ payload: Payload) throws(HookInputError) -> ToolCall {
        let name = try payload.requiredString("toolName")
        var args = payload.root["toolArgs"]
        if case .string(let text)? = args {
            do {
                args = try JSONParser.parse(bytes: Array(text.utf8)).value
            } catch {
                throw .wrongType(field: "toolArgs", expected: "JSON text of an object", found: "text that is not JSON")
            }
        }
        let session = payload.string("sessionId") ?? payload.string("session_id")
        var call = ToolCall(
            action: .none, toolName: name, cwd: payload.string("cwd"), sessionID: session,
            hookEvent: payload.string("hookEventName") ?? payload.string("hook_event_name"))
        let argsPayload = Payload(root: .object([(key: "toolArgs", value: .init(args ?? .null, line: 1))]))
        switch name {
        case "bash", "shell":
            guard args != nil, args != .null else { throw .missing(field: "toolArgs.command") }
            call.action = .shell(try argsPayload.requiredString("toolArgs", "command"))
        case "edit", "create", "write", "str_replace_editor", "str_replace", "insert", "write_file":
            if name == "str_replace_editor", argsPayload.string("toolArgs", "command") == "view" { return call }
            call.action = .writes([try argsPayload.firstString(in: "toolArgs", ["path", "file_path", "filePath"])])
        default:
            call.isUnknownTool = !copilotReadingTools.contains(name)
        }
        return call
    }

    /// The patch text of a Codex `apply_patch` call: `tool_input.command` (a string, or the
    /// `["apply_patch", PATCH]` argv form), `tool_input.patch`, `tool_input.input`, or
    /// `tool_input` itself when it is a string.
    static func patchText(_ payload: Payload) throws(HookInputError) -> String {
        guard let input = payload.root["tool_input"] else { throw .missing(field: "tool_input.command") }
        if case .string(let text) = input { return text }
        for key in ["command", "patch", "input"] {
            switch input[key] {
            case .string(let text)?:
                return text
            case .array(let items)?:
                let words = items.compactMap { $0.value.stringValue }
                guard words.count == items.count else {
                    throw .wrongType(
                        field: "tool_input.\(key)", expected: "a string", found: "an array of mixed values")
                }
                return words.joined(separator: "\n")
            case let other?:
                throw .wrongType(field: "tool_input.\(key)", expected: "a string", found: other.typeName)
            case nil:
                continue
            }
        }
        throw .missing(field: "tool_input.command")
    }
}

/// A decoded payload with typed field access that names the field in errors.
struct Payload {
    let root: JSONValue

    func value(_ path: [String]) -> JSONValue? {
        var current: JSONValue? = root
        for key in path { current = current?[key] }
        return current
    }

    /// The string at `path`, or nil when missing or of another type (optional fields).
    func string(_ path: String...) -> String? {
        value(path)?.stringValue
    }

    /// The string at `path`; missing or another type is an error naming the field.
    func requiredString(_ path: String...) throws(HookInputError) -> String {
        // The field's name is built only for an error: the first `joined(separator:)` of a
        // process costs more than the whole lookup (a runtime witness-table search).
        guard let found = value(path), found != .null else { throw .missing(field: Self.fieldName(path)) }
        guard case .string(let text) = found else {
            throw .wrongType(field: Self.fieldName(path), expected: "a string", found: found.typeName)
        }
        return text
    }

    /// `tool_input.command` for the path `["tool_input", "command"]`.
    static func fieldName(_ path: [String]) -> String {
        path.joined(separator: ".")
    }

    /// The first of `keys` under `parent` that is present, which must be a string.
    func firstString(in parent: String, _ keys: [String]) throws(HookInputError) -> String {
        for key in keys where value([parent, key]) != nil {
            return try requiredString(parent, key)
        }
        throw .missing(field: "\(parent).\(keys[0])")
    }
}
