import Foundation
import Gates
import Policy
import TestSupport
import Testing

/// At pre-commit a gate sees exactly the staged content, and the work tree, the index and the
/// untracked files are byte-identical afterwards, whatever the gate does.
@Suite struct GateStagedSafetyTests {
    enum Ending: String, CaseIterable, Sendable {
        case passes, fails, timesOut, isInterrupted
    }

    /// Everything a run must not change: the files' bytes and git's view of index and work tree.
    struct Snapshot: Equatable {
        var files: [String: Data]
        var stage: String
        var diff: String
        var cached: String
        var status: String
    }

    func snapshot(_ repo: GateTestRepository) throws -> Snapshot {
        var files: [String: Data] = [:]
        for name in ["a.txt", "b.txt", "untracked.txt", "sub/c.txt"] {
            files[name] = FileManager.default.contents(atPath: repo.root + "/" + name)
        }
        return Snapshot(
            files: files, stage: try repo.git("ls-files", "-s"), diff: try repo.git("diff"),
            cached: try repo.git("diff", "--cached"), status: try repo.git("status", "--porcelain", "-uall"))
    }

    @Test(arguments: Ending.allCases, [true, false])
    func gateSeesTheStagedContentAndChangesNothing(ending: Ending, takesFiles: Bool) throws {
        let repo = try GateTestRepository(committed: ["a.txt": "committed\n", "b.txt": "b\n", "sub/c.txt": "c\n"])
        try repo.write("a.txt", "staged\n")
        try repo.git("add", "a.txt")
        try repo.write("a.txt", "unstaged\n")
        try repo.write("untracked.txt", "untracked\n")
        let before = try snapshot(repo)

        let seen = shellQuoted(repo.outside + "/seen")
        let untracked = shellQuoted(repo.outside + "/untracked-visible")
        var command = takesFiles ? "cat {files} > \(seen)" : "cat a.txt > \(seen)"
        command += "; if test -e untracked.txt; then echo yes > \(untracked); fi"
        command += "; printf x > a.txt; rm -f sub/c.txt"  // what a formatter would do to its copy
        switch ending {
        case .passes: break
        case .fails: command += "; exit 1"
        case .timesOut, .isInterrupted: command += "; sleep 30"
        }
        let interruption = try GateInterruption()
        if ending == .isInterrupted {
            Thread {
                Thread.sleep(forTimeInterval: 0.7)
                interruption.trigger()
            }.start()
        }
        let report = try repo.runner(interruption: interruption).run(
            [gate("check", command, files: ["*.txt"], timeout: ending == .timesOut ? 1 : nil)],
            inputs: try repo.staged())

        let result = report.results[0]
        let expected: GateStatus =
            switch ending {
            case .passes: .passed
            case .fails: .failed
            case .timesOut: .timedOut
            case .isInterrupted: .interrupted
            }
        #expect(result.status == expected)
        #expect(result.isolated)
        #expect(repo.read(outside: "seen") == "staged\n")
        #expect(repo.read(outside: "untracked-visible") == nil)
        #expect(try snapshot(repo) == before)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: repo.commonDir + "/ward/tmp")) ?? []
        #expect(leftovers.isEmpty, "temporary checkouts left behind: \(leftovers)")
    }

    @Test func runsInPlaceWhenNothingUnstagedTouchesTheGate() throws {
        let repo = try GateTestRepository(committed: ["a.txt": "committed\n", "b.txt": "b\n"])
        try repo.write("a.txt", "staged\n")
        try repo.git("add", "a.txt")
        try repo.write("b.txt", "unstaged, but not the gate's\n")
        let pwd = shellQuoted(repo.outside + "/pwd")
        let report = try repo.runner().run([gate("check", "pwd -P > \(pwd); cat {files}")], inputs: try repo.staged())
        #expect(report.results[0].status == .passed)
        #expect(!report.results[0].isolated)
        #expect(repo.read(outside: "pwd") == repo.root + "\n")
    }

    @Test func aWholeTreeGateIsIsolatedByAnyUnstagedChange() throws {
        let repo = try GateTestRepository(committed: ["a.txt": "committed\n", "b.txt": "b\n"])
        try repo.write("a.txt", "staged\n")
        try repo.git("add", "a.txt")
        try repo.write("b.txt", "unstaged\n")
        let seen = shellQuoted(repo.outside + "/seen")
        let report = try repo.runner().run([gate("all", "cat a.txt b.txt > \(seen)")], inputs: try repo.staged())
        #expect(report.results[0].isolated)
        #expect(repo.read(outside: "seen") == "staged\nb\n")
    }
}
