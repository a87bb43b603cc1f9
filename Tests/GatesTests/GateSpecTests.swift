import Foundation
import Policy
import TestSupport
import Testing

@testable import Gates

@Suite struct GateSpecTests {
    @Test func picksTheStageVariantElseTheDefault() {
        let gate = GateSpec(
            name: "test", run: ["default": "npm test", "pre-commit": "npm test -- --changed {files}"],
            source: "ward.json")
        #expect(gate.command(for: "pre-commit") == "npm test -- --changed {files}")
        #expect(gate.command(for: "ci") == "npm test")
        #expect(gate.takesFiles(for: "pre-commit"))
        #expect(!gate.takesFiles(for: "ci"))
    }
}

@Suite struct GitBlobIDTests {
    // Ids from `git hash-object`: the empty blob, and "hello\n".
    @Test(arguments: [
        ("", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"),
        ("hello\n", "ce013625030ba8dba906f756967f9e9ca394464a"),
    ])
    func hashesLikeGit(content: String, id: String) {
        #expect(SHA1.gitBlobID(Array(content.utf8)) == id)
    }

    @Test func hashesAcrossBlockBoundaries() {
        // 1,000 bytes: several 64-byte blocks and a partial one, checked against git hash-object.
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        #expect(SHA1.gitBlobID(bytes) == GitBlobIDTests.gitHashObject(bytes))
    }

    static func gitHashObject(_ bytes: [UInt8]) -> String {
        (try? runProcess(
            "git", ["hash-object", "--stdin"], cwd: "/", environment: gitEnvironment(home: "/"), stdin: bytes))?
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }
}

@Suite struct PlainCommandTests {
    @Test(
        arguments: [
            ("swiftlint lint --quiet {files}", ["swiftlint", "lint", "--quiet", "{files}"]),
            ("true {files}", ["true", "{files}"]),
            ("npm run lint -- --max-warnings=0", ["npm", "run", "lint", "--", "--max-warnings=0"]),
            ("echo $HOME", nil), ("a && b", nil), ("grep 'x y' {files}", nil), ("ls *.swift", nil),
            ("CI=1 make", nil), ("{files}", nil), ("cat <in", nil), ("x\ty", nil),
        ] as [(String, [String]?)])
    func runsWithoutAShellOnlyWhatNeedsNone(command: String, words: [String]?) {
        #expect(GateRunner.plainWords(command) == words)
    }
}
