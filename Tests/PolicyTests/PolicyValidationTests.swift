import Policy
import Testing

@Suite struct PolicyValidationTests {
    func parseError(_ text: String, file: String = "ward.json") -> PolicyError? {
        do {
            _ = try PolicyParser.parse(text, file: file, kind: .repository)
            return nil
        } catch {
            return error
        }
    }

    @Test func acceptsTheDocumentedShape() throws {
        let layer = try PolicyParser.parse(
            """
            {
              "mode": "enforce",
              "protectedBranches": ["main", "release/*"],
              "commands": {
                "disable": ["git-push-force"],
                "rules": [{"id": "terraform-destroy", "reason": "destroys infrastructure",
                           "match": {"programs": ["terraform"], "subcommand": ["destroy"]}}],
                "regenerable": ["vendor"],
                "tempRoots": ["/scratch"],
              },
              "scope": {"allow": ["Sources/**"]},
              "overrides": [{"rule": "rm-recursive-outside-repo", "paths": ["/srv/cache/**"], "reason": "build cache"}],
            }
            """, file: "ward.json", kind: .repository)
        #expect(layer.mode == .enforce)
        #expect(layer.modeLine == 2)
        #expect(layer.protectedBranches == ["main", "release/*"])
        #expect(layer.disable == ["git-push-force"])
        #expect(layer.rules.map(\.id) == ["terraform-destroy"])
        #expect(layer.rules.first?.source == "ward.json:6")
        #expect(layer.regenerable == ["vendor"])
        #expect(layer.overrides.first?.source == "ward.json:12")
        #expect(layer.scope?.allow == ["Sources/**"])
    }

    @Test(arguments: [
        ("{\n  \"protectedBranch\": [\"main\"]\n}", 2, "protectedBranch", "did you mean 'protectedBranches'"),
        ("{\n  \"commands\": {\n    \"disabel\": []\n  }\n}", 3, "commands.disabel", "did you mean 'disable'"),
        ("{\"mode\": \"strict\"}", 1, "mode", "enforce, warn, off"),
        (
            "{\n\"commands\": {\"disable\": [\"a\",\n 7]}}", 3, "commands.disable[1]",
            "expected a string, found a number"
        ),
        (
            "{\"commands\": {\"rules\": [\n{\"id\": \"x-y\", \"reason\": \"r\", \"match\": {\"programz\": []}}]}}", 2,
            "commands.rules[0].match.programz", "did you mean 'programs'"
        ),
        (
            "{\"commands\": {\"rules\": [{\"id\": \"Bad_ID\", \"reason\": \"r\"}]}}", 1, "commands.rules[0].id",
            "kebab-case"
        ),
        (
            "{\"commands\": {\"rules\": [{\"id\": \"no-match\", \"reason\": \"r\"}]}}", 1, "commands.rules[0]",
            "needs a 'match'"
        ),
        ("{\"overrides\": [{\"rule\": \"git-push-force\"}]}", 1, "overrides[0]", "needs a 'reason'"),
        (
            "{\"overrides\": [{\"rule\": \"git-push-force\", \"reason\": \"  \"}]}", 1, "overrides[0]",
            "needs a 'reason'"
        ),
        ("{\"wibble\": 1}", 1, "wibble", "known keys"),
        ("[1]", 1, "", "expected an object at the top level"),
        ("{\n\"a\": }", 2, "", "not valid JSON5"),
    ])
    func namesFileLineAndKeyPathOfEveryError(text: String, line: Int, path: String, message: String) throws {
        let error = try #require(parseError(text))
        #expect(error.file == "ward.json")
        #expect(error.line == line, "\(error)")
        #expect(error.path == path, "\(error)")
        #expect(error.description.contains(message), "\(error)")
        #expect(error.description.hasPrefix("ward.json:\(line): "))
    }

    @Test func rejectsAnInvalidRegularExpression() throws {
        let error = try #require(
            parseError(#"{"commands": {"rules": [{"id": "r", "reason": "x", "match": {"pattern": "(unclosed"}}]}}"#))
        #expect(error.path == "commands.rules[0].match.pattern")
    }
}
