import Foundation
import Policy
import TestSupport
import Testing

@Suite struct BuiltinPolicyTests {
    /// The generated source must be what `ward-policy-gen` makes from policy/ today: the lead
    /// and reviewers change the readable files, and a stale binary policy would silently differ.
    @Test func generatedSourceMatchesThePolicyFolder() throws {
        let policyDir = packageRoot + "/policy"
        let defaults = try String(contentsOfFile: policyDir + "/default.json", encoding: .utf8)
        let names = try FileManager.default.contentsOfDirectory(atPath: policyDir + "/rules")
            .filter { $0.hasSuffix(".json") }.sorted()
        let files = try names.map {
            BuiltinPolicySource.File(
                name: "policy/rules/" + $0,
                text: try String(contentsOfFile: policyDir + "/rules/" + $0, encoding: .utf8))
        }
        let expected = try BuiltinPolicySource.generate(
            defaults: .init(name: "policy/default.json", text: defaults), ruleFiles: files)
        let committed = try String(
            contentsOfFile: packageRoot + "/Sources/Policy/BuiltinPolicy+Generated.swift", encoding: .utf8)
        #expect(
            committed == expected,
            "Sources/Policy/BuiltinPolicy+Generated.swift is stale: run `swift run ward-policy-gen` from the package root"
        )
    }

    @Test func builtinRulesHaveUniqueKebabCaseIdsReasonsAndAlternatives() {
        let ids = Policy.builtin.commands.rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in Policy.builtin.commands.rules {
            #expect(!rule.reason.isEmpty, "\(rule.id) has no reason")
            #expect(!rule.alternative.isEmpty, "\(rule.id) has no alternative")
            #expect(rule.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(rule.id)")
        }
    }

    @Test func builtinProtectsMainMasterAndReleaseBranches() {
        #expect(Policy.builtin.mode == .enforce)
        #expect(Set(["main", "master", "release/*"]).isSubset(of: Policy.builtin.protectedBranches))
    }
}
