import Testing
import Workspace

/// Where `ward policy import commitlint` adds its keys, as values.
@Suite struct CommitlintConfigTests {
    @Test func addsCommitsBeforeTheClosingBraceKeepingTheRestAsWritten() throws {
        let text = "{\n  // the team's policy\n  \"mode\": \"warn\"\n}\n"
        let out = try CommitlintConfig.inserting(commits: "{\"types\": [\"feat\"]}", into: text, file: "ward.json")
        #expect(out == "{\n  // the team's policy\n  \"mode\": \"warn\",\n  \"commits\": {\"types\": [\"feat\"]}\n}\n")
        #expect(try CommitlintConfig.inserting(commits: "{}", into: "{}", file: "w") == "{\n  \"commits\": {}\n}")
        #expect(try CommitlintConfig.inserting(commits: "{}", into: nil, file: "w") == "{\n  \"commits\": {}\n}\n")
    }

    @Test func refusesAFileThatHasCommitsOrIsNoObject() {
        #expect(throws: CommitlintConfig.Failure.self) {
            try CommitlintConfig.inserting(commits: "{}", into: "{\"commits\": {}}", file: "ward.json")
        }
        #expect(throws: CommitlintConfig.Failure.self) {
            try CommitlintConfig.inserting(commits: "{}", into: "[1]", file: "ward.json")
        }
    }

    @Test func anExtensionlessRcIsJSONWhenItStartsWithABrace() {
        #expect(!CommitlintConfig.isYAML(".commitlintrc", "  {\"extends\": []}"))
        #expect(CommitlintConfig.isYAML(".commitlintrc", "extends:\n  - x\n"))
        #expect(CommitlintConfig.isYAML("a.yml", "{}"))
        #expect(!CommitlintConfig.isYAML("a.json", "x: 1"))
    }
}
