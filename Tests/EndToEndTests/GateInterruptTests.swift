import Foundation
import TestSupport
import Testing

/// A gate run that is interrupted (Ctrl-C) or killed leaves the work tree, the index and the
/// untracked files exactly as they were (issue 9).
@Suite struct GateInterruptTests {
    struct State: Equatable {
        var tracked: String
        var untracked: String
        var diff: String
        var cached: String
        var index: String
    }

    static func state(_ box: Sandbox) throws -> State {
        State(
            tracked: try String(contentsOfFile: box.repo + "/a.txt", encoding: .utf8),
            untracked: try String(contentsOfFile: box.repo + "/new.txt", encoding: .utf8),
            diff: try box.git.git("diff", in: "repo"), cached: try box.git.git("diff", "--cached", in: "repo"),
            index: try box.git.git("ls-files", "-s", in: "repo"))
    }

    /// A repository with a staged change, a different unstaged change and an untracked file, and
    /// a gate over the whole tree that takes 8 s (so it runs in a checkout of the index).
    static func repository() throws -> Sandbox {
        let box = try Sandbox()
        box.write("ward.json", #"{"gates": {"slow": {"run": "sleep 8", "stages": ["manual"]}}}"#)
        box.write("a.txt", "one\n")
        try box.git.git("add", "-A", in: "repo")
        try box.git.git("commit", "-q", "--no-verify", "-m", "chore: start", in: "repo")
        box.write("a.txt", "staged\n")
        try box.git.git("add", "a.txt", in: "repo")
        box.write("a.txt", "unstaged\n")
        box.write("new.txt", "untracked\n")
        return box
    }

    static func start(_ box: Sandbox) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.ward)
        process.arguments = ["gate", "run", "slow"]
        process.currentDirectoryURL = URL(fileURLWithPath: box.repo)
        process.environment = box.environment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Until the gate runs in its checkout: the folder under ward/tmp exists.
        let tmp = box.repo + "/.git/ward/tmp"
        for _ in 0..<100 {
            if let items = try? FileManager.default.contentsOfDirectory(atPath: tmp), !items.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return process
    }

    @Test func ctrlCStopsTheGateAndLeavesEverythingAsItWas() throws {
        let box = try Self.repository()
        let before = try Self.state(box)
        let process = try Self.start(box)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try Self.state(box) == before)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: box.repo + "/.git/ward/tmp")) ?? []
        #expect(left.isEmpty, "the temporary checkout is removed: \(left)")
    }

    @Test func killingTheRunnerLeavesEverythingAsItWas() throws {
        let box = try Self.repository()
        let before = try Self.state(box)
        let process = try Self.start(box)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try Self.state(box) == before)
    }
}
