import Foundation
import TestSupport
import Testing
import Workspace

@testable import AgentHooks

/// Records what `HookRunner` asks of its watchdog; it never fires. The real watchdog (a signal
/// that ends the process) is exercised end to end in `FailClosedTests`.
final class RecordingWatchdog: HookWatchdog, @unchecked Sendable {
    var armed: [(milliseconds: Int, expiry: HookResponse, crash: HookResponse)] = []
    var audits: [(expiry: AuditRecord, crash: AuditRecord, path: String)] = []
    var claimed = 0
    var armResult: Int32 = 0

    func arm(milliseconds: Int, expiry: HookResponse, crash: HookResponse) -> Int32 {
        armed.append((milliseconds, expiry, crash))
        return armResult
    }

    func prepareAudit(expiry: AuditRecord, crash: AuditRecord, path: String) {
        audits.append((expiry, crash, path))
    }

    func claimAnswer() { claimed += 1 }
}

@Suite struct HookWatchdogTests {
    func payload(_ command: String, cwd: String) throws -> [UInt8] {
        let object: [String: Any] = [
            "session_id": "session-7", "cwd": cwd, "hook_event_name": "PreToolUse", "tool_name": "Bash",
            "tool_input": ["command": command],
        ]
        return [UInt8](try JSONSerialization.data(withJSONObject: object))
    }

    @Test func armsWithTheDeniesOfAnExpiryAndACrashAndLeavesDisarmingToTheCaller() throws {
        let tmp = try TemporaryDirectory()
        let repo = try makeRepository(in: tmp.path, branch: "feat/1-x")
        let watchdog = RecordingWatchdog()
        let environment = ["HOME": tmp.appending("home"), "GIT_CEILING_DIRECTORIES": tmp.path]
        let response = HookRunner.run(
            agent: .claude, input: try payload("git status", cwd: repo), environment: environment, cwd: repo,
            deadline: .milliseconds(750), watchdog: watchdog)
        #expect(response == .silentAllow)
        let armed = try #require(watchdog.armed.first)
        #expect(watchdog.armed.count == 1)
        #expect(armed.milliseconds == 750)
        #expect(armed.expiry.stdout.contains("\"permissionDecision\":\"deny\""))
        #expect(armed.expiry.stdout.contains("[hook-deadline]"))
        #expect(armed.expiry.stdout.contains("within 750 ms"))
        #expect(armed.crash.stdout.contains("\"permissionDecision\":\"deny\""))
        #expect(armed.crash.stdout.contains("[hook-internal-error]"))
        // The caller claims the answer when it has it: the audit append stays covered.
        #expect(watchdog.claimed == 0)
    }

    @Test func pointsTheExpiryRecordAtTheRepositoryOnceItIsKnown() throws {
        let tmp = try TemporaryDirectory()
        let repo = try makeRepository(in: tmp.path, branch: "feat/1-x")
        let watchdog = RecordingWatchdog()
        let home = tmp.appending("home")
        let environment = ["HOME": home, "GIT_CEILING_DIRECTORIES": tmp.path]
        _ = HookRunner.run(
            agent: .codex, input: try payload("rm -rf build", cwd: repo), environment: environment, cwd: tmp.path,
            watchdog: watchdog)
        try #require(watchdog.audits.count == 2)
        // Before the payload is decoded: the user's log, nothing known of the call.
        let early = watchdog.audits[0]
        #expect(early.path == home + "/.local/state/ward/audit.jsonl")
        #expect(early.expiry.ruleID == HookRunner.RuleID.deadline)
        #expect(early.expiry.decision == "deny")
        #expect(early.expiry.worktree == nil)
        #expect(early.expiry.subject == "")
        #expect(early.crash.ruleID == HookRunner.RuleID.internalError)
        // Once the repository is located: its log, with the session and the command.
        let located = watchdog.audits[1]
        #expect(located.path == realPath(repo)! + "/.git/ward/audit.jsonl")
        #expect(located.expiry.ruleID == HookRunner.RuleID.deadline)
        #expect(located.expiry.checkpoint == "agent:codex")
        #expect(located.expiry.worktree == realPath(repo))
        #expect(located.expiry.sessionID == "session-7")
        #expect(located.expiry.subject == "rm -rf build")
        #expect(located.expiry.reason.contains("within 1000 ms"))
        #expect(located.crash.ruleID == HookRunner.RuleID.internalError)
        #expect(located.crash.decision == "deny")
        #expect(located.crash.worktree == realPath(repo))
        #expect(located.crash.subject == "rm -rf build")
    }

    @Test func deniesWhenTheWatchdogCannotBeArmed() throws {
        let tmp = try TemporaryDirectory()
        let repo = try makeRepository(in: tmp.path, branch: "feat/1-x")
        let watchdog = RecordingWatchdog()
        watchdog.armResult = EAGAIN
        let environment = ["HOME": tmp.appending("home"), "GIT_CEILING_DIRECTORIES": tmp.path]
        let response = HookRunner.run(
            agent: .gemini, input: try payload("ls", cwd: repo), environment: environment, cwd: repo,
            watchdog: watchdog)
        #expect(response.stdout.contains("\"decision\":\"deny\""), "\(response)")
        #expect(response.stdout.contains(HookRunner.RuleID.internalError))
        #expect(response.stdout.contains("could not arm its deadline"))
        #expect(watchdog.claimed == 0)
        let log = try String(contentsOfFile: repo + "/.git/ward/audit.jsonl", encoding: .utf8)
        #expect(log.contains("\"ruleID\":\"hook-internal-error\""))
    }
}
