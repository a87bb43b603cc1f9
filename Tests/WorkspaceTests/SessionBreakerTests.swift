import Foundation
import Policy
import TestSupport
import Testing
import Workspace

/// The loop breaker's session files: the window, the trip, recovery, file names.
@Suite struct SessionBreakerTests {
    let policy = LoopBreakerPolicy(denies: 3, minutes: 10)

    @Test func tripsAtTheLimitOnceAndRecoversWhenTheWindowPasses() throws {
        let dir = try TemporaryDirectory(prefix: "sessions")
        let t0: Int64 = 1_800_000_000
        var tripped: [Bool] = []
        for i in 0..<4 {
            let (_, now) = try SessionBreaker.recordDeny(
                "abc", directory: dir.path, policy: policy, now: t0 + Int64(i * 60))
            tripped.append(now)
        }
        #expect(tripped == [false, false, true, false])
        let state = try #require(SessionBreaker.read("abc", directory: dir.path))
        #expect(state.isTripped(policy, now: t0 + 200))
        // The third-newest deny (t0 + 60) leaves the window at t0 + 660.
        #expect(state.recovers(policy, now: t0 + 200) == t0 + 60 + 600)
        #expect(state.isTripped(policy, now: t0 + 659))
        #expect(!state.isTripped(policy, now: t0 + 661))
        #expect(!state.isTripped(LoopBreakerPolicy(denies: 0, minutes: 10), now: t0 + 200))
    }

    @Test func oldDeniesAreDroppedWhenTheFileIsRewritten() throws {
        let dir = try TemporaryDirectory(prefix: "sessions")
        _ = try SessionBreaker.recordDeny("abc", directory: dir.path, policy: policy, now: 1000)
        let (state, _) = try SessionBreaker.recordDeny("abc", directory: dir.path, policy: policy, now: 1000 + 601)
        #expect(state.denies == [1601])
    }

    @Test func listsAndResetsSessions() throws {
        let dir = try TemporaryDirectory(prefix: "sessions")
        _ = try SessionBreaker.recordDeny("b", directory: dir.path, policy: policy, now: 10)
        _ = try SessionBreaker.recordDeny("a/../x", directory: dir.path, policy: policy, now: 10)
        #expect(SessionBreaker.list(directory: dir.path).map(\.sessionID) == ["a/../x", "b"])
        #expect(SessionBreaker.reset("a/../x", directory: dir.path))
        #expect(!SessionBreaker.reset("a/../x", directory: dir.path))
        #expect(SessionBreaker.list(directory: dir.path).map(\.sessionID) == ["b"])
    }

    @Test func fileNamesStayInTheFolderAndApart() {
        #expect(SessionBreaker.fileName("3f2a-99") == "3f2a-99")
        let odd = SessionBreaker.fileName("../../etc/passwd")
        #expect(!odd.contains("/") && !odd.hasPrefix("."))
        #expect(SessionBreaker.fileName("a b") != SessionBreaker.fileName("a_b"))
        #expect(SessionBreaker.fileName(String(repeating: "x", count: 500)).count < 120)
    }
}
