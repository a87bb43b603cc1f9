import Base
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Real child processes, started through `/bin/sh -c SCRIPT` where a script is the shortest way
/// to make a child behave a certain way; the runner itself never uses a shell.
@Suite struct ProcessRunnerTests {
    static let environment = ["PATH": "/usr/bin:/bin"]

    func shell(
        _ script: String, input: ProcessRequest.Input = .null, environment: [String: String] = environment,
        directory: String? = nil, timeout: Duration? = nil, killGrace: Duration = .seconds(2)
    ) throws -> ProcessOutcome {
        try ProcessRunner().run(
            ProcessRequest(
                executable: "/bin/sh", arguments: ["-c", script], environment: environment,
                workingDirectory: directory, standardInput: input, timeout: timeout, killGrace: killGrace))
    }

    @Test func reportsTheExitStatusAndBothStreams() throws {
        let outcome = try shell("printf out; printf err >&2; exit 3")
        #expect(outcome.termination == .exited(3))
        #expect(outcome.standardOutput == Array("out".utf8))
        #expect(outcome.standardError == Array("err".utf8))
        #expect(!outcome.timedOut)
        #expect(!outcome.succeeded)
        #expect(try shell("true").succeeded)
    }

    @Test(arguments: [0, 1, 1000, 100_000])
    func keepsOnlyTheLastBytesUpToTheCaptureLimit(_ limit: Int) throws {
        // 3,000,000 bytes of numbered lines, so a wrong tail shows.
        let script = "seq -w 0 500000 | head -c 3000000; printf 'err tail' >&2"
        let outcome = try ProcessRunner().run(
            ProcessRequest(
                executable: "/bin/sh", arguments: ["-c", script], environment: Self.environment,
                captureLimit: limit))
        let kept = min(limit, 3_000_000)
        #expect(outcome.standardOutput.count == kept)
        #expect(outcome.standardError == Array("err tail".utf8).suffix(limit))
        #expect(outcome.discardedBytes == 3_000_000 - kept + max(0, 8 - limit))
        let full = try shell("seq -w 0 500000 | head -c 3000000")
        #expect(full.discardedBytes == 0 && full.standardOutput.count == 3_000_000)
        #expect(Array(full.standardOutput.suffix(kept)) == outcome.standardOutput)
    }

    @Test func reportsTheSignalThatEndedTheChild() throws {
        #expect(try shell("kill -KILL $$").termination == .signaled(SIGKILL))
    }

    @Test func capturesLargeOutputOnBothStreamsWithoutDeadlock() throws {
        // Each stream is far larger than a pipe's buffer, and stderr fills first.
        let outcome = try shell("head -c 1000000 /dev/zero >&2; head -c 700000 /dev/zero; head -c 5 /dev/zero >&2")
        #expect(outcome.termination == .exited(0))
        #expect(outcome.standardError.count == 1_000_005)
        #expect(outcome.standardOutput.count == 700_000)
        #expect(outcome.standardOutput.allSatisfy { $0 == 0 })
    }

    @Test func handsOutputOverAsItArrivesAndKeepsWhatIsLeft() throws {
        // seq writes 1 to 200000 (1.3 MB) in many writes; the consumer takes whole lines only.
        let request = ProcessRequest(
            executable: "seq", arguments: ["1", "200000"], environment: Self.environment, standardOutput: .capture)
        var taken: [UInt8] = []
        var calls = 0
        let outcome = try ProcessRunner().run(request) { buffer in
            calls += 1
            guard let last = buffer.lastIndex(of: 0x0A) else { return }
            taken += buffer[...last]
            buffer.removeSubrange(...last)
        }
        #expect(outcome.succeeded)
        #expect(calls > 1)
        let all = taken + outcome.standardOutput
        let lines = String(decoding: all, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 200_000)
        #expect(lines.first == "1" && lines.last == "200000")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test func feedsStandardInputWhileReadingOutput() throws {
        let input = (0..<600_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let outcome = try shell("cat", input: .bytes(input))
        #expect(outcome.termination == .exited(0))
        #expect(outcome.standardOutput == input)
    }

    @Test func survivesAChildThatExitsWithoutReadingItsInput() throws {
        let input = [UInt8](repeating: 0x61, count: 4 << 20)
        let outcome = try shell("exit 4", input: .bytes(input))
        #expect(outcome.termination == .exited(4))
    }

    @Test func givesTheChildOnlyTheEnvironmentItIsGiven() throws {
        let outcome = try shell(
            #"printf '%s|%s' "$WARD_TEST_VALUE" "${HOME-unset}""#,
            environment: ["PATH": "/usr/bin:/bin", "WARD_TEST_VALUE": "a b=c"])
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "a b=c|unset")
    }

