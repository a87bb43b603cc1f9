import Foundation
import TestSupport
import Testing

/// `ward explain RULE` for a commit-message rule and `ward policy show` with workspace scopes
/// (issue 13's rule levels and workspace scopes), through the built binary in a real repository.
@Suite struct ExplainPolicyEndToEndTests {
    static func workspace() throws -> Sandbox {
        let box = try Sandbox()
        box.write(
            "ward.json",
            #"{"commits": {"scopes": {"from": "workspace", "extra": ["deps"]}, "rules": {"body-max-line-length": ["warning", 120], "subject-full-stop": "off"}}}"#
        )
        box.write("package.json", #"{"private": true, "workspaces": ["packages/*"]}"#)
        box.write("packages/api/package.json", #"{"name": "@acme/api"}"#)
        box.write("packages/web/package.json", #"{"name": "web"}"#)
        box.write("packages/notes/README.md", "not a package\n")
        return box
    }

    static func object(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any])
    }

    /// The message contract takes its scopes from the workspace wherever it judges a message:
    /// `check message` and the front's commit-msg hook alike.
    @Test func theWorkspaceScopesAreTheMessageContractsScopes() throws {
        let box = try Self.workspace()
        #expect(try box.ward(["check", "message", "-m", "feat(web): add x"]).status == 0)
        let other = try box.ward(["check", "message", "-m", "feat(mobile): add x"])
        #expect(other.status == 1)
        #expect(other.stdout.contains("scope-enum"), "\(other.stdout)")
        box.write("msg.txt", "feat(mobile): add x\n")
        let hook = try box.ward(["hook", "commit-msg", box.repo + "/msg.txt"])
        #expect(hook.status == 1 && hook.stderr.contains("scope-enum"), "\(hook.stderr)")
        box.write("msg.txt", "feat(deps): add x\n")
        #expect(try box.ward(["hook", "commit-msg", box.repo + "/msg.txt"]).status == 0)
    }

    @Test func explainShowsTheLevelAndValueOfAMessageRule() throws {
        let box = try Self.workspace()
        let text = try box.ward(["explain", "body-max-line-length"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("level: warning (commits.rules.body-max-line-length, from ward.json)\n"))
        #expect(text.stdout.contains("value: 120 (commits.rules.body-max-line-length, from ward.json)\n"))
        let off = try box.ward(["explain", "subject-full-stop"])
        #expect(off.stdout.contains("level: off (commits.rules.subject-full-stop, from ward.json)\n"), "\(off.stdout)")
        #expect(off.stdout.contains("when: never (the rule's default)\n"))
        let scopes = try box.ward(["explain", "scope-enum"], cwd: box.repo + "/packages/api")
        #expect(scopes.stdout.contains("value: api, web, deps ("), "the workspace's scopes: \(scopes.stdout)")

        let json = try Self.object(try box.ward(["explain", "body-max-line-length", "--json"]))
        #expect(json["rule"] as? String == "body-max-line-length")
        let message = try #require(json["message"] as? [String: Any])
        #expect(message["level"] as? String == "warning")
        #expect(message["value"] as? Int == 120)
        #expect(message["valueSource"] as? String == "commits.rules.body-max-line-length, from ward.json")
    }

    @Test func explainOfACommandLineHasAJSONFormToo() throws {
        let box = try Sandbox()
        // Data for the guard to read; ward explain never runs it.
        let json = try Self.object(try box.ward(["explain", "git reset --hard HEAD~1", "--json"]))
        #expect(json["command"] as? String == "git reset --hard HEAD~1")
        #expect((json["verdict"] as? [String: Any])?["rule"] as? String == "git-reset-hard")
        #expect((json["rulesConsidered"] as? [String])?.isEmpty == false)
        #expect(json["files"] as? [String] == ["built-in"])
    }

    @Test func policyShowListsTheWorkspacePackagesTheScopesResolveTo() throws {
        let box = try Self.workspace()
        let text = try box.ward(["policy", "show"], cwd: box.repo + "/packages")
        #expect(text.status == 0, "\(text.stderr)")
        for line in [
            "commits.scopes: api, web, deps  (the workspace at \(box.repo), and commits.scopes.extra)",
            "commits.scopes.workspace: api  (packages/api/package.json, listed in package.json workspaces)",
            "commits.scopes.workspace: web  (packages/web/package.json, listed in package.json workspaces)",
        ] {
            #expect(text.stdout.contains(line + "\n"), "\(line) in \(text.stdout)")
        }
        #expect(!text.stdout.contains("notes"), "a folder without a package.json is no package")

        let json = try Self.object(try box.ward(["policy", "show", "--json"]))
        let workspace = try #require(json["workspace"] as? [String: Any])
        #expect(workspace["root"] as? String == box.repo)
        let packages = workspace["packages"] as? [[String: Any]] ?? []
        #expect(packages.map { $0["name"] as? String } == ["api", "web"])
        #expect(packages.first?["manifest"] as? String == "packages/api/package.json")
        let entries = json["entries"] as? [[String: Any]] ?? []
        #expect(
            entries.first { $0["path"] as? String == "commits.scopes" }?["value"] as? [String] == [
                "api", "web", "deps",
            ])
    }
}
