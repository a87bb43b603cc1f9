import Foundation
import TestSupport
import Testing

@testable import Worktrees

@Suite struct RemoveTests {
    /// The proof: links to the main checkout's `node_modules` and `.venv`, to a folder outside
    /// the repository, a link loop and a link to `/` in the worktree; after the removal every
    /// file outside the worktree is byte-identical.
    @Test func removalNeverReachesThroughALink() throws {
        let project = try Project()
        let repository = try project.repository()
        let added = try repository.add(
            AddRequest(name: "agent", branch: "feat/1-agent", link: ["node_modules", ".venv"], copy: [".env"]))
        let path = added.manifest.path
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: path + "/outside", withDestinationPath: project.outside)
        try fm.createSymbolicLink(atPath: path + "/loop", withDestinationPath: path + "/loop")
        try fm.createSymbolicLink(atPath: path + "/slash", withDestinationPath: "/")
        try fm.createDirectory(atPath: path + "/deep/er", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: path + "/deep/er/keep", withDestinationPath: project.outside + "/keep.txt")
        try fm.createSymbolicLink(atPath: path + "/deep/er/modules", withDestinationPath: "../../node_modules")
        try Data("scratch\n".utf8).write(to: URL(fileURLWithPath: path + "/deep/er/notes.txt"))
        let before = Project.snapshot(project.box.path, skipping: [path, project.box.home])

        // Untracked links and files are work at risk: refused, nothing touched.
        #expect(throws: WorktreeError.self) { try repository.remove("agent") }
        #expect(fm.fileExists(atPath: path + "/deep/er/notes.txt"))

