import Checks
import Foundation
import Policy
import TestSupport
import Testing

/// ward's own command corpus, Tests/Fixtures/guard-cases.tsv: every rule, every wrapper and
/// obfuscation, and the benign look-alikes that must stay allowed.
@Suite struct GuardCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var line: Int
        var expect: Decision
        var rule: String
        var command: String
        var testDescription: String { "line \(line): \(command.debugDescription)" }
    }

    static let cases: [Case] = {
        let path = packageRoot + "/Tests/Fixtures/guard-cases.tsv"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var out: [Case] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let expect = Decision(rawValue: String(fields[0])) else {
                out.append(Case(line: i + 1, expect: .deny, rule: "malformed-fixture-line", command: String(line)))
                continue
            }
            out.append(
                Case(line: i + 1, expect: expect, rule: String(fields[1]), command: unescapeFixtureField(fields[2])))
        }
        return out
    }()

    static let fixture = Result { try GuardFixture() }

    @Test func corpusHasAtLeastFourHundredCases() {
        #expect(Self.cases.count >= 400)
        #expect(Set(Self.cases.map(\.command)).count == Self.cases.count, "duplicate commands in the corpus")
    }

    @Test func corpusCoversEveryBuiltInCommandRule() {
        let covered = Set(Self.cases.map(\.rule))
        // The command guard's own categories; scope and contract rules have their own suites.
        let guardCategories: Set<String> = [
            "git", "filesystem", "platform", "data", "execution", "tamper", "containers", "kubernetes",
            "infrastructure",
            "cloud", "registries",
        ]
        for rule in Policy.builtin.commands.rules
        where guardCategories.contains(rule.category) && rule.id != "parse-error" {
            #expect(covered.contains(rule.id), "no corpus case for rule \(rule.id)")
        }
    }

    @Test(arguments: cases) func guardDecides(_ c: Case) throws {
        let fixture = try Self.fixture.get()
        let verdict = CommandGuard(policy: .builtin).evaluate(c.command, in: fixture.context)
        #expect(verdict.decision == c.expect, "\(verdict.message)")
        if c.expect != .allow {
            #expect(verdict.ruleID == c.rule, "\(verdict.message)")
            #expect(!verdict.reason.isEmpty && !verdict.alternative.isEmpty)
        }
    }
}
