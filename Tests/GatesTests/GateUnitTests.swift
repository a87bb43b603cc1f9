import Testing

@testable import Gates

@Suite struct GateUnitTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesTheStandardVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func sha256OfAMillionAsInPieces() {
        var hash = SHA256()
        for _ in 0..<1000 { hash.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func substitutesFilesWithQuotedArguments() {
        #expect(GateRunner.substituteFiles("lint {files} && check {files}") == "lint \"$@\" && check \"$@\"")
        #expect(GateRunner.substituteFiles("swift test") == "swift test")
    }

    @Test func makesPathsRelativeToTheGatesFolder() {
        #expect(GateRunner.relative("app/src/a.ts", to: "app") == "src/a.ts")
        #expect(GateRunner.relative("lib/b.ts", to: "app/web") == "../../lib/b.ts")
        #expect(GateRunner.relative("a", to: "") == "a")
        #expect(GateRunner.folder("./app/") == "app")
        #expect(GateRunner.folder(".") == "")
    }

    @Test func batchesNeverExceedTheLimit() {
        let files = (0..<100).map { "file\($0)" }
        let batches = GateRunner.batches(files, limit: 100)
        #expect(batches.flatMap { $0 } == files)
        for batch in batches {
            #expect(batch.reduce(0) { $0 + $1.utf8.count + 1 + MemoryLayout<Int>.size } <= 100)
        }
        #expect(GateRunner.batches(["a-very-long-name"], limit: 4) == [["a-very-long-name"]])
    }

    @Test func formatsDurationsWithoutFoundation() {
        #expect(GateReportRenderer.seconds(.milliseconds(1234), digits: 3) == "1.234")
        #expect(GateReportRenderer.seconds(.milliseconds(1999), digits: 2) == "2.00")
        #expect(GateReportRenderer.seconds(.milliseconds(5), digits: 3) == "0.005")
    }
}
