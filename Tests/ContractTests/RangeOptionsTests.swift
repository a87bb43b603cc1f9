import Foundation
import TestSupport
import Testing

/// `ward check range` as CI runs it: `--only`, `--json` with every commit, `--max-walk`, ranges
/// from the root; and `ward check message --cwd` with several files. Real repositories, the built binary.
@Suite struct RangeOptionsTests {
    static func objects(_ stdout: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    }

    @Test func onlyMessagesLeavesTheScopeOut() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("switch", "-q", "-c", "topic")
        try FileManager.default.createDirectory(atPath: repo.root + "/.claude", withIntermediateDirectories: true)
        try repo.commitUnchecked("chore: share the agent settings", file: ".claude/settings.json")
        let messages = try repo.ward(["check", "range", "--only", "messages", "main..HEAD"])
        #expect(messages.status == 0, "\(messages.stdout)\(messages.stderr)")
        let scope = try repo.ward(["check", "range", "--only", "scope", "--json", "main..HEAD"])
        let json = try Self.objects(scope.stdout)
        #expect((json["checked"] as? Int) == 0)
        #expect((json["commits"] as? [Any])?.isEmpty == true)
        let bad = try repo.ward(["check", "range", "--only", "mesages", "main..HEAD"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("found 'mesages' (did you mean 'messages'?)"))
    }

    @Test func jsonListsEveryCommitWithItsStatus() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("switch", "-q", "-c", "topic")
        try repo.commitUnchecked("feat: a good one")
        try repo.commitUnchecked("Bad one.")
        try repo.commitUnchecked("v2.0.0 [SKIP CI]")
        try repo.git("switch", "-q", "main")
        try repo.commitUnchecked("fix: on main")
        try repo.git("merge", "-q", "--no-ff", "--no-edit", "topic")
        let result = try repo.ward(["check", "range", "--only", "messages", "--json", "origin/main..HEAD"])
        #expect(result.status == 1)
        let json = try Self.objects(result.stdout)
        let commits = try #require(json["commits"] as? [[String: Any]])
        let statuses = Dictionary(
            uniqueKeysWithValues: commits.compactMap { c in
                (c["header"] as? String).map { ($0, c["status"] as? String ?? "") }
            })
        #expect(
            statuses == [
                "Merge branch 'topic'": "ignored: merge commit", "v2.0.0 [SKIP CI]": "ignored: version commit",
                "Bad one.": "failed", "feat: a good one": "ok", "fix: on main": "ok",
            ])
        #expect(commits.allSatisfy { ($0["commit"] as? String)?.count == 40 })
    }

    /// Stored messages git can hold and commitlint reads from history without linting them: an
    /// empty message and a version commit with CRLF line ends are ignored, in a real repository.
    @Test func emptyAndCRLFVersionMessagesAreIgnoredInHistory() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("switch", "-q", "-c", "topic")
        try repo.git("commit", "-q", "--no-verify", "--allow-empty", "--allow-empty-message", "-m", "")
        try repo.git(
            "commit", "-q", "--no-verify", "--allow-empty", "--cleanup=verbatim", "-m", "2.4.0\r\n\r\nnotes\r\n")
        try repo.git("commit", "-q", "--no-verify", "--allow-empty", "-m", "gpg: signed\n\nfix: the header")
        let result = try repo.ward(["check", "range", "--only", "messages", "--json", "main..HEAD"])
        let json = try Self.objects(result.stdout)
        let commits = try #require(json["commits"] as? [[String: Any]])
        #expect(
            commits.compactMap { $0["status"] as? String } == [
                "failed", "ignored: version commit", "ignored: empty message",
            ], "\(result.stdout)")
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["rule"] as? String }.contains("header-max-length"))
        #expect(result.status == 1)
    }

    @Test func walksFromTheRootAndStopsAtMaxWalk() throws {
        let repo = try HookRepository.make()
        for i in 1...4 { try repo.commitUnchecked("feat: step \(i)") }
        let all = try repo.ward(["check", "range", "--root", "--only", "messages", "--json"])
        let json = try Self.objects(all.stdout)
        // The sandbox's first commit ("commit 1") fails the contract: from the root it is walked.
        #expect((json["commits"] as? [Any])?.count == 5)
        #expect(all.status == 1)
        let empty = try repo.ward(["check", "range", "--only", "messages", "..HEAD"])
        #expect(empty.stdout.hasPrefix("ward: 5 commits checked in HEAD from the root"))
        let limited = try repo.ward(["check", "range", "--root", "--max-walk", "2", "--only", "messages"])
        #expect(limited.status == 0, "\(limited.stdout)")
        #expect(limited.stdout.contains("ward: 2 commits checked"))
        #expect(limited.stdout.contains("commit-walk-limit"))
        #expect(try repo.ward(["check", "range", "--max-walk", "0", "--root"]).status == 2)
        #expect(try repo.ward(["check", "range", "--root", "main..HEAD"]).status == 2)
    }

    @Test func checkMessageTakesCwdAndSeveralFiles() throws {
        let repo = try HookRepository.make()
        guard writeFile(repo.root + "/ward.json", #"{"commits": {"rules": {"subject-full-stop": "off"}}}"#) else {
            throw TestSupportError("cannot write ward.json")
        }
        let good = repo.directory.appending("good.txt")
        let bad = repo.directory.appending("bad.txt")
        guard writeFile(good, "fix: fine.\n"), writeFile(bad, "nope\n") else { throw TestSupportError("write") }
        // From outside the repository, --cwd takes its policy: the full stop is allowed there.
        let elsewhere = try repo.sandbox.run(
            try Binaries.ward, ["check", "message", "--cwd", repo.root, good], in: repo.directory.path)
        #expect(elsewhere.status == 0, "\(elsewhere.stdout)\(elsewhere.stderr)")
        let both = try repo.ward(["check", "message", "--json", "-F", good, "-F", bad])
        #expect(both.status == 1)
        let reports = try #require(JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [[String: Any]])
        #expect(reports.map { $0["ok"] as? Bool } == [true, false])
        let text = try repo.ward(["check", "message", good, bad])
        #expect(text.stdout.contains("ward: \(good): message passes"))
        #expect(text.stdout.contains("ward: \(bad): 2 errors"))
        let notAFile = try repo.ward(["check", "message", good, "fix: x"])
        #expect(notAFile.status == 2)
    }
}
