import Foundation
import Policy
import TestSupport
import Testing

@testable import Worktrees

@Suite struct LifecycleTests {
    @Test func listShowsHealthAndTheRepairForEachProblem() throws {
        let project = try Project()
        let repository = try project.repository()
        let a = try repository.add(AddRequest(name: "a", branch: "feat/1-a", link: ["node_modules"], copy: [".env"]))
        let b = try repository.add(AddRequest(name: "b", branch: "feat/2-b"))
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: a.manifest.path + "/untracked.txt"))
        try FileManager.default.removeItem(atPath: a.manifest.path + "/node_modules")
        try FileManager.default.removeItem(atPath: a.manifest.path + "/.env")
        _ = try project.git("commit", "-q", "--allow-empty", "-m", "feat: ahead", in: b.manifest.path)
        let all = repository.list()
        #expect(all.map(\.name) == ["(main)", "a", "b"])
        let healthA = try #require(all.first { $0.name == "a" })
        #expect(healthA.untracked == 1 && healthA.staged == 0 && !healthA.linksIntact && !healthA.envFilesPresent)
        #expect(healthA.problems.map(\.rule).sorted() == ["worktree-env-missing", "worktree-link-broken"])
        #expect(healthA.problems.contains { $0.repair == "ward worktree repair" })
        let healthB = try #require(all.first { $0.name == "b" })
        #expect(healthB.ahead == 1 && healthB.behind == 0 && healthB.problems.isEmpty)
        // repair re-creates the link the manifest records.
        let repaired = try repository.repair(paths: [])
        #expect(repaired.contains { $0.contains("re-linked") })
        #expect(repository.list().first { $0.name == "a" }?.linksIntact == true)
    }

    @Test func branchTipsAreReadFromLooseAndPackedRefsAsGitReadsThem() throws {
        let project = try Project()
        let repository = try project.repository()
        let a = try repository.add(AddRequest(name: "a", branch: "feat/1-a")).manifest.path
        _ = try repository.add(AddRequest(name: "b", branch: "feat/2-b"))
        _ = try project.git("commit", "-q", "--allow-empty", "-m", "feat: a", in: a)
        _ = try project.git("pack-refs", "--all")
        _ = try project.git("commit", "-q", "--allow-empty", "-m", "feat: a again", in: a)
        for entry in repository.entries() {
            #expect(entry.head == (try project.git("rev-parse", "refs/heads/" + (entry.branch ?? ""))))
        }
        #expect(repository.branchCommit("feat/9-none") == nil)
    }

    @Test func repairFixesTheLinksOfAMovedWorktree() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        let moved = project.worktreesRoot + "/w-moved"
        try FileManager.default.moveItem(atPath: path, toPath: moved)
        #expect(repository.list().first { $0.name == "w" }?.prunable == true)
        _ = try repository.repair(paths: [moved])
        let entry = try repository.entry(named: "w")
        #expect(entry.path == moved && entry.manifest?.path == moved)
        #expect(repository.list().first { $0.name == "w" }?.problems.isEmpty == true)
        // And the moved worktree is removable: its links agree again.
        _ = try repository.remove("w")
        #expect(!FileManager.default.fileExists(atPath: moved))
    }

    @Test func listReportsAGitFileThatDoesNotPointBack() throws {
        let project = try Project()
        let repository = try project.repository()
        let one = try repository.add(AddRequest(name: "one", branch: "feat/1-one")).manifest.path
        _ = try repository.add(AddRequest(name: "two", branch: "feat/2-two"))
        try Data("gitdir: \(project.root)/.git/worktrees/two\n".utf8).write(to: URL(fileURLWithPath: one + "/.git"))
        let health = try #require(repository.list().first { $0.name == "one" })
        #expect(
            health.problems.contains {
                $0.rule == "worktree-admin-mismatch" && $0.repair.hasPrefix("ward worktree repair")
            })
    }

    @Test func aVanishedFolderIsPrunableAndPruneDropsItsEntry() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "gone", branch: "feat/1-gone")).manifest.path
        try FileManager.default.removeItem(atPath: path)
        let health = try #require(repository.list().first { $0.name == "gone" })
        #expect(health.prunable && health.problems.first?.repair == "ward worktree prune")
        let pruned = try repository.prune()
        #expect(pruned.prunedEntries == ["gone"])
        #expect(repository.entries().isEmpty)
    }

    @Test func orphansAreReportedAndOnlyMovedWithTheOrphansOption() throws {
        let project = try Project()
        let repository = try project.repository()
        _ = try repository.add(AddRequest(name: "kept", branch: "feat/1-kept"))
        try project.box.write("repo.worktrees/stray/notes.txt", "mine\n")
        let report = try repository.prune()
        #expect(report.orphans == [project.worktreesRoot + "/stray"])
        #expect(FileManager.default.fileExists(atPath: project.worktreesRoot + "/stray/notes.txt"))
        let moved = try repository.prune(orphans: true)
        let target = try #require(moved.movedOrphans[project.worktreesRoot + "/stray"])
        #expect(try String(contentsOfFile: target + "/notes.txt", encoding: .utf8) == "mine\n")
        #expect(FileManager.default.fileExists(atPath: project.worktreesRoot + "/kept/file.txt"))
    }

    @Test func pruneMergedRemovesSquashMergedBranchesAndSaysWhatItKept() throws {
        let project = try Project()
        let repository = try project.repository()
        let squashed = try repository.add(AddRequest(name: "squashed", branch: "feat/1-squashed")).manifest.path
        let open = try repository.add(AddRequest(name: "open", branch: "feat/2-open")).manifest.path
        let fresh = try repository.add(AddRequest(name: "fresh", branch: "feat/3-fresh")).manifest.path
        for n in 1...2 {
            try Data("change \(n)\n".utf8).write(to: URL(fileURLWithPath: squashed + "/feature.txt"))
            _ = try project.git("add", "feature.txt", in: squashed)
            _ = try project.git("commit", "-q", "-m", "feat: step \(n)", in: squashed)
        }
        try Data("other\n".utf8).write(to: URL(fileURLWithPath: open + "/other.txt"))
        _ = try project.git("add", "other.txt", in: open)
        _ = try project.git("commit", "-q", "-m", "feat: open work", in: open)
        // Squash-merge the first branch into main.
        _ = try project.git("merge", "-q", "--squash", "feat/1-squashed")
        _ = try project.git("commit", "-q", "-m", "feat: squashed (#1)")
        let result = try repository.prune(merged: true)
        #expect(result.removed.map(\.name) == ["squashed"])
        #expect(result.removed.first?.deletedBranch == true)
        #expect(!FileManager.default.fileExists(atPath: squashed))
        #expect(Set(result.kept.map(\.name)) == ["open", "fresh"])
        #expect(result.kept.contains { $0.reason.contains("not merged") })
        #expect(FileManager.default.fileExists(atPath: open + "/other.txt"))
        #expect(FileManager.default.fileExists(atPath: fresh + "/file.txt"))
    }

    @Test func squashMergeFollowedByMoreChangesIsFoundByPatchID() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        try Data("feature\n".utf8).write(to: URL(fileURLWithPath: path + "/feature.txt"))
        _ = try project.git("add", "feature.txt", in: path)
        _ = try project.git("commit", "-q", "-m", "feat: feature", in: path)
        _ = try project.git("merge", "-q", "--squash", "feat/1-w")
        _ = try project.git("commit", "-q", "-m", "feat: feature (#1)")
        try project.box.write("repo/feature.txt", "feature\nmore\n")
        _ = try project.git("commit", "-q", "-am", "feat: more")
        let result = try repository.prune(merged: true)
        #expect(result.removed.first?.notes.first?.contains("patch id") == true)
    }

    @Test func finishSaysWhatIsMissingAndNeverTouchesTheWorktree() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        var result = try repository.finish("w")
        #expect(!result.ready)
        #expect(result.report.findings.contains { $0.ruleID == "worktree-no-commits" && $0.decision == .deny })
        try Data("content 0\nmine\n".utf8).write(to: URL(fileURLWithPath: path + "/file.txt"))
        _ = try project.git("commit", "-q", "-am", "feat: change the file", "-m", "Refs #1", in: path)
        result = try repository.finish("w")
        #expect(result.ready, "\(result.report.findings.map(\.message))")
        // The base moves on with a conflicting change: not ready, and the worktree untouched.
        try project.box.write("repo/file.txt", "content 0\ntheirs\n")
        _ = try project.git("commit", "-q", "-am", "feat: conflicting change")
        let head = try project.git("rev-parse", "HEAD", in: path)
        result = try repository.finish("w")
        #expect(!result.ready)
        #expect(result.report.findings.contains { $0.ruleID == "worktree-base" && $0.message.contains("file.txt") })
        #expect(try project.git("rev-parse", "HEAD", in: path) == head)
        #expect(try project.git("status", "--porcelain", in: path) == "")
        // Uncommitted work and a message that breaks the contract.
        try Data("dirty\n".utf8).write(to: URL(fileURLWithPath: path + "/dirty.txt"))
        _ = try project.git("commit", "-q", "--allow-empty", "-m", "bad message", in: path)
        result = try repository.finish("w")
        #expect(result.report.findings.contains { $0.ruleID == "worktree-uncommitted" && $0.decision == .deny })
        #expect(result.report.findings.contains { $0.ruleID == "worktree-contracts" && $0.decision == .deny })
    }

    @Test func finishRunsThePrePushGates() throws {
        let project = try Project()
        try project.box.write(
            "repo/ward.json", "{\"gates\": {\"always-fails\": {\"run\": \"false\", \"stages\": [\"pre-push\"]}}}")
        _ = try project.git("add", "ward.json")
        _ = try project.git("commit", "-q", "-m", "chore: gates")
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        try Data("work\n".utf8).write(to: URL(fileURLWithPath: path + "/work.txt"))
        _ = try project.git("add", "work.txt", in: path)
        _ = try project.git("commit", "-q", "-m", "feat: work", "-m", "Refs #1", in: path)
        let result = try repository.finish("w", push: true)
        #expect(!result.ready && result.pushed == nil)
        #expect(result.report.findings.contains { $0.ruleID == "worktree-gates" && $0.decision == .deny })
    }

    @Test func finishPushesWithUpstreamWhenReady() throws {
        let project = try Project()
        let remote = try project.box.makeBareRepository()
        _ = try project.git("remote", "add", "origin", remote)
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        _ = try project.git("commit", "-q", "--allow-empty", "-m", "feat: work", "-m", "Refs #1", in: path)
        let result = try repository.finish("w", push: true)
        #expect(result.ready && result.pushed == "origin/feat/1-w")
        #expect(try project.git("rev-parse", "feat/1-w", in: remote) == project.git("rev-parse", "HEAD", in: path))
        #expect(try project.git("rev-parse", "--abbrev-ref", "@{upstream}", in: path) == "origin/feat/1-w")
    }

    @Test(
        arguments: [
            ("{\"worktrees\": {\"root\": \"../x\", \"link\": [\"node_modules\"]}}", nil),
            ("{\"worktrees\": {\"roots\": \"../x\"}}", "unknown key 'roots' (did you mean 'root'?)"),
            ("{\"worktrees\": {\"link\": [\"/abs\"]}}", "expected a folder inside the repository"),
            ("{\"worktrees\": {\"lock\": \"yes\"}}", "expected a boolean"),
        ] as [(String, String?)])
    func theWorktreesPolicyKeyIsValidated(text: String, error: String?) {
        var errors: [PolicyError] = []
        _ = PolicyParser.parse(text, file: "ward.json", kind: .repository, errors: &errors)
        if let error {
            #expect(errors.count == 1 && errors.first?.description.contains(error) == true, "\(errors)")
        } else {
            #expect(errors.isEmpty, "\(errors)")
        }
    }
}
