import Foundation
import TestSupport
import Testing

@testable import Git

@Suite struct IndexTests {
    @Test func listsEntriesWithSpacesNonUTF8BytesAndModes() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository(commits: [])
        try scratch.write("repo/with space.txt", "a\n")
        try scratch.write("repo/bin/tool.sh", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root + "/bin/tool.sh")
        let latin1: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)  // "café" in Latin-1
        try scratch.createFile(named: latin1, in: "repo")
        try scratch.git("add", "-A", in: "repo")

        let index = try #require(try Repository.open(at: root)).index()
        #expect(index.count == 3)
        let entries = index.entries
        #expect(entries.map(\.pathString).contains("with space.txt"))
        let raw = try #require(entries.first { $0.path == latin1 })
        #expect(raw.pathString == "caf\u{FFFD}.txt")
        let tool = try #require(entries.first { $0.pathString == "bin/tool.sh" })
        #expect(tool.mode == 0o100755)
        #expect(tool.stage == 0)
        let blob = try scratch.git("rev-parse", ":bin/tool.sh", in: "repo")
        #expect(tool.objectID.hex == blob)
    }

    @Test func readsAnAlternateIndexFile() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        try scratch.write("repo/staged-elsewhere.txt", "x\n")
        let alternate = root + "/.git/next-index-123.lock"
        try FileManager.default.copyItem(atPath: root + "/.git/index", toPath: alternate)
        try scratch.git("add", "staged-elsewhere.txt", in: "repo", environment: ["GIT_INDEX_FILE": alternate])

        let repository = try #require(try Repository.open(at: root))
        #expect(try repository.index().entries.map(\.pathString) == ["file.txt"])
        let other = try repository.index(path: alternate)
        #expect(other.path == alternate)
        #expect(other.entries.map(\.pathString) == ["file.txt", "staged-elsewhere.txt"])
        #expect(try repository.stagedChanges() == [])
        #expect(try repository.stagedChanges(in: other).map(\.newPathString) == ["staged-elsewhere.txt"])
    }

    @Test func reportsStagedChangesWithARename() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository(commits: [])
        let body = (1...40).map { "line \($0) of a file long enough for rename detection" }.joined(separator: "\n")
        try scratch.write("repo/old name.txt", body)
        try scratch.write("repo/keep.txt", "keep\n")
        try scratch.write("repo/gone.txt", "gone\n")
        try scratch.git("add", "-A", in: "repo")
        try scratch.git("commit", "-q", "-m", "base", in: "repo")

        try scratch.git("mv", "old name.txt", "new name.txt", in: "repo")
        try scratch.write("repo/keep.txt", "changed\n")
        try scratch.git("rm", "-q", "gone.txt", in: "repo")
        try scratch.write("repo/added.txt", "new\n")
        try scratch.git("add", "-A", in: "repo")

        let changes = try #require(try Repository.open(at: root)).stagedChanges()
        let summary = Set(changes.map { "\($0.status.rawValue) \($0.oldPathString) -> \($0.newPathString)" })
        #expect(
            summary == [
                "renamed old name.txt -> new name.txt", "modified keep.txt -> keep.txt",
                "deleted gone.txt -> gone.txt", "added added.txt -> added.txt",
            ])
    }

    @Test func diffsAnUnbornHeadAgainstTheEmptyTree() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository(commits: [])
        try scratch.write("repo/first.txt", "1\n")
        try scratch.git("add", "first.txt", in: "repo")
        let changes = try #require(try Repository.open(at: root)).stagedChanges()
        #expect(changes.map(\.status) == [.added])
        #expect(changes.map(\.newPathString) == ["first.txt"])
        #expect(changes.map(\.oldPathString) == ["first.txt"])
        #expect(changes.first?.newMode == 0o100644)
        #expect(changes.first?.newObjectID != nil)
        #expect(changes.first?.isSymbolicLink == false)
    }

    @Test func reportsATypeChange() throws {
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        try FileManager.default.removeItem(atPath: root + "/file.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/file.txt", withDestinationPath: "elsewhere")
        try scratch.git("add", "file.txt", in: "repo")
        let changes = try #require(try Repository.open(at: root)).stagedChanges()
        #expect(changes.map(\.status) == [.typechange])
    }
}
