import Foundation
import TestSupport
import Testing

/// The adoption path as a person walks it: add ward's policy and an agent's hook settings,
/// commit through the real hooks, push to a new remote, check the pull request's range.
@Suite struct AdoptionTests {
    /// A repository on `main` with one commit, a bare remote that has nothing yet, and ward's
    /// three git hooks calling the built binary by absolute path.
    final class Adoption {
        let box: Sandbox
        let remote: String

        init() throws {
            box = try Sandbox(branch: "main")
            remote = try box.git.makeBareRepository()
            try git("remote", "add", "origin", remote)
            // The first commit follows the contract too: a new remote gets the whole history.
            try git("commit", "-q", "--amend", "-m", "chore: start")
            let install = try box.ward(["install", "--hooks", "pre-commit,commit-msg,pre-push"])
            guard install.status == 0 else { throw HarnessError(description: "ward install: \(install.stderr)") }
        }

        func run(_ args: [String], env: [String: String] = [:]) throws -> ProcessResult {
            try runProcess("git", args, cwd: box.repo, environment: box.environment(env), timeout: 120)
        }

        @discardableResult
        func git(_ args: String..., env: [String: String] = [:]) throws -> String {
            let r = try run(args, env: env)
            guard r.status == 0 else {
                throw HarnessError(description: "git \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)")
            }
            return r.stdout
        }

        /// Writes ward.json, has `ward install --agent claude` write Claude Code's settings, and
        /// stages both.
        func stagePolicy(_ wardJSON: String = "{\"protectedBranches\": [\"main\"]}\n") throws {
            box.write("ward.json", wardJSON)
            let install = try box.ward(["install", "--hooks", "none", "--agent", "claude"])
            guard install.status == 0 else { throw HarnessError(description: "ward install: \(install.stderr)") }
            try git("add", "ward.json", ".claude/settings.json")
        }
    }

