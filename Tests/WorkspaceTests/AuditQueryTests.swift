import TestSupport
import Testing

@testable import Workspace

// `ward log` filters and limits at the level of values (issue 8, item 4), against real files:
// the current log and its rotated predecessors, read newest first and only as far as needed.

@Suite struct AuditQueryTests {
    static func record(
        _ time: String, checkpoint: String = "agent:claude", agent: String? = "claude", session: String? = "s-1",
        rule: String = "git-reset-hard", subject: String = "git reset --hard"
    ) -> AuditRecord {
        AuditRecord(
            time: time, checkpoint: checkpoint, agent: agent, sessionID: session, worktree: "/repo", ruleID: rule,
            decision: "deny", reason: "r", subject: subject)
    }

    /// Writes `files[0]` as the current log, `files[1]` as `.1`, and so on (each oldest line first).
    static func writeLog(_ files: [[AuditRecord]], in tmp: TemporaryDirectory, extra: [Int: String] = [:]) -> String {
        let path = tmp.appending("audit.jsonl")
        for (k, records) in files.enumerated() {
            var text = records.map { $0.jsonLine + "\n" }.joined()
            if let line = extra[k] { text += line + "\n" }
            #expect(writeFile(k == 0 ? path : "\(path).\(k)", text))
        }
        return path
    }

    static let t1 = "2025-03-01T10:00:00.000Z"
    static let t2 = "2025-03-02T10:00:00.000Z"
    static let t3 = "2025-03-03T10:00:00.000Z"
    static let t4 = "2025-03-04T10:00:00.000Z"

    /// Three files, oldest in `.2`: a commit-msg failure, a pre-push denial, agent denials.
    static func sampleLog(_ tmp: TemporaryDirectory) -> String {
        var push = record(
            t2, checkpoint: "git:pre-push", agent: nil, session: nil, rule: "protected-branch-push",
            subject: "refs/heads/main")
        push.ref = "refs/heads/main"
        push.commit = "0123456789abcdef0123456789abcdef01234567"
        var message = record(
            t1, checkpoint: "git:commit-msg", agent: nil, session: nil, rule: "type-enum", subject: "feet: x")
        message.ref = "refs/heads/feat/1-x"
        return writeLog(
            [
                [
                    record(t4, checkpoint: "agent:codex", agent: "codex", session: "s-9", rule: "rm-root-or-home"),
                    record(t4, session: "s-2"),
                ],
                [push, record(t3, rule: "git-push-force")],
                [message],
            ], in: tmp)
    }

    func rules(_ entries: [AuditLog.Entry]) -> [String] { entries.compactMap { $0.record?.ruleID } }

