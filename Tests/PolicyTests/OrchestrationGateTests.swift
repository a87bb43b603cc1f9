import Policy
import Testing

/// Gates adopted from the orchestration files ward replaces (zero config).
@Suite struct OrchestrationGateTests {
    static let qualityFile = ".orchestrator/policy/quality-gates.json"

    @Test func readsTheGatesOfQualityGatesJson() throws {
        let text = """
            {
              "version": 2,
              "commands": {
                "typecheck": {"command": "tsc --noEmit", "required": true, "variants": {"pre-commit": "tsc -b --incremental"}},
                "lint": "eslint .",
                "test": {"command": "npm test", "required": false, "variants": {"full": "npm run test:all"}},
                "build": {"command": "npm run build"}
              }
            }
            """
        let layer = try QualityGates.layer(text: text, file: Self.qualityFile)
        #expect(layer.kind == .orchestration)
        let gates = try #require(layer.gates)
        #expect(gates.map(\.name) == ["typecheck", "lint", "test"])
        #expect(gates[0].run == ["default": "tsc --noEmit", "pre-commit": "tsc -b --incremental"])
        #expect(gates[0].stages == ["pre-commit", "ci"])
        #expect(gates[0].required)
        #expect(gates[0].source == "\(Self.qualityFile):4")
        #expect(gates[1].run == ["default": "eslint ."])
        #expect(gates[1].stages == ["pre-commit", "ci"])
        #expect(gates[2].run == ["default": "npm test"])
        #expect(gates[2].stages == ["pre-push", "ci"])
        #expect(!gates[2].required)
        #expect(gates.allSatisfy { !$0.agentEditable && $0.files.isEmpty })
    }

    @Test func leavesOutACommandThatIsSkipAndAStageWhoseVariantIsSkip() throws {
        let text = """
            {"commands": {
              "typecheck": "skip",
              "lint": {"command": "skip"},
              "test": {"command": "npm test", "variants": {"pre-push": "skip", "pre-commit": "npm test -- --changed"}}
            }}
            """
        let gates = try #require(try QualityGates.layer(text: text, file: "q.json").gates)
        #expect(gates.map(\.name) == ["test"])
        #expect(gates[0].stages == ["ci", "pre-commit"])
        #expect(gates[0].command(for: "pre-commit") == "npm test -- --changed")
    }

