import Checks
import Findings
import GitHooks
import Policy
import Testing

/// One configuration and the cleanup git applies with it.
struct CleanupCase: CustomTestStringConvertible, Sendable {
    var config: [String: String]
    var text = "feat: add the parser\n"
    var mode: CommitMessageCleanup.Mode
    var prefix: String

    var testDescription: String { "\(config) → \(mode.rawValue), '\(prefix)'" }
}

@Suite struct CommitMsgTests {
    static let cleanups: [CleanupCase] = [
        CleanupCase(config: [:], mode: .default, prefix: "#"),
        CleanupCase(config: ["commit.cleanup": "strip"], mode: .strip, prefix: "#"),
        CleanupCase(config: ["commit.cleanup": "SCISSORS"], mode: .scissors, prefix: "#"),
        CleanupCase(config: ["commit.cleanup": "verbatim"], mode: .verbatim, prefix: "#"),
        CleanupCase(config: ["commit.cleanup": "sometimes"], mode: .default, prefix: "#"),
        CleanupCase(config: ["core.commentChar": ";"], mode: .default, prefix: ";"),
        CleanupCase(config: ["core.commentChar": ""], mode: .default, prefix: "#"),
        CleanupCase(config: ["core.commentString": "//", "core.commentChar": ";"], mode: .default, prefix: "//"),
        // auto: git's comment block ends the file, so its last line shows the character chosen.
        CleanupCase(
            config: ["core.commentChar": "auto"], text: "feat: add x\n\n# Please enter the commit message\n",
            mode: .default, prefix: "#"),
        CleanupCase(
            config: ["core.commentChar": "auto"], text: "#1 is fixed\n\n; Please enter the commit message\n",
            mode: .default, prefix: ";"),
        // auto without a comment block: the first candidate that starts no line.
        CleanupCase(
            config: ["core.commentChar": "Auto"], text: "#1 is fixed\n;2 too\nand more\n", mode: .default,
            prefix: "@"),
    ]

    @Test(arguments: cleanups)
    func readsGitsCleanupSettingsFromTheConfiguration(_ c: CleanupCase) {
        let settings = CommitMsg.cleanupSettings(for: c.text, config: { c.config[$0] })
        #expect(settings.mode == c.mode)
        #expect(settings.commentPrefix == c.prefix)
    }

    @Test func stripsCommentsWithTheConfiguredCharacter() throws {
        let text = "feat: add the parser\n; a comment git strips\n"
        let semicolon = CommitMsg.check(
            hookFile: text, policy: try policy(), environment: [:], config: { ["core.commentChar": ";"][$0] })
        #expect(semicolon.findings.isEmpty, "\(semicolon.findings)")
        #expect(semicolon.subject == "commit message \"feat: add the parser\"")
        let hash = CommitMsg.check(hookFile: text, policy: try policy(), environment: [:], config: { _ in nil })
        #expect(hash.findings.map(\.ruleID) == ["body-leading-blank"], "the ';' line stays as a body")
    }

    @Test(arguments: [
        (#"{}"#, false, Decision.deny),
        (#"{"commits": {"mode": "warn"}}"#, true, Decision.warn),
    ])
    func appliesTheCommitMode(_ wardJSON: String, ok: Bool, decision: Decision) throws {
        let report = CommitMsg.check(
            hookFile: "wip\n", policy: try policy(wardJSON), environment: [:], config: { _ in nil })
        #expect(report.ok == ok)
        #expect(!report.findings.isEmpty)
        #expect(report.findings.contains { $0.ruleID == "type-empty" && $0.decision == decision })
        #expect(report.findings.allSatisfy { $0.checkpoint == .commitMsg && $0.line != nil })
        #expect(report.checked == 1)
    }

    @Test func skipsTheMessageWhenCommitModeIsOff() throws {
        let report = CommitMsg.check(
            hookFile: "wip\n", policy: try policy(#"{"commits": {"mode": "off"}}"#), environment: [:],
            config: { _ in nil })
        #expect(report.findings.isEmpty)
        #expect(report.skipped == "commits.mode is off")
        #expect(report.checked == 0)
        #expect(CommitMsg.lines(report, messageFile: ".git/COMMIT_EDITMSG").isEmpty)
    }

    @Test func saysWhereTheMessageIsKeptWhenItBlocks() throws {
        let report = CommitMsg.check(hookFile: "wip\n", policy: try policy(), environment: [:], config: { _ in nil })
        let lines = CommitMsg.lines(report, messageFile: ".git/COMMIT_EDITMSG")
        let errors = report.findings.filter(\.fails).count
        #expect(lines.first == "ward: commit message \"wip\": \(errors) errors, 0 warnings")
        #expect(
            lines.last
                == "ward: the message is kept in .git/COMMIT_EDITMSG; fix it and commit again with 'git commit -e -F .git/COMMIT_EDITMSG'"
        )
        #expect(lines.count == report.findings.count + 2)
    }

    @Test func printsWarningsWithoutTheRecoveryLine() throws {
        let report = CommitMsg.check(
            hookFile: "wip\n", policy: try policy(#"{"commits": {"mode": "warn"}}"#), environment: [:],
            config: { _ in nil })
        let lines = CommitMsg.lines(report, messageFile: "MSG")
        #expect(lines.count == report.findings.count + 1)
        #expect(!lines.contains { $0.contains("is kept in") })
    }

    /// `git commit -m` runs no editor: the default cleanup then keeps `#` lines, so they are judged.
    @Test func keepsCommentLinesWhenNoEditorRan() throws {
        let text = "#123 fix the parser\n"
        let noEditor = CommitMsg.check(
            hookFile: text, policy: try policy(), environment: ["GIT_EDITOR": ":"], config: { _ in nil })
        #expect(noEditor.subject == "commit message \"#123 fix the parser\"")
        #expect(noEditor.findings.contains { $0.ruleID == "type-empty" })
        let edited = CommitMsg.check(hookFile: text, policy: try policy(), environment: [:], config: { _ in nil })
        #expect(edited.ok, "an editor ran: the line is a comment and the message is empty: \(edited.findings)")
        #expect(CommitMsg.editorRan(text, environment: ["GIT_EDITOR": ":"], commentPrefix: "#") == false)
        #expect(CommitMsg.editorRan(text, environment: [:], commentPrefix: "#"))
        let template = "feat: x\n\n# Please enter the commit message for your changes.\n"
        #expect(CommitMsg.editorRan(template, environment: ["GIT_EDITOR": ":"], commentPrefix: "#"))
        let scissors = "feat: x\n\n; " + CommitMessageCleanup.scissorsText + "\n"
        #expect(CommitMsg.editorRan(scissors, environment: ["GIT_EDITOR": ":"], commentPrefix: ";"))
        #expect(!CommitMsg.editorRan(scissors, environment: ["GIT_EDITOR": ":"], commentPrefix: "#"))
    }

    @Test func checksAGivenMessageAsTheRangeCheckpoint() throws {
        let report = CommitMsg.check(
            text: "feat: add x\n# gone\n", cleanup: .default, policy: try policy(), config: { _ in nil })
        #expect(report.checkpoint == .range)
        #expect(report.findings.isEmpty, "default cleanup of a given message strips comments: \(report.findings)")
    }
}
