import Foundation
import Gates
import Policy
import Testing

/// What a person sees while gates run: the live status line and the plain lines (issue 9).
@Suite struct GateProgressTests {
    /// Everything a `GateProgress` writes, in order.
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var chunks: [String] = []
        func append(_ text: String) { lock.withLock { chunks.append(text) } }
        var all: [String] { lock.withLock { chunks } }
        var text: String { all.joined() }
    }

    /// Runs `gates` over one file of a real repository, two at a time, showing progress in
    /// `mode`; the report and everything the progress wrote.
    static func run(_ mode: GateProgress.Mode, _ gates: [GateSpec]) throws -> (GateRunReport, Captured) {
        let repo = try GateTestRepository()
        let captured = Captured()
        var runner = repo.runner(jobs: 2)
        runner.options.progress = GateProgress(mode: mode, width: 80) { captured.append($0) }
        return (try runner.run(gates, inputs: [GateInput(path: "a.txt")]), captured)
    }

    @Test func theStatusLineNamesEachRunningGateWithItsTime() {
        let line = GateProgress.statusLine(
            running: [("lint", .milliseconds(1240)), ("test", .seconds(12))], done: 2, total: 5, width: 80)
        #expect(line == "ward: 2 of 5 done · running lint 1.2s, test 12.0s")
        #expect(GateProgress.statusLine(running: [], done: 3, total: 3, width: 80) == "ward: 3 of 3 done")
    }

    @Test func theStatusLineIsCutToTheTerminalSoItNeverWraps() {
        let running = (1...20).map { ("gate-number-\($0)", Duration.seconds($0)) }
        for width in [20, 40, 79, 120] {
            let line = GateProgress.statusLine(running: running, done: 0, total: 20, width: width)
            #expect(line.count == width - 1, "width \(width): \(line)")
            #expect(line.hasSuffix("…"))
        }
        let short = GateProgress.statusLine(running: [("a", .zero)], done: 0, total: 1, width: 200)
        #expect(!short.hasSuffix("…"))
    }

    @Test(arguments: [
        (Duration.milliseconds(400), 1, "0.4s"), (.milliseconds(12_050), 1, "12.0s"),
        (.milliseconds(1_234), 2, "1.23s"),
        (.milliseconds(50), 2, "0.05s"), (.seconds(65), 1, "1m05s"), (.seconds(600), 1, "10m00s"),
        (.seconds(3_720), 1, "1h02m"),
    ])
    func elapsedTimesRead(_ duration: Duration, _ digits: Int, _ expected: String) {
        #expect(GateProgress.elapsed(duration, digits: digits) == expected)
    }

    @Test func plainLinesSayWhatStartedAndHowItEnded() {
        #expect(GateProgress.startLine("lint", files: 12, takesFiles: true) == "ward: gate lint started (12 files)")
        #expect(GateProgress.startLine("lint", files: 1, takesFiles: true) == "ward: gate lint started (1 file)")
        #expect(GateProgress.startLine("test", files: 9, takesFiles: false) == "ward: gate test started (whole tree)")
        let failed = GateResult(name: "lint", status: .failed, duration: .milliseconds(1_230), exitCode: 3)
        #expect(GateProgress.endLine(failed) == "ward: gate lint failed in 1.23s (exit 3)")
        var advisory = failed
        advisory.required = false
        #expect(GateProgress.endLine(advisory) == "ward: gate lint failed in 1.23s (exit 3), advisory")
        let passed = GateResult(name: "test", status: .passed, duration: .milliseconds(80))
        #expect(GateProgress.endLine(passed) == "ward: gate test passed in 0.08s")
    }

    @Test func plainModePrintsALinePerStartAndEndInTheOrderTheyHappen() throws {
        let (report, captured) = try Self.run(
            .plain,
            [
                gate("second", "true", needs: ["first"]), gate("first", "sleep 0.2; test -n {files}"),
                gate("unmatched", "true", files: ["**/*.none"]),
            ])
        #expect(report.ok)
        let lines = captured.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines[0] == "ward: gate first started (1 file)")
        #expect(lines[1].hasPrefix("ward: gate first passed in 0."))
        #expect(lines[2] == "ward: gate second started (whole tree)", "no {files}: one run over the tree")
        #expect(lines[3].hasPrefix("ward: gate second passed in "))
        #expect(!captured.text.contains("\u{1B}") && !captured.text.contains("\r"), "no control characters in a log")
        #expect(!captured.text.contains("unmatched"), "a gate that did not run gets no line (the table shows it)")
    }

    @Test func liveModeRedrawsOneLineWhileGatesRunAndWipesItAtTheEnd() throws {
        let (report, captured) = try Self.run(.live, [gate("slow", "sleep 0.7"), gate("broken", "exit 3")])
        #expect(!report.ok)
        let writes = captured.all
        #expect(writes.last == "\r\u{1B}[K", "the line is wiped before the report")
        let redraws = writes.filter { $0.hasPrefix("\r\u{1B}[Kward: ") && !$0.contains("\n") }
        let slowTimes = redraws.filter { $0.contains("running slow") }
        #expect(slowTimes.count >= 3, "the running time is redrawn while the gate runs: \(redraws)")
        #expect(
            redraws.contains { $0.contains("running slow") && !$0.contains("running slow 0.0s") },
            "the time grows: \(redraws)")
        #expect(redraws.last?.contains("2 of 2 done") == true, "\(redraws)")
        let announced = writes.filter { $0.hasSuffix("\n") }
        #expect(announced.count == 1 && announced[0].contains("ward: gate broken failed in"), "\(announced)")
    }

    @Test func offModeWritesNothing() throws {
        let (report, captured) = try Self.run(.off, [gate("one", "sleep 0.3"), gate("two", "exit 1")])
        #expect(!report.ok)
        #expect(captured.all.isEmpty)
    }
}
