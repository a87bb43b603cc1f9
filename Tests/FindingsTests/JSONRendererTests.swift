import Findings
import Foundation
import Policy
import Testing

/// The positions of `"key":` in `json`, in the order of `keys`; nil for a key that is missing.
func offsets(of keys: [String], in json: String) -> [Int?] {
    keys.map { key in
        json.range(of: "\"\(key)\":").map { json.distance(from: json.startIndex, to: $0.lowerBound) }
    }
}

func object(_ json: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    return try #require(value as? [String: Any])
}

let bare = Finding(ruleID: "git-reset-hard", decision: .deny, message: "discards work", checkpoint: .command)
let full = Finding(
    ruleID: "type-enum", decision: .warn, message: "the type 'foo' is not allowed", matched: "foo",
    instead: "one of feat, fix", checkpoint: .commitMsg, check: "message", path: "src/a.swift",
    commit: String(repeating: "a", count: 40), line: 3, column: 7)

@Suite struct JSONRendererTests {
    static let findingKeys = ["rule", "decision", "message", "matched", "instead", "checkpoint"]
    static let optionalKeys = ["check", "path", "commit", "line", "column"]

    @Test func writesTheReportsKeysInTheDocumentedOrder() throws {
        let report = Report(checkpoint: .range, subject: "main..HEAD", findings: [bare], checked: 4)
        let json = JSONRenderer.report(report)
        let keys = ["ok", "checkpoint", "subject", "checked", "skipped", "findings"]
        let found = offsets(of: keys, in: json).compactMap { $0 }
        #expect(found.count == keys.count)
        #expect(found == found.sorted(), "\(json)")
        #expect(json.hasPrefix(#"{"ok":false,"checkpoint":"range","subject":"main..HEAD","checked":4,"skipped":null,"#))

        let parsed = try object(json)
        #expect(Set(parsed.keys) == Set(keys))
        #expect(parsed["ok"] as? Bool == false)
        #expect(parsed["checked"] as? Int == 4)
        #expect(parsed["skipped"] is NSNull)
        #expect((parsed["findings"] as? [[String: Any]])?.count == 1)
    }

    @Test func writesNullForWhatDoesNotApplyAndTheSkipReasonWhenGiven() throws {
        let none = try object(JSONRenderer.report(Report(checkpoint: .agent, subject: "ls")))
        #expect(none["checked"] is NSNull)
        #expect(none["ok"] as? Bool == true)
        #expect((none["findings"] as? [Any])?.isEmpty == true)
        let skipped = try object(
            JSONRenderer.report(
                Report(checkpoint: .commitMsg, subject: "m", checked: 0, skipped: "commits.mode is off")))
        #expect(skipped["skipped"] as? String == "commits.mode is off")
        #expect(skipped["checked"] as? Int == 0)
    }

    @Test func writesAFindingsOptionalMembersOnlyWhenPresent() throws {
        let bareJSON = JSONRenderer.finding(bare)
        #expect(Set(try object(bareJSON).keys) == Set(Self.findingKeys))
        #expect(
            bareJSON
                == #"{"rule":"git-reset-hard","decision":"deny","message":"discards work","matched":"","instead":"","checkpoint":"command"}"#
        )

        let fullJSON = JSONRenderer.finding(full)
        let all = Self.findingKeys + Self.optionalKeys
        let found = offsets(of: all, in: fullJSON)
        #expect(found.allSatisfy { $0 != nil }, "\(fullJSON)")
        #expect(found.compactMap { $0 } == found.compactMap { $0 }.sorted(), "\(fullJSON)")
        let parsed = try object(fullJSON)
        #expect(parsed["rule"] as? String == "type-enum")
        #expect(parsed["decision"] as? String == "warn")
        #expect(parsed["checkpoint"] as? String == "commit-msg")
        #expect(parsed["check"] as? String == "message")
        #expect(parsed["path"] as? String == "src/a.swift")
        #expect(parsed["commit"] as? String == String(repeating: "a", count: 40))
        #expect(parsed["line"] as? Int == 3)
        #expect(parsed["column"] as? Int == 7)
    }

    @Test(arguments: [
        ("check", #""check":"scope"}"#), ("path", #""path":"a"}"#), ("commit", #""commit":"abc"}"#),
        ("line", #""line":1}"#), ("column", #""column":2}"#),
    ])
    func writesEachOptionalMemberAloneAfterTheFixedOnes(_ member: String, tail: String) throws {
        var f = bare
        switch member {
        case "check": f.check = "scope"
        case "path": f.path = "a"
        case "commit": f.commit = "abc"
        case "line": f.line = 1
        default: f.column = 2
        }
        let json = JSONRenderer.finding(f)
        #expect(Set(try object(json).keys) == Set(Self.findingKeys + [member]))
        #expect(json.hasSuffix(#""checkpoint":"command","# + tail), "\(json)")
    }

    @Test(arguments: [
        "say \"hi\"", "back\\slash", "two\nlines", "cr\rlf", "tab\there", "bell\u{07}", "nul\u{00}x", "del\u{7F}",
        "é ünïcødé ✓ 🚀", "</script>",
    ])
    func escapesWhatJSONCannotHoldRaw(_ text: String) throws {
        let f = Finding(
            ruleID: "r", decision: .deny, message: text, matched: text, instead: text, checkpoint: .agent, path: text)
        let json = JSONRenderer.report(Report(checkpoint: .agent, subject: text, findings: [f]))
        #expect(!json.unicodeScalars.contains { $0.value < 0x20 }, "no raw control character")
        let parsed = try object(json)
        #expect(parsed["subject"] as? String == text)
        let finding = try #require((parsed["findings"] as? [[String: Any]])?.first)
        for key in ["message", "matched", "instead", "path"] {
            #expect(finding[key] as? String == text, "\(key)")
        }
    }

    @Test func escapesInTheUsualShortForms() {
        let json = JSONRenderer.finding(
            Finding(ruleID: "r", decision: .deny, message: "a\"b\\c\nd\te\u{01}", checkpoint: .agent))
        #expect(json.contains(#""message":"a\"b\\c\nd\te\u0001""#), "\(json)")
    }

    @Test func appendsExtraMembersAfterTheFindings() throws {
        let json = JSONRenderer.report(
            Report(checkpoint: .command, subject: "x"), extra: [("verdict", #""allow""#), ("rules", "[1,2]")])
        #expect(json.hasSuffix(#""findings":[],"verdict":"allow","rules":[1,2]}"#), "\(json)")
        let parsed = try object(json)
        #expect(parsed["verdict"] as? String == "allow")
    }

    @Test func namesEveryCheckpointAsTheAuditLogDoes() {
        #expect(Checkpoint.preCommit.rawValue == "pre-commit")
        #expect(Checkpoint.preCommit.auditName == "git:pre-commit")
        #expect(Checkpoint.commitMsg.auditName == "git:commit-msg")
        #expect(Checkpoint.prePush.auditName == "git:pre-push")
        #expect(Checkpoint.agent.auditName == "agent")
        #expect(Checkpoint.range.auditName == "range")
    }
}
