import Checks
import Policy
import Testing

/// Cases of ward's own, beside the shared corpus: the second round of commitlint parity
/// (`@commitlint/cli` 21.2.2 with `config-conventional`, `conventional-commits-parser` 7.1.2):
/// URL lines, where the footer starts, skip markers, breaking headers, scissors in stored messages.
@Suite struct MessageParityTests {
    struct Case: Sendable, CustomStringConvertible {
        var message: String
        /// "pass", "fail" or "skip", and the error and warning rule ids, sorted.
        var expect: String
        var rules: [String]
        var description: String { message.debugDescription }
        init(_ message: String, _ expect: String, _ rules: [String] = []) {
            self.message = message
            self.expect = expect
            self.rules = rules.sorted()
        }
    }

    static let long = String(repeating: "x", count: 120)

    static let stored: [Case] = [
        // URL lines are exempt from both line-length rules.
        Case("fix: bump\n\nSee https://example.com/\(long)", "pass"),
        Case("fix: bump\n\n- [Release notes](https://github.com/o/r/releases/tag/\(long))", "pass"),
        Case("fix: bump\n\n\(long) http://x", "pass"),
        Case("fix: bump\n\n\(long)", "fail", ["body-max-line-length"]),
        // `xhttps://` has no word boundary before the scheme; `https:// ` has no text after it.
        Case("fix: bump\n\n\(long) xhttps://x", "fail", ["body-max-line-length"]),
        Case("fix: bump\n\n\(long) https:// x", "fail", ["body-max-line-length"]),
        Case("fix: bump\n\nBody.\n\nRefs: #1 https://example.com/\(long)", "pass"),
        Case("fix: bump\n\nBody.\n\nRefs: #1 \(long)", "fail", ["footer-max-line-length"]),
        // A `#L45` in a URL is not a footer: the body line is judged by the body rule.
        Case("fix: x\n\nsee the code at blob/main/a.js#L45-L51 \(long)", "fail", ["body-max-line-length"]),
        Case("fix: x\n\nfixed in #12 \(long)", "fail", ["body-max-line-length"]),
        // A trailer-like line starts the footer: the long line after it is a footer line.
        Case("fix: x\n\nBody.\n\nSigned-off-by: A <a@example.com>\n\(long)", "fail", ["footer-max-line-length"]),
        Case("fix: x\n\nBody.\nCloses #12", "pass", ["footer-leading-blank"]),
        Case("fix: x\n\nBody.\n\nCloses #12", "pass"),
        Case("fix: x\n\nBody.\nBREAKING CHANGE: the API changed", "pass", ["footer-leading-blank"]),
        Case("fix: x\n\nBody.\n\nBREAKING-CHANGE: the API changed", "pass"),
        // Indented `key: value` lines and keywords without a colon are body.
        Case("fix: x\n\nBody.\n  Note: indented", "pass"),
        Case("fix: x\n\nBody.\nbreaking change without colon", "pass"),
        Case("fix: x\n\nBody.\nnote: trailer-like", "pass", ["footer-leading-blank"]),
        // Skip markers in version commits, anywhere and in any case.
        Case("v2.0.0 [SKIP CI]", "skip"),
        Case("chore(release): 1.2.3 [skip ci]", "skip"),
        Case("[ci skip] 1.2.3", "skip"),
        Case("1.2.3 [skip-ci]", "skip"),
        Case("1.2.3 (skip ci)", "skip"),
        Case("1.2.3 (Skip CI) [ci skip]", "skip"),
        Case("1.2.3 [skip please]", "fail", ["subject-empty", "type-empty"]),
        // Breaking headers: the breaking pattern is tried first.
        Case("feat(api)!: add x (y): z", "pass"),
        Case("feat(api): add x (y): z", "pass"),
        // Scissors in a stored message are text, not a cut.
        Case(
            "fix: x\n\n# ------------------------ >8 ------------------------\n\(long)", "fail",
            ["body-max-line-length"]),
        // Third round, against the reference built from commitlint's sources.
        // A version commit written with CRLF line ends: the first line ends at `\n`, its `\r` is trimmed.
        Case("1.2.3\r\n\r\nSigned-off-by: A <a@example.com>\r\n", "skip"),
        Case("chore(release): 2.0.0 [skip ci]\r\n", "skip"),
        Case("v3.1.0\r\n", "skip"),
        // A first line dropped as a `gpg:` line leaves no header: header-max-length fails on it too.
        Case("gpg: Signature made today\n\nbody line", "fail", ["header-max-length", "subject-empty", "type-empty"]),
        Case("gpg: only this\n", "skip"),
        // footer-leading-blank finds the footer's first line in the raw text as `toLines(footer)[0]`:
        // a `\r\r\n` line end leaves a `\r` the footer's own split removes, so it is not found.
        Case("fix: x\nRefs: #1\r\r\nnext\n\n", "pass"),
        Case("fix: x\nRefs: #1\r\nnext\n", "pass", ["footer-leading-blank"]),
        // History is read with a new line after each message: a footer line equal to the header
        // makes the fallback look at that last, empty line, with or without a final new line.
        Case("feat: x\n\nbody\nfeat: x", "pass"),
        Case("feat: x\n\nbody\nfeat: x\n", "pass"),
        // A subject starting with a titlecase letter: its start case has no words, so it matches.
        Case("fix: ǈ", "fail", ["subject-case"]),
        Case("fix: ǈ ™", "pass"),
        // A message of whitespace only is not linted when read from history.
        Case("", "skip"),
        Case(" \n\t\n", "skip"),
    ]

