import Policy
import Testing

/// `gates` in ward.json and local.json: parsing, validation with file/line/key path, layering.
@Suite struct GatePolicyTests {
    /// Every error of one ward.json text, parse and merge.
    func errors(_ text: String, file: String = "ward.json") -> [PolicyError] {
        var errors: [PolicyError] = []
        let layer = PolicyParser.parse(text, file: file, kind: .repository, errors: &errors)
        _ = Policy.builtin.merging([layer], errors: &errors)
        return errors
    }

    func policy(_ layers: [(String, String, PolicyLayer.Kind)]) throws -> Policy {
        var parsed: [PolicyLayer] = []
        for (file, text, kind) in layers { parsed.append(try PolicyParser.parse(text, file: file, kind: kind)) }
        return try Policy.builtin.merging(parsed)
    }

    static let example = """
        {
          "gates": {
            "lint": {"run": "swiftlint lint --quiet {files}", "files": ["**/*.swift"], "stages": ["pre-commit", "ci"]},
            "test": {
              "run": {"default": "swift test", "pre-commit": "swift test --filter Fast"},
              "stages": ["pre-push", "ci"], "timeout": 900, "env": {"CI": "1"}, "needs": ["lint"],
              "cwd": "app/", "required": false, "exclude": ["vendor/**"]
            },
            "conflicts": {"builtin": "conflict-markers"},
            "big": {"builtin": "large-files", "maxBytes": 1048576},
          }
        }
        """

    @Test func readsEveryKeyOfTheDocumentedExample() throws {
        let p = try policy([("ward.json", Self.example, .repository)])
        #expect(p.gates.map(\.name) == ["lint", "test", "conflicts", "big"])
        let lint = try #require(p.gate("lint"))
        #expect(lint.run == ["default": "swiftlint lint --quiet {files}"])
        #expect(lint.files == ["**/*.swift"])
        #expect(lint.source == "ward.json:3")
        #expect(!lint.agentEditable)
        let test = try #require(p.gate("test"))
        #expect(test.command(for: "pre-commit") == "swift test --filter Fast")
        #expect(test.command(for: "ci") == "swift test")
        #expect(test.stages == ["pre-push", "ci"])
        #expect(test.timeout == 900)
        #expect(test.env == ["CI": "1"])
        #expect(test.needs == ["lint"])
        #expect(test.cwd == "app")
        #expect(!test.required)
        #expect(test.exclude == ["vendor/**"])
        #expect(test.source == "ward.json:4")
        let conflicts = try #require(p.gate("conflicts"))
        #expect(conflicts.builtin == "conflict-markers")
        #expect(conflicts.run.isEmpty)
        #expect(conflicts.stages == ["pre-commit", "ci"])
        #expect(p.gate("big")?.options == ["maxBytes": "1048576"])
        #expect(p.origins["gates"] == "ward.json")
    }

