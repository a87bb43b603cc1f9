public import Checks
public import Findings
public import Policy

/// The commit-message contract on what git will store: the commit-msg hook and `ward check message`.
public enum CommitMsg {
    /// git's cleanup settings for a message: `commit.cleanup` and the comment prefix
    /// (`core.commentString`, else `core.commentChar`; `auto` picks from the text as git does).
    public static func cleanupSettings(for text: String, config: (String) -> String?)
        -> (mode: CommitMessageCleanup.Mode, commentPrefix: String)
    {
        let mode = config("commit.cleanup").flatMap { CommitMessageCleanup.Mode(rawValue: $0.lowercased()) } ?? .default
        let comment = config("core.commentString") ?? config("core.commentChar") ?? "#"
        let prefix =
            comment.lowercased() == "auto"
            ? String(CommitMessageCleanup.autoCommentCharacter(for: text)) : (comment.isEmpty ? "#" : comment)
        return (mode, prefix)
    }

    /// The hook's verdict on the message file's `text`, cleaned up as git will clean it.
    public static func check(
        hookFile text: String, policy: Policy, environment: [String: String], config: (String) -> String?
    ) -> Report {
        let (configured, prefix) = cleanupSettings(for: text, config: config)
        let mode = configured.effective(edited: editorRan(text, environment: environment, commentPrefix: prefix))
        let judged = CommitMessageCleanup.clean(text, mode: mode, commentPrefix: prefix)
        let raw = MessageContract(policy).checkHookFile(text, cleanup: mode, commentPrefix: prefix)
        return report(raw, policy: policy, checkpoint: .commitMsg, subject: judged)
    }

    /// `ward check message`: a message given as text, cleaned with `cleanup` (taken as edited).
    public static func check(
        text: String, cleanup: CommitMessageCleanup.Mode, policy: Policy, config: (String) -> String?
    ) -> Report {
        let prefix = cleanupSettings(for: text, config: config).commentPrefix
        let mode = cleanup.effective(edited: true)
        let judged = CommitMessageCleanup.clean(text, mode: mode, commentPrefix: prefix)
        let raw = MessageContract(policy).checkHookFile(text, cleanup: mode, commentPrefix: prefix)
        return report(raw, policy: policy, checkpoint: .range, subject: judged)
    }

    /// The contract's findings with the policy's commit mode applied: `warn` turns errors into
    /// warnings, `off` skips the message.
    public static func report(
        _ raw: MessageReport, policy: Policy, checkpoint: Checkpoint, subject: String, commit: String? = nil
    ) -> Report {
        let header = "commit message " + TextRenderer.quotedHeader(subject)
        switch policy.commitMode {
        case .off:
            return Report(checkpoint: checkpoint, subject: header, checked: 0, skipped: "commits.mode is off")
        case .warn, .enforce:
            var findings = raw.findings.map { $0.finding(checkpoint, commit: commit) }
            if policy.commitMode == .warn {
                for i in findings.indices where findings[i].fails { findings[i].decision = .warn }
            }
            return Report(
                checkpoint: checkpoint, subject: header, findings: findings, checked: raw.skipped == nil ? 1 : 0,
                skipped: raw.skipped)
        }
    }

    /// The hook's stderr: a header with the tally, the aligned findings, and where the message is kept.
    public static func lines(_ report: Report, messageFile: String) -> [String] {
        guard !report.findings.isEmpty else { return [] }
        var out = ["ward: \(report.subject): \(report.tally)"]
        out += TextRenderer.table(report.findings)
        if !report.ok {
            out.append(
                "ward: the message is kept in \(messageFile); fix it and commit again with 'git commit -e -F \(messageFile)'"
            )
        }
        return out
    }

    /// Whether git edited the message in an editor, which decides the `default` cleanup.
    ///
    /// git exports `GIT_EDITOR=:` to the hook when it used no editor. A person may also set
    /// `GIT_EDITOR=:` and let git "edit" the template; then the file carries git's own comment
    /// block (its instructions or the scissors line), which tells the two apart.
    public static func editorRan(_ text: String, environment: [String: String], commentPrefix: String) -> Bool {
        guard environment["GIT_EDITOR"] == ":" else { return true }
        let scissors = commentPrefix + " " + CommitMessageCleanup.scissorsText
        let instructions = commentPrefix + " Please enter the commit message"
        return CommitMessageCleanup.lines(text).contains { $0 == scissors || $0.hasPrefix(instructions) }
    }
}
