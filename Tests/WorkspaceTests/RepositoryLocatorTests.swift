import Foundation
import TestSupport
import Testing
import Workspace

@Suite struct RepositoryLocatorTests {
    /// Stops the walk at the test's own folder, so a repository around `$TMPDIR` cannot leak in.
    func isolated(_ tmp: TemporaryDirectory, _ extra: [String: String] = [:]) -> [String: String] {
        ["GIT_CEILING_DIRECTORIES": tmp.path].merging(extra) { _, new in new }
    }

    @Test func findsPlainRepositoryFromItsRoot() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        let location = try #require(RepositoryLocator.locate(from: root, environment: isolated(tmp)))
        #expect(location.workTree == root)
        #expect(location.gitDir == root + "/.git")
        #expect(location.commonDir == root + "/.git")
        #expect(!location.isBare)
        #expect(!location.isLinkedWorktree)
        #expect(location.head == .branch("main"))
        #expect(location.branch == "main")
        #expect(location.hooksDir == root + "/.git/hooks")
    }

    @Test func findsRepositoryFromSubdirectory() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try FileManager.default.createDirectory(atPath: root + "/a/b/c", withIntermediateDirectories: true)
        let location = try #require(RepositoryLocator.locate(from: root + "/a/b/c", environment: isolated(tmp)))
        #expect(location.workTree == root)
        #expect(location.gitDir == root + "/.git")
    }

    @Test func findsRepositoryFromDirectoryThatDoesNotExistYet() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        let location = try #require(RepositoryLocator.locate(from: root + "/not/yet", environment: isolated(tmp)))
        #expect(location.workTree == root)
    }

    @Test func resolvesSymlinksToTheRepository() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try FileManager.default.createSymbolicLink(atPath: tmp.appending("link"), withDestinationPath: root)
        let location = try #require(RepositoryLocator.locate(from: tmp.appending("link/"), environment: isolated(tmp)))
        #expect(location.workTree == root)
        #expect(location.gitDir == root + "/.git")
    }

    @Test func findsCommonDirOfLinkedWorktree() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try git("worktree", "add", "-q", "-b", "feat/1-x", "../wt", in: root)
        let worktree = tmp.appending("wt")
        let location = try #require(RepositoryLocator.locate(from: worktree, environment: isolated(tmp)))
        #expect(location.workTree == worktree)
        #expect(location.gitDir == root + "/.git/worktrees/wt")
        #expect(location.commonDir == root + "/.git")
        #expect(location.isLinkedWorktree)
        #expect(!location.isBare)
        #expect(location.head == .branch("feat/1-x"))
        #expect(location.hooksDir == root + "/.git/hooks")
        #expect(try git("rev-parse", "--absolute-git-dir", in: worktree) == location.gitDir)
        #expect(try git("rev-parse", "--path-format=absolute", "--git-common-dir", in: worktree) == location.commonDir)
    }

    @Test func findsLinkedWorktreeFromInsideItsAdminDir() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try git("worktree", "add", "-q", "-b", "feat/2-y", "../wt", in: root)
        let location = try #require(
            RepositoryLocator.locate(from: root + "/.git/worktrees/wt", environment: isolated(tmp)))
        #expect(location.workTree == tmp.appending("wt"))
        #expect(location.isLinkedWorktree)
        #expect(location.branch == "feat/2-y")
    }

    @Test func findsWorkTreeFromInsideTheGitDir() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        let location = try #require(
            RepositoryLocator.locate(from: root + "/.git/refs/heads", environment: isolated(tmp)))
        #expect(location.gitDir == root + "/.git")
        #expect(location.workTree == root)
    }

    @Test func recognisesBareRepository() throws {
        let tmp = try TemporaryDirectory()
        try git("init", "-q", "--bare", "-b", "main", "bare.git", in: tmp.path)
        let bare = tmp.appending("bare.git")
        for start in [bare, bare + "/refs/heads"] {
            let location = try #require(RepositoryLocator.locate(from: start, environment: isolated(tmp)))
            #expect(location.workTree == nil)
            #expect(location.isBare)
            #expect(location.gitDir == bare)
            #expect(location.commonDir == bare)
            #expect(location.head == .unborn("main"))
            #expect(location.hooksDir == bare + "/hooks")
        }
    }

    @Test func findsWorktreeOfBareRepository() throws {
        let tmp = try TemporaryDirectory()
        let source = try makeRepository(in: tmp.path, name: "source")
        try git("clone", "-q", "--bare", source, "bare.git", in: tmp.path)
        let bare = tmp.appending("bare.git")
        try git("worktree", "add", "-q", "../wt", "main", in: bare)
        let location = try #require(RepositoryLocator.locate(from: tmp.appending("wt"), environment: isolated(tmp)))
        #expect(location.workTree == tmp.appending("wt"))
        #expect(location.commonDir == bare)
        #expect(location.gitDir == bare + "/worktrees/wt")
        #expect(location.isLinkedWorktree)
        #expect(!location.isBare)
        #expect(location.head == .branch("main"))
    }

    @Test func honoursGitDirFromTheEnvironment() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        let elsewhere = tmp.appending("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)

        let absolute = try #require(
            RepositoryLocator.locate(from: elsewhere, environment: isolated(tmp, ["GIT_DIR": root + "/.git"])))
        #expect(absolute.gitDir == root + "/.git")
        #expect(absolute.workTree == elsewhere, "git takes the current directory as the work tree")

        let relative = try #require(
            RepositoryLocator.locate(
                from: elsewhere, environment: isolated(tmp, ["GIT_DIR": "../repo/.git", "GIT_WORK_TREE": "../repo"])))
        #expect(relative.gitDir == root + "/.git")
        #expect(relative.workTree == root)

        #expect(RepositoryLocator.locate(from: elsewhere, environment: ["GIT_DIR": elsewhere]) == nil)
    }

    @Test func honoursGitCommonDirFromTheEnvironment() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try git("worktree", "add", "-q", "-b", "other", "../wt", in: root)
        let admin = root + "/.git/worktrees/wt"
        let location = try #require(
            RepositoryLocator.locate(
                from: tmp.appending("wt"),
                environment: isolated(tmp, ["GIT_DIR": admin, "GIT_COMMON_DIR": root + "/.git"])))
        #expect(location.gitDir == admin)
        #expect(location.commonDir == root + "/.git")
        #expect(location.branch == "other")
    }

    @Test func reportsDetachedHead() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path, commits: 2)
        try git("checkout", "-q", "--detach", "HEAD~1", in: root)
        let id = try git("rev-parse", "HEAD", in: root)
        let location = try #require(RepositoryLocator.locate(from: root, environment: isolated(tmp)))
        #expect(location.head == .detached(id))
        #expect(location.branch == nil)
    }

    @Test func reportsUnbornBranchOfFreshRepository() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path, branch: "main", commits: 0)
        let location = try #require(RepositoryLocator.locate(from: root, environment: isolated(tmp)))
        #expect(location.head == .unborn("main"))
        #expect(location.branch == "main")
    }

    @Test func findsBranchThatExistsOnlyInPackedRefs() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try git("checkout", "-q", "-b", "feat/3-packed", in: root)
        try git("pack-refs", "--all", in: root)
        #expect(!FileManager.default.fileExists(atPath: root + "/.git/refs/heads/feat/3-packed"))
        let location = try #require(RepositoryLocator.locate(from: root, environment: isolated(tmp)))
        #expect(location.head == .branch("feat/3-packed"))
    }

    @Test func readsRelativeHooksPathAgainstTheWorkTree() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try git("config", "core.hooksPath", ".husky", in: root)
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        let location = try #require(RepositoryLocator.locate(from: root + "/sub", environment: isolated(tmp)))
        #expect(location.hooksDir == root + "/.husky")
        let fromGit = try git("rev-parse", "--path-format=absolute", "--git-path", "hooks", in: root)
        #expect(fromGit == location.hooksDir)
    }

    @Test func readsHooksPathFromLinkedWorktreeAndGlobalConfig() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try git("worktree", "add", "-q", "-b", "feat/4-z", "../wt", in: root)
        let home = tmp.appending("home")
        #expect(writeFile(home + "/.gitconfig", "[core]\n\thooksPath = ~/hooks\n"))
        let global = try #require(
            RepositoryLocator.locate(from: tmp.appending("wt"), environment: isolated(tmp, ["HOME": home])))
        #expect(global.hooksDir == home + "/hooks")

        try git("config", "core.hooksPath", "/opt/hooks", in: root)
        let local = try #require(
            RepositoryLocator.locate(from: tmp.appending("wt"), environment: isolated(tmp, ["HOME": home])))
        #expect(local.hooksDir == "/opt/hooks", "the repository's config wins over the global one")
    }

    @Test func readsTheGlobalConfigForTheHooksFolderOnlyWhenAsked() throws {
        // Most agent calls never need the hooks folder: locating the repository must not read
        // the system and global config for it. Written after the lookup, the global hooksPath
        // is still seen on first use, and the first answer is kept.
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        let home = tmp.appending("home")
        let location = try #require(RepositoryLocator.locate(from: root, environment: isolated(tmp, ["HOME": home])))
        #expect(writeFile(home + "/.gitconfig", "[core]\n\thooksPath = ~/late-hooks\n"))
        #expect(location.hooksDir == home + "/late-hooks")
        #expect(writeFile(home + "/.gitconfig", "[core]\n\thooksPath = ~/later-hooks\n"))
        #expect(location.hooksDir == home + "/late-hooks")
    }

    @Test func returnsNilOutsideAnyRepository() throws {
        let tmp = try TemporaryDirectory()
        let outside = tmp.appending("outside/deeper")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        #expect(RepositoryLocator.locate(from: outside, environment: isolated(tmp)) == nil)
    }

    @Test func followsGitFileOfSubmoduleLikeCheckout() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        let sub = try makeRepository(in: root, name: "sub", branch: "trunk")
        let modules = root + "/.git/modules"
        try FileManager.default.createDirectory(atPath: modules, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: sub + "/.git", toPath: modules + "/sub")
        #expect(writeFile(sub + "/.git", "gitdir: ../.git/modules/sub\n"))
        let location = try #require(RepositoryLocator.locate(from: sub, environment: isolated(tmp)))
        #expect(location.workTree == sub)
        #expect(location.gitDir == modules + "/sub")
        #expect(location.commonDir == modules + "/sub")
        #expect(!location.isLinkedWorktree)
        #expect(location.head == .branch("trunk"))
    }

    @Test func skipsAnInvalidDotGitAndKeepsWalking() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        #expect(writeFile(root + "/stale/.git", "gitdir: /nonexistent/worktrees/stale\n"))
        #expect(writeFile(root + "/empty/.git/HEAD", "not a ref\n"))
        for start in [root + "/stale", root + "/empty"] {
            let location = try #require(RepositoryLocator.locate(from: start, environment: isolated(tmp)))
            #expect(location.workTree == root)
        }
    }

    @Test func treatsADotGitWithCoreBareAsBare() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try git("config", "core.bare", "true", in: root)
        let location = try #require(RepositoryLocator.locate(from: root, environment: isolated(tmp)))
        #expect(location.isBare)
        #expect(location.workTree == nil)
    }
}