    @Test(arguments: stored)
    func judgesStoredMessagesLikeCommitlint(_ c: Case) {
        let report = MessageContract(Policy.builtin).checkStored(c.message)
        let got = report.skipped != nil ? "skip" : report.passed ? "pass" : "fail"
        let ids = Array(Set(report.findings.map(\.ruleID))).sorted()
        #expect(got == c.expect && ids == c.rules, "got \(got) \(report.findings.map(\.rendered))")
    }

    /// An empty stored message is skipped as commitlint skips it in history; the hook's empty
    /// file still fails, as `commitlint --edit` fails on it (and git refuses the commit).
    @Test func emptyMessagesPassOnlyFromHistory() {
        let contract = MessageContract(Policy.builtin)
        #expect(contract.checkStored("\n").skipped == "empty message, ignored as commitlint does")
        #expect(
            contract.checkHookFile("", cleanup: .verbatim, commentPrefix: "#").errors.map(\.ruleID) == ["message-empty"]
        )
    }

    /// The finding for a missing header names the empty first line.
    @Test func aMissingHeaderIsNamed() {
        let report = MessageContract(Policy.builtin).checkStored("gpg: x\n\nbody")
        let finding = report.errors.first { $0.ruleID == "header-max-length" }
        #expect(finding?.line == 2)
        #expect(finding?.message == "the message has no header (its first line is empty)")
    }

    @Test func breakingHeaderTakesTheFirstScope() {
        let parsed = ConventionalCommit.parse("feat(api)!: add x (y): z", commentPrefix: nil)
        #expect(parsed.type == "feat")
        #expect(parsed.scope == "api")
        #expect(parsed.subject == "add x (y): z")
        #expect(parsed.breaking)
        let plain = ConventionalCommit.parse("feat(api): add x (y): z", commentPrefix: nil)
        #expect(plain.scope == "api): add x (y")
    }

    @Test func footerStartsAtATrailerLikeLine() {
        let parsed = ConventionalCommit.parse(
            "fix: x\n\nwe saw a.js#L4 and #12\nmore\n\nRefs: #12\nthe rest", commentPrefix: nil)
        #expect(parsed.body == "we saw a.js#L4 and #12\nmore")
        #expect(parsed.footer == "Refs: #12\nthe rest")
        #expect(parsed.footerLines.first?.line == 6)
    }

    @Test func hookInputIsCutAtTheScissorsStoredTextIsNot() {
        let text = "fix: x\n\nbody\n# ------------------------ >8 ------------------------\ndiff --git a b\n"
        #expect(ConventionalCommit.parse(text, commentPrefix: "#").body == "body")
        #expect(ConventionalCommit.parse(text, commentPrefix: nil).body?.hasSuffix("diff --git a b") == true)
    }

    /// A 50,000-line message is checked at all: the parser and rules are linear (a quadratic
    /// pass took minutes at this size). No timing assertion; the bench measures.
    @Test func checksA50000LineMessage() {
        var lines = ["feat(api): accept a very long body", ""]
        for i in 0..<50_000 { lines.append("line \(i) of a generated body, https://example.com/\(i) \(Self.long)") }
        lines.append("")
        lines.append("Refs: #1")
        let message = lines.joined(separator: "\n")
        let report = MessageContract(Policy.builtin).check(message)
        #expect(report.passed, "\(report.findings.prefix(3).map(\.rendered))")
        let parsed = ConventionalCommit.parse(message, commentPrefix: nil)
        #expect(parsed.bodyLines.count == 50_000)
        #expect(parsed.footer == "Refs: #1")
        var long = lines
        long[2] = Self.long
        #expect(MessageContract(Policy.builtin).check(long.joined(separator: "\n")).errors.map(\.line) == [3])
    }
}
