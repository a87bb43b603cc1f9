import Foundation
import TestSupport
import Testing

/// The loop breaker (issue 12): after `loopBreaker.denies` denies within `loopBreaker.minutes`
/// in one agent session, every further call of that session is stopped (Claude Code: asked),
/// logged once; it recovers when the window passes or a person runs `ward session reset ID`.
@Suite("loop breaker")
struct LoopBreakerTests {
    /// A Claude-shaped payload of `agent` with `command` in session `session`.
    func payload(_ box: Sandbox, _ command: String, session: String) -> [UInt8] {
        let object: [String: Any] = [
            "session_id": session, "cwd": box.repo, "hook_event_name": "PreToolUse", "tool_name": "Bash",
            "tool_input": ["command": command],
        ]
        return Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }

    func call(_ box: Sandbox, _ agent: String, _ command: String, session: String = "s-1") throws -> ProcessResult {
        try box.hook(agent, payload(box, command, session: session))
    }

    func records(_ box: Sandbox, rule: String) -> [String] {
        box.auditLines.filter { $0.contains("\"ruleID\":\"\(rule)\"") }
    }

    @Test(arguments: ["codex", "claude"])
    func stopsASessionAfterFiveDeniesAndLogsItOnce(agent: String) throws {
        let box = try Sandbox()
        for _ in 0..<4 {
            try expectBlocked(try call(box, agent, "git reset --hard"), agent: agent, rule: "git-reset-hard")
        }
        let fifth = try call(box, agent, "git reset --hard")
        try expectBlocked(fifth, agent: agent, rule: "git-reset-hard")
        #expect(HookAnswer.reasonText(fifth).contains("stop and hand over to the person"))
        // Now every call of the session is stopped, an allowed one included.
        let next = try call(box, agent, "git status")
        try expectBlocked(next, agent: agent, rule: "loop-breaker", decision: agent == "claude" ? "ask" : "deny")
        #expect(HookAnswer.reasonText(next).contains("hand over to the person"))
        #expect(HookAnswer.reasonText(next).contains("ward session reset s-1"))
        _ = try call(box, agent, "ls")
        #expect(records(box, rule: "loop-breaker").count == 1, "\(box.auditLines)")
        #expect(records(box, rule: "git-reset-hard").count == 5)
        // Another session goes on.
        let other = try call(box, agent, "git status", session: "s-2")
        #expect(other.status == 0 && other.stdout.isEmpty, "\(other.stdout)")
    }

    @Test
    func aPersonResetsTheSessionAndListSaysWhichAreStopped() throws {
        let box = try Sandbox()
        for _ in 0..<5 { _ = try call(box, "codex", "rm -rf ~") }
        let list = try box.ward(["session", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("s-1  5 denies in the window  STOPPED until "), "\(list.stdout)")
        let json = try box.ward(["session", "list", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any])
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.first?["stopped"] as? Bool == true)
        #expect(object["denies"] as? Int == 5)
        let reset = try box.ward(["session", "reset", "s-1"])
        #expect(reset.status == 0, "\(reset.stderr)")
        let after = try call(box, "codex", "git status")
        #expect(after.status == 0 && after.stdout.isEmpty, "\(after.stdout)")
        #expect(box.auditLines.last?.contains("\"decision\":\"reset\"") == true)
        let unknown = try box.ward(["session", "reset", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no session 'nope'"))
    }

    @Test
    func agentsMayNotResetTheirOwnBreaker() throws {
        let box = try Sandbox()
        let result = try call(box, "codex", "ward session reset s-1")
        try expectBlocked(result, agent: "codex", rule: "tamper-ward-session")
    }

    @Test
    func theWindowAndTheLimitComeFromWardJson() throws {
        let box = try Sandbox()
        box.write("ward.json", "{\"loopBreaker\": {\"denies\": 2, \"minutes\": 1}}\n")
        _ = try call(box, "codex", "git reset --hard")
        _ = try call(box, "codex", "git reset --hard")
        try expectBlocked(try call(box, "codex", "ls"), agent: "codex", rule: "loop-breaker")
        // Denies that left the window do not count: the session recovers by itself.
        let old = Int(Date().timeIntervalSince1970) - 120
        let file = box.repo + "/.git/ward/sessions/s-3"
        #expect(writeFile(file, "id s-3\ndeny \(old)\ndeny \(old + 1)\ntripped \(old + 1)\n"))
        let recovered = try call(box, "codex", "ls", session: "s-3")
        #expect(recovered.status == 0 && recovered.stdout.isEmpty, "\(recovered.stdout)")
        // 0 switches the breaker off.
        box.write("ward.json", "{\"loopBreaker\": {\"denies\": 0}}\n")
        let off = try call(box, "codex", "ls")
        #expect(off.stdout.isEmpty, "\(off.stdout)")
    }

    @Test
    func anUnknownLoopBreakerKeyIsAPolicyError() throws {
        let box = try Sandbox()
        box.write("ward.json", "{\n  \"loopBreaker\": {\"denys\": 3}\n}\n")
        let result = try call(box, "codex", "ls")
        try expectBlocked(result, agent: "codex", rule: "policy-invalid")
        #expect(HookAnswer.reasonText(result).contains("loopBreaker.denys"), "\(result.stdout)")
        #expect(HookAnswer.reasonText(result).contains("denies"))
    }
}
