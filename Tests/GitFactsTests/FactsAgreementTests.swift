import Foundation
import GitFacts
import GitHooks
import TestSupport
import Testing
import Workspace

/// Both fact providers over the same repository give the same index facts.
@Suite struct FactsAgreementTests {
    /// Stages a modification, an addition, a deletion, a rename, a new symlink and a retargeted one.
    func staged() throws -> History {
        let history = try History()
        try history.sandbox.write("repo/file.txt", "changed\n")
        try history.sandbox.write("repo/new.txt", "new\n")
        try FileManager.default.createSymbolicLink(atPath: history.root + "/out", withDestinationPath: "../outside")
        try history.git("add", "file.txt", "new.txt", "out")
        try history.git("rm", "-q", "a.txt")
        try history.git("mv", "docs/manual.md", "docs/handbook.md")
        try FileManager.default.removeItem(atPath: history.root + "/link")
        try FileManager.default.createSymbolicLink(atPath: history.root + "/link", withDestinationPath: "b.txt")
        try history.git("add", "link")
        return history
    }

    func byPath(_ changes: [PathChange]) -> [PathChange] {
        changes.sorted { $0.newPathString < $1.newPathString }
    }

    @Test func agreeOnTheStagedChanges() throws {
        let history = try staged()
        let libgit = byPath(try history.libgit().stagedChanges())
        let cli = byPath(try history.cli().stagedChanges())
        #expect(libgit == cli)
        #expect(
            cli.map { "\($0.status) \($0.oldPathString) \($0.newPathString)" } == [
                "D a.txt a.txt", "R docs/manual.md docs/handbook.md", "M file.txt file.txt", "M link link",
                "A new.txt new.txt", "A out out",
            ])
        #expect(cli.filter(\.isSymbolicLink).map(\.newPathString) == ["link", "out"])
        #expect(cli.first { $0.status == "D" }?.newBlob == nil)
    }

    @Test func agreeOnTheIndexGitIsCommitting() throws {
        let history = try staged()
        let alternate = history.sandbox.absolute("alternate-index")
        let env = ["GIT_INDEX_FILE": alternate]
        _ = try history.sandbox.run("git", ["read-tree", "HEAD"], in: "repo", environment: env)
        try history.sandbox.write("repo/only-here.txt", "x\n")
        let added = try history.sandbox.run("git", ["add", "only-here.txt"], in: "repo", environment: env)
        #expect(added.status == 0, "\(added.stderr)")
        let location = try #require(history.location)
        let libgit = try LibgitFacts(location: location, indexPath: alternate)
        let cli = GitCLIFacts(
            directory: history.root, environment: history.sandbox.environment(env), location: location)
        #expect(try libgit.stagedChanges() == cli.stagedChanges())
        #expect(try cli.stagedChanges().map(\.newPathString) == ["only-here.txt"])
        #expect(try libgit.indexEntryCount() == cli.indexEntryCount())
    }

    @Test func agreeOnTheNumberOfIndexEntries() throws {
        let history = try staged()
        let files = try history.git("ls-files", "--cached").split(separator: "\n").count
        #expect(try history.libgit().indexEntryCount() == files)
        #expect(try history.cli().indexEntryCount() == files)
    }

    @Test func agreeOnBlobs() throws {
        let history = try staged()
        let libgit = try history.libgit()
        let cli = history.cli()
        let blobs = try cli.stagedChanges().compactMap(\.newBlob)
        #expect(blobs.count == 5)
        for blob in blobs {
            let full = libgit.blob(blob, limit: 1 << 20)
            #expect(full != nil)
            #expect(full == cli.blob(blob, limit: 1 << 20))
            #expect(libgit.blob(blob, limit: 2) == cli.blob(blob, limit: 2))
            #expect(libgit.blob(blob, limit: 2)?.count == 2)
        }
        let link = try #require(try cli.stagedChanges().first { $0.newPathString == "out" }?.newBlob)
        #expect(libgit.blob(link, limit: 100) == Array("../outside".utf8))
        let absent = String(repeating: "ab", count: 20)
        #expect(libgit.blob(absent, limit: 10) == nil)
        #expect(cli.blob(absent, limit: 10) == nil)
    }

    /// Keys set in the repository's own config, so the machine's global config cannot interfere.
    @Test(
        arguments: [
            ("commit.cleanup", "scissors"), ("core.commentChar", ";"), ("core.commentchar", ";"),
            ("init.defaultBranch", "trunk"), ("ward.multi", "second"), ("ward.flag", "true"), ("ward.empty", ""),
            ("ward.absent-for-this-test", nil),
        ] as [(String, String?)])
    func agreeOnConfiguration(_ key: String, value: String?) throws {
        let history = try History()
        try history.git("config", "commit.cleanup", "scissors")
        try history.git("config", "core.commentChar", ";")
        try history.git("config", "init.defaultBranch", "trunk")
        try history.git("config", "--add", "ward.multi", "first")
        try history.git("config", "--add", "ward.multi", "second")
        let config = history.root + "/.git/config"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try (text + "[ward]\n\tflag\n\tempty =\n").write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try history.git("config", "--bool", "ward.flag") == "true")
        #expect(try history.git("config", "--bool", "ward.empty") == "false")
        #expect(history.cli().config(key) == value)
        let libgit = try history.libgit().config(key)
        #expect(libgit == value)
    }
}
