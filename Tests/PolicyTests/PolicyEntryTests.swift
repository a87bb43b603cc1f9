import Policy
import Testing

/// `Policy.entries()`, what `ward policy show` prints: every section, each value with the
/// layer it came from.
@Suite struct PolicyEntryTests {
    func merged(_ layers: (text: String, file: String, kind: PolicyLayer.Kind)...) throws -> Policy {
        try Policy.builtin.merging(
            try layers.map { layer throws(PolicyError) in
                try PolicyParser.parse(layer.text, file: layer.file, kind: layer.kind)
            })
    }

    func entry(_ policy: Policy, _ path: String) throws -> PolicyEntry {
        try #require(policy.entries().first { $0.path == path }, "no entry \(path)")
    }

    static let everySection = [
        "mode", "protectedBranches", "commands.mode", "commands.disable", "commands.regenerable", "commands.tempRoots",
        "commands.packs", "scope.mode", "scope.allow", "scope.protect", "scope.outside", "commits.mode",
        "commits.profile",
        "commits.types", "commits.scopes", "commits.scopeRequired", "commits.headerMaxLength",
        "commits.bodyMaxLineLength", "commits.footerMaxLineLength", "commits.subjectCase", "commits.requiredTrailers",
        "commits.issueLink", "commits.maxWalk", "branches.mode", "branches.patterns", "branches.protectedTags",
        "ci.policyChanges", "honourSessionConfig", "loopBreaker.denies", "loopBreaker.minutes",
    ]