    @Test func defaultsAGateToPreCommitAndCIRequiredAndEveryFile() throws {
        let p = try policy([("ward.json", #"{"gates": {"fmt": {"run": "swift format lint -r ."}}}"#, .repository)])
        let gate = try #require(p.gate("fmt"))
        #expect(gate.stages == ["pre-commit", "ci"])
        #expect(gate.required)
        #expect(gate.files.isEmpty && gate.exclude.isEmpty && gate.needs.isEmpty)
        #expect(gate.cwd == nil && gate.timeout == nil)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let gate: String
        let path: String
        let message: String
        var testDescription: String { path }
    }

    @Test(arguments: [
        Invalid(gate: #"{"files": ["*"]}"#, path: "gates.g", message: "needs 'run'"),
        Invalid(gate: #"{"run": "x", "builtin": "private-keys"}"#, path: "gates.g", message: "not both"),
        Invalid(gate: #"{"run": "x", "stage": ["ci"]}"#, path: "gates.g.stage", message: "did you mean 'stages'"),
        Invalid(gate: #"{"run": "x", "stages": ["pre-comit"]}"#, path: "gates.g.stages[0]", message: "'pre-commit'"),
        Invalid(gate: #"{"run": "x", "stages": []}"#, path: "gates.g.stages", message: "at least one stage"),
        Invalid(gate: #"{"run": "x", "timeout": 0}"#, path: "gates.g.timeout", message: "at least 1"),
        Invalid(gate: #"{"run": "x", "timeout": 1.5}"#, path: "gates.g.timeout", message: "whole number"),
        Invalid(gate: #"{"run": "x", "timeout": "60"}"#, path: "gates.g.timeout", message: "found a string"),
        Invalid(gate: #"{"run": "x", "files": ["src/[a"]}"#, path: "gates.g.files[0]", message: "not closed"),
        Invalid(gate: #"{"run": "x", "exclude": ["../x"]}"#, path: "gates.g.exclude[0]", message: "'..'"),
        Invalid(gate: #"{"run": "x", "cwd": "/abs"}"#, path: "gates.g.cwd", message: "relative"),
        Invalid(gate: #"{"run": "x", "cwd": "a/../.."}"#, path: "gates.g.cwd", message: "leaves the repository"),
        Invalid(gate: #"{"run": "x", "env": {"A-B": "1"}}"#, path: "gates.g.env.A-B", message: "variable name"),
        Invalid(gate: #"{"run": "x", "env": {"A": 1}}"#, path: "gates.g.env.A", message: "expected a string"),
        Invalid(gate: #"{"run": "x", "required": "no"}"#, path: "gates.g.required", message: "found a string"),
        Invalid(gate: #"{"run": "  "}"#, path: "gates.g.run", message: "empty command"),
        Invalid(gate: #"{"run": {"pre-comit": "x", "default": "y"}}"#, path: "gates.g.run.pre-comit", message: "stage"),
        Invalid(
            gate: #"{"run": {"pre-push": "x"}, "stages": ["pre-push", "ci"]}"#, path: "gates.g.run",
            message: "no command for stage ci"),
        Invalid(gate: #"{"builtin": "conflict-marker"}"#, path: "gates.g.builtin", message: "'conflict-markers'"),
        Invalid(gate: #"{"builtin": "secrets"}"#, path: "gates.g.builtin", message: "large-files, private-keys"),
        Invalid(gate: #"{"builtin": "large-files", "maxBytes": -1}"#, path: "gates.g.maxBytes", message: "at least 1"),
        Invalid(gate: #"{"builtin": "large-files", "maxbytes": 5}"#, path: "gates.g.maxbytes", message: "'maxBytes'"),
        Invalid(gate: #"{"builtin": "private-keys", "maxBytes": 5}"#, path: "gates.g.maxBytes", message: "unknown key"),
        Invalid(gate: #"{"run": "x", "maxBytes": 5}"#, path: "gates.g.maxBytes", message: "setting of a built-in"),
        Invalid(gate: #"{"builtin": "private-keys", "timeout": 5}"#, path: "gates.g.timeout", message: "command"),
        Invalid(gate: #""npm test""#, path: "gates.g", message: "expected a gate object"),
        Invalid(gate: #"{"run": "x", "needs": ["nope"]}"#, path: "gates.g.needs", message: "no gate named 'nope'"),
    ])
    func rejectsAnInvalidGateWithItsKeyPathAndLine(invalid: Invalid) throws {
        let found = errors("{\n  \"gates\": {\n    \"g\": \(invalid.gate)\n  }\n}\n")
        let error = try #require(found.first, "no error for \(invalid.gate)")
        #expect(found.count == 1, "\(found)")
        #expect(error.file == "ward.json")
        #expect(error.line == 3)
        #expect(error.path == invalid.path)
        #expect(error.message.contains(invalid.message), "\(error.message)")
    }

    @Test(arguments: ["Lint", "-lint", "lint!", "", "l int"])
    func rejectsAGateNameThatIsNotAWord(name: String) throws {
        let found = errors(#"{"gates": {"\#(name)": {"run": "x"}}}"#)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("lower-case word") == true)
    }

    @Test(arguments: ["lint", "test-api", "go_vet", "0check"])
    func acceptsGateNamesThatAreWords(name: String) {
        #expect(errors(#"{"gates": {"\#(name)": {"run": "x"}}}"#).isEmpty)
    }

    @Test func collectsEveryErrorInTheGatesAndKeepsTheValidGates() throws {
        let text = """
            {
              "gates": {
                "a": {"run": "x", "timeout": 0},
                "b": {"run": "y"},
                "c": {"builtin": "nope"},
                "b": {"run": "z"},
                "mode": "enforce"
              }
            }
            """
        var errors: [PolicyError] = []
        let layer = PolicyParser.parse(text, file: "ward.json", kind: .repository, errors: &errors)
        #expect(errors.map(\.line) == [3, 5, 6, 7])
        #expect(errors.map(\.path) == ["gates.a.timeout", "gates.c.builtin", "gates.b", "gates.mode"])
        #expect(errors[2].message.contains("already defined on line 4"))
        #expect(layer.gates?.map(\.name) == ["b"])
    }

    @Test func doesNotReportANeedOfAGateLeftOutForItsOwnError() {
        let found = errors(#"{"gates": {"a": {"run": "x", "timeout": 0}, "b": {"run": "y", "needs": ["a"]}}}"#)
        #expect(found.map(\.path) == ["gates.a.timeout"])
    }

    @Test func suggestsTheNearestGateForAMistypedNeed() throws {
        let found = errors(#"{"gates": {"lint": {"run": "x"}, "test": {"run": "y", "needs": ["lnt"]}}}"#)
        let error = try #require(found.first)
        #expect(error.message.contains("did you mean 'lint'?"))
        #expect(error.path == "gates.test.needs")
    }

    @Test func reportsACycleOfNeedsAndDropsTheEdgeThatClosesIt() throws {
        let text = """
            {"gates": {
              "a": {"run": "x", "needs": ["b"]},
              "b": {"run": "y", "needs": ["c"]},
              "c": {"run": "z", "needs": ["a"]},
              "d": {"run": "w", "needs": ["d"]}
            }}
            """
        var errors: [PolicyError] = []
        let layer = PolicyParser.parse(text, file: "ward.json", kind: .repository, errors: &errors)
        #expect(errors.isEmpty)
        let merged = Policy.builtin.merging([layer], errors: &errors)
        #expect(errors.count == 2)
        #expect(errors.first?.line == 4)
        #expect(errors.first?.path == "gates.c.needs")
        #expect(errors.first?.message.contains("a -> b -> c -> a") == true)
        #expect(errors.last?.message.contains("d -> d") == true)
        #expect(merged.gate("c")?.needs == [])
        #expect(merged.gate("a")?.needs == ["b"])
        #expect(merged.gate("d")?.needs == [])
    }

    @Test func acceptsNeedsThatFormADiamond() {
        let text = #"""
            {"gates": {"a": {"run": "x"}, "b": {"run": "y", "needs": ["a"]}, "c": {"run": "z", "needs": ["a"]},
              "d": {"run": "w", "needs": ["b", "c"]}}}
            """#
        #expect(errors(text).isEmpty)
    }

    @Test func replacesAGateOfTheSameNameEntirelyInALaterLayer() throws {
        let p = try policy([
            (
                "ward.json", #"{"gates": {"lint": {"run": "a", "files": ["*.swift"]}, "test": {"run": "t"}}}"#,
                .repository
            ),
            (
                ".git/ward/local.json", #"{"gates": {"lint": {"run": "b"}, "extra": {"builtin": "private-keys"}}}"#,
                .local
            ),
        ])
        #expect(p.gates.map(\.name) == ["lint", "test", "extra"])
        #expect(p.gate("lint")?.run == ["default": "b"])
        #expect(p.gate("lint")?.files == [])
        #expect(p.gate("lint")?.source == ".git/ward/local.json:1")
        #expect(p.origins["gates"] == "ward.json, .git/ward/local.json")
    }

    @Test func letsALocalGateNeedAGateOfWardJson() throws {
        let p = try policy([
            ("ward.json", #"{"gates": {"lint": {"run": "a"}}}"#, .repository),
            ("local.json", #"{"gates": {"slow": {"run": "b", "needs": ["lint"]}}}"#, .local),
        ])
        #expect(p.gate("slow")?.needs == ["lint"])
    }

    @Test func adoptsOrchestrationGatesOnlyWhenNoPolicyFileDeclaresGates() throws {
        let markdown = "## Session Config\ntest-command: npm test\nlint-command: npm run lint\n"
        let claude = try #require(SessionConfig.parse(markdown: markdown)).layer(file: "CLAUDE.md")
        let adopted = try Policy.builtin.merging([claude])
        #expect(adopted.gates.map(\.name) == ["lint", "test"])
        #expect(adopted.ignored.isEmpty)

        for declaration in [#"{"gates": {"own": {"run": "make check"}}}"#, #"{"gates": {}}"#] {
            let ward = try PolicyParser.parse(declaration, file: "ward.json", kind: .repository)
            let p = try Policy.builtin.merging([ward, claude])
            #expect(!p.gates.contains { $0.name == "test" || $0.name == "lint" })
            #expect(p.ignored.contains("CLAUDE.md: gates lint, test not adopted: ward.json declares the gates"))
            #expect(p.ignoredSources.last == "CLAUDE.md")
        }
    }

    @Test func letsAProtectedOrchestrationGateReplaceAnAgentEditableOne() throws {
        let claude = try #require(SessionConfig.parse(markdown: "## Session Config\ntest-command: true\n"))
            .layer(file: "CLAUDE.md")
        let quality = try QualityGates.layer(
            text: #"{"commands": {"test": {"command": "npm test"}}}"#, file: ".orchestrator/policy/quality-gates.json")
        let p = try Policy.builtin.merging([claude, quality])
        #expect(p.gates.count == 1)
        #expect(p.gate("test")?.run == ["default": "npm test"])
        #expect(p.gate("test")?.agentEditable == false)
    }

    @Test func listsEachGateInPolicyShowWithItsSource() throws {
        let p = try policy([("ward.json", Self.example, .repository)])
        let gates = p.entries().filter { $0.path.hasPrefix("gates.") }
        #expect(
            gates.map(\.textLine) == [
                "gates.lint: swiftlint lint --quiet {files}; stages pre-commit, ci; files **/*.swift  (ward.json:3)",
                "gates.test: swift test (pre-commit: swift test --filter Fast); stages pre-push, ci; exclude vendor/**; needs lint; cwd app; timeout 900s; env CI=1; advisory  (ward.json:4)",
                "gates.conflicts: builtin conflict-markers; stages pre-commit, ci  (ward.json:9)",
                "gates.big: builtin large-files maxBytes=1048576; stages pre-commit, ci  (ward.json:10)",
            ])
        let paths = p.entries().map(\.path)
        let branches = try #require(paths.lastIndex { $0.hasPrefix("branches.") || $0.hasPrefix("ci.") })
        let first = try #require(paths.firstIndex { $0.hasPrefix("gates.") })
        #expect(first == branches + 1)
        #expect(gates.first?.json.hasPrefix(#"{"path":"gates.lint","value":"swiftlint"#) == true)
    }

    @Test func marksAnAgentEditableGateInPolicyShow() throws {
        let claude = try #require(SessionConfig.parse(markdown: "# X\n## Session Config\ntest-command: make test\n"))
            .layer(file: "AGENTS.md")
        let entry = try #require(Policy.builtin.merging([claude]).entries().first { $0.path == "gates.test" })
        #expect(entry.textLine == "gates.test: make test; stages pre-push, ci; agent-editable  (AGENTS.md:3)")
    }

    @Test func listsTheBuiltinGatesWithTheirRules() {
        #expect(
            BuiltinGate.ids == [
                "conflict-markers", "large-files", "private-keys", "debug-artifacts", "shebang-executable",
            ])
        for gate in BuiltinGate.all {
            #expect(gate.rule.id == gate.id)
            #expect(gate.rule.category == "gates")
            #expect(!gate.reason.isEmpty && !gate.alternative.isEmpty)
            #expect(Policy.builtin.rule(gate.id) == nil)
        }
    }
}
