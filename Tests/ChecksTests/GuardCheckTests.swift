import Policy
import Testing

@testable import Checks

/// `ward check command` and `ward check paths` as values: the report, the verdict, what is
/// printed and whether the command fails. Every command string is data; nothing runs it.
@Suite struct GuardCheckTests {
    static let context = GuardContext(
        cwd: "/work/repo/src", repositoryRoot: "/work/repo", gitDir: "/work/repo/.git",
        commonDir: "/work/repo/.git", branch: "feat/1-x", home: "/home/dev")

    static func policy(_ wardJSON: String = "{}") throws -> Policy {
        try Policy.builtin.merging([try PolicyParser.parse(wardJSON, file: "ward.json", kind: .repository)])
    }

    @Test func aCommandIsItsFindingsAndTheVerdict() throws {
        let denied = GuardCheck.command("git reset --hard", policy: try Self.policy(), context: Self.context)
        #expect(denied.failed)
        #expect(denied.report.findings.map(\.ruleID) == ["git-reset-hard"])
        #expect(denied.lines == [denied.verdict?.message ?? ""])
        #expect(denied.json.contains(#""verdict":{"rule":"git-reset-hard","decision":"deny","#))
        let allowed = GuardCheck.command("git status", policy: try Self.policy(), context: Self.context)
        #expect(!allowed.failed)
        #expect(allowed.lines == ["allow"])
        #expect(allowed.json.hasPrefix(#"{"ok":true,"checkpoint":"command","subject":"git status","#))
        let warned = GuardCheck.command(
            "git reset --hard", policy: try Self.policy(#"{"commands": {"mode": "warn"}}"#), context: Self.context)
        #expect(!warned.failed, "warn mode lets it through")
    }

    @Test func pathsAreTakenFromTheWorkingDirectoryAndEachObjectionIsALine() throws {
        let p = try Self.policy(#"{"scope": {"allow": ["src/**"]}}"#)
        let check = try GuardCheck.paths(["a.swift", "../docs/x.md"], policy: p, context: Self.context)
        #expect(check.report.checked == 2)
        #expect(check.report.findings.map(\.path) == ["a.swift", "../docs/x.md"])
        #expect(check.report.findings.map(\.decision) == [.allow, .deny])
        #expect(check.failed)
        #expect(check.lines.count == 1)
        #expect(check.lines.first?.contains("scope-outside") == true, "\(check.lines)")
        #expect(check.json.hasPrefix(#"{"ok":false,"checkpoint":"command","subject":"paths","checked":2,"#))
        let inside = try GuardCheck.paths(["b.swift"], policy: p, context: Self.context)
        #expect(!inside.failed && inside.lines.isEmpty)
    }

    @Test func aMalformedGlobThrows() throws {
        var p = try Self.policy()
        p.scope.allow = [ScopePolicy.AllowList(source: "ward.json", globs: ["src/[a"])]
        #expect(throws: ScopePatternError.self) { try GuardCheck.paths(["x"], policy: p, context: Self.context) }
    }
}
