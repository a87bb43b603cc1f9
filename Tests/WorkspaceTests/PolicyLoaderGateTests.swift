import Policy
import TestSupport
import Testing
import Workspace

/// Gates through the loader: ward.json, local.json, and the three orchestration formats.
@Suite struct PolicyLoaderGateTests {
    func repository(_ tmp: TemporaryDirectory) throws -> (root: String, location: RepositoryLocation) {
        let root = try makeRepository(in: tmp.path, commits: 0)
        let location = try #require(
            RepositoryLocator.locate(from: root, environment: ["GIT_CEILING_DIRECTORIES": tmp.path]))
        return (root, location)
    }

    func writeOrchestrationFiles(_ root: String) {
        #expect(
            writeFile(
                root + "/CLAUDE.md",
                "# P\n\n## Session Config\ntest-command: make test\ntypecheck-command: make types\n"))
        #expect(
            writeFile(
                root + "/.orchestrator/policy/quality-gates.json",
                #"{"commands": {"lint": {"command": "make lint", "required": false}, "test": "npm test"}}"#))
        #expect(
            writeFile(
                root + "/.claude/session-plugin.json",
                #"{"layout": {"parts": [{"name": "api", "path": "api", "testCommand": "go test ./..."}]}}"#))
    }

    @Test func theAgentHookLoadLeavesTheGateOnlyFilesUnread() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(writeFile(root + "/.orchestrator/policy/quality-gates.json", "{not json"))
        #expect(throws: PolicyError.self) { try PolicyLoader.load(repository: location, environment: [:]) }
        let hook = try PolicyLoader.load(repository: location, environment: [:], gates: false)
        #expect(hook.policy.gates.isEmpty)
        #expect(!hook.files.contains { $0.hasSuffix("quality-gates.json") })
    }

    @Test func adoptsTheGatesOfAllThreeOrchestrationFormats() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        writeOrchestrationFiles(root)
        let loaded = try PolicyLoader.load(repository: location, environment: [:])
        let gates = loaded.policy.gates
        #expect(gates.map(\.name) == ["typecheck", "test", "lint", "test-api"])
        #expect(gates[0].source == "CLAUDE.md:5")
        #expect(gates[0].agentEditable)
        // quality-gates.json is protected and loaded after CLAUDE.md: its `test` replaces CLAUDE.md's.
        #expect(gates[1].run == ["default": "npm test"])
        #expect(gates[1].source == ".orchestrator/policy/quality-gates.json:1")
        #expect(!gates[1].agentEditable)
        #expect(!gates[2].required)
        #expect(gates[3].cwd == "api")
        #expect(gates[3].source == ".claude/session-plugin.json:1")
        #expect(loaded.files.contains(root + "/.orchestrator/policy/quality-gates.json"))
        #expect(loaded.files.contains(root + "/.claude/session-plugin.json"))
    }

    @Test func ignoresOrchestrationGatesWhenWardJsonDeclaresGates() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        writeOrchestrationFiles(root)
        #expect(writeFile(root + "/ward.json", "{\n  \"gates\": {\n    \"check\": {\"run\": \"make check\"}\n  }\n}\n"))
        let policy = try PolicyLoader.load(repository: location, environment: [:]).policy
        #expect(policy.gates.map(\.name) == ["check"])
        #expect(policy.gates.first?.source == "ward.json:3")
        #expect(policy.ignored.count == 3)
        #expect(policy.ignored.allSatisfy { $0.hasSuffix("not adopted: ward.json declares the gates") })
    }

    @Test func ignoresOrchestrationGatesWhenLocalJsonDeclaresGates() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        writeOrchestrationFiles(root)
        #expect(writeFile(root + "/.git/ward/local.json", #"{"gates": {"mine": {"builtin": "private-keys"}}}"#))
        let policy = try PolicyLoader.load(repository: location, environment: [:]).policy
        #expect(policy.gates.map(\.name) == ["mine"])
        #expect(policy.gates.first?.source == ".git/ward/local.json:1")
    }

    @Test func stopsAtAnInvalidGateWithItsFileAndLine() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(
            writeFile(
                root + "/ward.json", "{\n  \"gates\": {\n    \"t\": {\"run\": \"x\", \"needs\": [\"u\"]}\n  }\n}\n"))
        do {
            _ = try PolicyLoader.load(repository: location, environment: [:])
            Issue.record("an unknown gate in needs loaded")
        } catch {
            #expect(error.description == "ward.json:3: gates.t.needs: no gate named 'u' (gates: t)")
        }
        #expect(
            writeFile(
                root + "/.orchestrator/policy/quality-gates.json", "{\n\"commands\": {\"test\": {\"command\": 3}}}\n"))
        let errors = PolicyLoader.validateAll(file: root + "/.orchestrator/policy/quality-gates.json")
        #expect(errors.map(\.path) == ["commands.test.command"])
        #expect(errors.first?.line == 2)
    }

    @Test func validatesEveryGateErrorOfAFile() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.path + "/ward.json"
        #expect(
            writeFile(
                path,
                "{\"gates\": {\n\"a\": {\"run\": \"x\", \"timeout\": 0},\n\"b\": {\"builtin\": \"nope\"},\n\"c\": {\"run\": \"y\", \"needs\": [\"d\"]}\n}}\n"
            ))
        let errors = PolicyLoader.validateAll(file: path)
        #expect(errors.map(\.line) == [2, 3, 4])
        #expect(errors.map(\.path) == ["gates.a.timeout", "gates.b.builtin", "gates.c.needs"])
    }
}
