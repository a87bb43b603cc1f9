import Foundation
import TestSupport
import Testing

/// `ward policy test FILE` and `ward log replay [--policy FILE]` (issue 12): a repository's rules
/// under test, and a policy change judged on the calls the audit log recorded.
@Suite("policy as tested code")
struct PolicyAsCodeTests {
    static let cases = """
        // the repository's own rule and a few built-in ones
        {"command": "terraform destroy", "expect": "deny", "rule": "infra-destroy"}
        {"command": "make deploy-prod", "expect": "ask", "rule": "no-prod-deploy"}
        {"command": "rm -rf build", "cwd": "src", "expect": "allow"}
        {"paths": ["ward.json"], "expect": "deny", "rule": "scope-protected"}
        {"agent": "codex", "payload": {"tool_name": "Bash", "tool_input": {"command": "git reset --hard"}}, "expect": "deny", "rule": "git-reset-hard"}

        {"command": "ls", "expect": "allow", "note": "everyday work"}
        """

    static let wardJSON = """
        {"commands": {"rules": [{"id": "no-prod-deploy", "decision": "ask", "reason": "deploys to production",
          "alternative": "deploy to staging", "match": {"programs": ["make"], "anyArgument": ["deploy-prod"]}}]}}
        """

    @Test func passesWhenEveryCaseHoldsAndFailsNamingTheLine() throws {
        let box = try Sandbox()
        box.write("ward.json", Self.wardJSON)
        box.write("cases.jsonl", Self.cases)
        let ok = try box.ward(["policy", "test", "cases.jsonl"])
        #expect(ok.status == 0, "\(ok.stdout) \(ok.stderr)")
        #expect(ok.stdout.contains("6 cases, 0 failed"), "\(ok.stdout)")
        box.write("cases.jsonl", Self.cases + "\n{\"command\": \"git status\", \"expect\": \"deny\"}\n")
        let failed = try box.ward(["policy", "test", "cases.jsonl"])
        #expect(failed.status == 1)
        #expect(
            failed.stdout.contains("cases.jsonl:9: ward deny [policy-test]: expected deny, got allow"),
            "\(failed.stdout)")
        let json = try box.ward(["policy", "test", "--json", "cases.jsonl"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        #expect(object["checked"] as? Int == 7)
    }

    @Test(arguments: [
        ("{\"command\": \"ls\"}", "cases.jsonl:1: 'expect' must be one of allow, warn, ask, deny"),
        ("{\"command\": \"ls\", \"expect\": \"deny\", \"comand\": 1}", "cases.jsonl:1: unknown key 'comand'"),
        ("not json", "cases.jsonl:1: not a JSON object"),
        ("{\"expect\": \"allow\"}", "cases.jsonl:1: a case needs 'command'"),
        (
            "{\"agent\": \"codex\", \"payload\": {\"tool_input\": {}}, \"expect\": \"allow\"}",
            "cases.jsonl:1: the payload is not one codex sends"
        ),
        ("// only a comment", "cases.jsonl: no cases"),
    ])
    func aMalformedCaseFileIsAUsageErrorNamingTheLine(text: String, message: String) throws {
        let box = try Sandbox()
        box.write("cases.jsonl", text + "\n")
        let result = try box.ward(["policy", "test", "cases.jsonl"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func replayListsTheVerdictsAProposedPolicyWouldChange() throws {
        let box = try Sandbox()
        try expectBlocked(try box.shell("claude", "git reset --hard"), agent: "claude", rule: "git-reset-hard")
        try expectBlocked(try box.shell("codex", "terraform destroy"), agent: "codex", rule: "infra-destroy")
        let edit = try box.hook("claude", try fixture("claude-edit.json", cwd: box.repo, path: "ward.json"))
        try expectBlocked(edit, agent: "claude", rule: "scope-protected")
        // Under the policy that made them, nothing changes.
        let same = try box.ward(["log", "replay"])
        #expect(same.status == 0, "\(same.stdout) \(same.stderr)")
        #expect(same.stdout.contains("3 logged calls judged again under the current policy; 0 would change"))
        // A proposed ward.json that switches one rule off lets that call through.
        #expect(writeFile(box.dir.appending("proposed.json"), "{\"commands\": {\"disable\": [\"infra-destroy\"]}}\n"))
        let proposed = try box.ward(["log", "replay", "--policy", box.dir.appending("proposed.json")])
        #expect(proposed.status == 1)
        #expect(proposed.stdout.contains("was deny [infra-destroy]"), "\(proposed.stdout)")
        #expect(proposed.stdout.contains("allow. Matched: terraform destroy"), "\(proposed.stdout)")
        #expect(!proposed.stdout.contains("git reset --hard"), "\(proposed.stdout)")
        #expect(proposed.stdout.contains("1 would change"))
        // A proposed file that does not exist is a usage error naming it.
        let missing = try box.ward(["log", "replay", "--policy", box.dir.appending("nope.json")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json"), "\(missing.stderr)")
    }
}
