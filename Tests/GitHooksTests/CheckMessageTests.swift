import Checks
import Commands
import Findings
import GitHooks
import Testing

/// `ward check message` as values: which messages its arguments name, and what it prints,
/// over real files and a real repository's policy.
@Suite struct CheckMessageTests {
    /// A repository with two message files at its root, one passing and one failing.
    static func repository() throws -> SiteRepository {
        let repo = try SiteRepository(wardJSON: #"{"commits": {"types": ["feat", "fix"]}}"#)
        try repo.sandbox.write("repo/good.txt", "fix: parse the header\n")
        try repo.sandbox.write("repo/bad.txt", "oops: nothing\n")
        return repo
    }

    func messages(_ request: CheckMessage.Request, in root: String, terminal: Bool = false, stdin: String = "")
        throws(CommandError) -> [CheckMessage.Message]
    {
        try CheckMessage.messages(request, currentDirectory: root, stdinIsTerminal: terminal) { stdin }
    }

    @Test func eachWayOfGivingAMessageNamesItsMessages() throws {
        let repo = try Self.repository()
        let root = repo.root
        let good = CheckMessage.Message(name: "good.txt", text: "fix: parse the header\n")
        let bad = CheckMessage.Message(name: "bad.txt", text: "oops: nothing\n")
        #expect(try messages(.init(text: "feat: x"), in: root) == [.init(name: nil, text: "feat: x")])
        #expect(try messages(.init(files: ["good.txt", "bad.txt"]), in: root) == [good, bad])
        #expect(try messages(.init(arguments: ["good.txt", "bad.txt"]), in: root) == [good, bad])
        #expect(try messages(.init(arguments: ["good.txt"]), in: root) == [good], "a file's name reads the file")
        #expect(try messages(.init(arguments: ["fix: y"]), in: root) == [.init(name: nil, text: "fix: y")])
        #expect(try messages(.init(arguments: ["-"]), in: root, stdin: "a\n") == [.init(name: nil, text: "a\n")])
        #expect(
            try messages(.init(files: ["-"]), in: root, terminal: true, stdin: "b") == [.init(name: nil, text: "b")])
        #expect(try messages(.init(), in: root, stdin: "piped") == [.init(name: nil, text: "piped")])
    }

    @Test func conflictingOrMissingInputsAreUsageErrors() throws {
        let repo = try Self.repository()
        let usages: [(CheckMessage.Request, Bool, String)] = [
            (.init(text: "x", arguments: ["y"]), false, "give the message once"),
            (.init(files: ["good.txt"], arguments: ["y"]), false, "-F FILE and a message given both"),
            (.init(files: ["good.txt", "-"]), false, "'-' (stdin) cannot be one of several -F files"),
            (.init(arguments: ["good.txt", "fix: x"]), false, "'fix: x' is not a file"),
            (.init(), true, "'-' to read it from stdin"),
        ]
        for (request, terminal, words) in usages {
            #expect {
                try messages(request, in: repo.root, terminal: terminal)
            } throws: { error in
                guard case .usage(let text) = error as? CommandError else { return false }
                return text.contains(words)
            }
        }
        #expect {
            try messages(.init(files: ["missing.txt"]), in: repo.root)
        } throws: { error in
            guard case .configuration(let text) = error as? CommandError else { return false }
            return text == "ward check message: cannot read \(repo.root)/missing.txt"
        }
        #expect(throws: CommandError.self) { try CheckMessage.cleanup("sometimes") }
        #expect(try CheckMessage.cleanup("whitespace") == .whitespace)
        #expect(try CheckMessage.cleanup(nil) == nil)
    }

    @Test func oneMessageIsOneReportAndSeveralNameTheirFiles() throws {
        let repo = try Self.repository()
        let single = try CheckMessage.check([.init(name: nil, text: "fix: ok\n")], cleanup: nil, site: repo.site)
        #expect(single.ok)
        #expect(single.lines == ["ward: message passes the conventional contract"])
        #expect(single.json.hasPrefix("{\"ok\":true,"))

        let files = try messages(.init(files: ["good.txt", "bad.txt"]), in: repo.root)
        let both = try CheckMessage.check(files, cleanup: nil, site: repo.site)
        #expect(!both.ok)
        #expect(both.lines.first == "ward: good.txt: message passes the conventional contract")
        #expect(both.lines.dropFirst().first?.hasPrefix("ward: bad.txt: 1 error") == true, "\(both.lines)")
        #expect(both.lines.contains { $0.contains("type-enum") })
        #expect(both.json.hasPrefix("[{\"ok\":true,") && both.json.contains("},{\"ok\":false,"))

        let failing = try CheckMessage.check([.init(name: nil, text: "oops: x\n")], cleanup: nil, site: repo.site)
        let header = try #require(failing.lines.first)
        #expect(header.hasPrefix("ward: commit message ") && header.hasSuffix(": 1 error, 0 warnings"), "\(header)")
    }

    @Test func aCommentLineIsKeptUnderTheWhitespaceCleanup() throws {
        let repo = try Self.repository()
        let stripped = try CheckMessage.check([.init(name: nil, text: "#12 fix\n")], cleanup: nil, site: repo.site)
        #expect(stripped.ok && stripped.reports[0].skipped != nil, "a comment only: git aborts that commit itself")
        let kept = try CheckMessage.check([.init(name: nil, text: "#12 fix\n")], cleanup: .whitespace, site: repo.site)
        #expect(!kept.ok, "the header '#12 fix' is no conventional header")
    }
}
