import Policy
import Testing

@Suite struct SessionConfigTests {
    @Test(arguments: [
        "## Session Config\nenforcement: warn\n",
        "## Session Config\n- enforcement: warn\n",
        "## session config\n* `enforcement`: `warn`\n",
        "## Session Config ##\n- **enforcement**: \"warn\"\n",
        "## Session Config\n```yaml\n# a yaml comment\nenforcement: warn\n```\n",
        "## Session Config\n### Details\nEnforcement: warn (for now)\n",
        "### Session Config\nallow_destructive_ops: false\nenforcement: warn\n",
    ])
    func readsTheSpellingsPeopleWrite(markdown: String) throws {
        let config = try #require(SessionConfig.parse(markdown: markdown))
        let layer = try config.layer(file: "CLAUDE.md")
        #expect(layer.mode == .warn)
        #expect(layer.kind == .orchestration)
        #expect(layer.commandMode == nil)
    }

    @Test func endsTheSectionAtTheNextHeadingOfTheSameLevel() throws {
        let config = try #require(
            SessionConfig.parse(
                markdown: "# Top\n## Session Config\ntest-command: make test\n## Notes\nenforcement: off\n"))
        #expect(config.headingLine == 2)
        #expect(config.entries == [SessionConfig.Entry(key: "test-command", value: "make test", line: 3)])
        #expect(config["Test_Command"]?.value == "make test")
        #expect(config["enforcement"] == nil)
    }

    @Test func findsNoSectionInOrdinaryMarkdown() {
        #expect(SessionConfig.parse(markdown: "# Project\n\nenforcement: off\n") == nil)
        #expect(SessionConfig.parse(markdown: "```\n## Session Config\n```\nenforcement: off\n") == nil)
    }

    @Test(arguments: [("true", Mode?.some(.warn)), ("yes", .warn), ("false", nil), ("no", nil)])
    func mapsAllowDestructiveOpsToTheCommandMode(value: String, mode: Mode?) throws {
        let config = try #require(SessionConfig.parse(markdown: "## Session Config\nallow-destructive-ops: \(value)\n"))
        #expect(try config.layer(file: "AGENTS.md").commandMode == mode)
    }

    @Test(arguments: [("strict", Mode.enforce), ("enforce", .enforce), ("WARN", .warn), ("off", .off)])
    func mapsEnforcementToTheMode(value: String, mode: Mode) throws {
        let config = try #require(SessionConfig.parse(markdown: "## Session Config\nenforcement: \(value)\n"))
        let layer = try config.layer(file: "AGENTS.md")
        #expect(layer.mode == mode)
        #expect(layer.modeLine == 2)
    }
}

@Suite struct BlockedCommandsTests {
    func layer(_ text: String) throws(PolicyError) -> PolicyLayer {
        try BlockedCommands.layer(text: text, file: "blocked.json", takenIDs: ["git-reset-hard"])
    }

    @Test(arguments: [
        #"["rm -rf /", "terraform destroy"]"#,
        #"{"blocked": ["rm -rf /", "terraform destroy"]}"#,
        #"{"commands": [{"command": "rm -rf /"}, {"pattern": "terraform destroy"}]}"#,
        #"{"version": 1, "patterns": ["rm -rf /"], "blocked": [], "commands": ["terraform destroy"]}"#,
    ])
    func acceptsEveryShapeInTheWild(text: String) throws {
        let layer = try layer(text)
        #expect(layer.kind == .orchestration)
        #expect(layer.rules.map(\.id) == ["blocked-command-1", "blocked-command-2"])
        #expect(layer.rules.allSatisfy { $0.decision == .deny && $0.category == "orchestration" })
    }

    @Test func matchesTheTextLiterallyUnlessMarkedAsRegex() throws {
        let layer = try layer(
            #"["rm -rf ./*.tmp (x) [y] {z} a|b ^$ +? \\", {"pattern": "^npm\\s+publish", "regex": true}]"#)
        let literal = try Regex(try #require(layer.rules[0].match?.pattern))
        #expect("sudo rm -rf ./*.tmp (x) [y] {z} a|b ^$ +? \\ now".contains(literal))
        #expect(!"rm -rf ./a.tmp (x) [y] {z} a|b ^$ +? \\".contains(literal))
        let regex = try Regex(try #require(layer.rules[1].match?.pattern))
        #expect("npm   publish".contains(regex))
    }

    @Test func usesAKebabCaseIdUnlessItIsTaken() throws {
        let layer = try layer(
            #"[{"pattern": "a", "id": "no-a"}, {"pattern": "b", "id": "git-reset-hard"}, {"pattern": "c", "id": "Not Kebab"}, {"pattern": "d", "id": "no-a"}]"#
        )
        #expect(layer.rules.map(\.id) == ["no-a", "blocked-command-2", "blocked-command-3", "blocked-command-4"])
    }

    @Test(arguments: [
        (#"["ok", ""]"#, "[1]", "every command"),
        (#"{"blocked": "rm"}"#, "blocked", "expected an array"),
        (#"{"other": []}"#, "", "'blocked', 'commands' or 'patterns'"),
        (#"[{"reason": "x"}]"#, "[0]", "needs 'pattern' or 'command'"),
        (#"[{"pattern": "(", "regex": true}]"#, "[0]", "regular expression"),
        (#"[{"pattern": "x", "regex": "yes"}]"#, "[0].regex", "true or false"),
        (#"[7]"#, "[0]", "expected a string or an object"),
        (#""rm""#, "", "expected an array or an object"),
        ("[\n\"a\",,]", "", "not valid JSON"),
    ])
    func namesTheEntryOfEveryError(text: String, path: String, message: String) {
        do {
            _ = try layer(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.file == "blocked.json")
            #expect(error.path == path, "\(error)")
            #expect(error.description.contains(message), "\(error)")
            #expect(error.line != nil)
        }
    }
}

@Suite struct WaveScopeTests {
    @Test func readsEnforcementAndIgnoresTheRest() throws {
        let layer = try WaveScope.layer(
            text: #"{"allowedPaths": ["a/**"], "enforcement": "strict", "wave": 3}"#, file: "w.json")
        #expect(layer.mode == nil, "enforcement is the scope's mode, not the whole policy's")
        #expect(layer.scope?.mode == .enforce)
        #expect(layer.scope?.allow == ["/a/**"], "anchored at the repository root")
        let empty = try WaveScope.layer(text: #"{"allowedPaths": []}"#, file: "w.json")
        #expect(empty.scope?.allow == [], "an empty list is kept: it allows no write")
        #expect(empty.scope?.mode == nil)
        #expect(throws: PolicyError.self) { try WaveScope.layer(text: #"{"allowedPaths": ["a/["]}"#, file: "w.json") }
    }

    @Test func rejectsAnUnknownEnforcement() {
        #expect(throws: PolicyError.self) { try WaveScope.layer(text: #"{"enforcement": true}"#, file: "w.json") }
        #expect(throws: PolicyError.self) { try WaveScope.layer(text: #"[]"#, file: "w.json") }
    }
}
