public import Findings
import Policy

extension Verdict {
    /// This verdict as a finding of `checkpoint`, about `path` or `commit` when given.
    public func finding(_ checkpoint: Checkpoint, path: String? = nil, commit: String? = nil, check: String? = nil)
        -> Finding
    {
        Finding(
            ruleID: ruleID, decision: decision, message: reason, matched: matched, instead: alternative,
            checkpoint: checkpoint, check: check, path: path, commit: commit)
    }
}

extension MessageFinding {
    /// This commit-message finding in the common model: errors deny, warnings warn.
    public func finding(_ checkpoint: Checkpoint, commit: String? = nil) -> Finding {
        Finding(
            ruleID: ruleID, decision: level == .error ? .deny : .warn, message: message, instead: expected,
            checkpoint: checkpoint, commit: commit, line: line, column: column)
    }
}
