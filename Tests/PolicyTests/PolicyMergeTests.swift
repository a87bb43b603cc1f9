import Policy
import Testing

@Suite struct PolicyMergeTests {
    func layer(_ text: String, file: String = "ward.json", kind: PolicyLayer.Kind = .repository) throws -> PolicyLayer {
        try PolicyParser.parse(text, file: file, kind: kind)
    }

    @Test func unitesProtectedBranches() throws {
        let merged = try Policy.builtin.merging([
            try layer(#"{"protectedBranches": ["develop", "main"]}"#),
            try layer(#"{"protectedBranches": ["staging"]}"#, file: ".git/ward/local.json", kind: .local),
        ])
        #expect(merged.protectedBranches == Policy.builtin.protectedBranches + ["develop", "staging"])
        #expect(merged.origins["protectedBranches"] == ".git/ward/local.json")
    }

    @Test func refusesToDisableAnUnknownRule() throws {
        let error = #expect(throws: PolicyError.self) {
            try Policy.builtin.merging([try layer(#"{"commands": {"disable": ["git-reset-hardd"]}}"#)])
        }
        #expect(error?.message.contains("did you mean 'git-reset-hard'?") == true, "\(String(describing: error))")
        let far = #expect(throws: PolicyError.self) {
            try Policy.builtin.merging([
                try layer(#"{"overrides": [{"rule": "no-such-rule-here", "reason": "x"}]}"#)
            ])
        }
        #expect(far?.message == "no rule has the id 'no-such-rule-here' (see 'ward policy show' for the rule ids)")
    }

    @Test func logsEveryDisabledRuleAsALoosening() throws {
        let merged = try Policy.builtin.merging([try layer(#"{"commands": {"disable": ["git-push-force"]}}"#)])
        #expect(merged.isDisabled("git-push-force"))
        #expect(merged.loosenings.contains { $0.contains("git-push-force") && $0.contains("ward.json") })
    }

    @Test func recordsOverridesWithTheirReason() throws {
        let merged = try Policy.builtin.merging([
            try layer(
                #"{"overrides": [{"rule": "rm-recursive-outside-repo", "paths": ["/srv/cache/**"], "reason": "build cache"}]}"#
            )
        ])
        #expect(merged.overrides.map(\.rule) == ["rm-recursive-outside-repo"])
        #expect(merged.loosenings.contains { $0.contains("build cache") && $0.contains("/srv/cache/**") })
    }

    @Test func refusesARuleIdThatIsAlreadyDefined() throws {
        let clash = try layer(
            #"{"commands": {"rules": [{"id": "git-reset-hard", "reason": "x", "match": {"programs": ["git"]}}]}}"#)
        #expect(throws: PolicyError.self) { try Policy.builtin.merging([clash]) }
    }

    @Test func appliesTighteningButIgnoresLooseningFromOrchestrationFiles() throws {
        var loosen = PolicyLayer(kind: .orchestration, file: "CLAUDE.md")
        loosen.mode = .off
        loosen.commandMode = .warn
        let merged = try Policy.builtin.merging([loosen])
        #expect(merged.mode == .enforce)
        #expect(merged.commandMode == .enforce)
        #expect(merged.ignored.count == 2)
        #expect(merged.loosenings.isEmpty)

        var base = try layer(#"{"mode": "warn"}"#)
        base.honourSessionConfig = nil
        var tighten = PolicyLayer(kind: .orchestration, file: "AGENTS.md")
        tighten.mode = .enforce
        let tightened = try Policy.builtin.merging([base, tighten])
        #expect(tightened.mode == .enforce)
        #expect(tightened.origins["mode"] == "AGENTS.md")
    }

    @Test func honoursOrchestrationLooseningWhenWardJsonSaysSo() throws {
        var loosen = PolicyLayer(kind: .orchestration, file: "CLAUDE.md")
        loosen.commandMode = .warn
        let merged = try Policy.builtin.merging([try layer(#"{"honourSessionConfig": true}"#), loosen])
        #expect(merged.commandMode == .warn)
        #expect(merged.ignored.isEmpty)
        #expect(merged.loosenings.contains { $0.contains("CLAUDE.md") })
    }

    @Test func appliesWardModeFromTheEnvironment() throws {
        let warned = try Policy.builtin.applyingEnvironmentMode("warn")
        #expect(warned.mode == .warn)
        #expect(warned.loosenings.contains { $0.contains("WARD_MODE") })
        #expect(try Policy.builtin.applyingEnvironmentMode(nil) == Policy.builtin)
        #expect(try Policy.builtin.applyingEnvironmentMode("") == Policy.builtin)
    }

    @Test func rejectsAnInvalidWardMode() {
        do {
            _ = try Policy.builtin.applyingEnvironmentMode("strict")
            Issue.record("WARD_MODE=strict was accepted")
        } catch {
            #expect(error.file == "WARD_MODE")
            #expect(error.description.contains("enforce, warn or off"))
        }
    }
}
