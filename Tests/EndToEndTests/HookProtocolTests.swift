import Foundation
import TestSupport
import Testing

/// Checks a blocking answer in the agent's strict form: exact keys, decision, rule id in the reason, exit 0.
func expectBlocked(
    _ result: ProcessResult, agent: String, rule: String, decision: String = "deny",
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(
        result.status == 0, "exit status \(result.status); stderr: \(result.stderr)", sourceLocation: sourceLocation)
    let answer = try HookAnswer(result)
    switch agent {
    case "claude", "codex":
        #expect(answer.keys == ["hookSpecificOutput"], sourceLocation: sourceLocation)
        #expect(
            Set(answer.specific?.keys.map { $0 } ?? [])
                == ["hookEventName", "permissionDecision", "permissionDecisionReason"], sourceLocation: sourceLocation)
        #expect(answer.specific?["hookEventName"] as? String == "PreToolUse", sourceLocation: sourceLocation)
    case "gemini":
        #expect(answer.keys == ["decision", "reason"], sourceLocation: sourceLocation)
    case "copilot":
        #expect(answer.keys == ["permissionDecision", "permissionDecisionReason"], sourceLocation: sourceLocation)
    default:
        #expect(answer.keys == ["permission", "user_message", "agent_message"], sourceLocation: sourceLocation)
        #expect(answer.object?["user_message"] as? String == answer.reason(for: agent), sourceLocation: sourceLocation)
    }
    #expect(answer.decision(for: agent) == decision, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
    let reason = answer.reason(for: agent) ?? ""
    #expect(reason.contains("[\(rule)]"), "reason: \(reason)", sourceLocation: sourceLocation)
    #expect(result.stdout.hasSuffix("}\n"), sourceLocation: sourceLocation)
}

