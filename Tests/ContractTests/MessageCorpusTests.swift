import Checks
import Foundation
import Policy
import TestSupport
import Testing

/// ward's own corpus, Tests/Fixtures/commit-messages.tsv: every rule valid and invalid, git's
/// cleanup modes, CRLF, non-ASCII, empty messages, comments, scissors, long lines, trailers.
@Suite struct MessageCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        var line: Int
        var expect: String
        var rules: [String]
        var cleanup: CommitMessageCleanup.Mode
        var message: String
        var description: String { "line \(line): \(message.debugDescription)" }
    }

    static func load() throws -> [Case] {
        let path = packageRoot + "/Tests/Fixtures/commit-messages.tsv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var cases: [Case] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let mode = CommitMessageCleanup.Mode(rawValue: String(fields[2])) else {
                throw TestSupportError(
                    "commit-messages.tsv:\(i + 1): expected expect<TAB>rules<TAB>cleanup<TAB>message")
            }
            let rules = fields[1] == "-" ? [] : fields[1].split(separator: ",").map(String.init)
            cases.append(
                Case(
                    line: i + 1, expect: String(fields[0]), rules: rules.sorted(), cleanup: mode,
                    message: unescapeFixtureField(fields[3])))
        }
        return cases
    }

    @Test func corpusHasAtLeast250Messages() throws {
        #expect(try Self.load().count >= 250)
    }

    @Test(arguments: try MessageCorpusTests.load())
    func judgesLikeTheCorpus(_ c: Case) {
        let contract = MessageContract(Policy.builtin)
        let report = contract.checkHookFile(c.message, cleanup: c.cleanup, commentPrefix: "#")
        let got = report.skipped != nil ? "skip" : report.passed ? "pass" : "fail"
        let ids = Array(Set(report.findings.map(\.ruleID))).sorted()
        #expect(got == c.expect && ids == c.rules, "\(c): got \(got) \(ids) \(report.findings.map(\.rendered))")
    }
}
