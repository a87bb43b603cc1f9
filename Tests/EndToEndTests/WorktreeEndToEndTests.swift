import Foundation
import TestSupport
import Testing

/// `ward worktree …` through the front binary (forwarded to ward-git), with `--json`.
@Suite struct WorktreeEndToEndTests {
    func object(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any])
    }

    @Test func addsSeveralIssuesAtOnceListsAndRemovesThemAsJSON() throws {
        let box = try Sandbox(branch: "main")
        let added = try box.ward([
            "worktree", "add", "--issue", "510", "--title", "Fix login crash", "--issue", "511", "--title",
            "Dark mode", "--json",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let report = try object(added)
        #expect(report["ok"] as? Bool == true && report["checkpoint"] as? String == "worktree")
        let worktrees = try #require(report["worktrees"] as? [[String: Any]])
        #expect(worktrees.map { $0["branch"] as? String } == ["fix/510-fix-login-crash", "feat/511-dark-mode"])
        #expect(worktrees.map { $0["name"] as? String } == ["510-fix-login-crash", "511-dark-mode"])
        let root = box.git.absolute("repo.worktrees")
        #expect(FileManager.default.fileExists(atPath: root + "/511-dark-mode/file.txt"))

        let list = try box.ward(["worktree", "list", "--json"])
        #expect(list.status == 0, "\(list.stdout)")
        let listed = try #require(try object(list)["worktrees"] as? [[String: Any]])
        #expect(listed.count == 3 && listed.first?["main"] as? Bool == true)

        let removed = try box.ward(["worktree", "remove", "511-dark-mode", "--delete-branch", "--json"])
        #expect(removed.status == 0, "\(removed.stdout) \(removed.stderr)")
        #expect(try object(removed)["ok"] as? Bool == true)
        #expect(!FileManager.default.fileExists(atPath: root + "/511-dark-mode"))
    }

    @Test func aRefusalExitsOneWithItsRuleAndABadNameExitsTwo() throws {
        let box = try Sandbox(branch: "main")
        #expect(try box.ward(["worktree", "add", "w", "--branch", "feat/1-w"]).status == 0)
        box.write("../repo.worktrees/w/dirty.txt", "work\n")
        let refused = try box.ward(["worktree", "remove", "w", "--json"])
        #expect(refused.status == 1)
        let findings = try #require(try object(refused)["findings"] as? [[String: Any]])
        #expect(findings.first?["rule"] as? String == "worktree-unsaved-work")
        let bad = try box.ward(["worktree", "add", "a/escape", "--branch", "feat/2-x"])
        #expect(bad.status == 2 && bad.stderr.contains("one path component"), "\(bad.stderr)")
        // The branch contract applies to --branch.
        let contract = try box.ward(["worktree", "add", "x", "--branch", "whatever"])
        #expect(contract.status == 2 && contract.stderr.contains("branch"), "\(contract.stderr)")
    }
}
