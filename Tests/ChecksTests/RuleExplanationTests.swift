import Policy
import Testing

@testable import Checks

// `ward explain RULE-ID` at the level of values (issue 8, item 1): which words name a rule,
// what the effective policy says about it, and for an allowed command, which rules were checked
// and did not match. Every command string below is data handed to the guard; nothing runs it.

@Suite struct RuleExplanationTests {
    static func policy(_ wardJSON: String = "{}") throws -> Policy {
        try Policy.builtin.merging([try PolicyParser.parse(wardJSON, file: "ward.json", kind: .repository)])
    }

    static let context = GuardContext(
        cwd: "/work/repo", repositoryRoot: "/work/repo", gitDir: "/work/repo/.git", commonDir: "/work/repo/.git",
        branch: "feat/8-explain", home: "/home/dev")

    func explanation(_ text: String, _ policy: Policy) throws -> RuleExplanation {
        guard case .rule(let e) = RuleExplanation.lookup(text, in: policy) else {
            Issue.record("\(text) is not explained as a rule: \(RuleExplanation.lookup(text, in: policy))")
            throw CancellationError()
        }
        return e
    }

    @Test func explainsABuiltInRuleWithItsFileAndMode() throws {
        let e = try explanation("git-reset-hard", try Self.policy())
        #expect(e.id == "git-reset-hard")
        #expect(e.category == "git")
        #expect(e.decision == .deny)
        #expect(e.reason.contains("discards uncommitted changes"))
        #expect(e.alternative.contains("git stash"))
        #expect(e.definedIn == "policy/rules/git.json (built-in)")
        #expect(e.matchesWhen == ["git reset with --hard or --merge"])
        #expect(!e.isDisabled)
        #expect(e.disabledBy == nil)
        #expect(e.overrides.isEmpty)
        #expect(e.mode == .enforce)
        #expect(e.modeKey == "commands.mode")
        #expect(e.notes.isEmpty)
    }

    @Test func everyBuiltInRuleNamesTheFileItComesFrom() {
        for rule in Policy.builtin.commands.rules {
            #expect(Policy.builtinRuleFiles[rule.id]?.hasPrefix("policy/rules/") == true, "\(rule.id)")
        }
        #expect(Policy.builtinRuleFiles["protected-branch-push"] == "policy/rules/contracts.json")
        #expect(Policy.builtinRuleFiles["scope-outside"] == "policy/rules/scope.json")
    }

