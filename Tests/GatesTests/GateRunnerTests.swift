import Findings
import Foundation
import Gates
import Policy
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct GateRunnerTests {
    @Test func runsIndependentGatesInParallel() throws {
        let repo = try GateTestRepository()
        let start = ContinuousClock.now
        let report = try repo.runner(jobs: 2).run(
            [gate("one", "sleep 1"), gate("two", "sleep 1")],
            inputs: try GateInput.allFiles(in: repo.root, environment: repo.environment))
        let seconds = elapsed(since: start)
        #expect(report.results.map(\.status) == [.passed, .passed])
        #expect(seconds < 1.8, "two 1-second gates with jobs 2 took \(seconds) s")
        #expect(report.ok)
    }

    @Test func timeoutKillsTheWholeProcessGroup() throws {
        let repo = try GateTestRepository()
        let pidFile = repo.outside + "/grandchild.pid"
        let command = "(sh -c 'echo $$ > \"$0\"; exec sleep 30' \(shellQuoted(pidFile))) & wait"
        let start = ContinuousClock.now
        let report = try repo.runner().run(
            [gate("slow", command, timeout: 1)], inputs: [GateInput(path: "a.txt", blob: nil, mode: 0)])
        #expect(report.results[0].status == .timedOut)
        #expect(elapsed(since: start) < 6)
        #expect(report.results[0].output.contains("timed out"))
        let pid = try #require(
            repo.read(outside: "grandchild.pid").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(!processIsAlive(pid), "the grandchild \(pid) outlived the gate's timeout")
    }

    @Test func killsAGateThatIgnoresSigtermWithSigkill() throws {
        let repo = try GateTestRepository()
        let start = ContinuousClock.now
        let timed = try repo.runner(killGrace: .milliseconds(300)).run(
            [gate("stubborn", "trap '' TERM; sleep 30; echo survived", timeout: 1)], inputs: [GateInput(path: "a.txt")])
        #expect(timed.results[0].status == .timedOut)
        #expect(!timed.results[0].output.contains("survived"))
        #expect(elapsed(since: start) < 10)
    }

    @Test func startsAGateAfterTheGatesItNeeds() throws {
        let repo = try GateTestRepository()
        let marker = shellQuoted(repo.outside + "/marker")
        let report = try repo.runner(jobs: 2).run(
            [gate("second", "test -f \(marker)", needs: ["first"]), gate("first", "sleep 0.3; touch \(marker)")],
            inputs: [GateInput(path: "a.txt")])
        #expect(report.results.map(\.name) == ["second", "first"])
        #expect(report.results.map(\.status) == [.passed, .passed])
    }

    @Test func skipsAGateWhoseNeedFailed() throws {
        let repo = try GateTestRepository()
        let report = try repo.runner().run(
            [gate("first", "echo broken; exit 3"), gate("second", "true", needs: ["first"])],
            inputs: [GateInput(path: "a.txt")])
        #expect(report.results[0].status == .failed)
        #expect(report.results[0].exitCode == 3)
        #expect(report.results[0].output == "broken\n")
        #expect(report.results[1].status == .skipped("needs first, which failed"))
        #expect(!report.ok)
    }

    @Test func failFastStartsNoFurtherGate() throws {
        let repo = try GateTestRepository()
        let report = try repo.runner(jobs: 1, failFast: true).run(
            [gate("first", "exit 1"), gate("second", "true")], inputs: [GateInput(path: "a.txt")])
        #expect(report.results[0].status == .failed)
        #expect(report.results[1].status == .skipped("not started: fail-fast"))
    }

    @Test func advisoryFailureKeepsTheRunGreen() throws {
        let repo = try GateTestRepository()
        let report = try repo.runner().run(
            [gate("style", "exit 1", required: false)], inputs: [GateInput(path: "a.txt")])
        #expect(report.results[0].status == .failed)
        #expect(report.ok)
        #expect(GateReportRenderer.findings(report).findings.map(\.decision) == [.warn])
    }

    @Test func passesFilesInBatchesThatFitTheArgumentLimit() throws {
        var files: [String: String] = [:]
        for n in 0..<60 { files["src/file \(n).txt"] = "\(n)\n" }
        files["src/quote'd \"name\".txt"] = "q\n"
        files["docs/readme.md"] = "docs\n"
        let repo = try GateTestRepository(committed: files)
        let log = shellQuoted(repo.outside + "/files")
        let batches = shellQuoted(repo.outside + "/batches")
        let command = "for f in {files}; do printf '%s\\n' \"$f\" >> \(log); done; echo batch >> \(batches)"
        let report = try repo.runner(argumentLimit: 200).run(
            [gate("each", command, files: ["src/**"])],
            inputs: try GateInput.allFiles(in: repo.root, environment: repo.environment))
        #expect(report.results[0].status == .passed)
        #expect(report.results[0].fileCount == 61)
        let seen = (repo.read(outside: "files") ?? "").split(separator: "\n").map(String.init)
        #expect(seen.sorted() == files.keys.filter { $0.hasPrefix("src/") }.sorted())
        let runs = (repo.read(outside: "batches") ?? "").split(separator: "\n").count
        #expect(runs > 5)
    }

    @Test func skipsAGateWithoutMatchingFiles() throws {
        let repo = try GateTestRepository()
        let report = try repo.runner().run([gate("swift", "exit 1", files: ["**/*.swift"])], inputs: try repo.staged())
        #expect(report.results[0].status == .skipped("no matching files"))
        #expect(report.ok)
    }

    @Test func skipsTheGatesWardSkipNames() throws {
        let repo = try GateTestRepository()
        let report = try repo.runner(extraEnvironment: ["WARD_SKIP": "lint, test"]).run(
            [gate("lint", "exit 1"), gate("test", "exit 1"), gate("build", "true")], inputs: [GateInput(path: "a.txt")])
        #expect(report.results.map(\.status) == [.skipped("WARD_SKIP"), .skipped("WARD_SKIP"), .passed])
        #expect(report.wardSkips == ["lint", "test"])
    }

    @Test func keepsTheEndOfAHugeOutput() throws {
        let repo = try GateTestRepository()
        let report = try repo.runner().run(
            [gate("loud", "head -c 5000000 /dev/zero | tr '\\0' x; echo; echo the end; exit 1")],
            inputs: [GateInput(path: "a.txt")])
        let result = report.results[0]
        #expect(result.status == .failed)
        #expect(result.output.hasPrefix("ward: output truncated"))
        #expect(result.output.hasSuffix("the end\n"))
        #expect(result.output.utf8.count < (1 << 20) + 200)
        let written = 5_000_000 + 1 + "the end\n".utf8.count
        #expect(
            result.output.hasPrefix("ward: output truncated: the first \(written - (1 << 20)) bytes are not shown\n"))
    }

    @Test func anInterruptStopsRunningGatesAndStartsNoMore() throws {
        let repo = try GateTestRepository()
        let interruption = try GateInterruption()
        let trigger = Thread {
            Thread.sleep(forTimeInterval: 0.5)
            interruption.trigger()
        }
        let start = ContinuousClock.now
        trigger.start()
        let report = try repo.runner(jobs: 1, interruption: interruption).run(
            [gate("long", "sleep 30"), gate("next", "true")], inputs: [GateInput(path: "a.txt")])
        #expect(elapsed(since: start) < 5)
        #expect(report.interrupted)
        #expect(report.results.map(\.status) == [.interrupted, .skipped("not started: interrupted")])
        #expect(!report.ok)
    }

    // A real SIGINT to a real runner process is tested end to end (GateInterruptTests): sent to
    // the test process itself, it would reach whichever test owns the handlers at that moment.

    @Test func builtinGatesCheckTheStagedBlobs() throws {
        let repo = try GateTestRepository()
        try repo.write("a.txt", "<<<<<<< HEAD\n")
        try repo.git("add", "a.txt")
        try repo.write("a.txt", "clean again\n")
        let check: GateBuiltinCheck = { _, input, content in
            guard String(decoding: content, as: UTF8.self).contains("<<<<<<<") else { return [] }
            return [
                Finding(
                    ruleID: "conflict-marker", decision: .deny, message: "a conflict marker", checkpoint: .command,
                    path: input.path, line: 1)
            ]
        }
        let spec = GateSpec(name: "markers", builtin: "conflict-markers", source: "test")
        let report = try repo.runner(builtin: check).run([spec], inputs: try repo.staged())
        #expect(report.results[0].status == .failed)
        let findings = GateReportRenderer.findings(report).findings
        #expect(findings.map(\.ruleID) == ["conflict-marker"])
        #expect(findings.first?.checkpoint == .preCommit)
        #expect(findings.first?.path == "a.txt")
    }
}

/// Whether `pid` is a live process (a zombie waiting for a reaper counts as dead); waits up to
/// two seconds for it to go.
func processIsAlive(_ pid: Int32) -> Bool {
    for _ in 0..<40 {
        if kill(pid, 0) != 0 { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        if let close = stat.lastIndex(of: ")"),
            stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
        {
            return false
        }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return true
}