@Suite("agent hook protocols")
struct HookProtocolTests {
    @Test(arguments: allAgents)
    func allowsEverydayCommandsSilently(agent: String) throws {
        let box = try Sandbox()
        for command in ["git status", "ls -la", "git push origin feat/1-guard", "rm -rf node_modules"] {
            let result = try box.shell(agent, command)
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty, "\(agent) \(command): \(result.stdout)")
            #expect(result.stderr.isEmpty, "\(agent) \(command): \(result.stderr)")
        }
        #expect(box.auditLines.isEmpty)
    }

    static let denials: [(String, String)] = [
        ("git reset --hard HEAD~1", "git-reset-hard"),
        ("rm -rf ~", "rm-root-or-home"),
        ("git push --force origin feat/1-guard", "git-push-force"),
    ]

    @Test(arguments: allAgents)
    func deniesDestructiveCommandsInTheAgentsBlockingForm(agent: String) throws {
        let box = try Sandbox()
        for (command, rule) in Self.denials {
            let result = try box.shell(agent, command)
            try expectBlocked(result, agent: agent, rule: rule)
            #expect(result.stderr.isEmpty, "\(result.stderr)")
        }
        let lines = box.auditLines
        #expect(lines.count == Self.denials.count)
        for ((command, rule), line) in zip(Self.denials, lines) {
            let record = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(record["ruleID"] as? String == rule)
            #expect(record["decision"] as? String == "deny")
            #expect(record["subject"] as? String == command)
            #expect(record["agent"] as? String == agent)
            #expect(record["checkpoint"] as? String == "agent:\(agent)")
            #expect(record["worktree"] as? String == box.repo)
            #expect(record["sessionID"] is String)
        }
    }

    @Test
    func asksClaudeForAShellScriptKnownOnlyAtRunTime() throws {
        let box = try Sandbox()
        let result = try box.shell("claude", "bash -c \"$X\"")
        try expectBlocked(result, agent: "claude", rule: "shell-unknown-input", decision: "ask")
        #expect(box.auditLines.first?.contains("\"decision\":\"ask\"") == true)
    }

    @Test(arguments: ["codex", "gemini", "cursor", "copilot"])
    func rendersAskAsDenyForAgentsWithoutAsk(agent: String) throws {
        let box = try Sandbox()
        let result = try box.shell(agent, "bash -c \"$X\"")
        try expectBlocked(result, agent: agent, rule: "shell-unknown-input")
        #expect(!result.stdout.contains("\"ask\""))
    }

    @Test(arguments: allAgents)
    func warnsWithoutBlockingWhenThePolicyModeIsWarn(agent: String) throws {
        let box = try Sandbox()
        box.write("ward.json", "{\n  // report, do not block\n  \"mode\": \"warn\"\n}\n")
        let result = try box.shell(agent, "git reset --hard")
        #expect(result.status == 0)
        if agent == "claude" {
            let answer = try HookAnswer(result)
            #expect(answer.keys == ["systemMessage"])
            #expect((answer.object?["systemMessage"] as? String)?.contains("[git-reset-hard]") == true)
        } else {
            #expect(result.stdout.isEmpty, "\(result.stdout)")
            #expect(result.stderr.contains("[git-reset-hard]"))
        }
        #expect(box.auditLines.first?.contains("\"decision\":\"warn\"") == true)
    }

    @Test
    func cursorFindsTheRepositoryFromWorkspaceRootsWhenCwdIsMissing() throws {
        let box = try Sandbox()
        box.write("ward.json", "{\"mode\": \"warn\"}\n")
        // Run from outside the repository: only workspace_roots leads to its ward.json.
        let payload = try fixture("cursor-shell-no-cwd.json", cwd: box.repo, command: "git reset --hard")
        let result = try box.hook("cursor", payload, cwd: box.dir.path)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("[git-reset-hard]"))
    }

    @Test
    func copilotReadsToolArgsAsJSONTextOrAsAnObject() throws {
        let box = try Sandbox()
        let text = try box.hook("copilot", try fixture("copilot-bash.json", cwd: box.repo, command: "git clean -fdx"))
        try expectBlocked(text, agent: "copilot", rule: "git-clean-force")
        let object = try box.hook(
            "copilot", try fixture("copilot-bash-object.json", cwd: box.repo, command: "git reset --hard"))
        try expectBlocked(object, agent: "copilot", rule: "git-reset-hard")
        let allowed = try box.hook("copilot", try fixture("copilot-bash-object.json", cwd: box.repo, command: "ls"))
        #expect(allowed.status == 0 && allowed.stdout.isEmpty && allowed.stderr.isEmpty, "\(allowed.stdout)")
    }

    @Test
    func copilotFileToolsGoThroughTheScope() throws {
        let box = try Sandbox()
        let protected = try box.hook(
            "copilot", try fixture("copilot-edit.json", cwd: box.repo, path: ".github/hooks/ward.json"))
        try expectBlocked(protected, agent: "copilot", rule: "scope-protected")
        let fine = try box.hook("copilot", try fixture("copilot-edit.json", cwd: box.repo, path: "src/a.swift"))
        #expect(fine.status == 0 && fine.stdout.isEmpty, "\(fine.stdout)")
        let view = try box.hook("copilot", try fixture("copilot-view.json", cwd: box.repo))
        #expect(view.status == 0 && view.stdout.isEmpty, "\(view.stdout)")
    }

    @Test
    func cursorPreToolUseShellIsChecked() throws {
        let box = try Sandbox()
        let result = try box.hook(
            "cursor", try fixture("cursor-pre-tool-use.json", cwd: box.repo, command: "git clean -fdx"))
        try expectBlocked(result, agent: "cursor", rule: "git-clean-force")
    }

    @Test(arguments: allAgents)
    func allowsABlankCommand(agent: String) throws {
        let box = try Sandbox()
        for command in ["", "   \n\t"] {
            let result = try box.shell(agent, command)
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.isEmpty)
        }
    }

    @Test(arguments: [
        ("claude", "claude-write.json", ".git/hooks/pre-commit"),
        ("claude", "claude-write.json", "ward.json"),
        ("claude", "claude-edit.json", "ward.json"),
        ("claude", "claude-write.json", ".claude/settings.json"),
        ("gemini", "gemini-write-file.json", "ward.json"),
        ("gemini", "gemini-replace.json", ".git/hooks/pre-commit"),
        ("gemini", "gemini-write-file.json", ".gemini/settings.json"),
    ])
    func deniesWritesToProtectedFiles(agent: String, fixtureName: String, relative: String) throws {
        let box = try Sandbox()
        for path in [box.repo + "/" + relative, relative] {
            let result = try box.hook(agent, try fixture(fixtureName, cwd: box.repo, path: path))
            try expectBlocked(result, agent: agent, rule: "scope-protected")
        }
        #expect(box.auditLines.count == 2)
        #expect(box.auditLines.allSatisfy { $0.contains("\"ruleID\":\"scope-protected\"") })
    }

    @Test
    func allowsWritesToOrdinaryFiles() throws {
        let box = try Sandbox()
        let claude = try box.hook(
            "claude", try fixture("claude-write.json", cwd: box.repo, path: box.repo + "/src/a.swift"))
        #expect(claude.status == 0)
        #expect(claude.stdout.isEmpty)
        let gemini = try box.hook("gemini", try fixture("gemini-replace.json", cwd: box.repo, path: "README.md"))
        #expect(gemini.status == 0)
        #expect(gemini.stdout.isEmpty)
        let codex = try box.hook("codex", try fixture("codex-apply-patch.json", cwd: box.repo))
        #expect(codex.status == 0)
        #expect(codex.stdout.isEmpty, "\(codex.stdout)")
    }

    @Test
    func deniesAnApplyPatchThatTouchesCodexHookSettings() throws {
        let box = try Sandbox()
        let result = try box.hook("codex", try fixture("codex-apply-patch-protected.json", cwd: box.repo))
        try expectBlocked(result, agent: "codex", rule: "scope-protected")
        #expect(result.stdout.contains(".codex/hooks.json"))
    }

    @Test
    func allowsMcpToolsAndLogsThemAsUnknown() throws {
        let box = try Sandbox()
        let result = try box.hook("claude", try fixture("claude-mcp.json", cwd: box.repo))
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
        let line = try #require(box.auditLines.first)
        #expect(line.contains("\"ruleID\":\"unknown-tool\""))
        #expect(line.contains("\"decision\":\"allow\""))
        #expect(line.contains("mcp__github__create_issue"))
    }

    @Test
    func allowsReadingToolsWithoutLogging() throws {
        let box = try Sandbox()
        let result = try box.hook("claude", try fixture("claude-read.json", cwd: box.repo))
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(box.auditLines.isEmpty)
    }

    @Test
    func reportsAnUnwritableAuditLogOnStderrWithoutChangingTheVerdict() throws {
        let box = try Sandbox()
        // A file where the log's folder should be: the log cannot be created.
        box.write(".git/ward", "not a folder")
        let result = try box.shell("claude", "git reset --hard")
        try expectBlocked(result, agent: "claude", rule: "git-reset-hard")
        #expect(result.stderr.contains("audit log"))
    }
}