    @Test func theBuiltinPolicyShowsEverySectionFromBuiltIn() {
        let entries = Policy.builtin.entries()
        let settings = entries.filter { !$0.path.hasPrefix("commands.rules.") }
        #expect(settings.map(\.path) == Self.everySection)
        #expect(settings.allSatisfy { $0.source == "built-in" }, "\(settings.filter { $0.source != "built-in" })")
        #expect(settings.first { $0.path == "scope.allow" }?.value == .list(["**"]))
        #expect(settings.first { $0.path == "commits.headerMaxLength" }?.value == .number(100))
        #expect(
            settings.first { $0.path == "commands.packs" }?.value
                == .list([
                    "containers (1 rule): on", "kubernetes (3 rules): on", "infrastructure (1 rule): on",
                    "cloud (1 rule): on", "registries (1 rule): on",
                ]))
        let rules = entries.filter { $0.path.hasPrefix("commands.rules.") }
        #expect(rules.count == Policy.builtin.commands.rules.count)
        #expect(
            rules.contains(
                PolicyEntry(path: "commands.rules.git-reset-hard", value: .string("deny"), source: "built-in")))
    }

    @Test(arguments: [
        (#"{"scope": {"allow": ["src/**"]}}"#, "scope.allow", PolicyEntry.Value.list(["src/**"])),
        (#"{"scope": {"protect": ["secrets/**"]}}"#, "scope.protect", .list(["secrets/**"])),
        (#"{"scope": {"outside": ["/srv/cache/**"]}}"#, "scope.outside", .list(["/srv/cache/**"])),
        (#"{"scope": {"mode": "warn"}}"#, "scope.mode", .string("warn")),
        (#"{"commits": {"profile": "plain"}}"#, "commits.profile", .string("plain")),
        (#"{"commits": {"types": ["feat", "fix"]}}"#, "commits.types", .list(["feat", "fix"])),
        (#"{"commits": {"scopes": ["api"]}}"#, "commits.scopes", .list(["api"])),
        (#"{"commits": {"scopeRequired": true}}"#, "commits.scopeRequired", .bool(true)),
        (#"{"commits": {"headerMaxLength": 60}}"#, "commits.headerMaxLength", .number(60)),
        (#"{"commits": {"bodyMaxLineLength": 80}}"#, "commits.bodyMaxLineLength", .number(80)),
        (#"{"commits": {"footerMaxLineLength": 90}}"#, "commits.footerMaxLineLength", .number(90)),
        (#"{"commits": {"subjectCase": "any"}}"#, "commits.subjectCase", .string("any")),
        (
            #"{"commits": {"requiredTrailers": ["Signed-off-by"]}}"#, "commits.requiredTrailers",
            .list(["Signed-off-by"])
        ),
        (#"{"commits": {"issueLink": "every"}}"#, "commits.issueLink", .string("every")),
        (#"{"commits": {"maxWalk": 50}}"#, "commits.maxWalk", .number(50)),
        (#"{"commits": {"mode": "warn"}}"#, "commits.mode", .string("warn")),
        (#"{"branches": {"patterns": ["^x/"]}}"#, "branches.patterns", .list(["^x/"])),
        (#"{"branches": {"mode": "off"}}"#, "branches.mode", .string("off")),
        (#"{"commands": {"mode": "warn"}}"#, "commands.mode", .string("warn")),
        (#"{"mode": "warn"}"#, "mode", .string("warn")),
        (#"{"honourSessionConfig": true}"#, "honourSessionConfig", .bool(true)),
    ])
    func aValueSetInWardJsonShowsWardJsonAsItsSource(text: String, path: String, value: PolicyEntry.Value) throws {
        let policy = try merged((text, "ward.json", .repository))
        let found = try entry(policy, path)
        #expect(found.value == value)
        #expect(found.source.hasPrefix("ward.json"), "\(found)")
        // The sections the file does not name stay built-in (modes fall back to `mode`).
        let section = path.prefix { $0 != "." }
        let others = policy.entries().filter {
            $0.path.prefix { $0 != "." } != section && !$0.path.hasSuffix("mode")
                && !$0.path.hasPrefix("loosenings[") && !$0.path.hasPrefix("commands.rules.")
        }
        #expect(others.allSatisfy { $0.source == "built-in" }, "\(others.filter { $0.source != "built-in" })")
    }

    @Test func listsSeveralLayersAddTo() throws {
        let policy = try merged(
            (#"{"protectedBranches": ["prod"], "branches": {"protectedTags": ["rel-*"]}}"#, "ward.json", .repository),
            (#"{"protectedBranches": ["staging"]}"#, ".git/ward/local.json", .local))
        #expect(try entry(policy, "protectedBranches").source == "built-in, ward.json, .git/ward/local.json")
        #expect(
            try entry(policy, "branches.protectedTags")
                == PolicyEntry(
                    path: "branches.protectedTags", value: .list(["v*", "rel-*"]), source: "built-in, ward.json"))
        // A list the built-in policy leaves empty names only the layers.
        let scoped = try merged((#"{"scope": {"protect": ["a/**"]}}"#, "ward.json", .repository))
        #expect(try entry(scoped, "scope.protect").source == "ward.json")
    }

    @Test func showsEachAllowListWithItsSource() throws {
        let policy = try merged(
            (#"{"scope": {"allow": ["src/**"]}}"#, "ward.json", .repository),
            (#"{"scope": {"allow": ["src/api/**"]}}"#, ".git/ward/local.json", .local))
        let allow = policy.entries().filter { $0.path == "scope.allow" }
        #expect(
            allow == [
                PolicyEntry(path: "scope.allow", value: .list(["src/**"]), source: "ward.json"),
                PolicyEntry(path: "scope.allow", value: .list(["src/api/**"]), source: ".git/ward/local.json"),
            ])
    }

    @Test func showsOverridesDisabledRulesLooseningsAndIgnoredSettings() throws {
        let policy = try merged(
            (
                """
                {
                  "commands": {"disable": ["git-push-force"]},
                  "overrides": [{"rule": "rm-recursive-outside-repo", "paths": ["/srv/cache/**"], "reason": "build cache"}]
                }
                """, "ward.json", .repository
            ),
            (#"{"mode": "off"}"#, "CLAUDE.md", .orchestration))
        let entries = policy.entries()
        #expect(
            entries.contains(
                PolicyEntry(path: "commands.disable", value: .list(["git-push-force"]), source: "ward.json")))
        #expect(
            entries.contains(
                PolicyEntry(
                    path: "overrides[0].rule", value: .string("rm-recursive-outside-repo"), source: "ward.json:3")))
        #expect(
            entries.contains(
                PolicyEntry(path: "overrides[0].paths", value: .list(["/srv/cache/**"]), source: "ward.json:3")))
        #expect(
            entries.contains(
                PolicyEntry(path: "overrides[0].reason", value: .string("build cache"), source: "ward.json:3")))
        #expect(
            entries.contains(
                PolicyEntry(path: "commands.rules.git-push-force", value: .string("disabled"), source: "built-in")))
        let loosenings = entries.filter { $0.path.hasPrefix("loosenings[") }
        #expect(loosenings.map(\.source) == ["ward.json", "ward.json:3"])
        let ignored = entries.filter { $0.path.hasPrefix("ignored[") }
        #expect(ignored.map(\.source) == ["CLAUDE.md"])
        #expect(try entry(policy, "mode").value == .string("enforce"))
    }

    @Test func aModeLeftUnsetShowsWhereTheFallbackComesFrom() throws {
        let policy = try merged((#"{"mode": "warn"}"#, "ward.json", .repository))
        for path in ["commands.mode", "scope.mode", "commits.mode", "branches.mode"] {
            #expect(try entry(policy, path) == PolicyEntry(path: path, value: .string("warn"), source: "ward.json:1"))
        }
        let environment = try policy.applyingEnvironmentMode("off")
        #expect(try entry(environment, "mode").source == "WARD_MODE")
        #expect(try entry(environment, "commits.mode").source == "WARD_MODE")
    }

    @Test func rendersEntriesAsTextAndJson() {
        let list = PolicyEntry(path: "scope.allow", value: .list(["src/**", "a\"b"]), source: "ward.json")
        #expect(list.textLine == "scope.allow: src/**, a\"b  (ward.json)")
        #expect(list.json == #"{"path":"scope.allow","value":["src/**","a\"b"],"source":"ward.json"}"#)
        #expect(PolicyEntry(path: "p", value: .list([]), source: "s").textLine == "p: (none)  (s)")
        #expect(
            PolicyEntry(path: "p", value: .bool(true), source: "s").json == #"{"path":"p","value":true,"source":"s"}"#)
        #expect(
            PolicyEntry(path: "p", value: .number(72), source: "s").json == #"{"path":"p","value":72,"source":"s"}"#)
    }
}
