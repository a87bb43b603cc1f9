import Policy
import Testing

/// `ward policy validate` reports every error of a file at once: the parsers record an error
/// and read on, and merging records unknown and duplicate rule ids the same way.
@Suite struct PolicyErrorCollectionTests {
    func errors(_ text: String, file: String = "ward.json", kind: PolicyLayer.Kind = .repository) -> [String] {
        var errors: [PolicyError] = []
        let layer = PolicyParser.parse(text, file: file, kind: kind, errors: &errors)
        _ = Policy.builtin.merging([layer], errors: &errors)
        return errors.map(\.description)
    }

    @Test func reportsABadModeAnUnknownKeyAndAWrongTypeInOneRun() {
        let text = """
            {
              "mode": "strict",
              "comands": {},
              "protectedBranches": "main"
            }
            """
        #expect(
            errors(text) == [
                "ward.json:2: mode: expected one of enforce, warn, off, found 'strict'",
                "ward.json:3: comands: unknown key 'comands' (did you mean 'commands'?)",
                "ward.json:4: protectedBranches: expected an array of strings, found a string",
            ])
    }

    @Test func readsOnPastAnErrorInsideEverySection() {
        let text = """
            {
              "commands": {
                "mode": "loud",
                "disable": ["no-such-rule"],
                "rules": [
                  {"id": "Bad_Id", "reason": "r", "match": {"programs": ["x"]}},
                  {"id": "ok-rule", "reason": "r", "match": {"programs": ["y"]}},
                ],
              },
              "scope": {"allow": ["src/**", 3], "protect": ["~/x"], "mode": "warn"},
              "commits": {"profile": "conventinal", "maxWalk": 0, "types": ["feat"]},
              "branches": {"patterns": ["("], "protectedTags": ["v*"]},
              "overrides": [{"rule": "git-reset-hard"}, {"rule": "nope", "reason": "x"}],
              "honourSessionConfig": "yes",
            }
            """
        #expect(
            errors(text) == [
                "ward.json:3: commands.mode: expected one of enforce, warn, off, found 'loud'",
                "ward.json:6: commands.rules[0].id: rule ids are kebab-case, like 'terraform-destroy'",
                "ward.json:10: scope.allow[1]: expected a string, found a number",
                "ward.json:10: scope.protect[0]: protect globs are relative to the repository root; list paths outside it in scope.outside",
                "ward.json:11: commits.profile: expected one of conventional, plain, found 'conventinal' (did you mean 'conventional'?)",
                "ward.json:11: commits.maxWalk: expected a whole number of at least 1, found a number",
                "ward.json:12: branches.patterns[0]: not a valid regular expression: "
                    + regexError("("),
                "ward.json:13: overrides[0]: an override of 'git-reset-hard' needs a 'reason'",
                "ward.json:14: honourSessionConfig: expected true or false, found a string",
                // From merging: the ids are checked against the built-in rules.
                "ward.json:4: commands.disable[0]: no rule has the id 'no-such-rule' (see 'ward policy show' for the rule ids)",
                "ward.json:13: overrides: no rule has the id 'nope' (see 'ward policy show' for the rule ids)",
            ])
    }

    func regexError(_ pattern: String) -> String {
        do {
            _ = try Regex(pattern)
            return "(compiled)"
        } catch {
            return "\(error)"
        }
    }

    @Test func keepsTheValidPartsOfAFileWithErrors() {
        var errors: [PolicyError] = []
        let layer = PolicyParser.parse(
            #"{"mode": "warn", "protectedBranches": [1], "scope": {"allow": ["src/**", "["]}}"#, file: "ward.json",
            kind: .repository, errors: &errors)
        #expect(errors.count == 2)
        #expect(layer.mode == .warn)
        #expect(layer.protectedBranches == nil)
        #expect(layer.scope?.allow == ["src/**"])
    }

    @Test func stopsAtAJsonSyntaxErrorWithOneError() {
        let found = errors("{\n  \"mode\": \"strict\",\n  \"commands\": {\n}\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("ward.json:5: not valid JSON5") == true, "\(found)")
    }

    @Test func theThrowingParserStillStopsAtTheFirstError() {
        #expect(
            throws: PolicyError(
                file: "ward.json", line: 1, path: "mode", message: "expected one of enforce, warn, off, found 'x'")
        ) {
            try PolicyParser.parse(#"{"mode": "x", "nope": 1}"#, file: "ward.json", kind: .repository)
        }
    }

    @Test func reportsADuplicateRuleIdWithItsLine() {
        let text = """
            {"commands": {"rules": [
              {"id": "git-reset-hard", "reason": "r", "match": {"programs": ["git"]}}
            ]}}
            """
        #expect(errors(text).count == 1)
        #expect(
            errors(text).first?.hasPrefix("ward.json:2: commands.rules: rule id 'git-reset-hard' is already defined")
                == true)
    }

    @Test func collectsEveryUnreadableSessionConfigValue() throws {
        let config = try #require(
            SessionConfig.parse(markdown: "## Session Config\nenforcement: loud\nallow-destructive-ops: perhaps\n"))
        var errors: [PolicyError] = []
        let layer = config.layer(file: "CLAUDE.md", errors: &errors)
        #expect(
            errors.map(\.description) == [
                "CLAUDE.md:2: Session Config.enforcement: expected strict, warn or off, found 'loud'",
                "CLAUDE.md:3: Session Config.allow-destructive-ops: expected true or false, found 'perhaps'",
            ])
        #expect(layer.mode == nil && layer.commandMode == nil)
    }

    @Test func collectsEveryBadWaveScopeValue() {
        var errors: [PolicyError] = []
        let layer = WaveScope.layer(
            text: "{\n\"enforcement\": \"loud\",\n\"allowedPaths\": [\"src/\", 7, \"a/[\"]\n}", file: "w.json",
            errors: &errors)
        #expect(errors.map(\.path) == ["enforcement", "allowedPaths[1]", "allowedPaths[2]"])
        #expect(errors.map(\.line) == [2, 3, 3])
        #expect(layer.scope?.allow == ["/src/"])
    }

    @Test func collectsEveryBadBlockedCommand() {
        var errors: [PolicyError] = []
        let layer = BlockedCommands.layer(
            text: "[\n\"terraform destroy\",\n42,\n\"  \",\n{\"pattern\": \"(\", \"regex\": true}\n]", file: "b.json",
            takenIDs: [], errors: &errors)
        #expect(errors.map(\.path) == ["[1]", "[2]", "[3]"])
        #expect(errors.map(\.line) == [3, 4, 5])
        #expect(layer.rules.map(\.id) == ["blocked-command-1"])
    }
}
