import Checks
import Foundation
import Policy
import TestSupport
import Testing

// Issue 12: every deleting form goes through the scope (find -delete, find -exec, xargs rm,
// git clean), and regenerable folders may be deleted in any scope, as the delete rules' own
// messages and the README say. Every command string below is data handed to the guard.

@Suite struct ScopeDeleteTests {
    typealias ShellCase = ScopeTests.ShellCase

    static let allowAPI = ["src/api/**"]

    static let outside: [ShellCase] = [
        ShellCase("find src/web -name '*.js' -delete", .deny, "scope-outside", allow: allowAPI),
        ShellCase("find src/web -name '*.js' -exec rm {} \\;", .deny, "scope-outside", allow: allowAPI),
        ShellCase("find src/web -name '*.tmp' -execdir rm -f {} +", .deny, "scope-outside", allow: allowAPI),
        ShellCase("find src/web -type f -execdir rm -f {} +", .deny, "find-delete", allow: allowAPI),
        ShellCase("find src/web -name '*.js' | xargs rm", .deny, "scope-outside", allow: allowAPI),
        ShellCase("find src/web -name '*.js' -print0 | xargs -0 rm -f", .deny, "scope-outside", allow: allowAPI),
        ShellCase("find src/web -name '*.js' -exec sed -i s/a/b/ {} +", .deny, "scope-outside", allow: allowAPI),
        ShellCase("cd src/web && find . -name '*.map' -delete", .deny, "scope-outside", allow: allowAPI),
        ShellCase("rm src/web/app.js", .deny, "scope-outside", allow: allowAPI),
        ShellCase("rm -rf src/web", .deny, "rm-recursive-in-repo", allow: allowAPI),
    ]

    static let inside: [ShellCase] = [
        ShellCase("find src/api -name '*.js' -delete", .allow, allow: allowAPI),
        ShellCase("find src/api -name '*.js' -exec rm {} \\;", .allow, allow: allowAPI),
        ShellCase("find src/api -name '*.js' | xargs rm", .allow, allow: allowAPI),
        ShellCase("find src/web -name '*.js' -print", .allow, allow: allowAPI),
        ShellCase("find src/web -name '*.js' | xargs grep TODO", .allow, allow: allowAPI),
        ShellCase("find . -name node_modules -prune -exec rm -rf {} +", .allow, allow: allowAPI),
        ShellCase("find . -name __pycache__ -type d -exec rm -r {} +", .allow, allow: allowAPI),
        ShellCase("rm -rf node_modules", .allow, allow: allowAPI),
        ShellCase("rm -rf src/web/node_modules dist build", .allow, allow: allowAPI),
        ShellCase("rm -r .pytest_cache", .allow, allow: allowAPI),
        ShellCase("rmdir build", .allow, allow: allowAPI),
        ShellCase("git clean -n src/web", .allow, allow: allowAPI),
    ]

    func evaluate(_ c: ShellCase, policy: Policy? = nil) -> Verdict {
        var p = policy ?? ScopeTests.policy()
        if let allow = c.allow { p.scope.allow = [.init(source: "ward.json", globs: allow)] }
        return CommandGuard(policy: p).evaluate(c.command, in: ScopeTests.context(.repository))
    }

    func expectShell(_ c: ShellCase) {
        let v = evaluate(c)
        #expect(v.decision == c.expect, "\(v.message)")
        if let rule = c.rule { #expect(v.ruleID == rule, "\(v.message)") }
    }

    @Test(arguments: outside) func deletingFormsOutsideTheScopeAreDenied(_ c: ShellCase) { expectShell(c) }
    @Test(arguments: inside) func deletingFormsInsideTheScopeOrOfRegenerableFoldersAreAllowed(_ c: ShellCase) {
        expectShell(c)
    }

    @Test func gitCleanPathsGoThroughTheScope() {
        var p = ScopeTests.policy()
        p.commands.disable = ["git-clean-force"]
        let outside = evaluate(ShellCase("git clean -fd src/web", .deny, allow: Self.allowAPI), policy: p)
        #expect(outside.decision == .deny && outside.ruleID == "scope-outside", "\(outside.message)")
        let whole = evaluate(ShellCase("git clean -fdx", .deny, allow: Self.allowAPI), policy: p)
        #expect(whole.decision == .deny && whole.ruleID == "scope-outside", "\(whole.message)")
        let inside = evaluate(ShellCase("git clean -fd src/api", .allow, allow: Self.allowAPI), policy: p)
        #expect(inside.decision == .allow, "\(inside.message)")
    }

    /// The deny of a source folder says build folders may be deleted; with a scope set, they may.
    @Test func theDenyMessageAndTheScopeAgreeOnRegenerableFolders() throws {
        let denied = evaluate(ShellCase("rm -rf src/web", .deny, allow: Self.allowAPI))
        #expect(denied.ruleID == "rm-recursive-in-repo")
        #expect(denied.alternative.contains("node_modules"), "\(denied.alternative)")
        #expect(denied.alternative.contains("may be deleted"), "\(denied.alternative)")
        let folders = ["node_modules", "dist", "build"]
        for folder in folders {
            let v = evaluate(ShellCase("rm -rf \(folder)", .allow, allow: Self.allowAPI))
            #expect(v.decision == .allow, "rm -rf \(folder) with a scope: \(v.message)")
        }
        // The README says the same.
        let readme = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        let flat = readme.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("`rm -rf node_modules` (and the other `regenerable` folders, in any scope"))
    }

    /// A regenerable folder stays protected when scope.protect names it, and a source folder
    /// named like one elsewhere in a path is judged by its own name.
    @Test func protectedRegenerableFoldersStayProtected() {
        var p = ScopeTests.policy(protect: ["build/**"])
        p.scope.allow = [.init(source: "ward.json", globs: Self.allowAPI)]
        let v = CommandGuard(policy: p).evaluate("rm build/keep.txt", in: ScopeTests.context(.repository))
        #expect(v.decision == .deny && v.ruleID == "scope-protected", "\(v.message)")
    }
}
