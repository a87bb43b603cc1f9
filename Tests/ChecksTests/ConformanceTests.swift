import Checks
import Foundation
import Policy
import TestSupport
import Testing

/// The external conformance suite: ../shared/corpora/guard-commands.jsonl, collected from other
/// guards' public test suites. Read from there, never copied into the project.
@Suite struct ConformanceTests {
    @Test func agreesWithTheSharedGuardCorpus() throws {
        let path = sharedDirectory + "/corpora/guard-commands.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("\(path) is missing; CI must run with ../shared beside the clone")
            }
            return
        }
        let fixture = try GuardFixture(home: "/home/agent")
        let guardian = CommandGuard(policy: .builtin)
        var total: [String: Int] = [:]
        var agreed: [String: Int] = [:]
        var disagreements: [String] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            lineNumber += 1
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let command = try #require(object["command"] as? String)
            let expect = try #require(object["expect"] as? String)
            let category = try #require(object["category"] as? String)
            let verdict = guardian.evaluate(command, in: fixture.context)
            let got = verdict.decision <= .warn ? "allow" : "deny"
            total[category, default: 0] += 1
            if got == expect {
                agreed[category, default: 0] += 1
            } else {
                disagreements.append(
                    "line \(lineNumber) [\(category)] expected \(expect), got \(verdict.decision.rawValue) \(verdict.ruleID): \(command.debugDescription)"
                )
            }
        }
        print("guard conformance by category (agreed/total):")
        for category in total.keys.sorted() {
            print("  \(category): \(agreed[category, default: 0])/\(total[category, default: 0])")
        }
        for d in disagreements { print("  disagrees: \(d)") }
        let counted = total.filter { $0.key != "policy-dependent" }
        let countedTotal = counted.values.reduce(0, +)
        let countedAgreed = counted.keys.reduce(0) { $0 + agreed[$1, default: 0] }
        let rate = Double(countedAgreed) / Double(max(countedTotal, 1))
        print("guard conformance outside policy-dependent: \(countedAgreed)/\(countedTotal)")
        #expect(countedTotal > 700)
        #expect(rate >= 0.99, "agreement \(countedAgreed)/\(countedTotal) is below 99%")
    }
}
