import Foundation
import TestSupport
import Testing

@Suite("ward front commands")
struct FrontCommandTests {
    @Test
    func checkCommandExitsByDecision() throws {
        let box = try Sandbox()
        let allowed = try box.ward(["check", "command", "git status"])
        #expect(allowed.status == 0)
        #expect(allowed.stdout == "allow\n")
        let denied = try box.ward(["check", "command", "git reset --hard"])
        #expect(denied.status == 1)
        #expect(denied.stdout.contains("[git-reset-hard]"))
        let asked = try box.ward(["check", "command", "bash -c \"$X\""])
        #expect(asked.status == 1)
        let fromStdin = try box.ward(["check", "command", "-"], stdin: Array("rm -rf ~".utf8))
        #expect(fromStdin.status == 1)
        #expect(fromStdin.stdout.contains("[rm-root-or-home]"))
        let usage = try box.ward(["check", "command", "git", "status"])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("ward check command: "))
        #expect(usage.stderr.split(separator: "\n").count == 1)
    }

    @Test
    func checkCommandWarnsAndExitsZeroInWarnMode() throws {
        let box = try Sandbox()
        box.write("ward.json", "{\"mode\": \"warn\"}")
        let result = try box.ward(["check", "command", "git reset --hard"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ward warn [git-reset-hard]"))
    }

    @Test
    func checkCommandPrintsJson() throws {
        let box = try Sandbox()
        let other = box.dir.appending("elsewhere")
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        let result = try box.ward(["check", "command", "--json", "--cwd", box.repo, "git push --force"], cwd: other)
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        #expect(object["checkpoint"] as? String == "command")
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["decision"] as? String == "deny")
        #expect(verdict["rule"] as? String == "git-push-force")
        #expect(verdict["message"] is String)
        #expect(verdict["matched"] as? String == "git push --force")
        #expect(verdict["instead"] is String)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "git-push-force" })
    }

    @Test
    func checkCommandReportsABrokenPolicyAsAConfigurationError() throws {
        let box = try Sandbox()
        box.write("ward.json", "{\"mode\": \"loud\"}")
        let result = try box.ward(["check", "command", "ls"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("ward: ward.json:1"))
    }

    @Test
    func explainShowsTreeRulesAndVerdict() throws {
        let box = try Sandbox()
        let result = try box.ward(["explain", "sudo git reset --hard && echo done"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("parse tree:"))
        #expect(result.stdout.contains("git-reset-hard"))
        #expect(result.stdout.contains("verdict: ward deny [git-reset-hard]"))
        #expect(result.stdout.contains("policy files: built-in"))
    }

    @Test
    func policyValidateAcceptsGoodAndRejectsBadFiles() throws {
        let box = try Sandbox()
        box.write(
            "ward.json", "{\n  \"mode\": \"enforce\", // JSON5\n  \"protectedBranches\": [\"main\", \"prod\"],\n}\n")
        let good = try box.ward(["policy", "validate"])
        #expect(good.status == 0, "\(good.stdout) \(good.stderr)")
        box.write("bad.json", "{\n  \"mode\": \"enforce\",\n  \"commands\": {\"disable\": [1]}\n}\n")
        let bad = try box.ward(["policy", "validate", "bad.json"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("bad.json:3"), "\(bad.stdout)")
        let missing = try box.ward(["policy", "validate", "nope.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
    }

    @Test
    func policyShowListsRuleIdsWithSources() throws {
        let box = try Sandbox()
        box.write("ward.json", "{\"protectedBranches\": [\"prod\"]}")
        let human = try box.ward(["policy", "show"])
        #expect(human.status == 0)
        for id in ["git-reset-hard", "rm-root-or-home", "scope-protected", "shell-unknown-input"] {
            #expect(human.stdout.contains(id))
        }
        #expect(human.stdout.contains("protectedBranches: main, master, release/*, prod  (built-in, ward.json)"))
        let json = try box.ward(["policy", "show", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(
            entries.contains {
                $0["path"] as? String == "commands.rules.git-push-force" && $0["source"] as? String == "built-in"
            })
        let mode = try #require(entries.first { $0["path"] as? String == "mode" })
        #expect(mode["value"] as? String == "enforce")
    }

    @Test
    func logShowsADeniedEntry() throws {
        let box = try Sandbox()
        _ = try box.shell("claude", "git reset --hard")
        let human = try box.ward(["log"])
        #expect(human.status == 0)
        #expect(human.stdout.contains("deny  git-reset-hard  git reset --hard"))
        let json = try box.ward(["log", "--json", "--limit", "1"])
        #expect(json.stdout.contains("\"ruleID\":\"git-reset-hard\""))
    }

    @Test
    func versionAndHelp() throws {
        let box = try Sandbox()
        let version = try box.ward(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "ward 0.1.0\n")
        let help = try box.ward(["--help"])
        #expect(help.status == 0)
        for word in ["hook claude", "check command", "explain", "policy show", "log", "install", "worktree", "ci"] {
            #expect(help.stdout.contains(word))
        }
        for args in [
            ["hook", "claude", "--help"], ["check", "command", "--help"], ["explain", "--help"], ["policy", "--help"],
            ["log", "--help"],
        ] {
            let result = try box.ward(args)
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("Usage: ward"))
        }
    }

    @Test
    func unknownCommandsGoToWardGit() throws {
        let box = try Sandbox()
        let ward = try Binaries.ward
        let dir = (ward as NSString).deletingLastPathComponent
        try #require(
            FileManager.default.isExecutableFile(atPath: dir + "/ward-git"), "ward-git is not built beside ward")
        let result = try box.ward(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderr == "ward: unknown command 'frobnicate'; see 'ward --help'\n")
    }

    @Test
    func saysSoWhenWardGitIsMissing() throws {
        let box = try Sandbox()
        let lonely = box.dir.appending("bin")
        try FileManager.default.createDirectory(atPath: lonely, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try Binaries.ward, toPath: lonely + "/ward")
        let result = try runProcess(
            lonely + "/ward", ["check", "branch", "main"], cwd: box.repo, environment: box.environment())
        #expect(result.status == 2)
        #expect(result.stderr == "ward: ward-git not found next to \(lonely)/ward; reinstall ward\n")
    }
}
