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
        ("copilot", "copilot-missing-command.json", "toolArgs.command"),
        ("copilot", "copilot-bad-tool-args.json", "toolArgs"),
        ("copilot", "claude-missing-tool-name.json", "toolName"),
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

    /// The watchdog's record: in the repository's log, or in the user's when the expiry or crash
    /// came before the payload was decoded. Exactly one, with an ISO-8601 UTC time of the event.
    /// Returns it.
    @discardableResult
    func expectOneSignalRecord(_ box: Sandbox, rule: String, reason: String) throws -> [String: Any] {
        let userLog = box.dir.appending("state") + "/ward/audit.jsonl"
        var userLines: [String] = []
        var records: [String] = []
        // On expiry a child process appends the record after ward has answered: wait for it.
        let deadline = Date().addingTimeInterval(10)
        repeat {
            userLines =
                FileManager.default.contents(atPath: userLog).map {
                    String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init)
                } ?? []
            records = (box.auditLines + userLines).filter { $0.contains("\"ruleID\":\"\(rule)\"") }
            if records.isEmpty { usleep(10_000) }
        } while records.isEmpty && Date() < deadline
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

    /// A crash while checking must deny too: agents let the call run when the hook dies on a
    /// signal. The signal is sent from outside, once `/proc/PID/status` shows ward's crash
    /// handler installed and its deadline thread running, while the slow command is checked.
    /// Ignored and blocked signals survive `exec`: a parent that ignores or blocks the signal
    /// must not switch the handler off.
    @Test(arguments: [
        ("SIGSEGV", SIGSEGV, "default"), ("SIGILL", SIGILL, "default"), ("SIGABRT", SIGABRT, "default"),
        ("SIGSEGV", SIGSEGV, "ignored"), ("SIGSEGV", SIGSEGV, "blocked"),
    ])
    func deniesAndLogsWhenTheCheckCrashes(name: String, signal: Int32, parent: String) throws {
        guard FileManager.default.fileExists(atPath: "/proc/self/status") else { return }
        let box = try Sandbox()
        let ward = try Binaries.ward
        let process = Process()
        switch parent {
        case "ignored":
            // `exec` keeps the process id: the signal goes to ward.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' \(name.dropFirst(3)); exec \"$WARD\" hook claude"]
        case "blocked":
            process.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
            process.arguments = [
                "-MPOSIX", "-e",
                "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(\(name))) or die; exec $ENV{WARD}, 'hook', 'claude' or die",
            ]
        default:
            process.executableURL = URL(fileURLWithPath: ward)
            process.arguments = ["hook", "claude"]
        }
        guard FileManager.default.isExecutableFile(atPath: process.executableURL?.path ?? "") else {
            Issue.record("\(process.executableURL?.path ?? "") is missing: cannot start ward with \(name) \(parent)")
            return
        }
        process.currentDirectoryURL = URL(fileURLWithPath: box.repo)
        process.environment = box.environment(["WARD": ward, "WARD_HOOK_DEADLINE_MS": "10000"])
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(
            Data(try fixture(shellFixture("claude"), cwd: box.repo, command: Self.slowCommand)))
        try input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(20)
        var armed = false
        let statusFile = "/proc/\(process.processIdentifier)/status"
        while !armed, process.isRunning, Date() < deadline {
            let lines = ((try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? "").split(separator: "\n")
            func field(_ name: String) -> String? {
                lines.first { $0.hasPrefix(name + ":") }.map {
                    $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
                }
            }
            if let caught = field("SigCgt").flatMap({ UInt64($0, radix: 16) }), let threads = field("Threads") {
                armed = caught & (1 << UInt64(signal - 1)) != 0 && threads == "2"
            }
            if !armed { usleep(500) }
        }
        try #require(armed, "ward never armed its watchdog, or finished first")
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

    /// A FIFO planted where the audit log goes (opening it for writing would wait for a reader)
    /// must neither stall nor change a verdict, on the normal path or the watchdog's.
    @Test(arguments: [("git reset --hard", "git-reset-hard", "10000"), (Self.slowCommand, "hook-deadline", "1")])
    func aFifoAtTheAuditLogNeitherStallsNorChangesTheVerdict(command: String, rule: String, milliseconds: String)
        throws
    {
        let box = try Sandbox()
        let folder = box.repo + "/.git/ward"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(mkfifo(folder + "/audit.jsonl", 0o600) == 0)
        // The user's log too, where a deadline before the payload is decoded writes.
        let state = box.dir.appending("state") + "/ward"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        #expect(mkfifo(state + "/audit.jsonl", 0o600) == 0)
        // A stall would end in the harness's 60 s kill, with no answer for expectBlocked to read.
        let result = try box.shell("claude", command, environment: ["WARD_HOOK_DEADLINE_MS": milliseconds])
        try expectBlocked(result, agent: "claude", rule: rule)
    }

    /// Under a file-size limit below the audit log's size, the append raises SIGXFSZ, whose
    /// default would end ward before it answers: the deny must still come, with a note.
    @Test func aFileSizeLimitOnTheAuditLogDoesNotLoseTheDeny() throws {
        let box = try Sandbox()
        let folder = box.repo + "/.git/ward"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(writeFile(folder + "/audit.jsonl", String(repeating: "{}\n", count: 3000)))
        let payload = try fixture(shellFixture("claude"), cwd: box.repo, command: "git reset --hard")
        // The signal's default action restored and unblocked first: a test runner may ignore or
        // block SIGXFSZ, and both survive exec (sh itself cannot reset an ignored signal).
        let script = #"""
            $SIG{XFSZ} = "DEFAULT"; sigprocmask(SIG_UNBLOCK, POSIX::SigSet->new(SIGXFSZ)) or die;
            exec "/bin/sh", "-c", q{ulimit -f 1 && exec "$WARD" hook claude} or die
            """#
        let result = try runProcess(
            "/usr/bin/perl", ["-MPOSIX", "-e", script], cwd: box.repo,
            environment: box.environment(["WARD": try Binaries.ward]), stdin: payload, timeout: 60)
        try expectBlocked(result, agent: "claude", rule: "git-reset-hard")
        #expect(result.stderr.contains("cannot write the audit log"), "\(result.stderr)")
    }

    @Test
    func deniesInputOver64MiBUnreadAndDrainsStdin() throws {
        let box = try Sandbox()
        let ward = try Binaries.ward
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
        let run = try runProcess(
            "/bin/bash", ["-c", script], cwd: box.repo,
            environment: box.environment(["WARD": ward, "OUT": out, "ERR": err]), timeout: 60)
        #expect(
            run.stdout == "0 0\n", "writer and ward statuses (a stall is killed at 60 s): \(run.stdout) \(run.stderr)")
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
