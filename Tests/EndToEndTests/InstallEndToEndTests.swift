import Foundation
import TestSupport
import Testing

/// `ward install` / `ward uninstall` with the built binaries, real repositories and real
/// `git commit` / `git push` through the installed hooks.
@Suite struct InstallEndToEndTests {
    /// Every file of a folder: name → (bytes, permission bits).
    static func snapshot(_ dir: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            let path = dir + "/" + name
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? Int) ?? -1
            let bytes = FileManager.default.contents(atPath: path).map { Array($0) } ?? []
            out[name] = Array("\(mode) ".utf8) + bytes
        }
        return out
    }

    static func writeExecutable(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard writeFile(path, text) else { throw HarnessError(description: "cannot write \(path)") }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    final class Repo {
        let box: Sandbox
        var repo: String { box.repo }

        init(branch: String = "feat/11-install") throws {
            box = try Sandbox(branch: branch)
        }

        func run(_ args: [String], cwd: String? = nil, env: [String: String] = [:]) throws -> ProcessResult {
            try runProcess("git", args, cwd: cwd ?? repo, environment: box.environment(env), timeout: 120)
        }

        @discardableResult
        func git(_ args: String..., cwd: String? = nil) throws -> String {
            let r = try run(args, cwd: cwd)
            guard r.status == 0 else {
                throw HarnessError(description: "git \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)")
            }
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func ward(_ args: [String], cwd: String? = nil, wardBinary: String? = nil) throws -> ProcessResult {
            try runProcess(
                try wardBinary ?? Binaries.ward, args, cwd: cwd ?? repo, environment: box.environment(), timeout: 60)
        }

        func commit(_ message: String, file: String = "a.txt", cwd: String? = nil) throws -> ProcessResult {
            let root = cwd ?? repo
            guard writeFile(root + "/" + file, "\(message)\n") else { throw HarnessError(description: "write") }
            try git("add", file, cwd: root)
            return try run(["commit", "-q", "-m", message], cwd: root)
        }
    }

    @Test func keepsAnExistingHookRunningFirstAndUninstallRestoresTheFolderByteForByte() throws {
        let r = try Repo()
        let hooks = try r.git("rev-parse", "--path-format=absolute", "--git-path", "hooks")
        try Self.writeExecutable(
            hooks + "/pre-commit", "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/previous-ran\"\n")
        let before = try Self.snapshot(hooks)

        let install = try r.ward(["install"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("chained"), "\(install.stdout)")
        #expect(install.stdout.contains("pre-commit.pre-ward"), "\(install.stdout)")
        #expect(!install.stdout.contains("is in the work tree"), "git's own hooks folder is not: \(install.stdout)")
        let shim = try String(contentsOfFile: hooks + "/pre-commit", encoding: .utf8)
        #expect(shim.hasPrefix("#!/bin/sh\n"))
        #expect(shim.contains("# ward-path: \(try Binaries.ward)"), "\(shim)")
        for name in ["commit-msg", "pre-push"] {
            #expect(FileManager.default.isExecutableFile(atPath: hooks + "/" + name))
        }

        // A good commit passes every hook, and the old hook ran.
        let good = try r.commit("feat: add a\n\nRefs #11")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(FileManager.default.fileExists(atPath: r.repo + "/.git/previous-ran"))
        // A bad message is refused by ward's commit-msg hook.
        let bad = try r.commit("added b", file: "b.txt")
        #expect(bad.status == 1, "\(bad.stderr)")
        #expect(bad.stderr.contains("type-empty") || bad.stderr.contains("subject-empty"), "\(bad.stderr)")

        // Installing again changes nothing.
        let installed = try Self.snapshot(hooks)
        let again = try r.ward(["install"])
        #expect(again.status == 0)
        #expect(!again.stdout.contains("created") && !again.stdout.contains("updated"), "\(again.stdout)")
        #expect(try Self.snapshot(hooks) == installed)

        let uninstall = try r.ward(["uninstall"])
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(uninstall.stdout.contains("restored"), "\(uninstall.stdout)")
        #expect(try Self.snapshot(hooks) == before)
    }

    @Test func aFailingExistingHookStillStopsTheCommit() throws {
        let r = try Repo()
        try Self.writeExecutable(r.repo + "/.git/hooks/pre-commit", "#!/bin/sh\necho 'lint failed' >&2\nexit 3\n")
        #expect(try r.ward(["install", "--hooks", "pre-commit"]).status == 0)
        let commit = try r.commit("feat: add a\n\nRefs #11")
        #expect(commit.status != 0)
        #expect(commit.stderr.contains("lint failed"), "\(commit.stderr)")
    }

    @Test func installsWhereCoreHooksPathPointsAsHuskyDoes() throws {
        let r = try Repo()
        try Self.writeExecutable(
            r.repo + "/.husky/pre-commit", "#!/bin/sh\ntouch \"$(git rev-parse --git-dir)/husky-ran\"\n")
        try r.git("config", "core.hooksPath", ".husky")
        let before = try Self.snapshot(r.repo + "/.husky")
        let install = try r.ward(["install"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains(".husky/pre-commit"), "\(install.stdout)")
        #expect(
            install.stdout.contains("the hooks folder .husky (core.hooksPath) is in the work tree"), "\(install.stdout)"
        )
        #expect(!FileManager.default.fileExists(atPath: r.repo + "/.git/hooks/pre-commit"))
        let bad = try r.commit("no type here")
        #expect(bad.status == 1, "\(bad.stderr)")
        #expect(FileManager.default.fileExists(atPath: r.repo + "/.git/husky-ran"))
        #expect(try r.ward(["uninstall"]).status == 0)
        #expect(try Self.snapshot(r.repo + "/.husky") == before)
    }

    @Test func installsFromALinkedWorktreeIntoTheCommonHooksFolder() throws {
        let r = try Repo()
        let linked = r.box.dir.appending("linked")
        try r.git("worktree", "add", "-q", "-b", "fix/12-linked", linked)
        let hooks = r.repo + "/.git/hooks"
        let before = try Self.snapshot(hooks)
        let install = try r.ward(["install"], cwd: linked)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(FileManager.default.fileExists(atPath: hooks + "/commit-msg"))
        let bad = try r.commit("no type here", cwd: linked)
        #expect(bad.status == 1, "\(bad.stderr)")
        let good = try r.commit("fix: linked\n\nRefs #12", cwd: linked)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try r.ward(["uninstall"], cwd: linked).status == 0)
        #expect(try Self.snapshot(hooks) == before)
    }

    @Test func aPrePushHookThatWasThereGetsTheRefLinesToo() throws {
        let r = try Repo(branch: "main")
        let remote = try r.box.git.makeBareRepository()
        try r.git("remote", "add", "origin", remote)
        try r.git("commit", "-q", "--amend", "-m", "chore: start")
        try Self.writeExecutable(
            r.repo + "/.git/hooks/pre-push", "#!/bin/sh\ncat > \"$(git rev-parse --git-dir)/refs-seen\"\n")
        #expect(try r.ward(["install", "--hooks", "pre-push"]).status == 0)
        let first = try r.run(["push", "-q", "origin", "main"])
        #expect(first.status == 0, "\(first.stderr)")
        let seen = try String(contentsOfFile: r.repo + "/.git/refs-seen", encoding: .utf8)
        #expect(seen.hasPrefix("refs/heads/main "), "\(seen)")
        #expect(seen.hasSuffix("\n"))
        guard writeFile(r.repo + "/file.txt", "direct\n") else { return }
        try r.git("commit", "-q", "-am", "feat: straight to main")
        let direct = try r.run(["push", "-q", "origin", "main"])
        #expect(direct.status == 1)
        #expect(direct.stderr.contains("protected-branch-push"), "\(direct.stderr)")
    }

    @Test func aHookWhoseWardIsGoneFailsWithOneLine() throws {
        let r = try Repo()
        let bin = r.box.dir.appending("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for name in ["ward", "ward-git"] {
            try FileManager.default.copyItem(atPath: try Binaries.path(of: name), toPath: bin + "/" + name)
        }
        let install = try r.ward(["install", "--hooks", "pre-commit"], wardBinary: bin + "/ward")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(
            try String(contentsOfFile: r.repo + "/.git/hooks/pre-commit", encoding: .utf8).contains(
                "# ward-path: \(bin)/ward"))
        try FileManager.default.removeItem(atPath: bin)
        let commit = try r.commit("feat: add a\n\nRefs #11")
        #expect(commit.status == 1)
        #expect(
            commit.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
                == "ward: the pre-commit hook cannot run: ward is neither at \(bin)/ward nor on PATH; put it back, or run 'ward install' with the new one",
            "\(commit.stderr)")
    }

    @Test func mergesAgentSettingsKeepingOtherHooksAndTakesOnlyWardsOut() throws {
        let r = try Repo()
        let original = """
            {
              "permissions": {"allow": ["Bash(npm test)"]},
              "hooks": {
                "PreToolUse": [
                  {"matcher": "Bash", "hooks": [{"type": "command", "command": "./scripts/audit.sh"}]}
                ],
                "PostToolUse": [
                  {"matcher": "Edit", "hooks": [{"type": "command", "command": "prettier --write"}]}
                ]
              },
              "model": "opus"
            }

            """
        r.box.write(".claude/settings.json", original)
        r.box.write(".gemini/settings.json", "{\"theme\": \"dark\"}\n")
        let install = try r.ward(["install", "--hooks", "none"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains(".claude/settings.json"), "\(install.stdout)")
        #expect(install.stdout.contains(".gemini/settings.json"), "\(install.stdout)")
        #expect(!install.stdout.contains(".codex"), "\(install.stdout)")

        let merged = try jsonObject(r.repo + "/.claude/settings.json")
        #expect((merged["model"] as? String) == "opus")
        #expect(((merged["permissions"] as? [String: Any])?["allow"] as? [String]) == ["Bash(npm test)"])
        let hooks = merged["hooks"] as? [String: Any] ?? [:]
        let pre = hooks["PreToolUse"] as? [[String: Any]] ?? []
        #expect(pre.count == 3)
        #expect((pre.first?["hooks"] as? [[String: Any]])?.first?["command"] as? String == "./scripts/audit.sh")
        let commands = pre.dropFirst().compactMap { ($0["hooks"] as? [[String: Any]])?.first?["command"] as? String }
        #expect(commands == Array(repeating: "\(try Binaries.ward) hook claude", count: 2))
        #expect((hooks["PostToolUse"] as? [[String: Any]])?.count == 1)
        let gemini = try jsonObject(r.repo + "/.gemini/settings.json")
        #expect(gemini["theme"] as? String == "dark")
        #expect(((gemini["hooks"] as? [String: Any])?["BeforeTool"] as? [Any])?.count == 1)

        let installed = try Data(contentsOf: URL(fileURLWithPath: r.repo + "/.claude/settings.json"))
        #expect(try r.ward(["install", "--hooks", "none"]).stdout.contains("unchanged"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: r.repo + "/.claude/settings.json")) == installed)

        #expect(try r.ward(["uninstall", "--hooks", "none"]).status == 0)
        let restored = try jsonObject(r.repo + "/.claude/settings.json")
        let expected = try JSONSerialization.jsonObject(with: Data(original.utf8)) as? NSDictionary
        #expect(NSDictionary(dictionary: restored) == expected)
        #expect(NSDictionary(dictionary: try jsonObject(r.repo + "/.gemini/settings.json")) == ["theme": "dark"])
    }

    @Test func installsEveryAgentIntoAFreshRepositoryAndUninstallRemovesTheFiles() throws {
        let r = try Repo()
        let install = try r.ward(["install", "--hooks", "none", "--agent", "all"])
        #expect(install.status == 0, "\(install.stderr)")
        let ward = try Binaries.ward
        let codex = try jsonObject(r.repo + "/.codex/hooks.json")
        #expect(String(describing: codex).contains("\(ward) hook codex"))
        let cursor = try jsonObject(r.repo + "/.cursor/hooks.json")
        #expect(cursor["version"] as? Int == 1)
        let cursorHooks = cursor["hooks"] as? [String: [[String: Any]]] ?? [:]
        #expect(cursorHooks["beforeShellExecution"]?.first?["command"] as? String == "\(ward) hook cursor")
        #expect(cursorHooks["preToolUse"]?.first?["command"] as? String == "\(ward) hook cursor")
        let copilot = try jsonObject(r.repo + "/.github/hooks/ward.json")
        let pre = (copilot["hooks"] as? [String: [[String: Any]]])?["preToolUse"]?.first
        #expect(pre?["bash"] as? String == "\(ward) hook copilot")
        #expect(pre?["type"] as? String == "command")
        #expect(try r.ward(["install", "--agent", "claude", "--local", "--hooks", "none"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: r.repo + "/.claude/settings.local.json"))

        #expect(try r.ward(["uninstall", "--hooks", "none"]).status == 0)
        for file in [
            ".claude/settings.json", ".codex/hooks.json", ".gemini/settings.json", ".cursor/hooks.json",
            ".github/hooks/ward.json",
        ] {
            #expect(!FileManager.default.fileExists(atPath: r.repo + "/" + file), "\(file)")
        }
        #expect(try r.ward(["uninstall", "--local", "--agent", "claude", "--hooks", "none"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: r.repo + "/.claude/settings.local.json"))
    }

    @Test func refusesToOverwriteSettingsThatAreNotJSON() throws {
        let r = try Repo()
        r.box.write(".claude/settings.json", "{\"hooks\": [\n")
        let install = try r.ward(["install", "--hooks", "none", "--agent", "claude"])
        #expect(install.status == 2)
        #expect(install.stderr.contains(".claude/settings.json"), "\(install.stderr)")
        #expect(install.stderr.contains("line"), "\(install.stderr)")
        #expect(try String(contentsOfFile: r.repo + "/.claude/settings.json", encoding: .utf8) == "{\"hooks\": [\n")
    }

    @Test func anAgentMayNotInstallOrUninstall() throws {
        let r = try Repo()
        for command in ["ward install", "ward uninstall --hooks none"] {
            let answer = try HookAnswer(try r.box.shell("claude", command))
            #expect(answer.decision(for: "claude") == "deny", "\(command)")
        }
    }

    @Test func doctorSaysWhatIsMissingAsCommands() throws {
        let r = try Repo()
        let doctor = try r.ward(["doctor"])
        #expect(doctor.status == 1, "\(doctor.stdout)")
        #expect(doctor.stdout.contains("✗ hook-pre-commit"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("not installed"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("To fix:\n  ward install --hooks pre-commit"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("ward install --agent claude"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("✓ policy"), "\(doctor.stdout)")
    }

    @Test func doctorPassesAfterInstallAndProbesEveryAgentsProtocol() throws {
        let r = try Repo()
        let install = try r.ward(["install", "--agent", "claude,codex,gemini,cursor"])
        #expect(install.status == 0, "\(install.stderr)")
        let doctor = try r.ward(["doctor"])
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        for hook in ["pre-commit", "commit-msg", "pre-push"] {
            #expect(doctor.stdout.contains("✓ hook-\(hook)"), "\(doctor.stdout)")
        }
        #expect(doctor.stdout.contains("✓ ward-git"), "\(doctor.stdout)")
        for agent in ["claude", "codex", "gemini", "cursor"] {
            #expect(doctor.stdout.contains("✓ agent-\(agent)"), "\(doctor.stdout)")
        }
        #expect(doctor.stdout.contains("denies 'git reset --hard HEAD~1' in Gemini CLI's protocol"), "\(doctor.stdout)")
        let json = try r.ward(["doctor", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any]
        #expect((object?["findings"] as? [Any])?.count == 9, "\(json.stdout)")
    }

    @Test func doctorAndCheckNameAHookWhoseWardIsGoneAndAnAgentPathThatDoesNotExist() throws {
        let r = try Repo()
        let bin = r.box.dir.appending("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for name in ["ward", "ward-git"] {
            try FileManager.default.copyItem(atPath: try Binaries.path(of: name), toPath: bin + "/" + name)
        }
        #expect(try r.ward(["install", "--hooks", "pre-commit"], wardBinary: bin + "/ward").status == 0)
        r.box.write(
            ".claude/settings.json",
            "{\"hooks\": {\"PreToolUse\": [{\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\", \"command\": \"/nonexistent/ward hook claude\"}]}]}}\n"
        )
        let check = try r.ward(["check"])
        #expect(check.stdout.contains("! hooks"), "\(check.stdout)")
        #expect(check.stdout.contains("commit-msg missing; pre-push missing"), "\(check.stdout)")
        try FileManager.default.removeItem(atPath: bin)
        let after = try r.ward(["check"])
        #expect(after.stdout.contains("pre-commit calls a missing \(bin)/ward"), "\(after.stdout)")
        let doctor = try r.ward(["doctor"])
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("calls \(bin)/ward, which does not exist"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("calls /nonexistent/ward, which does not exist"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("  ward install --hooks none --agent claude"), "\(doctor.stdout)")
    }

    @Test func doctorSaysWhyTheGuardLetsTheProbeThrough() throws {
        let r = try Repo()
        #expect(try r.ward(["install", "--agent", "claude"]).status == 0)
        r.box.write("ward.json", "{\"mode\": \"warn\"}\n")
        let doctor = try r.ward(["doctor"])
        #expect(doctor.status == 1, "\(doctor.stdout)")
        #expect(doctor.stdout.contains("✗ agent-claude"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("the command guard's mode is 'warn'"), "\(doctor.stdout)")
    }

    func jsonObject(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
