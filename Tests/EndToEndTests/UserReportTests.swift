import Foundation
import TestSupport
import Testing

/// What a new user hit trying ward (issue 8, "What users hit"), each through the built binaries,
/// real repositories and real git hooks.
@Suite struct UserReportTests {
    /// A sandbox whose repository runs ward's three git hooks from `.hooks/`.
    static func hooked(branch: String = "feat/12-login") throws -> Sandbox {
        let box = try Sandbox(branch: branch)
        let ward = try Binaries.ward
        for (hook, args) in [("pre-commit", ""), ("commit-msg", " \"$1\""), ("pre-push", " \"$1\" \"$2\"")] {
            let path = box.repo + "/.hooks/" + hook
            writeFile(path, "#!/bin/sh\nexec '\(ward)' hook \(hook)\(args)\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        try box.git.git("config", "core.hooksPath", ".hooks", in: "repo")
        return box
    }

    static func records(_ box: Sandbox) -> [[String: Any]] {
        box.auditLines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    // 1. `ward explain RULE-ID` explains the rule; a near miss gets a suggestion.
    @Test func explainsARuleById() throws {
        let box = try Sandbox()
        box.write("ward.json", #"{"commands": {"disable": ["git-reset-hard"]}}"#)
        let rule = try box.ward(["explain", "git-reset-hard"])
        #expect(rule.status == 0, "\(rule.stderr)")
        #expect(rule.stdout.contains("rule: git-reset-hard"))
        #expect(rule.stdout.contains("decision: deny"))
        #expect(rule.stdout.contains("defined in: policy/rules/git.json"))
        #expect(rule.stdout.contains("disabled: yes"))
        let typo = try box.ward(["explain", "reset-hard"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'git-reset-hard'?"))
        let command = try box.ward(["explain", "git reset --soft HEAD~1"])
        #expect(command.stdout.contains("git-reset-hard: not matched"), "\(command.stdout)")
        #expect(command.stdout.contains("verdict: allow"))
    }

    // 2. `ward policy show` shows every section with its source, in text and JSON.
    @Test func policyShowsScopeCommitsAndBranchesWithTheirSource() throws {
        let box = try Sandbox()
        box.write(
            "ward.json",
            #"{"commits": {"types": ["feat"]}, "branches": {"patterns": ["^x/"]}, "scope": {"allow": ["src/**"]}}"#)
        let text = try box.ward(["policy", "show"])
        #expect(text.status == 0, "\(text.stderr)")
        for line in [
            "commits.types: feat  (ward.json)", "branches.patterns: ^x/  (ward.json)",
            "scope.allow: src/**  (ward.json)",
        ] {
            #expect(text.stdout.contains(line), "\(line) in \(text.stdout)")
        }
        let json = try box.ward(["policy", "show", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any]
        let entries = object?["entries"] as? [[String: Any]] ?? []
        let types = entries.first { $0["path"] as? String == "commits.types" }
        #expect(types?["source"] as? String == "ward.json")
        #expect(types?["value"] as? [String] == ["feat"])
        #expect(entries.contains { ($0["path"] as? String)?.hasPrefix("branches.") == true })
    }

    // 3. `ward policy validate` reports every error at once.
    @Test func policyValidateReportsEveryError() throws {
        let box = try Sandbox()
        box.write("ward.json", "{\n  \"mode\": \"loud\",\n  \"scpoe\": {},\n  \"protectedBranches\": 3\n}\n")
        let result = try box.ward(["policy", "validate"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(lines.contains { $0.contains("ward.json:2: mode") })
        #expect(lines.contains { $0.contains("ward.json:3: scpoe") && $0.contains("did you mean 'scope'") })
        #expect(lines.contains { $0.contains("ward.json:4: protectedBranches") })
    }

    // 9 and 10. A payload of another event, and input that is not JSON, say so (and are denied).
    @Test(arguments: [
        (
            "claude", #"{"hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"ls"}}"#,
            "PostToolUse"
        ),
        (
            "gemini", #"{"hook_event_name":"AfterTool","tool_name":"run_shell_command","tool_input":{"command":"ls"}}"#,
            "AfterTool"
        ),
        ("claude", "hello", "not JSON"),
        ("cursor", "<xml/>", "not JSON"),
    ])
    func wrongEventsAndNonJSONInputAreDeniedWithTheReason(agent: String, payload: String, says: String) throws {
        let box = try Sandbox()
        let result = try box.hook(agent, Array(payload.utf8))
        #expect(result.status == 0)
        let answer = try HookAnswer(result)
        #expect(answer.decision(for: agent) == "deny", "\(result.stdout)")
        #expect(answer.reason(for: agent)?.contains(says) == true, "\(result.stdout)")
        #expect(answer.reason(for: agent)?.contains("expected 'null'") == false)
    }

    // 4. Every checkpoint records its verdicts; `ward log` filters them and `--limit 0` shows all.
    @Test func gitHooksRecordTheirVerdictsAndLogFiltersThem() throws {
        let box = try Self.hooked()
        box.write("a.txt", "a\n")
        try box.git.git("add", "a.txt", in: "repo")
        let refused = try box.git.run("git", ["commit", "-q", "-m", "Bad message."], in: "repo")
        #expect(refused.status != 0)
        let remote = try box.git.makeBareRepository()
        try box.git.git("remote", "add", "origin", remote, in: "repo")
        // The remote has main already: creating it there is not a push to a protected branch.
        try box.git.git("push", "-q", "--no-verify", "origin", "HEAD:main", in: "repo")
        try box.git.git("commit", "-q", "--no-verify", "-m", "feat: add a", in: "repo")
        let push = try box.git.run("git", ["push", "-q", "origin", "HEAD:main"], in: "repo")
        #expect(push.status != 0)
        #expect(push.stderr.contains("protected-branch-push"), "\(push.stderr)")
        #expect(!push.stderr.contains("0 new commits checked"))
        let checkpoints = Set(Self.records(box).compactMap { $0["checkpoint"] as? String })
        #expect(checkpoints.isSuperset(of: ["git:commit-msg", "git:pre-push"]), "\(checkpoints)")

        let all = try box.ward(["log", "--limit", "0"])
        #expect(all.status == 0)
        #expect(all.stdout.split(separator: "\n").count == box.auditLines.count)
        let pushes = try box.ward(["log", "--checkpoint", "git:pre-push", "--json"])
        #expect(!pushes.stdout.isEmpty)
        #expect(pushes.stdout.split(separator: "\n").allSatisfy { $0.contains("\"git:pre-push\"") })
        let protected = try box.ward(["log", "--rule", "protected-branch-push"])
        #expect(protected.stdout.contains("protected-branch-push"))
        #expect(!protected.stdout.contains("subject-case"))
        let none = try box.ward(["log", "--rule", "no-such-rule"])
        #expect(none.stderr.contains("no audit records match"))
        let bad = try box.ward(["log", "--since", "yesterday-ish"])
        #expect(bad.status == 2)
    }

    // 5. `ward check message` takes the text, -m TEXT, -F FILE, or stdin.
    @Test(arguments: [
        (["check", "message", "feat: add thing"], "", 0),
        (["check", "message", "-m", "Add thing"], "", 1),
        (["check", "message", "-"], "fix: repair it\n", 0),
        (["check", "message"], "nope\n", 1),
    ])
    func checkMessageTakesTextFileOrStdin(args: [String], stdin: String, status: Int32) throws {
        let box = try Sandbox()
        let result = try box.ward(args, stdin: Array(stdin.utf8))
        #expect(result.status == status, "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("cannot read"))
    }

    @Test func checkMessageReadsAFileWithDashF() throws {
        let box = try Sandbox()
        box.write("MSG", "docs: explain it\n")
        #expect(try box.ward(["check", "message", "-F", box.repo + "/MSG"]).status == 0)
        box.write("MSG", "Explain it.\n")
        let bad = try box.ward(["check", "message", "-F", "MSG", "--json"])
        #expect(bad.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(bad.stdoutBytes)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["rule"] as? String == "type-empty" && $0["line"] as? Int == 1 })
    }

    // 6. Ranges: the three-dot form, unknown revisions, shallow clones, no libgit2 names.
    @Test func rangeAcceptsThreeDotsAndExplainsWhatIsMissing() throws {
        let box = try Sandbox(branch: "main")
        try box.git.git("switch", "-q", "-c", "feat/3-thing", in: "repo")
        box.write("b.txt", "b\n")
        try box.git.git("add", "b.txt", in: "repo")
        try box.git.git("commit", "-q", "-m", "feat: add b\n\nRefs #3", in: "repo")
        let three = try box.ward(["check", "range", "main...HEAD"])
        #expect(three.status == 0, "\(three.stdout)\(three.stderr)")
        #expect(three.stdout.contains("1 commit checked"))
        let unknown = try box.ward(["check", "range", "main..nosuch"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown revision 'nosuch'"))
        #expect(!unknown.stderr.contains("git_"))

        for n in 2...4 {
            box.write("c.txt", "\(n)\n")
            try box.git.git("add", "c.txt", in: "repo")
            try box.git.git("commit", "-q", "-m", "feat: change c \(n)\n\nRefs #3", in: "repo")
        }
        try box.git.git(
            "clone", "-q", "--depth", "1", "--no-single-branch", "file://" + box.repo, "shallow")
        let shallow = try box.git.run(try Binaries.ward, ["check", "range", "origin/main..HEAD"], in: "shallow")
        #expect(shallow.status == 2, "\(shallow.stdout)\(shallow.stderr)")
        #expect(shallow.stderr.contains("git fetch --unshallow"), "\(shallow.stderr)")
        #expect(!shallow.stderr.contains("git_"))
    }

    // 7. Messages that fit the situation.
    @Test func blockedCommitsAndPushesSayWhatToDoNext() throws {
        let box = try Self.hooked(branch: "main")
        box.write("ward.json", #"{"scope": {"allow": ["src/**"]}}"#)
        try box.git.git("add", "ward.json", in: "repo")
        try box.git.git("commit", "-q", "--no-verify", "-m", "chore: add policy", in: "repo")
        box.write("docs/x.md", "x\n")
        try box.git.git("add", "docs/x.md", in: "repo")
        let onMain = try box.git.run("git", ["commit", "-q", "-m", "docs: add x"], in: "repo")
        #expect(onMain.status != 0)
        #expect(onMain.stderr.contains("git restore --staged"), "\(onMain.stderr)")
        #expect(onMain.stderr.contains("git switch -c"))
        let summary = onMain.stderr.split(separator: "\n").last ?? ""
        #expect(summary.hasPrefix("ward: commit blocked; "))
        #expect(!summary.contains("ward scope show"))

        try box.git.git("switch", "-q", "-c", "fix/12-login", in: "repo")
        try box.git.git("reset", "-q", "docs/x.md", in: "repo")
        box.write("src/a.txt", "a\n")
        try box.git.git("add", "src/a.txt", in: "repo")
        try box.git.git("commit", "-q", "-m", "fix: repair login", in: "repo")
        let remote = try box.git.makeBareRepository()
        try box.git.git("remote", "add", "origin", remote, in: "repo")
        let push = try box.git.run("git", ["push", "-q", "origin", "fix/12-login"], in: "repo")
        #expect(push.status != 0)
        #expect(push.stderr.contains("'Refs #12'"), "\(push.stderr)")
        #expect(!push.stderr.contains("#123"))

        let branch = try box.ward(["check", "branch", "feature/login-page"])
        #expect(branch.stdout.contains("git branch -m feature/login-page feat/<issue>-login-page"), "\(branch.stdout)")
    }

    @Test func checkPrintsEachRuleIdOnce() throws {
        let box = try Sandbox(branch: "main")
        box.write("x.txt", "x\n")
        try box.git.git("add", "x.txt", in: "repo")
        let result = try box.ward(["check"])
        #expect(result.status == 1)
        let line = result.stdout.split(separator: "\n").first { $0.contains("protected-branch-commit") } ?? ""
        #expect(line.components(separatedBy: "protected-branch-commit").count == 2, "\(line)")
    }

    @Test func commitMessageFindingsLineUp() throws {
        let box = try Sandbox()
        let result = try box.ward(["check", "message", "foo: Bar."])
        let rows = result.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 3, "\(result.stdout)")
        let ruleColumns = Set(
            rows.map { row -> Int in
                let text = String(row)
                let rule = text.range(of: #"[a-z]+-[a-z-]+"#, options: .regularExpression)
                return rule.map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? -1
            })
        #expect(ruleColumns.count == 1, "\(result.stdout)")
    }

    // 8. A scope that leaves nothing writable warns; checks that need a broken policy say "not run".
    @Test func scopeSetWarnsWhenNothingIsLeftWritable() throws {
        let box = try Sandbox()
        box.write("ward.json", #"{"scope": {"allow": ["src/api/**"]}}"#)
        let disjoint = try box.ward(["scope", "set", "src/web/**"])
        #expect(disjoint.status == 0)
        #expect(disjoint.stderr.contains("nothing is writable"), "\(disjoint.stderr)")
        let overlapping = try box.ward(["scope", "set", "src/**"])
        #expect(overlapping.stderr.isEmpty, "\(overlapping.stderr)")
    }

    @Test func checkSaysNotRunWhenThePolicyDoesNotLoad() throws {
        let box = try Sandbox()
        box.write("ward.json", #"{"mode": "enforce", "scpoe": {}}"#)
        let result = try box.ward(["check"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✗ policy"))
        #expect(result.stdout.contains("- scope") && result.stdout.contains("not run"), "\(result.stdout)")
        #expect(!result.stdout.contains("✓ scope"))
    }

    // The command layer: help for every command, did-you-mean for typos.
    @Test(arguments: CommandNames.all)
    func helpIsTheSameEitherWay(command: [String]) throws {
        let box = try Sandbox()
        let viaHelp = try box.ward(["help"] + command)
        let viaFlag = try box.ward(command + ["--help"])
        #expect(viaHelp.status == 0, "\(viaHelp.stderr)")
        #expect(viaHelp.stdout == viaFlag.stdout)
        #expect(viaHelp.stdout.hasPrefix("Usage: ward \(command.joined(separator: " "))"))
        #expect(viaHelp.stdout.contains("-h, --help"))
    }

    @Test func theCommandListIsEveryCommandTheHelpLists() throws {
        let box = try Sandbox()
        let help = try box.ward(["--help"]).stdout
        var listed: Set<[String]> = []
        for line in help.split(separator: "\n") {
            if line.hasPrefix("Options:") { break }
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            // The command and its synopsis end where two spaces start the summary.
            let synopsis = line.dropFirst(2).components(separatedBy: "  ")[0]
            let words = synopsis.split(separator: " ").prefix { word in
                word.first.map { $0 >= "a" && $0 <= "z" } == true
                    && word.allSatisfy { ($0 >= "a" && $0 <= "z") || $0 == "-" }
            }
            if !words.isEmpty { listed.insert(words.map(String.init)) }
        }
        #expect(listed.count > 30)
        #expect(listed == Set(CommandNames.all))
    }

    @Test(arguments: [
        (["hook", "claud"], "did you mean 'ward hook claude'?"),
        (["chekc"], "did you mean 'ward check'?"),
        (["check", "rnage", "a..b"], "did you mean 'ward check range'?"),
        (["check", "command", "--jsn", "ls"], "did you mean '--json'?"),
    ])
    func typosGetASuggestion(args: [String], hint: String) throws {
        let box = try Sandbox()
        let result = try box.ward(args)
        #expect(result.status == 2)
        #expect(result.stderr.contains(hint), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

/// Every command of the table, as `ward --help` lists them.
enum CommandNames {
    static let all: [[String]] = [
        ["hook", "claude"], ["hook", "codex"], ["hook", "gemini"], ["hook", "cursor"], ["hook", "pre-commit"],
        ["hook", "commit-msg"], ["hook", "pre-push"], ["check"], ["check", "command"], ["check", "paths"],
        ["check", "message"], ["check", "branch"], ["check", "range"], ["explain"], ["scope", "set"],
        ["scope", "show"], ["scope", "clear"], ["policy", "show"], ["policy", "validate"], ["log"], ["gate", "run"],
        ["gate", "list"], ["install"],
        ["worktree", "add"], ["worktree", "list"], ["worktree", "remove"], ["worktree", "prune"],
        ["worktree", "repair"], ["worktree", "finish"], ["ci"], ["hook", "copilot"], ["policy", "import"],
        ["policy", "test"], ["log", "replay"], ["session", "list"], ["session", "reset"], ["uninstall"], ["doctor"],
    ]
}