    @Test func saysWhenARuleIsDisabledAndByWhom() throws {
        let e = try explanation("git-push-force", try Self.policy(#"{"commands": {"disable": ["git-push-force"]}}"#))
        #expect(e.isDisabled)
        #expect(e.disabledBy == "rule 'git-push-force' disabled by ward.json")
        #expect(e.notes.isEmpty)
    }

    @Test func aDisabledContractRuleIsExplainedAsDisabled() throws {
        let e = try explanation(
            "header-max-length", try Self.policy(#"{"commands": {"disable": ["header-max-length"]}}"#))
        #expect(e.isDisabled)
        #expect(e.modeKey == "commits.mode")
        #expect(!e.notes.contains { $0.contains("commands.disable") })
        #expect(e.message?.level == .off)
        #expect(e.message?.levelSource == "commands.disable, from ward.json")
        let protected = try explanation("protected-branch-commit", try Self.policy(#"{"branches": {"mode": "warn"}}"#))
        #expect(protected.modeKey == "branches.mode" && protected.mode == .warn)
    }

    @Test func listsTheOverridesWithTheirPathsAndReason() throws {
        let e = try explanation(
            "rm-recursive-outside-repo",
            try Self.policy(
                #"{"overrides": [{"rule": "rm-recursive-outside-repo", "paths": ["/srv/cache/**"], "reason": "build cache"}]}"#
            ))
        #expect(e.overrides.count == 1)
        #expect(e.overrides.first?.paths == ["/srv/cache/**"])
        #expect(e.overrides.first?.reason == "build cache")
        #expect(e.overrides.first?.source == "ward.json:1")
    }

    @Test func appliesTheModeOfTheRulesArea() throws {
        let p = try Self.policy(#"{"mode": "warn", "scope": {"mode": "enforce"}, "commits": {"mode": "off"}}"#)
        let command = try explanation("git-clean-force", p)
        #expect(command.mode == .warn)
        #expect(command.notes.contains { $0.contains("reported and let through") })
        let scope = try explanation("scope-outside", p)
        #expect(scope.mode == .enforce)
        #expect(scope.modeKey == "scope.mode")
        #expect(scope.modeOrigin == "ward.json")
        let commit = try explanation("type-enum", p)
        #expect(commit.mode == .off)
        #expect(commit.notes.contains { $0.contains("decides nothing") })
    }

    @Test func explainsARepositoryRuleWithItsMatch() throws {
        let p = try Self.policy(
            #"""
            {"commands": {"rules": [{"id": "terraform-destroy", "category": "infra", "decision": "ask",
              "reason": "destroys infrastructure", "alternative": "plan first",
              "match": {"programs": ["terraform"], "subcommand": ["destroy"]}}]}}
            """#)
        let e = try explanation("terraform-destroy", p)
        #expect(e.definedIn == "ward.json:1")
        #expect(e.category == "infra")
        #expect(e.decision == .ask)
        #expect(e.matchesWhen == ["terraform destroy"])
    }

    @Test func explainsTheRulesThatWardsCodeDecides() throws {
        for id in [
            "hook-input-invalid", "policy-invalid", "hook-internal-error", "hook-deadline", "unknown-tool",
            "loop-breaker",
        ] {
            let e = try explanation(id, try Self.policy())
            #expect(e.category == "hooks")
            #expect(e.mode == nil)
            #expect(e.definedIn == CodeRules.source)
            #expect(!e.reason.isEmpty)
        }
        #expect(CodeRules.rule("unknown-tool")?.decision == .allow)
    }

    @Test func noCodeRuleSharesAnIdWithAPolicyRule() {
        for rule in CodeRules.all { #expect(Policy.builtin.rule(rule.id) == nil, "\(rule.id)") }
    }

    struct WordCase: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: RuleExplanation.Lookup
        var testDescription: String { text.debugDescription }
    }

    static let words: [WordCase] = [
        WordCase(text: "git-reset-hrad", expected: .unknownRule("git-reset-hrad", suggestions: ["git-reset-hard"])),
        WordCase(text: "reset-hard", expected: .unknownRule("reset-hard", suggestions: ["git-reset-hard"])),
        WordCase(text: "git-push-forse", expected: .unknownRule("git-push-forse", suggestions: ["git-push-force"])),
        WordCase(text: "hook-deadlin", expected: .unknownRule("hook-deadlin", suggestions: ["hook-deadline"])),
        WordCase(text: "no-such-thing-at-all", expected: .unknownRule("no-such-thing-at-all", suggestions: [])),
        WordCase(text: "git reset --hard", expected: .command),
        WordCase(text: "ls", expected: .command),
        WordCase(text: "rm -rf build", expected: .command),
        WordCase(text: "Git-Reset-Hard", expected: .command),
        WordCase(text: "-rf", expected: .command),
        WordCase(text: "./build-all", expected: .command),
    ]

    @Test(arguments: words)
    func tellsRuleIdsFromCommands(_ c: WordCase) throws {
        #expect(RuleExplanation.lookup(c.text, in: try Self.policy()) == c.expected)
    }

    @Test func suggestsTheNearestIdsFirst() throws {
        let s = RuleExplanation.suggestions(for: "git-push-protectd", in: try Self.policy())
        #expect(s.first == "git-push-protected")
        #expect(s.count <= 3)
    }

    // MARK: - Why was this command allowed?

    func trace(_ command: String, _ policy: Policy) -> [String] {
        let evaluation = CommandGuard(policy: policy).evaluation(of: command, in: Self.context, trace: true)
        return evaluation.trace
    }

    struct MissCase: Sendable, CustomTestStringConvertible {
        var command: String
        /// Trace lines that must appear, as substrings.
        var lines: [String]
        var testDescription: String { command.debugDescription }
    }

    static let allowed: [MissCase] = [
        MissCase(
            command: "git reset --soft HEAD~1",
            lines: ["git-reset-hard: not matched: it needs git reset with --hard or --merge"]),
        MissCase(
            command: "git push origin feat/8-explain",
            lines: [
                "git-push-force: not matched", "git-push-all: not matched", "git-push-protected: not matched",
                "tamper-no-verify: not matched",
            ]),
        MissCase(command: "git clean -n", lines: ["git-clean-force: not matched"]),
        MissCase(command: "git stash list", lines: ["git-stash-drop: not matched"]),
        MissCase(command: "rm notes.txt", lines: ["rm-recursive-in-repo: not matched", "rm-system-path: not matched"]),
        MissCase(
            command: "rm -rf node_modules", lines: ["node_modules is regenerable", "rm-recursive-in-repo: not matched"]),
        MissCase(command: "gh pr view 12", lines: ["gh-pr-merge: not matched"]),
        MissCase(command: "sudo kubectl delete pod x", lines: ["kubectl-delete-namespace: not matched"]),
        MissCase(command: "ls -la | grep x", lines: ["no built-in command rule looks at ls", "looks at grep"]),
    ]

    @Test(arguments: allowed)
    func anAllowedCommandListsTheRulesThatDidNotMatch(_ c: MissCase) throws {
        let p = try Self.policy()
        #expect(CommandGuard(policy: p).evaluate(c.command, in: Self.context) == .allow)
        let lines = trace(c.command, p)
        for expected in c.lines {
            #expect(lines.contains { $0.contains(expected) }, "\(expected) missing from \(lines)")
        }
    }

    @Test func aRuleThatMatchedIsNotListedAsNotMatched() throws {
        let lines = trace("git reset --hard HEAD", try Self.policy())
        #expect(lines.contains { $0.contains("→ git-reset-hard") })
        #expect(!lines.contains { $0.contains("git-reset-hard: not matched") })
    }

    @Test func listsNothingWhenNotTracing() throws {
        let evaluation = CommandGuard(policy: try Self.policy()).evaluation(
            of: "git reset --soft HEAD~1", in: Self.context, trace: false)
        #expect(evaluation.trace.isEmpty)
    }

    @Test func aRepositoryRuleSaysWhyItDidNotMatch() throws {
        let p = try Self.policy(
            #"""
            {"commands": {"rules": [{"id": "terraform-destroy", "reason": "destroys infrastructure",
              "match": {"programs": ["terraform"], "subcommand": ["destroy"]}}]}}
            """#)
        let plan = trace("terraform plan", p)
        #expect(
            plan.contains {
                $0.contains("terraform-destroy (ward.json:1): not matched: it needs the subcommand 'destroy'")
            })
        let other = trace("ls", p)
        #expect(
            other.contains { $0.contains("terraform-destroy (ward.json:1): not matched: no command runs terraform") })
    }

    @Test func everyConditionNamesABuiltInCommandRule() {
        for entry in RuleConditions.entries {
            #expect(Policy.builtin.rule(entry.id) != nil, "\(entry.id)")
            #expect(!entry.on.isEmpty, "\(entry.id)")
        }
        let conditioned = [
            "git-reset-hard", "git-push-force", "rm-recursive-in-repo", "sql-destructive", "redis-flush",
        ]
        for id in conditioned {
            #expect(RuleExplanation.explain(ruleID: id, in: Policy.builtin)?.matchesWhen.isEmpty == false, "\(id)")
        }
    }
}