    @Test func limitZeroMeansEveryRecord() throws {
        let tmp = try TemporaryDirectory()
        let path = Self.sampleLog(tmp)
        #expect(
            rules(AuditLog.entries(path: path, limit: 0)) == [
                "type-enum", "protected-branch-push", "git-push-force", "rm-root-or-home", "git-reset-hard",
            ])
        #expect(AuditLog.read(path: path, limit: 0).count == 5)
        #expect(AuditLog.read(path: path, limit: nil).count == 5)
    }

    @Test func aLimitKeepsTheNewestRecordsOldestFirst() throws {
        let tmp = try TemporaryDirectory()
        let path = Self.sampleLog(tmp)
        #expect(
            rules(AuditLog.entries(path: path, limit: 3)) == ["git-push-force", "rm-root-or-home", "git-reset-hard"])
        #expect(AuditLog.read(path: path, limit: 1).count == 1)
    }

    struct FilterCase: Sendable, CustomTestStringConvertible {
        var name: String
        var filter: AuditFilter
        var limit = 0
        var rules: [String]
        var testDescription: String { name }
    }

    static let filters: [FilterCase] = [
        FilterCase(name: "rule", filter: AuditFilter(rule: "git-push-force"), rules: ["git-push-force"]),
        FilterCase(
            name: "rule prefix", filter: AuditFilter(rule: "git-*"), rules: ["git-push-force", "git-reset-hard"]),
        FilterCase(name: "agent", filter: AuditFilter(agent: "codex"), rules: ["rm-root-or-home"]),
        FilterCase(name: "session", filter: AuditFilter(session: "s-2"), rules: ["git-reset-hard"]),
        FilterCase(
            name: "checkpoint kind", filter: AuditFilter(checkpoint: "git"),
            rules: ["type-enum", "protected-branch-push"]),
        FilterCase(
            name: "checkpoint name", filter: AuditFilter(checkpoint: "pre-push"), rules: ["protected-branch-push"]),
        FilterCase(
            name: "checkpoint whole", filter: AuditFilter(checkpoint: "git:commit-msg"), rules: ["type-enum"]),
        FilterCase(
            name: "agent checkpoint", filter: AuditFilter(checkpoint: "claude"),
            rules: ["git-push-force", "git-reset-hard"]),
        FilterCase(
            name: "since", filter: AuditFilter(since: "2025-03-02T10:00:00.000Z"),
            rules: ["protected-branch-push", "git-push-force", "rm-root-or-home", "git-reset-hard"]),
        FilterCase(
            name: "since and agent", filter: AuditFilter(agent: "claude", since: "2025-03-03T00:00:00.000Z"),
            rules: ["git-push-force", "git-reset-hard"]),
        FilterCase(
            name: "limit after the filter", filter: AuditFilter(checkpoint: "git"), limit: 1,
            rules: ["protected-branch-push"]),
        FilterCase(name: "nothing matches", filter: AuditFilter(rule: "no-such-rule"), rules: []),
    ]

    @Test(arguments: filters)
    func filtersAcrossTheRotatedFiles(_ c: FilterCase) throws {
        let tmp = try TemporaryDirectory()
        let path = Self.sampleLog(tmp)
        #expect(rules(AuditLog.entries(path: path, filter: c.filter, limit: c.limit)) == c.rules)
    }

    @Test func stopsReadingOlderFilesOnceARecordPredatesSince() throws {
        let tmp = try TemporaryDirectory()
        // An out-of-order record in the oldest file shows whether that file was read at all.
        let path = Self.writeLog(
            [
                [Self.record(Self.t4, rule: "newest")],
                [Self.record(Self.t1, rule: "old"), Self.record(Self.t3, rule: "middle")],
                [Self.record(Self.t4, rule: "never-read")],
            ], in: tmp)
        let since = AuditFilter(since: Self.t2)
        #expect(rules(AuditLog.entries(path: path, filter: since)) == ["middle", "newest"])
        #expect(rules(AuditLog.entries(path: path)).contains("never-read"))
    }

    @Test func keepsUnreadableLinesOnlyWithoutAFilter() throws {
        let tmp = try TemporaryDirectory()
        let path = Self.writeLog([[Self.record(Self.t1)]], in: tmp, extra: [0: "{\"torn"])
        let all = AuditLog.entries(path: path)
        #expect(all.count == 2)
        #expect(all.last?.record == nil)
        #expect(all.last?.line == "{\"torn")
        #expect(AuditLog.entries(path: path, filter: AuditFilter(rule: "git-reset-hard")).count == 1)
    }

    @Test func readsNothingWithoutALog() {
        #expect(AuditLog.entries(path: "/nonexistent/audit.jsonl", filter: AuditFilter(rule: "x")).isEmpty)
    }

    // MARK: - Records of git checkpoints

    @Test func commitAndRefAreWrittenOnlyWhenSet() throws {
        let agent = Self.record(Self.t1)
        #expect(!agent.jsonLine.contains("commit"))
        #expect(!agent.jsonLine.contains("\"ref\""))
        #expect(agent.jsonLine.hasSuffix(#""subject":"git reset --hard"}"#))
        var push = Self.record(Self.t1, checkpoint: "git:pre-push", agent: nil, session: nil)
        push.commit = "0123456789abcdef0123456789abcdef01234567"
        push.ref = "refs/heads/main"
        #expect(
            push.jsonLine.hasSuffix(
                #""subject":"git reset --hard","commit":"0123456789abcdef0123456789abcdef01234567","ref":"refs/heads/main"}"#
            ))
        #expect(AuditRecord(jsonLine: push.jsonLine) == push)
        #expect(AuditRecord(jsonLine: agent.jsonLine) == agent)
    }

    @Test func appendsAndReadsBackAGitHookRecord() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.appending("ward/audit.jsonl")
        var record = Self.record(
            Self.t1, checkpoint: "git:commit-msg", agent: nil, session: nil, rule: "type-enum", subject: "feet: x")
        record.commit = nil
        record.ref = "refs/heads/feat/1-x"
        try AuditLog.append(record, to: path)
        let entries = AuditLog.entries(path: path, filter: AuditFilter(checkpoint: "commit-msg"))
        #expect(entries.map(\.record) == [record])
    }

    // MARK: - --since

    struct SinceCase: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: String?
        var testDescription: String { text.debugDescription }
    }

    /// `now` for the table: 2025-03-04T10:00:00Z.
    static let now: Int64 = 1_741_082_400

    static let sinceCases: [SinceCase] = [
        SinceCase(text: "30m", expected: "2025-03-04T09:30:00.000Z"),
        SinceCase(text: "1h", expected: "2025-03-04T09:00:00.000Z"),
        SinceCase(text: "2d", expected: "2025-03-02T10:00:00.000Z"),
        SinceCase(text: "1w", expected: "2025-02-25T10:00:00.000Z"),
        SinceCase(text: "45s", expected: "2025-03-04T09:59:15.000Z"),
        SinceCase(text: "0m", expected: "2025-03-04T10:00:00.000Z"),
        SinceCase(text: "2025-01-31", expected: "2025-01-31T00:00:00.000Z"),
        SinceCase(text: "2024-02-29", expected: "2024-02-29T00:00:00.000Z"),
        SinceCase(text: "2025-01-31T09:05", expected: "2025-01-31T09:05:00.000Z"),
        SinceCase(text: "2025-01-31 09:05:07", expected: "2025-01-31T09:05:07.000Z"),
        SinceCase(text: "2025-01-31T09:05:07Z", expected: "2025-01-31T09:05:07.000Z"),
        SinceCase(text: "2025-01-31T09:05:07.042Z", expected: "2025-01-31T09:05:07.042Z"),
        SinceCase(text: "2025-01-31T10:05:07+01:00", expected: "2025-01-31T09:05:07.000Z"),
        SinceCase(text: "2025-01-31T00:30-0100", expected: "2025-01-31T01:30:00.000Z"),
        SinceCase(text: "2025-01-01T00:30:00+01:00", expected: "2024-12-31T23:30:00.000Z"),
        SinceCase(text: "yesterday", expected: nil),
        SinceCase(text: "1y", expected: nil),
        SinceCase(text: "-2h", expected: nil),
        SinceCase(text: "h", expected: nil),
        SinceCase(text: "2025-02-30", expected: nil),
        SinceCase(text: "2025-13-01", expected: nil),
        SinceCase(text: "2025-01-31T25:00", expected: nil),
        SinceCase(text: "2025-01-31T09:05Zx", expected: nil),
        SinceCase(text: "2025-1-31", expected: nil),
        SinceCase(text: "", expected: nil),
    ]

    @Test(arguments: sinceCases)
    func readsSinceAsAnAgeOrAnIsoTime(_ c: SinceCase) {
        do {
            let value = try AuditFilter.since(c.text, now: Self.now)
            #expect(value == c.expected)
        } catch {
            #expect(c.expected == nil, "\(error)")
            #expect(error.description.hasPrefix("--since '\(c.text)' is neither a time"))
        }
    }

    @Test func isoTimesRoundTripThroughTheLogsFormat() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let seconds = Int64.random(in: -2_000_000_000...253_402_300_799, using: &generator)
            let text = AuditLog.timestamp(seconds: seconds, milliseconds: 7)
            #expect(AuditFilter.isoTime(text).map { $0.0 } == seconds, "\(text)")
            #expect(AuditFilter.isoTime(text).map { $0.1 } == 7, "\(text)")
        }
    }
}