    @Test func startsTheChildInTheWorkingDirectoryGiven() throws {
        let directory = try makeTemporaryDirectory()
        defer { rmdir(directory) }
        let outcome = try shell("pwd -P", directory: directory)
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == directory + "\n")
    }

    @Test func looksProgramsUpInTheRequestsPath() throws {
        let outcome = try ProcessRunner().run(
            ProcessRequest(executable: "printf", arguments: ["%s", "found"], environment: Self.environment))
        #expect(outcome.standardOutput == Array("found".utf8))
        #expect(throws: Errno.noSuchFileOrDirectory) {
            try ProcessRunner().run(
                ProcessRequest(executable: "ward-no-such-program", environment: Self.environment))
        }
        #expect(throws: Errno.noSuchFileOrDirectory) {
            try ProcessRunner().run(ProcessRequest(executable: "/nonexistent/program", environment: [:]))
        }
    }

    @Test func discardsOutputWhenAskedTo() throws {
        let outcome = try ProcessRunner().run(
            ProcessRequest(
                executable: "/bin/sh", arguments: ["-c", "echo out; echo err >&2"], environment: Self.environment,
                standardOutput: .discard, standardError: .discard))
        #expect(outcome.succeeded)
        #expect(outcome.standardOutput.isEmpty && outcome.standardError.isEmpty)
    }

    @Test func killsTheWholeProcessGroupAtTheDeadline() throws {
        // The grandchild inherits the output pipe, so it alone would keep the run waiting.
        let outcome = try shell("sleep 60 & echo $!; wait", timeout: .milliseconds(300))
        #expect(outcome.timedOut)
        #expect(outcome.termination == .signaled(SIGTERM))
        let text = String(decoding: outcome.standardOutput, as: UTF8.self)
        let grandchild = try #require(pid_t(text.split(separator: "\n").first ?? ""))
        #expect(isGone(grandchild))
    }

    @Test func killsAGroupThatIgnoresTerminationAfterTheGrace() throws {
        let outcome = try shell(
            "trap '' TERM; sleep 60 & echo $!; wait", timeout: .milliseconds(200), killGrace: .milliseconds(200))
        #expect(outcome.timedOut)
        #expect(outcome.termination == .signaled(SIGKILL))
        let grandchild = try #require(
            pid_t(String(decoding: outcome.standardOutput, as: UTF8.self).prefix { $0 != "\n" }))
        #expect(isGone(grandchild))
    }

    @Test func enforcesTheDeadlineOnAChildThatClosedItsOutput() throws {
        let outcome = try shell("exec >&- 2>&-; sleep 60", timeout: .milliseconds(200))
        #expect(outcome.timedOut)
        #expect(outcome.termination == .signaled(SIGTERM))
    }

    @Test func runsChildrenFromSeveralThreadsAtOnce() async throws {
        let outcomes = try await withThrowingTaskGroup(of: ProcessOutcome.self) { group in
            for i in 0..<8 {
                group.addTask { try shell("head -c \(100_000 + i) /dev/zero") }
            }
            var all: [ProcessOutcome] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        #expect(Set(outcomes.map(\.standardOutput.count)) == Set((0..<8).map { 100_000 + $0 }))
        #expect(outcomes.allSatisfy { $0.succeeded })
    }

    /// Whether `pid` no longer runs: `kill(pid, 0)` fails with `ESRCH`. A killed grandchild is
    /// reparented and reaped by an init process, which may take a moment, and may never happen
    /// where the init process does not reap; a zombie has stopped running all the same.
    func isGone(_ pid: pid_t) -> Bool {
        for _ in 0..<500 {
            if kill(pid, 0) == -1, errno == ESRCH { return true }
            if isZombie(pid) { return true }
            usleep(10_000)
        }
        return false
    }

    func isZombie(_ pid: pid_t) -> Bool {
        #if os(Linux)
            let fd = open("/proc/\(pid)/stat", O_RDONLY)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0, let close = buffer[..<n].lastIndex(of: UInt8(ascii: ")")), close + 2 < n else { return false }
            return buffer[close + 2] == UInt8(ascii: "Z")
        #else
            return false
        #endif
    }

    func makeTemporaryDirectory() throws -> String {
        var template = Array("/tmp/ward-base-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Errno.current }
        guard let resolved = realpath(made, nil) else { throw Errno.current }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