    @Test(arguments: [
        (#"["npm test"]"#, "", "expected an object with 'commands'"),
        (#"{"gates": {}}"#, "", "expected an object with 'commands'"),
        (#"{"commands": []}"#, "commands", "expected an object"),
        (#"{"commands": {"test": 1}}"#, "commands.test", "found a number"),
        (#"{"commands": {"test": {"required": true}}}"#, "commands.test", "needs 'command'"),
        (#"{"commands": {"test": {"command": ""}}}"#, "commands.test.command", "write 'skip'"),
        (#"{"commands": {"test": {"command": "x", "required": "yes"}}}"#, "commands.test.required", "true or false"),
        (#"{"commands": {"test": {"command": "x", "variants": ["a"]}}}"#, "commands.test.variants", "an object"),
        (#"{"commands": {"lint": "x", "test": 1"#, "", "not valid JSON5"),
    ])
    func rejectsAQualityGatesFileItCannotRead(text: String, path: String, message: String) throws {
        var errors: [PolicyError] = []
        _ = QualityGates.layer(text: text, file: "q.json", errors: &errors)
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.file == "q.json")
        #expect(error.line == 1)
        #expect(error.path == path)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func readsTheCommandsOfASessionConfigAsAgentEditableGates() throws {
        let markdown = """
            # Project
            ## Session Config
            - **test-command**: `swift test`
            - typecheck_command: "swift build"
            - lint-command: skip
            - enforcement: warn
            """
        let config = try #require(SessionConfig.parse(markdown: markdown))
        let layer = try config.layer(file: "CLAUDE.md")
        #expect(layer.mode == .warn)
        let gates = try #require(layer.gates)
        #expect(gates.map(\.name) == ["typecheck", "test"])
        #expect(gates[0].run == ["default": "swift build"])
        #expect(gates[0].stages == ["pre-commit", "ci"])
        #expect(gates[0].source == "CLAUDE.md:4")
        #expect(gates[1].run == ["default": "swift test"])
        #expect(gates[1].stages == ["pre-push", "ci"])
        #expect(gates[1].source == "CLAUDE.md:3")
        #expect(gates.allSatisfy { $0.agentEditable && $0.required })
    }

    @Test func makesNoGatesOfASessionConfigWithoutCommands() throws {
        let config = try #require(SessionConfig.parse(markdown: "## Session Config\nenforcement: strict\n"))
        #expect(try config.layer(file: "AGENTS.md").gates == nil)
    }

    @Test func readsOneTestGatePerPartOfTheSessionPluginLayout() throws {
        let text = """
            {
              "worktreesPath": "../wt",
              "layout": {
                "parts": [
                  {"name": "api", "path": "services/api/", "testCommand": "npm test"},
                  {"name": "Web App", "path": "./web", "testCommand": "pnpm vitest run"},
                  {"path": "tools/cli", "test": "cargo test"},
                  {"name": "docs", "path": "docs"},
                  {"name": "root", "path": ".", "testCommand": "make test"}
                ]
              }
            }
            """
        let layer = try SessionPlugin.layer(text: text, file: ".claude/session-plugin.json")
        #expect(layer.kind == .orchestration)
        let gates = try #require(layer.gates)
        #expect(gates.map(\.name) == ["test-api", "test-web-app", "test-cli", "test-root"])
        #expect(gates.map(\.cwd) == ["services/api", "web", "tools/cli", nil])
        #expect(gates[0].run == ["default": "npm test"])
        #expect(gates.allSatisfy { $0.stages == ["pre-push", "ci"] && !$0.agentEditable })
        #expect(gates[0].source == ".claude/session-plugin.json:5")
    }

    @Test func readsALayoutWrittenAsAnObjectOfParts() throws {
        let text = #"{"layout": {"api": {"path": "api", "testCommand": "go test ./..."}, "note": "x"}}"#
        let gates = try #require(try SessionPlugin.layer(text: text, file: "p.json").gates)
        #expect(gates.map(\.name) == ["test-api"])
        #expect(gates[0].cwd == "api")
    }

    @Test func makesNoGatesOfASessionPluginWithoutALayout() throws {
        #expect(try SessionPlugin.layer(text: #"{"defaultBranch": "main"}"#, file: "p.json").gates == nil)
    }

    @Test(arguments: [
        (#"{"layout": {"parts": [{"path": "/srv/api", "testCommand": "x"}]}}"#, "layout.parts[0].path", "inside"),
        (#"{"layout": {"parts": [{"path": "../api", "testCommand": "x"}]}}"#, "layout.parts[0].path", "inside"),
        (#"{"layout": {"parts": [{"path": "a", "testCommand": 1}]}}"#, "layout.parts[0].testCommand", "string"),
        (#"{"layout": {"parts": [{"testCommand": "x"}]}}"#, "layout.parts[0]", "'name' or a 'path'"),
        (#"{"layout": {"parts": {"path": "a"}}}"#, "layout.parts", "an array"),
        (
            #"{"layout": {"parts": [{"name": "a", "testCommand": "x"}, {"path": "b/a", "testCommand": "y"}]}}"#,
            "layout.parts[1]", "already makes the gate 'test-a'"
        ),
    ])
    func rejectsASessionPluginLayoutItCannotUse(text: String, path: String, message: String) throws {
        var errors: [PolicyError] = []
        _ = SessionPlugin.layer(text: text, file: "p.json", errors: &errors)
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.path == path)
        #expect(error.message.contains(message), "\(error.message)")
    }
}
