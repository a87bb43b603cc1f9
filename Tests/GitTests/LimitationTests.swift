import Foundation
import TestSupport
import Testing

@testable import Git

/// The libgit2 1.5 failures of LIBGIT2.md: each must be one actionable line, never a crash.
@Suite struct LimitationTests {
    @Test(arguments: [
        (Int32(-3), GitError.Code.notFound), (-4, .exists), (-5, .ambiguous), (-9, .unbornBranch),
        (-14, .locked), (-36, .owner), (-1, .other(-1)),
    ])
    func mapsLibgit2Codes(raw: Int32, code: GitError.Code) {
        #expect(GitError.Code(rawValue: raw) == code)
        #expect(code.rawValue == raw)
    }

    @Test func explainsAnOwnershipFailureWithTheSafeDirectoryFix() {
        let error = GitError(
            code: .owner, function: "git_repository_open_ext",
            message: "repository path '/srv/checkout/' is not owned by current user")
        #expect(error.limitation == .ownership(path: "/srv/checkout"))
        #expect(error.description.contains("git config --global --add safe.directory /srv/checkout"))
        // libgit2 1.5.1 reports the same situation as GIT_ENOTFOUND when safe.directory is unset.
        let quirk = GitError(
            code: .notFound, function: "git_repository_open_ext",
            message: "config value 'safe.directory' was not found", path: "/srv/checkout")
        #expect(quirk.limitation == .ownership(path: "/srv/checkout"))
    }

    @Test func provokesAnOwnershipFailureWhenRoot() throws {
        guard getuid() == 0 else { return }  // only root can give a directory to another user cheaply
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        _ = try scratch.run("/bin/chown", ["-R", "65534", root])
        defer { _ = try? scratch.run("/bin/chown", ["-R", "0", root]) }
        do {
            // Only the user's own global config (safe.directory) can make this open.
            #expect(try Repository.open(at: root) != nil)
        } catch {
            #expect(error.limitation == .ownership(path: root))
            #expect(
                error.description
                    == "the repository at \(root) is owned by another user; if you trust it, run: git config --global --add safe.directory \(root)"
            )
        }
    }

    @Test(arguments: [("worktreeConfig", "true"), ("relativeWorktrees", "true"), ("objectFormat", "sha256")])
    func explainsARepositoryExtensionLibgit2CannotOpen(name: String, value: String) throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        try scratch.git("config", "core.repositoryformatversion", "1", in: "repo")
        try scratch.git("config", "extensions.\(name)", value, in: "repo")
        let error = try #require(throws: GitError.self) { try Repository.open(at: root) }
        #expect(error.limitation == .repositoryExtension(name))
        #expect(error.description.hasPrefix("libgit2 1.5 cannot open this repository: it uses extensions.\(name);"))
        #expect(error.description.contains("falls back"))
        #expect(!error.description.contains("\n"))
    }

    @Test func explainsASparseIndex() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        try scratch.write("repo/dir/inside.txt", "x\n")
        try scratch.write("repo/other/outside.txt", "y\n")
        try scratch.git("add", "-A", in: "repo")
        try scratch.git("commit", "-q", "-m", "dirs", in: "repo")
        try scratch.git("sparse-checkout", "set", "--cone", "--sparse-index", "dir", in: "repo")
        // sparse-checkout turns on extensions.worktreeConfig, which 1.5 cannot open either;
        // turn it off to reach the index.
        try scratch.git("config", "--unset", "extensions.worktreeConfig", in: "repo")
        try scratch.git("config", "core.repositoryformatversion", "0", in: "repo")
        let repository = try #require(try Repository.open(at: root))
        let error = try #require(throws: GitError.self) { try repository.index() }
        #expect(error.limitation == .indexExtension("sdir"))
        #expect(error.description.contains("sparse index"))
        #expect(error.description.contains("git sparse-checkout init --no-sparse-index"))
    }

    @Test func explainsASplitIndex() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        try scratch.git("config", "core.splitIndex", "true", in: "repo")
        try scratch.git("update-index", "--split-index", in: "repo")
        let repository = try #require(try Repository.open(at: root))
        let error = try #require(throws: GitError.self) { try repository.index() }
        #expect(error.limitation == .indexExtension("link"))
        #expect(error.description.contains("split index"))
        #expect(!error.description.contains("\n"))
    }
}