        let result = try repository.remove("agent", force: true)
        #expect(result.linksUnlinked == 7)
        #expect(!fm.fileExists(atPath: path))
        let after = Project.snapshot(project.box.path, skipping: [path, project.box.home])
        for (file, value) in before where !file.contains("/.git/") {
            #expect(after[file] == value, "\(file) changed")
        }
        #expect(fm.fileExists(atPath: "/bin/sh"))
        #expect(try project.git("worktree", "list", "--porcelain").components(separatedBy: "worktree ").count == 2)
        #expect(try project.git("rev-parse", "refs/ward/trash/feat/1-agent") == project.git("rev-parse", "main"))
        #expect(!fm.fileExists(atPath: project.worktreesRoot + "/.ward-trash"))
    }

    /// A worktree whose `.git` names another admin entry: nothing is deleted.
    @Test func aGitFileThatPointsElsewhereDeletesNothing() throws {
        let project = try Project()
        let repository = try project.repository()
        let one = try repository.add(AddRequest(name: "one", branch: "feat/1-one", link: ["node_modules"]))
        let two = try repository.add(AddRequest(name: "two", branch: "feat/2-two"))
        try Data("gitdir: \(project.root)/.git/worktrees/two\n".utf8).write(
            to: URL(fileURLWithPath: one.manifest.path + "/.git"))
        let before = Project.snapshot(project.box.path, skipping: [project.box.home])
        #expect {
            try repository.remove("one", force: true)
        } throws: { error in
            (error as? WorktreeError)?.rule == "worktree-admin-mismatch"
        }
        #expect(Project.snapshot(project.box.path, skipping: [project.box.home]) == before)
        #expect(FileManager.default.fileExists(atPath: two.manifest.path + "/file.txt"))
    }

    @Test func dirtyOrUnpushedWorkRefusesWithoutForce() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        try Data("changed\n".utf8).write(to: URL(fileURLWithPath: path + "/file.txt"))
        #expect {
            try repository.remove("w")
        } throws: { error in
            (error as? WorktreeError)?.rule == "worktree-unsaved-work" && "\(error)".contains("1 unstaged")
        }
        _ = try project.git("commit", "-q", "-am", "feat: work", in: path)
        let tip = try project.git("rev-parse", "HEAD", in: path)
        #expect {
            try repository.remove("w")
        } throws: { error in
            "\(error)".contains("1 commit on no other branch or remote")
        }
        // Pushed (here: another branch has it): removable, and the branch kept.
        _ = try project.git("branch", "backup", tip)
        let removed = try repository.remove("w")
        #expect(removed.savedRef == nil && !removed.deletedBranch)
        #expect(try project.git("rev-parse", "feat/1-w") == tip)
    }

    @Test func forceSavesTheTipAndDeleteBranchDeletesOnlyAnUnchangedTip() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        try Data("new\n".utf8).write(to: URL(fileURLWithPath: path + "/new.txt"))
        _ = try project.git("add", "new.txt", in: path)
        _ = try project.git("commit", "-q", "-m", "feat: unpushed", in: path)
        let tip = try project.git("rev-parse", "HEAD", in: path)
        let removed = try repository.remove("w", force: true, deleteBranch: true)
        #expect(removed.savedRef == "refs/ward/trash/feat/1-w" && removed.deletedBranch)
        #expect(try project.git("rev-parse", "refs/ward/trash/feat/1-w") == tip)
        #expect(try project.git("branch", "--list", "feat/1-w") == "")
    }

    @Test func deleteBranchDeletesTheRecordedBranchNotTheOneCheckedOutNow() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        _ = try project.git("switch", "-q", "-c", "feat/2-other", in: path)
        _ = try project.git("commit", "-q", "--allow-empty", "-m", "feat: other work", in: path)
        let other = try project.git("rev-parse", "HEAD", in: path)
        let removed = try repository.remove("w", force: true, deleteBranch: true)
        #expect(removed.deletedBranch && removed.branch == "feat/1-w")
        #expect(try project.git("branch", "--list", "feat/1-w") == "")
        #expect(try project.git("rev-parse", "feat/2-other") == other)
        #expect(try project.git("rev-parse", "refs/ward/trash/feat/2-other") == other)
    }

    @Test func aBranchMovedDuringRemovalIsKept() throws {
        let project = try Project()
        let repository = try project.repository()
        _ = try repository.add(AddRequest(name: "w", branch: "feat/1-w"))
        // Stop after the rename, move the branch, then let prune complete the removal.
        _ = try repository.remove("w", force: true, deleteBranch: true, stopAfter: .renamed)
        _ = try project.git("update-ref", "refs/heads/feat/1-w", project.git("rev-parse", "main~1"))
        let pruned = try repository.prune()
        #expect(pruned.completed.count == 1)
        #expect(try project.git("branch", "--list", "feat/1-w") != "")
    }

    @Test func refusesTheMainWorktreeTheCurrentDirectoryAndALockedOne() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        #expect(throws: WorktreeError.self) { try repository.remove(project.root, force: true) }
        try FileManager.default.createDirectory(atPath: path + "/sub", withIntermediateDirectories: true)
        let inside = try project.repository(in: path + "/sub")
        #expect {
            try inside.remove("w", force: true)
        } throws: { error in
            (error as? WorktreeError)?.rule == "worktree-current-directory"
        }
        _ = try project.git("worktree", "lock", "--reason", "agent running", path)
        #expect {
            try repository.remove("w", force: true)
        } throws: { error in
            (error as? WorktreeError)?.rule == "worktree-locked" && "\(error)".contains("agent running")
        }
        #expect(FileManager.default.fileExists(atPath: path + "/file.txt"))
    }

    @Test func refusesAWorktreeOutsideTheRootOrReachedThroughALink() throws {
        let project = try Project()
        let repository = try project.repository()
        _ = try project.git("worktree", "add", "-q", "-b", "feat/1-plain", project.box.absolute("plain"))
        #expect {
            try repository.remove("plain", force: true)
        } throws: { error in
            (error as? WorktreeError)?.rule == "worktree-outside-root"
        }
        #expect(FileManager.default.fileExists(atPath: project.box.absolute("plain/file.txt")))
    }

    /// A removal killed after any phase is completed by the next prune (or remove): the folder,
    /// the trash and the admin entry are gone, and nothing outside lost a byte.
    @Test(arguments: [
        WorktreeRepository.RemovalPhase.renamed, .adminPruned, .linksUnlinked, .deleted,
    ])
    func anInterruptedRemovalIsCompletedByTheNextPrune(phase: WorktreeRepository.RemovalPhase) throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w", link: ["node_modules", ".venv"]))
            .manifest.path
        try FileManager.default.createSymbolicLink(atPath: path + "/out", withDestinationPath: project.outside)
        let before = Project.snapshot(project.box.path, skipping: [path, project.box.home])
        _ = try repository.remove("w", force: true, deleteBranch: true, stopAfter: phase)
        let pruned = try repository.prune()
        #expect(pruned.completed == ["completed the interrupted removal of w"])
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: project.worktreesRoot + "/.ward-trash")) == nil)
        #expect(!FileManager.default.fileExists(atPath: project.root + "/.git/worktrees/w"))
        #expect(try project.git("branch", "--list", "feat/1-w") == "")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: project.root + "/.git/ward/removals")) == [])
        let after = Project.snapshot(project.box.path, skipping: [path, project.box.home])
        for (file, value) in before where !file.contains("/.git/") { #expect(after[file] == value, "\(file)") }
    }

    @Test func aRemovalKilledBeforeTheRenameLeavesTheWorktreeIntact() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        _ = try repository.remove("w", force: true, deleteBranch: false, stopAfter: .journaled)
        let pruned = try repository.prune()
        #expect(pruned.completed.first?.contains("intact") == true)
        #expect(FileManager.default.fileExists(atPath: path + "/file.txt"))
        _ = try repository.remove("w")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Whether this process may mount a tmpfs (root in CI containers): tried once, on a scratch folder.
    static let canMount: Bool = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ward-mount-\(UUID().uuidString)").path
        guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil else {
            return false
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard (try? runProcess("mount", ["-t", "tmpfs", "ward-probe", dir], cwd: "/").status) == 0 else { return false }
        _ = try? runProcess("umount", [dir], cwd: "/")
        return true
    }()

    /// A tmpfs and a bind mount of the main checkout's node_modules inside the worktree: the
    /// removal refuses and nothing is deleted, on either side of the mounts. Needs the right to
    /// mount (root in CI containers); where `mount` is refused the test is reported as skipped.
    @Test(.enabled(if: canMount, "needs the right to mount")) func aMountPointInsideRefusesTheRemoval() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        let fm = FileManager.default
        try fm.createDirectory(atPath: path + "/scratch", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: path + "/modules", withIntermediateDirectories: true)
        func run(_ args: [String]) -> Bool {
            (try? runProcess(args[0], Array(args.dropFirst()), cwd: project.box.path).status) == 0
        }
        try #require(run(["mount", "-t", "tmpfs", "ward-test", path + "/scratch"]))
        defer { _ = run(["umount", path + "/scratch"]) }
        try Data("on tmpfs\n".utf8).write(to: URL(fileURLWithPath: path + "/scratch/kept.txt"))
        #expect {
            try repository.remove("w", force: true)
        } throws: { error in
            (error as? WorktreeError)?.rule == "worktree-mount-point"
        }
        #expect(fm.fileExists(atPath: path + "/scratch/kept.txt") && fm.fileExists(atPath: path + "/file.txt"))
        _ = run(["umount", path + "/scratch"])
        // A bind mount has the same device as its source: found through /proc/self/mountinfo.
        try #require(run(["mount", "--bind", project.root + "/node_modules", path + "/modules"]))
        defer { _ = run(["umount", path + "/modules"]) }
        #expect {
            try repository.remove("w", force: true)
        } throws: { error in
            (error as? WorktreeError)?.rule == "worktree-mount-point"
        }
        #expect(fm.fileExists(atPath: project.root + "/node_modules/left-pad/index.js"))
        #expect(fm.fileExists(atPath: path + "/file.txt"))
    }

    @Test func aTrashFolderThatIsALinkRefusesTheRemoval() throws {
        let project = try Project()
        let repository = try project.repository()
        let path = try repository.add(AddRequest(name: "w", branch: "feat/1-w")).manifest.path
        try FileManager.default.createSymbolicLink(
            atPath: project.worktreesRoot + "/.ward-trash", withDestinationPath: project.outside)
        let before = Project.snapshot(project.box.path, skipping: [project.box.home])
        #expect {
            try repository.remove("w", force: true)
        } throws: { error in
            (error as? WorktreeError)?.rule == "worktree-trash"
        }
        #expect(FileManager.default.fileExists(atPath: path + "/file.txt"))
        let after = Project.snapshot(project.box.path, skipping: [project.box.home])
        for (file, value) in before where !file.contains("/.git/") { #expect(after[file] == value, "\(file)") }
    }

    @Test func theKernelsMountTableIsReadAndUnescaped() throws {
        #expect(Teardown.unescapeMountField("/a\\040b/c") == "/a b/c")
        // /proc is a mount point wherever /proc/self/mountinfo can be read at all.
        try #require(FileManager.default.isReadableFile(atPath: "/proc/self/mountinfo"))
        #expect(Teardown.mountPoints(under: "/proc").contains("/proc"))
    }
}
