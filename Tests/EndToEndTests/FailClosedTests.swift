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

    /// A command line near the parser's 1 MiB limit: checking it takes far longer than 1 ms
    /// on any machine (decoding the payload alone does), and it is allowed when checked in full.
    static let slowCommand = String(repeating: "echo a$(ls b) && ", count: 55_000) + "true"

    /// The watchdog's record: in the repository's log, or in the user's when the signal came
    /// before the payload was decoded. Exactly one, with an ISO-8601 UTC time of the signal.
    /// Returns it.
    @discardableResult
    func expectOneSignalRecord(_ box: Sandbox, rule: String, reason: String) throws -> [String: Any] {
        let userLog = box.dir.appending("state") + "/ward/audit.jsonl"
        let userLines =
            FileManager.default.contents(atPath: userLog).map {
                String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init)
            } ?? []
        let records = (box.auditLines + userLines).filter { $0.contains("\"ruleID\":\"\(rule)\"") }
        try #require(records.count == 1, "\(box.auditLines) \(userLines)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(records[0].utf8)) as? [String: Any])
        #expect(object["decision"] as? String == "deny")
        #expect((object["reason"] as? String)?.contains(reason) == true, "\(object)")
        if box.auditLines.contains(records[0]) {
            // Located: the record names the work tree, the session and the command.
            #expect(object["worktree"] as? String == realPath(box.repo))
            #expect(object["sessionID"] as? String != nil)
            #expect((object["subject"] as? String)?.hasPrefix("echo a$(ls b) && ") == true)
        }
        let time = try #require(object["time"] as? String)
        #expect(time.utf8.count == 24 && time.hasSuffix("Z"), "\(time)")
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let when = try #require(format.date(from: time), "\(time)")
        #expect(abs(when.timeIntervalSinceNow) < 300, "\(time)")
        return object
    }

    @Test(arguments: allAgents)
    func deniesAndLogsWhenTheCheckOverrunsTheDeadline(agent: String) throws {
        let box = try Sandbox()
        let result = try box.shell(agent, Self.slowCommand, environment: ["WARD_HOOK_DEADLINE_MS": "1"])
        try expectBlocked(result, agent: agent, rule: "hook-deadline")
        #expect(HookAnswer.reasonText(result).contains("within 1 ms"))
        try expectOneSignalRecord(box, rule: "hook-deadline", reason: "within 1 ms")
    }

    @Test func checksTheSlowCommandInFullWithoutADeadline() throws {
        // The control for the test above: without the deadline the same call is allowed.
        let box = try Sandbox()
        let result = try box.shell("claude", Self.slowCommand, environment: ["WARD_HOOK_DEADLINE_MS": "10000"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty, "\(result.stdout.prefix(300))")
    }

    /// The deadline is a SIGALRM: a parent that ignores or blocks that signal (both survive
    /// `exec`) must not switch it off.
    @Test(arguments: [
        ("ignored", "/bin/sh", ["-c", "trap '' ALRM; exec \"$WARD\" hook claude"]),
        (
            "blocked", "/usr/bin/perl",
            [
                "-MPOSIX", "-e",
                "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGALRM)) or die; exec $ENV{WARD}, 'hook', 'claude' or die",
            ]
        ),
    ])
    func theDeadlineHoldsWhenTheParentSilencesTheAlarm(how: String, program: String, arguments: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            Issue.record("\(program) is missing: cannot start ward with SIGALRM \(how)")
            return
        }
        let box = try Sandbox()
        let payload = try fixture(shellFixture("claude"), cwd: box.repo, command: Self.slowCommand)
        let result = try runProcess(
            program, arguments, cwd: box.repo,
            environment: box.environment(["WARD": try wardExecutable(), "WARD_HOOK_DEADLINE_MS": "1"]),
            stdin: payload, timeout: 60)
        try expectBlocked(result, agent: "claude", rule: "hook-deadline")
        try expectOneSignalRecord(box, rule: "hook-deadline", reason: "within 1 ms")
    }

    /// A crash while checking must deny too: agents let the call run when the hook dies on a
    /// signal. The signal is sent from outside, once `/proc/PID/status` shows ward's handlers
    /// installed (SIGALRM is caught only by the watchdog), while the slow command is checked.
    @Test(arguments: [("SIGSEGV", SIGSEGV), ("SIGILL", SIGILL), ("SIGABRT", SIGABRT)])
    func deniesAndLogsWhenTheCheckCrashes(name: String, signal: Int32) throws {
        guard FileManager.default.fileExists(atPath: "/proc/self/status") else { return }
        let box = try Sandbox()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try wardExecutable())
        process.arguments = ["hook", "claude"]
        process.currentDirectoryURL = URL(fileURLWithPath: box.repo)
        process.environment = box.environment(["WARD_HOOK_DEADLINE_MS": "10000"])
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(
            Data(try fixture(shellFixture("claude"), cwd: box.repo, command: Self.slowCommand)))
        try input.fileHandleForWriting.close()
        let wanted: UInt64 = (1 << UInt64(SIGALRM - 1)) | (1 << UInt64(signal - 1))
        let deadline = Date().addingTimeInterval(20)
        var armed = false
        let statusFile = "/proc/\(process.processIdentifier)/status"
        while !armed, process.isRunning, Date() < deadline {
            let status = (try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? ""
            if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
                let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
            {
                armed = mask & wanted == wanted
            }
            if !armed { usleep(500) }
        }
        try #require(armed, "ward never installed its handlers, or finished first")
        kill(process.processIdentifier, signal)
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "\(name): ended by a signal")
        let result = ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: "",
            stdoutBytes: [UInt8](stdout))
        try expectBlocked(result, agent: "claude", rule: "hook-internal-error")
        try expectOneSignalRecord(box, rule: "hook-internal-error", reason: "internal error while checking")
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
