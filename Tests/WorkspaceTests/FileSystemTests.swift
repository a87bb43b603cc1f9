import Foundation
import TestSupport
import Testing
import Workspace

@Suite struct FileSystemTests {
    @Test func resolvesSymlinksOfTheExistingPartOnly() throws {
        let tmp = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: tmp.appending("real/inner"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: tmp.appending("link"), withDestinationPath: tmp.appending("real/inner"))
        #expect(
            FileSystem.resolveThroughExistingAncestor(tmp.appending("link/new/file"))
                == tmp.appending("real/inner/new/file"))
        #expect(
            FileSystem.resolveThroughExistingAncestor(tmp.appending("link/..")) == tmp.appending("real"), "physical ..")
        #expect(FileSystem.resolveThroughExistingAncestor(tmp.appending("link/a/../../b")) == tmp.appending("real/b"))
        #expect(FileSystem.realpath(tmp.appending("link")) == tmp.appending("real/inner"))
        #expect(FileSystem.realpath(tmp.appending("missing")) == nil)
    }

    @Test func tellsMissingFromUnreadableFiles() throws {
        let tmp = try TemporaryDirectory()
        #expect(writeFile(tmp.appending("f"), "hello"))
        #expect(FileSystem.read(tmp.appending("f"), limit: 5) == .contents(Array("hello".utf8)))
        #expect(FileSystem.read(tmp.appending("f"), limit: 4) == .tooLarge)
        #expect(FileSystem.read(tmp.appending("nope"), limit: 5) == .missing)
        #expect(FileSystem.read(tmp.appending("f/under-a-file"), limit: 5) == .missing)
        #expect(FileSystem.read(tmp.path, limit: 5) == .failed(EISDIR))
        #expect(mkfifo(tmp.appending("fifo"), 0o600) == 0)
        #expect(FileSystem.read(tmp.appending("fifo"), limit: 5) == .failed(EINVAL), "a FIFO must not block")
        #expect(FileSystem.readFile(tmp.appending("f"), limit: 100) == Array("hello".utf8))
        #expect(FileSystem.readFile(tmp.appending("nope"), limit: 100) == nil)
        #expect(FileSystem.fileExists(tmp.appending("f")))
        #expect(!FileSystem.isDirectory(tmp.appending("f")))
        #expect(FileSystem.isDirectory(tmp.path))
    }

    @Test func readsTheProcessEnvironment() {
        let environment = FileSystem.environmentDictionary()
        #expect(environment["PATH"] == ProcessInfo.processInfo.environment["PATH"])
    }
}
