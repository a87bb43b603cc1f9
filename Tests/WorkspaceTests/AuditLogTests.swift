import Foundation
import TestSupport
import Testing

@testable import Workspace

@Suite struct AuditLogTests {
    func record(_ n: Int, subject: String = "rm -rf /") -> AuditRecord {
        AuditRecord(
            time: "2025-01-01T00:00:00.000Z", checkpoint: "claude", agent: "claude", sessionID: "s-\(n)",
            worktree: "/repo", ruleID: "rm-root-or-home", decision: "deny", reason: "reason \(n)", subject: subject)
    }

    @Test func keepsTheLogInTheCommonDirOfEveryWorktree() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try git("worktree", "add", "-q", "-b", "feat/1-x", "../wt", in: root)
        let location = try #require(
            RepositoryLocator.locate(from: tmp.appending("wt"), environment: ["GIT_CEILING_DIRECTORIES": tmp.path]))
        #expect(AuditLog.path(repository: location, environment: [:]) == root + "/.git/ward/audit.jsonl")
    }

    @Test func keepsTheLogInTheStateFolderOutsideARepository() {
        #expect(
            AuditLog.path(repository: nil, environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/u"])
                == "/state/ward/audit.jsonl")
        #expect(
            AuditLog.path(repository: nil, environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/u/"])
                == "/home/u/.local/state/ward/audit.jsonl")
        #expect(AuditLog.path(repository: nil, environment: [:]).hasSuffix("/.local/state/ward/audit.jsonl"))
    }

    @Test func writesOneJsonObjectPerLineThatReadsBack() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.appending("deep/ward/audit.jsonl")
        let tricky = record(1, subject: "echo \"a\\b\"\n\trm -rf / # ☃")
        try AuditLog.append(tricky, to: path)
        try AuditLog.append(record(2), to: path)
        let lines = AuditLog.read(path: path, limit: nil)
        #expect(lines.count == 2)
        #expect(!lines[0].contains("\n"))
        #expect(AuditRecord(jsonLine: lines[0]) == tricky)
        #expect(AuditRecord(jsonLine: lines[1])?.sessionID == "s-2")
        #expect(lines[0].hasPrefix(#"{"time":"2025-01-01T00:00:00.000Z","checkpoint":"claude","agent":"claude""#))
        var unknown = record(3)
        unknown.agent = nil
        #expect(unknown.jsonLine.contains(#""agent":null"#))
        #expect(AuditRecord(jsonLine: unknown.jsonLine) == unknown)
        #expect(AuditRecord(jsonLine: "{\"time\": 1") == nil)
    }

    @Test func rotatesBeforeTheFileWouldExceedItsLimit() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.appending("audit.jsonl")
        let size = record(0).jsonLine.utf8.count + 1
        for n in 0..<20 {
            try AuditLog.append(record(n), to: path, maxBytes: size * 3 + 10, keep: 2)
        }
        for file in [path, path + ".1", path + ".2"] {
            let bytes = try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
            #expect(bytes <= size * 3 + 10, "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".3"))
        let lines = AuditLog.read(path: path, limit: nil)
        #expect(
            lines.compactMap { AuditRecord(jsonLine: $0)?.sessionID } == (12..<20).map { "s-\($0)" },
            "three records per file, two rotated files kept")
        #expect(
            AuditLog.read(path: path, limit: 4).compactMap { AuditRecord(jsonLine: $0)?.sessionID } == [
                "s-16", "s-17", "s-18", "s-19",
            ])
    }

    @Test func concurrentAppendsNeverInterleave() async throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.appending("audit.jsonl")
        let long = String(repeating: "x", count: 3000)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for n in 0..<40 {
                        try? AuditLog.append(self.record(worker * 100 + n, subject: long), to: path)
                    }
                }
            }
        }
        let lines = AuditLog.read(path: path, limit: nil)
        #expect(lines.count == 320)
        #expect(lines.allSatisfy { AuditRecord(jsonLine: $0)?.subject == long })
    }

    @Test func capsHugeSubjects() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.appending("audit.jsonl")
        try AuditLog.append(record(1, subject: String(repeating: "é", count: 100_000)), to: path)
        let line = try #require(AuditLog.read(path: path, limit: 1).first)
        let subject = try #require(AuditRecord(jsonLine: line)?.subject)
        #expect(subject.utf8.count < AuditLog.fieldLimit + 100)
        #expect(subject.hasSuffix("(200000 bytes)"))
    }

    @Test func refusesToWriteThroughASymlink() throws {
        let tmp = try TemporaryDirectory()
        let victim = tmp.appending("victim")
        #expect(writeFile(victim, "keep\n"))
        try FileManager.default.createSymbolicLink(atPath: tmp.appending("audit.jsonl"), withDestinationPath: victim)
        #expect(throws: AuditError.self) { try AuditLog.append(record(1), to: tmp.appending("audit.jsonl")) }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep\n")
    }

    @Test func reportsAFolderItCannotCreateInOneLine() throws {
        let tmp = try TemporaryDirectory()
        #expect(writeFile(tmp.appending("file"), ""))
        do {
            try AuditLog.append(record(1), to: tmp.appending("file/ward/audit.jsonl"))
            Issue.record("wrote below a regular file")
        } catch {
            #expect(error.description.contains(tmp.appending("file")))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func readsNothingWhenThereIsNoLog() {
        #expect(AuditLog.read(path: "/nonexistent/audit.jsonl", limit: 10).isEmpty)
    }

    @Test func formatsTheTimeAsIso8601Utc() throws {
        let now = AuditLog.now()
        #expect(now.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(now)")
        #expect(now.hasPrefix("20"))
    }

    @Test func findsTheHomeOfTheUserInEtcPasswdWhenHomeIsUnset() throws {
        // The test binary is linked dynamically: glibc's own lookup is the reference.
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else {
            Issue.record("no password entry for uid \(getuid())")
            return
        }
        let expected = String(cString: dir)
        #expect(AuditLog.passwordHome() == expected)
        #expect(AuditLog.path(repository: nil, environment: [:]) == expected + "/.local/state/ward/audit.jsonl")
        #expect(
            AuditLog.path(repository: nil, environment: ["HOME": "relative/home"])
                == expected + "/.local/state/ward/audit.jsonl")
    }

    @Test func formatsTimesLikeGmtime() {
        // Against glibc's gmtime_r: the epoch, the second before it, leap days, century years
        // that are and are not leap years, the end of 9999, and a spread of ordinary instants.
        var instants: [Int64] = [0, -1, 951_782_400, 951_868_799, 4_107_542_400, 4_107_628_799, 253_402_300_799]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 { instants.append(Int64.random(in: -2_000_000_000...253_402_300_799, using: &generator)) }
        for seconds in instants {
            var t = time_t(seconds)
            var parts = tm()
            gmtime_r(&t, &parts)
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                parts.tm_hour, parts.tm_min, parts.tm_sec, 42)
            #expect(AuditLog.timestamp(seconds: seconds, milliseconds: 42) == expected, "\(seconds)")
        }
    }
}
