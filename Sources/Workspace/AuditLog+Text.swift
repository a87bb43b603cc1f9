import Findings

extension AuditLog {
    /// `ward log`'s line for one entry: time, decision, rule, the subject cut at 160 characters,
    /// and the agent (or, for a git checkpoint, the checkpoint) in brackets.
    public static func textLine(_ entry: Entry) -> String {
        guard let record = entry.record else {
            return "(unreadable) \(TextRenderer.excerpt(entry.line, limit: 160))"
        }
        let text =
            "\(record.time)  \(record.decision)  \(record.ruleID)  \(TextRenderer.excerpt(record.subject, limit: 160))"
        return text + "  [\(record.agent ?? record.checkpoint)]"
    }

    /// What `ward log` says on stderr when the log at `path` has nothing to show.
    public static func nothingToShow(path: String, filter: AuditFilter) -> String {
        "ward: \(filter.isEmpty ? "no audit records" : "no audit records match the filters") in \(path)"
    }
}
