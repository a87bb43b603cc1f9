import Foundation
import TestSupport

/// Errors the harness raises when the environment is not set up (binary not built, fixture missing).
struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

/// A hook payload fixture from Tests/Fixtures/hooks with its placeholders filled in.
func fixture(_ name: String, cwd: String = "", command: String? = nil, path: String? = nil) throws -> [UInt8] {
    let file = packageRoot + "/Tests/Fixtures/hooks/" + name
    guard let data = FileManager.default.contents(atPath: file) else {
        throw HarnessError(description: "fixture \(file) not found")
    }
    var text = String(decoding: data, as: UTF8.self)
    text = text.replacingOccurrences(of: "__CWD__", with: cwd)
    if let command {
        text = text.replacingOccurrences(of: "\"__COMMAND__\"", with: jsonString(command))
        // Copilot CLI sends the tool's arguments as JSON text inside a string.
        let args = "{\"command\":" + jsonString(command) + ",\"description\":\"run it\"}"
        text = text.replacingOccurrences(of: "\"__COMMAND_ARGS__\"", with: jsonString(args))
    }
    if let path { text = text.replacingOccurrences(of: "__PATH__", with: path) }
    return Array(text.utf8)
}

/// A JSON string literal, written the way agents (JSON.stringify, serde) write one.
func jsonString(_ s: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])) ?? Data("[\"\"]".utf8)
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
}

/// The fixture that carries a shell command for each agent.
func shellFixture(_ agent: String) -> String {
    switch agent {
    case "claude": return "claude-bash.json"
    case "codex": return "codex-bash.json"
    case "gemini": return "gemini-shell.json"
    case "copilot": return "copilot-bash.json"
    default: return "cursor-shell.json"
    }
}

/// One test's world: a `GitSandbox` (isolated git environment, its own home) with a state
/// folder, a temp folder and a real repository on a feature branch.
final class Sandbox {
    let git: GitSandbox
    let repo: String
    var dir: TemporaryDirectory { git.directory }
    var home: String { git.home }

    init(branch: String = "feat/1-guard") throws {
        git = try GitSandbox(prefix: "ward-e2e")
        repo = try git.makeRepository(branch: branch, commits: ["commit 1"])
    }

    /// The environment ward runs with: the sandbox's git environment, state folder and temp folder.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        git.environment(["XDG_STATE_HOME": dir.appending("state"), "TMPDIR": dir.appending("tmp")])
            .merging(extra) { _, new in new }
    }

    /// Runs `ward ARGS` in `cwd` (default: the repository).
    func ward(
        _ args: [String], stdin: [UInt8] = [], cwd: String? = nil, environment extra: [String: String] = [:]
    ) throws -> ProcessResult {
        try runProcess(
            try Binaries.ward, args, cwd: cwd ?? repo, environment: environment(extra), stdin: stdin,
            timeout: 60)
    }

    /// Pipes `payload` into `ward hook AGENT`.
    func hook(_ agent: String, _ payload: [UInt8], cwd: String? = nil, environment extra: [String: String] = [:])
        throws -> ProcessResult
    {
        try ward(["hook", agent], stdin: payload, cwd: cwd, environment: extra)
    }

    /// Pipes the agent's shell fixture carrying `command` into `ward hook AGENT`.
    func shell(_ agent: String, _ command: String, environment extra: [String: String] = [:]) throws -> ProcessResult {
        try hook(agent, try fixture(shellFixture(agent), cwd: repo, command: command), environment: extra)
    }

    /// The audit log's records in this repository.
    var auditLines: [String] {
        let path = repo + "/.git/ward/audit.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func write(_ relative: String, _ text: String) {
        writeFile(repo + "/" + relative, text)
    }
}

/// What a hook printed, decoded.
struct HookAnswer {
    /// The stdout JSON object, nil when stdout is empty.
    var object: [String: Any]?
    var keys: Set<String> { Set(object?.keys.map { $0 } ?? []) }

    init(_ result: ProcessResult) throws {
        if result.stdout.isEmpty {
            object = nil
            return
        }
        guard result.stdoutBytes.first == UInt8(ascii: "{"),
            let parsed = try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any]
        else {
            throw HarnessError(description: "stdout is not one JSON object: \(result.stdout)")
        }
        object = parsed
    }

    /// Claude/Codex `hookSpecificOutput`.
    var specific: [String: Any]? { object?["hookSpecificOutput"] as? [String: Any] }

    /// The decision in the agent's own terms (`deny`, `ask`), nil when there is none.
    func decision(for agent: String) -> String? {
        switch agent {
        case "claude", "codex": return specific?["permissionDecision"] as? String
        case "gemini": return object?["decision"] as? String
        case "copilot": return object?["permissionDecision"] as? String
        default: return object?["permission"] as? String
        }
    }

    /// The reason text in the agent's own field.
    func reason(for agent: String) -> String? {
        switch agent {
        case "claude", "codex": return specific?["permissionDecisionReason"] as? String
        case "gemini": return object?["reason"] as? String
        case "copilot": return object?["permissionDecisionReason"] as? String
        default: return object?["agent_message"] as? String
        }
    }
}

let allAgents = ["claude", "codex", "gemini", "cursor", "copilot"]
