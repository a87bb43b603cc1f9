import Foundation
import TestSupport

/// Errors the harness raises when the environment is not set up (binary not built, fixture missing).
struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

/// The built `ward` executable: `$WARD_BIN_DIR`, the package's `.build`, or beside this test binary.
func wardExecutable() throws -> String {
    if let env = ProcessInfo.processInfo.environment["WARD_BIN_DIR"], !env.isEmpty, let dir = builtProductsDirectory {
        return dir + "/ward"
    }
    // The products built together with this test binary are the ones under test.
    let here = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    var dir = here.deletingLastPathComponent()
    for _ in 0..<3 {
        if FileManager.default.isExecutableFile(atPath: dir.path + "/ward") { return dir.path + "/ward" }
        dir = dir.deletingLastPathComponent()
    }
    if let dir = builtProductsDirectory { return dir + "/ward" }
    throw HarnessError(description: "the ward executable is not built; run 'swift build' or set WARD_BIN_DIR")
}

/// A hook payload fixture from Tests/Fixtures/hooks with its placeholders filled in.
func fixture(_ name: String, cwd: String = "", command: String? = nil, path: String? = nil) throws -> [UInt8] {
    let file = packageRoot + "/Tests/Fixtures/hooks/" + name
    guard let data = FileManager.default.contents(atPath: file) else {
        throw HarnessError(description: "fixture \(file) not found")
    }
    var text = String(decoding: data, as: UTF8.self)
    text = text.replacingOccurrences(of: "__CWD__", with: cwd)
    if let command { text = text.replacingOccurrences(of: "\"__COMMAND__\"", with: jsonString(command)) }
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
    default: return "cursor-shell.json"
    }
}

/// One test's world: a temp dir with a home, a state folder and a real repository on a feature branch.
final class Sandbox {
    let dir: TemporaryDirectory
    let repo: String
    let home: String

    init(branch: String = "feat/1-guard") throws {
        dir = try TemporaryDirectory(prefix: "ward-e2e")
        home = dir.appending("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        repo = try makeRepository(in: dir.path, branch: branch, commits: 1)
    }

    /// The environment ward runs with: git's test environment, this sandbox's home and state folder.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = gitEnvironment(home: home)
        env["XDG_STATE_HOME"] = dir.appending("state")
        env["TMPDIR"] = dir.appending("tmp")
        return env.merging(extra) { _, new in new }
    }

    /// Runs `ward ARGS` in `cwd` (default: the repository).
    func ward(
        _ args: [String], stdin: [UInt8] = [], cwd: String? = nil, environment extra: [String: String] = [:]
    ) throws -> ProcessResult {
        try runProcess(
            try wardExecutable(), args, cwd: cwd ?? repo, environment: environment(extra), stdin: stdin,
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
        default: return object?["permission"] as? String
        }
    }

    /// The reason text in the agent's own field.
    func reason(for agent: String) -> String? {
        switch agent {
        case "claude", "codex": return specific?["permissionDecisionReason"] as? String
        case "gemini": return object?["reason"] as? String
        default: return object?["agent_message"] as? String
        }
    }
}

let allAgents = ["claude", "codex", "gemini", "cursor"]
