import Checks
import Foundation
import Policy
import TestSupport
import Testing

/// The external conformance suite: ../shared/corpora/commit-messages.jsonl, collected from other
/// linters' public test suites with commitlint's config-conventional verdicts. Read from there,
/// never copied. Lines starting with '#' are comments, as the commit-msg hook sees them when git
/// strips them (commitlint's `--edit`).
@Suite struct MessageConformanceTests {
    @Test func agreesWithTheSharedCommitMessageCorpus() throws {
        let path = sharedDirectory + "/corpora/commit-messages.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("\(path) is missing; CI must run with ../shared beside the clone")
            }
            return
        }
        let contract = MessageContract(Policy.builtin)
        var total: [String: Int] = [:]
        var agreed: [String: Int] = [:]
        var sameRules = 0
        var invalidCount = 0
        var disagreements: [String] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            lineNumber += 1
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let message = try #require(object["message"] as? String)
            let expect = try #require(object["expect"] as? String)
            let rule = try #require(object["rule"] as? String)
            let report = contract.check(message, commentPrefix: "#")
            let got = report.passed ? "valid" : "invalid"
            // Group by the deciding rule ("none", "ignored", or the first rule id).
            let key =
                expect == "valid"
                ? (rule.hasPrefix("ignored") ? "ignored" : "valid")
                : String(rule.split(separator: "+").first ?? "")
                    .split(separator: " ").first.map(String.init) ?? rule
            total[key, default: 0] += 1
            if got == expect {
                agreed[key, default: 0] += 1
            } else {
                let ids = report.errors.map(\.ruleID).joined(separator: "+")
                disagreements.append(
                    "line \(lineNumber) expected \(expect) (\(rule)), got \(got) [\(ids)]: \(message.debugDescription)")
            }
            if expect == "invalid" {
                invalidCount += 1
                let expectedIDs = Set(rule.split(separator: " ").first?.split(separator: "+").map(String.init) ?? [])
                if Set(report.errors.map(\.ruleID)) == expectedIDs { sameRules += 1 }
            }
        }
        print("commit-message conformance by rule (agreed/total):")
        for key in total.keys.sorted() {
            print("  \(key): \(agreed[key, default: 0])/\(total[key, default: 0])")
        }
        for d in disagreements { print("  disagrees: \(d)") }
        let all = total.values.reduce(0, +)
        let ok = agreed.values.reduce(0, +)
        print(
            "commit-message conformance: \(ok)/\(all) verdicts; same error rule ids on \(sameRules)/\(invalidCount) invalid messages"
        )
        #expect(all >= 300)
        #expect(Double(ok) / Double(max(all, 1)) >= 0.99, "agreement \(ok)/\(all) is below 99%")
    }
}
