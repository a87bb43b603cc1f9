import Checks
import Policy
import Testing

/// `commands.disable` switches a rule off at every checkpoint, the commit and push contracts
/// included: the message rules, the branch name, and the push rules.
@Suite struct DisabledContractRuleTests {
    static func policy(_ json: String) throws -> Policy {
        try Policy.builtin.merging([try PolicyParser.parse(json, file: "ward.json", kind: .repository)])
    }

    @Test func aDisabledMessageRuleFindsNothing() throws {
        let long = "fix: " + String(repeating: "x", count: 120)
        let on = MessageContract(try Self.policy("{}"))
        #expect(on.check(long).findings.map(\.ruleID) == ["header-max-length"])
        let off = MessageContract(try Self.policy(#"{"commands": {"disable": ["header-max-length", "subject-case"]}}"#))
        #expect(off.check(long).findings.isEmpty)
        #expect(off.check("fix: Sentence case").findings.isEmpty)
        #expect(off.check("Fix: x").findings.map(\.ruleID) == ["type-case", "type-enum"])
    }

    @Test func aDisabledBranchNameRuleAllowsAnyName() throws {
        #expect(BranchContract(policy: try Self.policy("{}")).checkName("my-stuff").decision == .deny)
        let off = BranchContract(policy: try Self.policy(#"{"commands": {"disable": ["branch-name"]}}"#))
        #expect(off.checkName("my-stuff").decision == .allow)
    }

    @Test func aDisabledPushRuleLetsThatPushThroughAndNoOther() throws {
        let tip = String(repeating: "a", count: 40)
        let old = String(repeating: "b", count: 40)
        let push = RefUpdate(localRef: "refs/heads/main", localID: tip, remoteRef: "refs/heads/main", remoteID: old)
        let force = RefUpdateFacts(isForce: true, oldTipMissing: false)
        let plain = RefUpdateFacts(isForce: false, oldTipMissing: false)
        let on = PushContract(policy: try Self.policy("{}"))
        #expect(on.check(push, facts: force).map(\.ruleID) == ["protected-branch-force-push"])
        let off = PushContract(policy: try Self.policy(#"{"commands": {"disable": ["protected-branch-force-push"]}}"#))
        #expect(off.check(push, facts: force).isEmpty)
        #expect(off.check(push, facts: plain).map(\.ruleID) == ["protected-branch-push"])
    }
}
