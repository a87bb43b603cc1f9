import Foundation
import TestSupport
import Testing

@Suite("agent hooks fail closed")
struct FailClosedTests {
    static let garbage: [(String, [UInt8])] = [
        ("not JSON", Array("rm -rf / please".utf8)),
        ("truncated JSON", Array("{\"tool_name\": \"Bash\", \"tool_input\": {\"command\": \"ls".utf8)),
        ("empty", []),
        ("blank", Array("  \n".utf8)),
        ("an array", Array("[{\"tool_name\": \"Bash\"}]".utf8)),
        (
            "invalid UTF-8",
            Array("{\"tool_name\": \"Bash\", \"tool_input\": {\"command\": \"ls \u{1}".utf8).dropLast() + [0xFF, 0xFE]
                + Array("\"}}".utf8)
        ),
        (
            "a lone continuation byte",
            Array("{\"tool_name\": \"Bash\", \"tool_input\": {\"command\": \"rm -rf /tmp/".utf8) + [0x80]
                + Array("\"}}".utf8)
        ),
    ]

    @Test(arguments: allAgents)
    func deniesInputThatIsNotOneJsonObject(agent: String) throws {
        let box = try Sandbox()
        for (name, bytes) in Self.garbage {
            let result = try box.hook(agent, bytes)
            try expectBlocked(result, agent: agent, rule: "hook-input-invalid")
            #expect(result.stderr.isEmpty, "\(name): \(result.stderr)")
        }
        #expect(box.auditLines.count == Self.garbage.count)
    }

    @Test(arguments: allAgents)
    func deniesTheGarbageFixture(agent: String) throws {
        let box = try Sandbox()
        let result = try box.hook(agent, try fixture("garbage.txt"))
        try expectBlocked(result, agent: agent, rule: "hook-input-invalid")
        #expect(HookAnswer.reasonText(result).contains("not valid JSON"))
    }

    @Test(arguments: [
        ("claude", "claude-missing-tool-name.json", "tool_name"),
        ("codex", "claude-missing-tool-name.json", "tool_name"),
        ("claude", "claude-missing-command.json", "tool_input.command"),
        ("codex", "claude-missing-command.json", "tool_input.command"),
        ("claude", "claude-numeric-command.json", "tool_input.command"),
        ("codex", "claude-numeric-command.json", "tool_input.command"),
        ("gemini", "gemini-numeric-command.json", "tool_input.command"),
        ("gemini", "claude-missing-tool-name.json", "tool_name"),
        ("cursor", "cursor-missing-command.json", "command"),
    ])
    func deniesPayloadsWithoutAUsableCommand(agent: String, fixtureName: String, field: String) throws {
        let box = try Sandbox()
        let result = try box.hook(agent, try fixture(fixtureName, cwd: box.repo))
        try expectBlocked(result, agent: agent, rule: "hook-input-invalid")
        #expect(HookAnswer.reasonText(result).contains(field))
    }

    @Test(arguments: allAgents)
    func deniesWhenWardJsonIsInvalidNamingFileAndLine(agent: String) throws {
        let box = try Sandbox()
        box.write("ward.json", "{\n  \"mode\": \"enforce\",\n  \"comands\": {}\n}\n")
        let result = try box.shell(agent, "ls")
        try expectBlocked(result, agent: agent, rule: "policy-invalid")
        #expect(HookAnswer.reasonText(result).contains("ward.json:3"), "\(result.stdout)")
    }

    @Test(arguments: allAgents)
    func deniesWhenTheDeadlineExpires(agent: String) throws {
        let box = try Sandbox()
        let result = try box.shell(agent, "ls", environment: ["WARD_HOOK_DEADLINE_MS": "0"])
        try expectBlocked(result, agent: agent, rule: "hook-deadline")
        #expect(box.auditLines.count == 1)
    }

    @Test
    func deniesInputOver64MiBUnreadAndDrainsStdin() throws {
        let box = try Sandbox()
        let ward = try wardExecutable()
        // A real pipe from a writer that fails (SIGPIPE, status 141) if ward stops reading early.
        let script = """
            set -o pipefail
            { printf '{"tool_name":"Bash","tool_input":{"command":"ls"},"pad":"'
              head -c 68157440 /dev/zero | tr '\\0' a
              printf '"}'; } | "$WARD" hook claude > "$OUT" 2> "$ERR"
            echo "${PIPESTATUS[0]} ${PIPESTATUS[1]}"
            """
        let out = box.dir.appending("out")
        let err = box.dir.appending("err")
        let started = Date()
        let run = try runProcess(
            "/bin/bash", ["-c", script], cwd: box.repo,
            environment: box.environment(["WARD": ward, "OUT": out, "ERR": err]), timeout: 60)
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.stdout == "0 0\n", "writer and ward statuses: \(run.stdout) \(run.stderr)")
        #expect(elapsed < 20, "took \(elapsed) s")
        let stdout = try #require(FileManager.default.contents(atPath: out))
        let result = ProcessResult(
            status: 0, stdout: String(decoding: stdout, as: UTF8.self), stderr: "", stdoutBytes: [UInt8](stdout))
        try expectBlocked(result, agent: "claude", rule: "hook-input-invalid")
        #expect(result.stdout.contains("64 MiB"))
        let line = try #require(box.auditLines.first)
        #expect(line.utf8.count < 20_000)
    }
}

extension HookAnswer {
    /// The reason of a blocking answer, whatever the agent.
    static func reasonText(_ result: ProcessResult) -> String {
        guard let answer = try? HookAnswer(result) else { return "" }
        return allAgents.lazy.compactMap { answer.reason(for: $0) }.first ?? ""
    }
}
