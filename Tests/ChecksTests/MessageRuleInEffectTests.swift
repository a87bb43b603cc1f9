import Policy
import Testing

@testable import Checks

/// One message rule under one ward.json, and what `ward explain` must say it does.
struct RuleInEffectCase: CustomTestStringConvertible, Sendable {
    var wardJSON: String
    var rule: String
    var expected: MessageRuleInEffect

    var testDescription: String { "\(rule) under \(wardJSON)" }
}

/// `ward explain RULE-ID` for a commit-message rule: the level, `always`/`never` and value the
/// message contract applies under a policy, and where each comes from (issue 13, rule levels).
@Suite struct MessageRuleInEffectTests {
    static func policy(_ wardJSON: String) throws -> Policy {
        try Policy.builtin.merging([try PolicyParser.parse(wardJSON, file: "ward.json", kind: .repository)])
    }

    static func fromRules(_ id: String) -> String { "commits.rules.\(id), from ward.json" }

    static let cases: [RuleInEffectCase] = [
        RuleInEffectCase(
            wardJSON: "{}", rule: "body-max-line-length",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the rule's decision", value: .number(100),
                valueSource: "the rule's default")),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"rules": {"body-max-line-length": ["warning", 120]}}}"#,
            rule: "body-max-line-length",
            expected: MessageRuleInEffect(
                level: .warning, levelSource: fromRules("body-max-line-length"), value: .number(120),
                valueSource: fromRules("body-max-line-length"))),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"bodyMaxLineLength": 80}}"#, rule: "body-max-line-length",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the rule's decision", value: .number(80),
                valueSource: "commits.bodyMaxLineLength, from ward.json")),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"rules": {"subject-full-stop": "off"}}}"#, rule: "subject-full-stop",
            expected: MessageRuleInEffect(
                level: .off, levelSource: fromRules("subject-full-stop"), condition: .never,
                conditionSource: "the rule's default", value: .string("."), valueSource: "the rule's default")),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"rules": {"subject-full-stop": ["error", "always", "!"]}}}"#,
            rule: "subject-full-stop",
            expected: MessageRuleInEffect(
                level: .error, levelSource: fromRules("subject-full-stop"), condition: .always,
                conditionSource: fromRules("subject-full-stop"), value: .string("!"),
                valueSource: fromRules("subject-full-stop"))),
        RuleInEffectCase(
            wardJSON: "{}", rule: "footer-leading-blank",
            expected: MessageRuleInEffect(
                level: .warning, levelSource: "the rule's decision", condition: .always,
                conditionSource: "the rule's default")),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"types": ["feat", "fix"]}}"#, rule: "type-enum",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the rule's decision", condition: .always,
                conditionSource: "the rule's default", value: .strings(["feat", "fix"]),
                valueSource: "commits.types, from ward.json")),
        RuleInEffectCase(
            wardJSON: "{}", rule: "scope-enum",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the rule's decision", condition: .always,
                conditionSource: "the rule's default", value: .strings([]),
                valueSource: "commits.scopes, from built-in", notes: ["no scopes are listed: any scope is allowed"])),
        RuleInEffectCase(
            wardJSON: "{}", rule: "scope-empty",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the rule's decision",
                notes: ["commits.scopeRequired is false: a header without a scope passes"])),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"scopeRequired": true}}"#, rule: "scope-empty",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the rule's decision", condition: .never,
                conditionSource: "commits.scopeRequired, from ward.json")),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"profile": "plain"}}"#, rule: "header-max-length",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the rule's decision", value: .number(72),
                valueSource: "the plain profile")),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"profile": "plain"}}"#, rule: "body-leading-blank",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the plain profile (commits.profile)", condition: .always,
                conditionSource: "the rule's default")),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"profile": "plain"}}"#, rule: "type-empty",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the rule's decision", condition: .never,
                conditionSource: "the rule's default",
                notes: ["the plain profile (commits.profile) does not check this rule"])),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"subjectCase": "lower-case"}}"#, rule: "subject-case",
            expected: MessageRuleInEffect(
                level: .error, levelSource: "the rule's decision", condition: .always,
                conditionSource: "commits.subjectCase, from ward.json", value: .strings(["lower-case"]),
                valueSource: "commits.subjectCase, from ward.json")),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"rules": {"subject-case": "warning"}}}"#, rule: "subject-case",
            expected: MessageRuleInEffect(
                level: .warning, levelSource: fromRules("subject-case"), condition: .never,
                conditionSource: "the rule's default",
                value: .strings(["sentence-case", "start-case", "pascal-case", "upper-case"]),
                valueSource: "commits.subjectCase, from built-in")),
        RuleInEffectCase(
            wardJSON: #"{"commits": {"rules": {"type-case": ["error", "never", "upper-case"]}}}"#, rule: "type-case",
            expected: MessageRuleInEffect(
                level: .error, levelSource: fromRules("type-case"), condition: .never,
                conditionSource: fromRules("type-case"), value: .strings(["upper-case"]),
                valueSource: fromRules("type-case"))),
    ]

    @Test(arguments: cases)
    func showsTheLevelConditionAndValueInEffect(_ c: RuleInEffectCase) throws {
        #expect(MessageRuleInEffect.of(c.rule, in: try Self.policy(c.wardJSON)) == c.expected)
    }

    @Test func theExplanationOfAMessageRuleCarriesItAndOtherRulesDoNot() throws {
        let p = try Self.policy(#"{"commits": {"rules": {"body-max-line-length": ["warning", 120]}}}"#)
        guard case .rule(let e) = RuleExplanation.lookup("body-max-line-length", in: p) else {
            Issue.record("not explained as a rule")
            return
        }
        #expect(e.message?.level == .warning)
        #expect(e.lines.contains("level: warning (commits.rules.body-max-line-length, from ward.json)"))
        #expect(e.lines.contains("value: 120 (commits.rules.body-max-line-length, from ward.json)"))
        #expect(!e.lines.contains { $0.hasPrefix("when:") }, "a length has no always/never")
        #expect(
            e.json.contains(
                #""message":{"level":"warning","levelSource":"commits.rules.body-max-line-length, from ward.json","when":null,"whenSource":null,"value":120,"#
            ))
        #expect(RuleExplanation.explain(ruleID: "git-reset-hard", in: p)?.message == nil)
        let git = try #require(RuleExplanation.explain(ruleID: "git-reset-hard", in: p))
        #expect(!git.lines.contains { $0.hasPrefix("level:") })
        #expect(git.json.hasPrefix(#"{"rule":"git-reset-hard","category":"git","decision":"deny","#))
        #expect(!git.json.contains("\"message\""))
    }

    @Test func aRuleSwitchedOffSaysSoInTextAndJSON() throws {
        let p = try Self.policy(#"{"commits": {"rules": {"subject-full-stop": "off"}}}"#)
        let e = try #require(RuleExplanation.explain(ruleID: "subject-full-stop", in: p))
        #expect(e.lines.contains("level: off (commits.rules.subject-full-stop, from ward.json)"))
        #expect(e.lines.contains("when: never (the rule's default)"))
        #expect(e.lines.contains("value: '.' (the rule's default)"))
        #expect(e.json.contains(#""level":"off""#) && e.json.contains(#""value":".""#))
    }

    @Test func anUnknownRuleSuggestsAndSaysHowToExplainACommand() {
        #expect(
            RuleExplanation.unknownRuleMessage("reset-hard", suggestions: ["git-reset-hard"])
                == "ward explain: no rule named 'reset-hard'; did you mean 'git-reset-hard'?; 'ward policy show' lists every rule; to explain a command line, quote it: ward explain 'reset-hard ...'"
        )
        #expect(!RuleExplanation.unknownRuleMessage("x-y", suggestions: []).contains("did you mean"))
    }

    @Test func aCommandExplanationListsEverySectionAndItsJSONTheSameFacts() throws {
        let context = GuardContext(
            cwd: "/work/repo", repositoryRoot: "/work/repo", gitDir: "/work/repo/.git",
            commonDir: "/work/repo/.git", branch: "feat/8-explain", home: "/home/dev")
        // Data handed to the guard; nothing runs it.
        let e = CommandExplanation(
            "git reset --hard", policy: try Self.policy("{}"), context: context, files: ["built-in", "ward.json"])
        let lines = e.lines
        #expect(
            lines.prefix(4) == [
                "command: git reset --hard", "cwd: /work/repo", "repository: /work/repo", "branch: feat/8-explain",
            ])
        #expect(lines.contains("parse tree:") && lines.contains("rules considered:") && lines.contains("findings:"))
        #expect(lines.contains { $0.hasPrefix("verdict: ") && $0.contains("git-reset-hard") })
        #expect(lines.suffix(2) == ["mode: enforce", "policy files: built-in, ward.json"])
        #expect(
            e.json.hasPrefix(
                #"{"command":"git reset --hard","cwd":"/work/repo","repository":"/work/repo","branch":"feat/8-explain","parseTree":"#
            ))
        #expect(e.json.contains(#""verdict":{"rule":"git-reset-hard","decision":"deny","#))
        #expect(e.json.hasSuffix(#""mode":"enforce","files":["built-in","ward.json"]}"#))
    }
}
