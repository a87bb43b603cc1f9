import Foundation
import TestSupport
import Testing

@testable import Git

@Suite struct RepositoryTests {
    @Test func opensFromASubdirectory() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        try FileManager.default.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        let repository = try #require(try Repository.open(at: root + "/a/b"))
        #expect(repository.workDirectory == root)
        #expect(repository.gitDirectory == root + "/.git")
        #expect(repository.commonDirectory == root + "/.git")
        #expect(!repository.isBare)
        #expect(!repository.isLinkedWorktree)
    }

    @Test func findsNothingOutsideARepository() throws {
        let scratch = try GitSandbox()
        let parent = URL(fileURLWithPath: scratch.path).deletingLastPathComponent().path
        #expect(try Repository.open(at: scratch.path, ceilingDirectories: [parent]) == nil)
    }

    @Test func opensABareRepository() throws {
        let scratch = try GitSandbox()
        try scratch.git("init", "-q", "--bare", "-b", "main", "bare.git")
        let repository = try #require(try Repository.open(at: scratch.path + "/bare.git"))
        #expect(repository.isBare)
        #expect(repository.workDirectory == nil)
        #expect(repository.gitDirectory == scratch.path + "/bare.git")
        #expect(try repository.head == .unborn(branch: "main"))
    }

    @Test func opensALinkedWorktree() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository(worktrees: [.init("wt", branch: "feat/1-x")])
        let repository = try #require(try Repository.open(at: scratch.path + "/wt"))
        #expect(repository.isLinkedWorktree)
        #expect(repository.workDirectory == scratch.path + "/wt")
        #expect(repository.gitDirectory == root + "/.git/worktrees/wt")
        #expect(repository.commonDirectory == root + "/.git")
        #expect(try repository.head.branchName == "feat/1-x")
    }

    @Test func opensFromGitDirAndWorkTreeAsAHookDoes() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository(worktrees: [.init("wt", branch: "feat/2-y")])
        let repository = try Repository.open(gitDir: root + "/.git/worktrees/wt", workTree: scratch.path + "/wt")
        #expect(repository.workDirectory == scratch.path + "/wt")
        #expect(repository.commonDirectory == root + "/.git")
        #expect(try repository.head.branchName == "feat/2-y")

        let main = try Repository.open(gitDir: root + "/.git", workTree: root)
        #expect(main.workDirectory == root)
        #expect(try main.head.branchName == "main")
    }

    @Test func reportsAnUnbornHead() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository(branch: "trunk", commits: [])
        let repository = try #require(try Repository.open(at: root))
        let head = try repository.head
        #expect(head == .unborn(branch: "trunk"))
        #expect(head.commit == nil)
    }

    @Test func reportsABranchAndADetachedHead() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository(commits: ["one", "two"])
        let tip = try scratch.git("rev-parse", "HEAD", in: "repo")
        let repository = try #require(try Repository.open(at: root))
        #expect(try repository.head == .branch(name: "main", commit: try #require(ObjectID(hex: tip))))

        try scratch.git("checkout", "-q", "--detach", "HEAD~1", in: "repo")
        let parent = try scratch.git("rev-parse", "HEAD", in: "repo")
        let detached = try #require(try Repository.open(at: root))
        #expect(try detached.head == .detached(try #require(ObjectID(hex: parent))))
        #expect(try detached.head.branchName == nil)
    }

    @Test func readsConfigValues() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        try scratch.git("config", "ward.greeting", "hello world", in: "repo")
        try scratch.git("config", "ward.enabled", "yes", in: "repo")
        try scratch.git("config", "ward.broken", "maybe", in: "repo")
        let config = try #require(try Repository.open(at: root)).config()
        #expect(try config.string("ward.greeting") == "hello world")
        #expect(try config.string("ward.missing") == nil)
        #expect(try config.bool("ward.enabled") == true)
        #expect(try config.bool("core.bare") == false)
        #expect(try config.bool("ward.missing") == nil)
        #expect(throws: GitError.self) { try config.bool("ward.broken") }
    }

    @Test func resolvesRevisionsAndAncestry() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository(commits: ["one", "two"])
        try scratch.git("switch", "-q", "-c", "feat", "HEAD~1", in: "repo")
        try scratch.write("repo/other.txt", "x\n")
        try scratch.git("add", "other.txt", in: "repo")
        try scratch.git("commit", "-q", "-m", "three", in: "repo")
        let repository = try #require(try Repository.open(at: root))

        let one = try repository.resolve("main~1")
        let two = try repository.resolve("main")
        let three = try repository.resolve("feat")
        #expect(one.hex == (try scratch.git("rev-parse", "main~1", in: "repo")))
        #expect(try repository.resolve(String(two.hex.prefix(10))) == two)
        #expect(try repository.isDescendant(two, of: one))
        #expect(try !repository.isDescendant(one, of: two))
        #expect(try !repository.isDescendant(two, of: three))
        #expect(try repository.mergeBase(two, three) == one)
        #expect(try repository.localBranches() == ["feat", "main"])

        let error = try #require(throws: GitError.self) { try repository.resolve("no-such-branch") }
        #expect(error.code == .notFound)
        #expect(error.function == "git_revparse_single")
    }

    @Test func findsNoMergeBaseBetweenUnrelatedHistories() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        try scratch.git("switch", "-q", "--orphan", "other", in: "repo")
        try scratch.write("repo/file.txt", "other\n")
        try scratch.git("add", "file.txt", in: "repo")
        try scratch.git("commit", "-q", "-m", "unrelated", in: "repo")
        let repository = try #require(try Repository.open(at: root))
        #expect(try repository.mergeBase(repository.resolve("main"), repository.resolve("other")) == nil)
    }
}