    @Test func aPersonAddsThePolicyCommitsPushesAndTheRangePassesWithAReviewFinding() throws {
        let a = try Adoption()
        // main goes to the new, empty remote: creating a protected branch is not a force push.
        let first = try a.run(["push", "-q", "origin", "main"])
        #expect(first.status == 0, "\(first.stderr)")

        try a.git("switch", "-q", "-c", "chore/11-add-ward")
        try a.stagePolicy()
        let commit = try a.run(["commit", "-q", "-m", "chore: add ward policy", "-m", "Refs #11"])
        #expect(commit.status == 0, "\(commit.stderr)")
        #expect(!commit.stderr.contains("scope-protected"), "\(commit.stderr)")

        let push = try a.run(["push", "-q", "origin", "chore/11-add-ward"])
        #expect(push.status == 0, "\(push.stderr)")

        let range = try a.box.ward(["check", "range", "origin/main..HEAD"])
        #expect(range.status == 0, "\(range.stdout)\(range.stderr)")
        #expect(range.stdout.contains("[policy-change]"), "\(range.stdout)")
        #expect(range.stdout.contains("needs a person's review"), "\(range.stdout)")
        #expect(range.stdout.contains("CODEOWNERS"), "\(range.stdout)")
        #expect(range.stdout.contains("ward.json"), "\(range.stdout)")
        #expect(range.stdout.contains(".claude/settings.json"), "\(range.stdout)")

        let json = try a.box.ward(["check", "range", "--json", "origin/main..HEAD"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        let changes = findings.filter { $0["rule"] as? String == "policy-change" }
        #expect(changes.count == 2, "\(json.stdout)")
        #expect(changes.allSatisfy { $0["decision"] as? String == "warn" }, "\(json.stdout)")

        // The pull request's CI job: ward ci on GitHub's payload passes, with the review finding.
        let event = a.box.dir.appending("event.json")
        let base = try a.git("rev-parse", "origin/main").trimmingCharacters(in: .whitespacesAndNewlines)
        let head = try a.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        guard
            writeFile(
                event,
                """
                {"action": "opened", "number": 1, "pull_request": {"number": 1, "title": "chore: add ward policy",
                 "body": "Closes #11", "head": {"ref": "chore/11-add-ward", "sha": "\(head)"},
                 "base": {"ref": "main", "sha": "\(base)"}}, "repository": {"default_branch": "main"}}
                """)
        else { throw HarnessError(description: "cannot write \(event)") }
        let ci = try a.box.ward(
            ["ci"],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event])
        #expect(ci.status == 0, "\(ci.stdout)\(ci.stderr)")
        #expect(ci.stdout.contains("::warning file=ward.json,title=ward policy-change::"), "\(ci.stdout)")
        #expect(ci.stdout.contains("::warning file=.claude/settings.json,title=ward policy-change::"), "\(ci.stdout)")
        #expect(!ci.stdout.contains("::error"), "\(ci.stdout)")
    }

    @Test func theSameCommitFromAnAgentSessionIsRefused() throws {
        let a = try Adoption()
        try a.git("switch", "-q", "-c", "chore/11-add-ward")
        try a.stagePolicy()
        let commit = try a.run(
            ["commit", "-q", "-m", "chore: add ward policy", "-m", "Refs #11"], env: ["CLAUDECODE": "1"])
        #expect(commit.status == 1, "\(commit.stderr)")
        #expect(commit.stderr.contains("ward.json: ward deny [scope-protected]"), "\(commit.stderr)")
        #expect(commit.stderr.contains("Claude Code session"), "\(commit.stderr)")
    }

    @Test func ciPolicyChangesFailMakesTheRangeFail() throws {
        let a = try Adoption()
        try a.git("switch", "-q", "-c", "chore/11-add-ward")
        try a.stagePolicy("{\"ci\": {\"policyChanges\": \"fail\"}}\n")
        #expect(try a.run(["commit", "-q", "-m", "chore: add ward policy", "-m", "Refs #11"]).status == 0)
        let range = try a.box.ward(["check", "range", "main..HEAD"])
        #expect(range.status == 1, "\(range.stdout)")
        #expect(range.stdout.contains("ward deny [policy-change]"), "\(range.stdout)")
        #expect(range.stdout.contains("ci.policyChanges is 'fail'"), "\(range.stdout)")
    }

    @Test func policyShowListsCIPolicyChangesWithItsSource() throws {
        let a = try Adoption()
        #expect(try a.box.ward(["policy", "show"]).stdout.contains("ci.policyChanges: review  (built-in)"))
        a.box.write("ward.json", "{\n  \"ci\": {\"policyChanges\": \"fail\"}\n}\n")
        let show = try a.box.ward(["policy", "show"])
        #expect(show.stdout.contains("ci.policyChanges: fail  (ward.json:2)"), "\(show.stdout)")
    }

    @Test func aTypoInTheCISettingsNamesTheKey() throws {
        let a = try Adoption()
        a.box.write("ward.json", "{\n  \"ci\": {\"policyChange\": \"fail\"}\n}\n")
        let show = try a.box.ward(["policy", "validate"])
        #expect(show.status == 1)
        #expect(
            show.stdout.contains("ward.json:2") || show.stderr.contains("ward.json:2"), "\(show.stdout)\(show.stderr)")
        #expect((show.stdout + show.stderr).contains("policyChanges"), "\(show.stdout)\(show.stderr)")
    }

    @Test func pushingToAnExistingProtectedBranchIsStillRefused() throws {
        let a = try Adoption()
        #expect(try a.run(["push", "-q", "origin", "main"]).status == 0)
        a.box.write("file.txt", "more\n")
        try a.git("add", "file.txt")
        #expect(try a.run(["commit", "-q", "--no-verify", "-m", "feat: straight to main"]).status == 0)
        let push = try a.run(["push", "-q", "origin", "main"])
        #expect(push.status == 1)
        #expect(push.stderr.contains("protected-branch-push"), "\(push.stderr)")
    }

    /// An agent that drops its marker would pass for a person at pre-commit: the guard denies it.
    @Test(arguments: [
        ("env -u CLAUDECODE git commit -m x", true), ("env --unset=CODEX_CI git commit", true),
        ("unset CLAUDECODE; git commit -m x", true), ("CLAUDECODE= git commit -m x", true),
        ("GEMINI_CLI=0 git commit -m x", true), ("export CURSOR_AGENT=", true), ("env -uCLAUDECODE git status", true),
        ("echo $CLAUDECODE", false), ("env -u HOME git status", false),
    ])
    func anAgentMayNotDropItsMarker(_ command: String, _ denied: Bool) throws {
        let box = try Sandbox()
        let result = try box.ward(["check", "command", command])
        #expect(result.status == (denied ? 1 : 0), "\(result.stdout)\(result.stderr)")
        if denied { #expect(result.stdout.contains("[tamper-ward-env]"), "\(result.stdout)") }
    }
}
