import Foundation
import GitFacts
import GitHooks
import TestSupport
import Testing
import Workspace

/// A walk's messages read by one `git log` stream equal libgit2's walk and lookups, commit for
/// commit and byte for byte; when git cannot answer, libgit2 does.
@Suite struct MessageStreamTests {
    /// Every shape of walk `check range` and pre-push ask for.
    static let walks: [(tips: [String], hiding: [String], globs: [String], limit: Int)] = [
        (["m6"], [], [], 100),
        (["m6"], ["m2"], [], 100),
        (["m6"], ["tag"], [], 100),
        (["m6"], ["m4"], [], 100),
        (["m6"], [], ["refs/remotes/origin/*"], 100),
        (["m6"], ["m1"], ["refs/tags/*"], 100),
        (["m6"], [], [], 3),
        (["m6"], ["m2"], [], 1),
        (["f2", "m4"], ["m1"], [], 100),
    ]

    func streamed(_ history: History) throws -> LibgitFacts {
        guard let location = history.location else { throw TestSupportError("no repository") }
        return try LibgitFacts(location: location, indexPath: nil, gitEnvironment: history.sandbox.environment())
    }

    @Test func theStreamAgreesWithLibgit2OverEveryWalk() throws {
        let history = try History()
        let stream = try streamed(history)
        let libgit = try history.libgit()
        for walk in Self.walks {
            let tips = walk.tips.map(history.id)
            let hiding = walk.hiding.map(history.id)
            let fromGit = try GitCommand.commitMessages(
                tips: tips, hiding: hiding.map { try #require(try libgit.peeledCommit($0)) }, hidingGlobs: walk.globs,
                limit: walk.limit, gitDir: history.root + "/.git", environment: history.sandbox.environment())
            let expected = try libgit.messagesOneByOne(
                from: tips, hiding: hiding, hidingGlobs: walk.globs, limit: walk.limit)
            #expect(!expected.commits.isEmpty)
            #expect(fromGit.commits.map(\.id) == expected.commits.map(\.id), "\(walk)")
            #expect(fromGit.commits.map(\.message) == expected.commits.map(\.message), "\(walk)")
            #expect(fromGit.truncated == expected.truncated, "\(walk)")
            let viaFacts = try stream.commitMessages(
                from: tips, hiding: hiding, hidingGlobs: walk.globs, limit: walk.limit)
            #expect(viaFacts == expected, "\(walk)")
        }
    }

    @Test func messagesOfEveryShapeArriveByteForByte() throws {
        let history = try History()
        let messages = [
            "\n\nfeat: after two blank lines\n",
            "fix: carriage returns\r\n\r\nbody line\r\n",
            "fix: no final new line",
            "docs: trailing spaces   \n\n  indented body  \n\n\n",
            "feat: unicode \u{00e9}\u{4e2d}\u{1F600}\n\n# not a comment in a stored message\n",
            "feat: long body\n\n" + (1...200).map { "line \($0) of a long body" }.joined(separator: "\n") + "\n",
        ]
        for (n, message) in messages.enumerated() {
            try history.sandbox.write("repo/msg\(n).txt", message)
            try history.sandbox.write("repo/shape\(n).txt", "\(n)\n")
            try history.git("add", "shape\(n).txt")
            try history.git("commit", "-q", "--cleanup=verbatim", "--allow-empty-message", "-F", "msg\(n).txt")
        }
        let head = try history.git("rev-parse", "HEAD")
        let base = history.id("m6")
        let fromGit = try GitCommand.commitMessages(
            tips: [head], hiding: [base], hidingGlobs: [], limit: 100, gitDir: history.root + "/.git",
            environment: history.sandbox.environment())
        #expect(fromGit.commits.map(\.message) == messages.reversed())
        let expected = try history.libgit().messagesOneByOne(from: [head], hiding: [base], hidingGlobs: [], limit: 100)
        #expect(
            try streamed(history).commitMessages(from: [head], hiding: [base], hidingGlobs: [], limit: 100) == expected)
    }

    @Test func withoutGitOnThePathLibgit2Reads() throws {
        let history = try History()
        guard let location = history.location else { throw TestSupportError("no repository") }
        let noGit = try LibgitFacts(
            location: location, indexPath: nil, gitEnvironment: history.sandbox.environment(["PATH": "/nonexistent"]))
        let tips = [history.id("m6")]
        let expected = try history.libgit().messagesOneByOne(from: tips, hiding: [], hidingGlobs: [], limit: 100)
        #expect(try noGit.commitMessages(from: tips, hiding: [], hidingGlobs: [], limit: 100) == expected)
        #expect(expected.commits.count == 8)
    }

    @Test func aMessageHoldingANulByteEndsThereInBoth() throws {
        let history = try History()
        let tree = try history.git("rev-parse", "HEAD^{tree}")
        let parent = history.id("m6")
        var raw = Array("tree \(tree)\nparent \(parent)\n".utf8)
        raw += Array(
            "author A <a@example.invalid> 1700000000 +0000\ncommitter A <a@example.invalid> 1700000000 +0000\n\n".utf8)
        raw += Array("fix: before".utf8) + [0] + Array("after\n".utf8)
        let file = history.root + "/raw-commit"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(raw)))
        let id = try history.git("hash-object", "-t", "commit", "-w", "--literally", "raw-commit")
        // git and libgit2 both read the message as a C string: it ends at the NUL byte, and the
        // stream's records stay whole.
        let fromGit = try GitCommand.commitMessages(
            tips: [id], hiding: [parent], hidingGlobs: [], limit: 10, gitDir: history.root + "/.git",
            environment: history.sandbox.environment())
        let expected = try history.libgit().messagesOneByOne(from: [id], hiding: [parent], hidingGlobs: [], limit: 10)
        #expect(expected.commits.map(\.message) == ["fix: before"])
        #expect(fromGit.commits.map(\.message) == ["fix: before"])
        #expect(
            try streamed(history).commitMessages(from: [id], hiding: [parent], hidingGlobs: [], limit: 10) == expected)
    }

    @Test func recordsOfAnotherShapeAreRefused() throws {
        let id = String(repeating: "a", count: 40)
        #expect(try GitCommand.parseLog(Array("\(id)\nfeat: x\n\0\(id)\n\0".utf8)).map(\.message) == ["feat: x\n", ""])
        #expect(try GitCommand.parseLog([]).isEmpty)
        #expect(throws: GitCommandError.self) { _ = try GitCommand.parseLog(Array("not an id\nfeat: x\n\0".utf8)) }
        #expect(throws: GitCommandError.self) { _ = try GitCommand.parseLog(Array("\(id)feat: x\0".utf8)) }
        #expect(throws: GitCommandError.self) {
            _ = try GitCommand.commitMessages(
                tips: ["HEAD"], hiding: [], hidingGlobs: [], limit: 1, gitDir: "/nonexistent", environment: [:])
        }
    }
}
