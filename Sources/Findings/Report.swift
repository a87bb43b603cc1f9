public import Policy

/// Everything one command or checkpoint found, ready for a renderer.
public struct Report: Sendable, Equatable {
    public var checkpoint: Checkpoint
    /// What was checked, one phrase: `main..HEAD`, `commit message "feat: x"`, `push to origin`.
    public var subject: String
    public var findings: [Finding]
    /// How many items (commits, paths, refs) were checked; nil where counting means nothing.
    public var checked: Int?
    /// Why the subject was not judged at all (a merge commit, mode off); nil when it was.
    public var skipped: String?

    public init(
        checkpoint: Checkpoint, subject: String, findings: [Finding] = [], checked: Int? = nil, skipped: String? = nil
    ) {
        self.checkpoint = checkpoint
        self.subject = subject
        self.findings = findings
        self.checked = checked
        self.skipped = skipped
    }

    /// No finding fails (warnings allowed).
    public var ok: Bool { !findings.contains { $0.fails } }

    /// The findings that are not a plain pass.
    public var objections: [Finding] { findings.filter { $0.decision != .allow } }

    /// `2 errors, 1 warning`: failing findings count as errors, warnings as warnings.
    public var tally: String {
        let errors = findings.filter(\.fails).count
        let warnings = findings.filter { $0.decision == .warn }.count
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
