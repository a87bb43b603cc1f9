import Policy
import Testing

/// `ward policy import commitlint`'s translation: YAML and JSON configurations in, ward.json's
/// `commits` keys out, and a line for what has no equivalent.
@Suite struct CommitlintImportTests {
    @Test func translatesYAMLWithExtendsRulesAndWorkspaceScopes() throws {
        let yaml = """
            # commitlint
            extends:
              - '@commitlint/config-conventional'
              - "@commitlint/config-lerna-scopes"
            rules:
              header-max-length: [2, always, 72]
              type-enum:
                - 2
                - always
                - [feat, fix,
                   chore]
              subject-full-stop: [0]
              references-empty: [2, never]
              body-leading-blank: [2, 'never']
            formatter: '@commitlint/format'
            """
        let result = try CommitlintImport.translate(yaml, yaml: true, file: ".commitlintrc.yml")
        let commits = try #require(result.commits)
        #expect(commits.contains(#""scopes": {"from": "workspace"}"#))
        #expect(commits.contains(#""header-max-length": [2, "always", 72]"#))
        #expect(commits.contains(#""type-enum": [2, "always", ["feat", "fix", "chore"]]"#))
        #expect(commits.contains(#""subject-full-stop": [0]"#))
        #expect(commits.contains(#""body-leading-blank": [2, "never"]"#))
        #expect(result.notes.contains("rules.references-empty: not translated: ward has no such rule"))
        #expect(result.notes.contains { $0.hasPrefix("formatter: not translated") })
        // What is written validates and means what commitlint meant.
        let layer = try PolicyParser.parse("{\"commits\": \(commits)}", file: "ward.json", kind: .repository)
        let policy = try Policy.builtin.merging([layer])
        #expect(
            policy.commits.rules["header-max-length"]
                == CommitRuleSetting(level: .error, condition: .always, value: .number(72)))
        #expect(policy.commits.rules["subject-full-stop"]?.level == .off)
        #expect(policy.commits.scopesFromWorkspace)
    }

    @Test func translatesJSONAndReportsWhatItCannot() throws {
        let json = """
            {"extends": ["@commitlint/config-angular"], "defaultIgnores": false,
             "rules": {"type-case": [2, "always", "kebab-case"], "header-max-length": [2, "never", 10],
                       "scope-enum": [1, "always", ["api", "ui"]]}}
            """
        let result = try CommitlintImport.translate(json, yaml: false, file: ".commitlintrc.json")
        let commits = try #require(result.commits)
        #expect(commits.contains(#""scope-enum": [1, "always", ["api", "ui"]]"#))
        #expect(!commits.contains("header-max-length"))
        #expect(result.notes.contains { $0.hasPrefix("extends '@commitlint/config-angular': not translated") })
        #expect(result.notes.contains { $0.hasPrefix("defaultIgnores: false: not translated") })
        #expect(
            result.notes.contains { $0.hasPrefix("rules.header-max-length: not translated: 'never' has no meaning") })
    }

    @Test func refusesYAMLItCannotReadWithTheLine() {
        do {
            _ = try CommitlintImport.translate("rules:\n  a: &anchor [2]\n  b: *anchor\n", yaml: true, file: "x.yml")
            Issue.record("accepted an alias")
        } catch {
            #expect(error.description.hasPrefix("x.yml:"))
        }
    }
}
