import Checks
import Policy
import Workspace

/// `ward hook commit-msg FILE`: the commit-message contract on what git will store.
enum CommitMsgHook {
    static let help = """
        Usage: ward hook commit-msg FILE

        git's commit-msg hook. Reads the message file git passes, applies git's own cleanup
        (commit.cleanup, core.commentChar/commentString including 'auto', the scissors line of
        'commit -v'; comments are stripped only when git will strip them), and checks the result
        against the commit-message contract (commits in ward.json; default: Conventional Commits
        with commitlint's config-conventional). Errors block the commit; warnings only print.

        git exports GIT_EDITOR=: to the hook when no editor ran (-m, -F, --no-edit, merges); then
        git keeps '#' lines ('whitespace' cleanup) and so does ward. A message that is empty only
        because git strips its comments passes (git aborts that commit itself).

        Exit status: 0 the message passes (warnings on stderr), 1 it breaks the contract,
        2 the file, the repository or the policy cannot be read, 3 internal error.
        """

    static func run(_ arguments: ArraySlice<String>, _ context: ProcessContext, _ output: Output) throws(CommandError)
        -> ExitStatus
    {
        guard arguments.count == 1, let file = arguments.first, !file.isEmpty else {
            throw .usage(
                "ward hook commit-msg: expected the message file git passes; see 'ward hook commit-msg --help'")
        }
        let path = Files.absolute(file, relativeTo: context.currentDirectory)
        guard let bytes = Files.read(path) else {
            throw .configuration("ward hook commit-msg: cannot read the message file \(path)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let session = try ContractSession.open(context, command: "hook commit-msg")
        let (configured, prefix) = session.cleanupSettings(for: text)
        let mode = configured.effective(
            edited: editorRan(text, environment: context.environment, commentPrefix: prefix))
        let contract = MessageContract(session.policy)
        let report = ContractReport.applying(
            session.policy.commitMode, to: contract.checkHookFile(text, cleanup: mode, commentPrefix: prefix))
        if report.findings.isEmpty { return .ok }
        let judged = CommitMessageCleanup.clean(text, mode: mode, commentPrefix: prefix)
        output.err("ward: commit message \(ContractReport.quoted(judged)): \(ContractReport.summary(report))")
        for line in ContractReport.lines(report) { output.err(line) }
        if !report.passed {
            output.err("ward: the message is kept in \(path); fix it and commit again with 'git commit -e -F \(path)'")
            return .checkFailed
        }
        return .ok
    }

    /// Whether git edited the message in an editor, which decides the `default` cleanup.
    ///
    /// git exports `GIT_EDITOR=:` to the hook when it used no editor. A person may also set
    /// `GIT_EDITOR=:` and let git "edit" the template; then the file carries git's own comment
    /// block (its instructions or the scissors line), which tells the two apart.
    static func editorRan(_ text: String, environment: [String: String], commentPrefix: String) -> Bool {
        guard environment["GIT_EDITOR"] == ":" else { return true }
        let scissors = commentPrefix + " " + CommitMessageCleanup.scissorsText
        let instructions = commentPrefix + " Please enter the commit message"
        return CommitMessageCleanup.lines(text).contains { $0 == scissors || $0.hasPrefix(instructions) }
    }
}
