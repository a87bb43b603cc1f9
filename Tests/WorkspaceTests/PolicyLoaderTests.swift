import Foundation
import Policy
import TestSupport
import Testing
import Workspace

@Suite struct PolicyLoaderTests {
    func repository(_ tmp: TemporaryDirectory) throws -> (root: String, location: RepositoryLocation) {
        let root = try makeRepository(in: tmp.path, commits: 0)
        let location = try #require(
            RepositoryLocator.locate(from: root, environment: ["GIT_CEILING_DIRECTORIES": tmp.path]))
        return (root, location)
    }

    func loadError(_ location: RepositoryLocation?, _ environment: [String: String] = [:]) -> PolicyError? {
        do {
            _ = try PolicyLoader.load(repository: location, environment: environment)
            return nil
        } catch {
            return error
        }
    }

    @Test func usesTheBuiltinPolicyOutsideARepository() throws {
        let loaded = try PolicyLoader.load(repository: nil, environment: [:])
        #expect(loaded.policy == Policy.builtin)
        #expect(loaded.files.isEmpty)
    }

    @Test func usesTheBuiltinPolicyWhenTheRepositoryHasNoPolicyFiles() throws {
        let tmp = try TemporaryDirectory()
        let (_, location) = try repository(tmp)
        let loaded = try PolicyLoader.load(repository: location, environment: [:])
        #expect(loaded.policy == Policy.builtin)
        #expect(loaded.files.isEmpty)
    }

    @Test func layersWardJsonThenLocalJsonThenWardMode() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(writeFile(root + "/ward.json", #"{"mode": "warn", "protectedBranches": ["develop"]}"#))
        #expect(writeFile(root + "/.git/ward/local.json", "{\n  \"mode\": \"enforce\"\n}"))
        let loaded = try PolicyLoader.load(repository: location, environment: [:])
        #expect(loaded.files == [root + "/ward.json", root + "/.git/ward/local.json"])
        #expect(loaded.policy.mode == .enforce)
        #expect(loaded.policy.origins["mode"] == ".git/ward/local.json:2")
        #expect(loaded.policy.protectedBranches.contains("develop"))
        #expect(loaded.policy.loosenings.contains { $0.contains("ward.json") })

        let warned = try PolicyLoader.load(repository: location, environment: ["WARD_MODE": "off"])
        #expect(warned.policy.mode == .off)
        let layers = try PolicyLoader.layers(repository: location)
        #expect(layers.map(\.file) == ["ward.json", ".git/ward/local.json"])
        #expect(layers.map(\.kind) == [.repository, .local])
    }

    @Test func rejectsAnInvalidWardModeFromTheEnvironment() throws {
        let error = try #require(loadError(nil, ["WARD_MODE": "loose"]))
        #expect(error.file == "WARD_MODE")
    }

    @Test func namesTheFileAndLineOfAnInvalidPolicy() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(writeFile(root + "/ward.json", "{\n  // comment\n  \"protectedBranchs\": [\"main\"],\n}\n"))
        let error = try #require(loadError(location))
        #expect(error.description.hasPrefix("ward.json:3: protectedBranchs: unknown key"))
        #expect(error.description.contains("did you mean 'protectedBranches'"))
    }

    @Test func namesLocalJsonOfALinkedWorktreeByItsAbsolutePath() throws {
        let tmp = try TemporaryDirectory()
        let root = try makeRepository(in: tmp.path)
        try git("worktree", "add", "-q", "-b", "feat/1-x", "../wt", in: root)
        let location = try #require(
            RepositoryLocator.locate(from: tmp.appending("wt"), environment: ["GIT_CEILING_DIRECTORIES": tmp.path]))
        #expect(writeFile(root + "/.git/ward/local.json", "{\"mood\": 1}"))
        let error = try #require(loadError(location))
        #expect(error.file == root + "/.git/ward/local.json")
        #expect(error.line == 1)
    }

    @Test func failsClosedOnAPolicyFileThatCannotBeRead() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        try FileManager.default.createDirectory(atPath: root + "/ward.json", withIntermediateDirectories: true)
        let error = try #require(loadError(location))
        #expect(error.file == "ward.json")
        #expect(error.message.contains("cannot be read"))
    }

    @Test func refusesAPolicyFileLargerThanTheLimit() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(writeFile(root + "/ward.json", "{}" + String(repeating: " ", count: PolicyLoader.fileLimit)))
        let error = try #require(loadError(location))
        #expect(error.message.contains("larger than"))
    }

    @Test func readsOnlyLocalJsonInABareRepository() throws {
        let tmp = try TemporaryDirectory()
        try git("init", "-q", "--bare", "-b", "main", "bare.git", in: tmp.path)
        let bare = tmp.appending("bare.git")
        #expect(writeFile(bare + "/ward/local.json", #"{"protectedBranches": ["prod"]}"#))
        let location = try #require(RepositoryLocator.locate(from: bare, environment: [:]))
        let loaded = try PolicyLoader.load(repository: location, environment: [:])
        #expect(loaded.files == [bare + "/ward/local.json"])
        #expect(loaded.policy.protectedBranches.contains("prod"))
        #expect(try PolicyLoader.layers(repository: location).map(\.file) == [bare + "/ward/local.json"])
    }

    @Test func ignoresLooseningFromClaudeMd() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(
            writeFile(
                root + "/CLAUDE.md",
                "# Project\n\n## Session Config\n\n- allow-destructive-ops: true\n- test-command: `swift test`\n\n## Other\nenforcement: off\n"
            ))
        let loaded = try PolicyLoader.load(repository: location, environment: [:])
        #expect(loaded.files == [root + "/CLAUDE.md"])
        #expect(loaded.policy.mode == .enforce)
        #expect(loaded.policy.commandMode == .enforce, "allow-destructive-ops from CLAUDE.md is ignored")
        #expect(loaded.policy.ignored.contains { $0.hasPrefix("CLAUDE.md") })
        #expect(loaded.policy.loosenings.isEmpty)
    }

    @Test func appliesStrictEnforcementFromAgentsMd() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(writeFile(root + "/ward.json", #"{"mode": "warn"}"#))
        #expect(writeFile(root + "/AGENTS.md", "## Session Config\nenforcement: strict\n"))
        let loaded = try PolicyLoader.load(repository: location, environment: [:])
        #expect(loaded.files == [root + "/ward.json", root + "/AGENTS.md"])
        #expect(loaded.policy.mode == .enforce, "strict in AGENTS.md tightens ward.json's warn")
        #expect(loaded.policy.origins["mode"] == "AGENTS.md:2")
    }

    @Test func honoursSessionConfigLooseningWhenWardJsonAllowsIt() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(writeFile(root + "/ward.json", #"{"honourSessionConfig": true}"#))
        #expect(writeFile(root + "/CLAUDE.md", "## Session Config\n* **allow-destructive-ops**: `true`\n"))
        let loaded = try PolicyLoader.load(repository: location, environment: [:])
        #expect(loaded.policy.commandMode == .warn)
        #expect(loaded.policy.mode == .enforce)
        #expect(loaded.policy.loosenings.contains { $0.contains("CLAUDE.md") })
    }

    @Test func namesTheLineOfAnUnreadableSessionConfigValue() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(writeFile(root + "/CLAUDE.md", "intro\n\n## Session Config\n\nenforcement: stritc\n"))
        let error = try #require(loadError(location))
        #expect(error.description.hasPrefix("CLAUDE.md:5: Session Config.enforcement: expected strict, warn or off"))
    }

    @Test func turnsBlockedCommandsIntoDenyRules() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(
            writeFile(
                root + "/.orchestrator/policy/blocked-commands.json",
                """
                {"blocked": [
                  "terraform destroy",
                  {"pattern": "kubectl\\\\s+delete", "regex": true, "reason": "no deletes", "id": "no-kubectl-delete"},
                  {"command": "git reset --hard", "id": "git-reset-hard"}
                ]}
                """))
        let loaded = try PolicyLoader.load(repository: location, environment: [:])
        #expect(loaded.files == [root + "/.orchestrator/policy/blocked-commands.json"])
        let rules = loaded.policy.commands.rules.filter { $0.category == "orchestration" }
        #expect(rules.map(\.id) == ["blocked-command-1", "no-kubectl-delete", "blocked-command-3"])
        #expect(rules.allSatisfy { $0.decision == .deny })
        #expect(rules[0].source == ".orchestrator/policy/blocked-commands.json:2")
        #expect(rules[1].reason == "no deletes")
        #expect(rules[1].match?.pattern == #"kubectl\s+delete"#)
    }

    @Test func turnsWaveScopeIntoAScopeLayer() throws {
        let tmp = try TemporaryDirectory()
        let (root, location) = try repository(tmp)
        #expect(writeFile(root + "/.claude/wave-scope.json", #"{"allowedPaths": ["src/**"], "enforcement": "warn"}"#))
        let loaded = try PolicyLoader.load(repository: location, environment: [:])
        // wave-scope.json is in the protected set, so it is trusted: its mode applies to the scope only.
        #expect(loaded.policy.mode == .enforce)
        #expect(loaded.policy.scope.mode == .warn)
        #expect(loaded.policy.scope.allow == [.init(source: ".claude/wave-scope.json", globs: ["/src/**"])])
        #expect(loaded.policy.loosenings.contains { $0.contains("scope.mode set to 'warn'") })
        let layers = try PolicyLoader.layers(repository: location)
        #expect(layers.first?.kind == .local)

        #expect(writeFile(root + "/.claude/wave-scope.json", "{\n\"enforcement\": \"sometimes\"}"))
        let error = try #require(loadError(location))
        #expect(error.description.hasPrefix(".claude/wave-scope.json:2: enforcement: expected"))
    }

    @Test func validatesOneFileByItsName() throws {
        let tmp = try TemporaryDirectory()
        let good = tmp.appending("ward.json")
        #expect(writeFile(good, #"{"commands": {"disable": ["git-push-force"]}}"#))
        #expect(PolicyLoader.validateAll(file: good).isEmpty)

        let unknownRule = tmp.appending("other.json")
        #expect(writeFile(unknownRule, #"{"commands": {"disable": ["no-such-rule"]}}"#))
        let error = try #require(PolicyLoader.validateAll(file: unknownRule).first)
        #expect(error.file == unknownRule)
        #expect(error.message.contains("no-such-rule"))

        let markdown = tmp.appending("CLAUDE.md")
        #expect(writeFile(markdown, "## Session Config\nallow-destructive-ops: perhaps\n"))
        let mdError = try #require(PolicyLoader.validateAll(file: markdown).first)
        #expect(mdError.line == 2)

        let missing = try #require(PolicyLoader.validateAll(file: tmp.appending("nope.json")).first)
        #expect(missing.message == "no such file")
    }

    @Test func validateAllReportsEveryErrorOfAFileOnePerLine() throws {
        let tmp = try TemporaryDirectory()
        let path = tmp.appending("ward.json")
        #expect(
            writeFile(
                path,
                """
                {
                  "mode": "strict",
                  "scope": {"allow": ["src/**"], "protcet": ["a/**"]},
                  "commits": {"maxWalk": "many"},
                  "commands": {"disable": ["no-such-rule"]}
                }
                """))
        #expect(
            PolicyLoader.validateAll(file: path).map(\.description) == [
                "\(path):2: mode: expected one of enforce, warn, off, found 'strict'",
                "\(path):3: scope.protcet: unknown key 'protcet' (did you mean 'protect'?)",
                "\(path):4: commits.maxWalk: expected a whole number of at least 1, found a string",
                "\(path):5: commands.disable[0]: no rule has the id 'no-such-rule' (see 'ward policy show' for the rule ids)",
            ])
    }

    @Test func validateAllReadsEachOrchestrationFileByItsName() throws {
        let tmp = try TemporaryDirectory()
        let markdown = tmp.appending("AGENTS.md")
        #expect(writeFile(markdown, "# A\n## Session Config\nenforcement: loud\nallow-destructive-ops: maybe\n"))
        #expect(PolicyLoader.validateAll(file: markdown).map(\.line) == [3, 4])
        let blocked = tmp.appending("blocked-commands.json")
        #expect(writeFile(blocked, "[\"terraform destroy\", 1, {\"id\": \"x\"}]"))
        #expect(PolicyLoader.validateAll(file: blocked).map(\.path) == ["[1]", "[2]"])
        let wave = tmp.appending("wave-scope.json")
        #expect(writeFile(wave, #"{"enforcement": "loud", "allowedPaths": "src"}"#))
        #expect(PolicyLoader.validateAll(file: wave).map(\.path) == ["enforcement", "allowedPaths"])
        let good = tmp.appending("local.json")
        #expect(writeFile(good, #"{"scope": {"allow": ["src/**"]}}"#))
        #expect(PolicyLoader.validateAll(file: good).isEmpty)
        #expect(PolicyLoader.validateAll(file: tmp.appending("missing.json")).map(\.message) == ["no such file"])
        let broken = tmp.appending("broken.json")
        #expect(writeFile(broken, "{\"mode\": \"strict\",\n\"x\": }"))
        #expect(PolicyLoader.validateAll(file: broken).count == 1)
    }
}
