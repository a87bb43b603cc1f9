import Base
public import Findings
public import Policy

/// `ward check command` and `ward check paths`: the guards asked by a person, as reports and
/// the text the commands print.
public struct GuardCheck: Sendable {
    public var report: Report
    /// `check command`'s final verdict (the mode applied); nil for `check paths`.
    public var verdict: Verdict?

    /// The command guard's findings on `command` and its verdict.
    public static func command(_ command: String, policy: Policy, context: GuardContext) -> GuardCheck {
        let evaluation = CommandGuard(policy: policy).evaluation(of: command, in: context, trace: false)
        let report = Report(
            checkpoint: .command, subject: command, findings: evaluation.findings.map { $0.finding(.command) })
        return GuardCheck(report: report, verdict: evaluation.verdict)
    }

    /// The scope guard's verdict on writing each path, taken relative to `context.cwd` and
    /// resolved through symlinks with the context's resolver. A malformed glob in the policy throws.
    public static func paths(_ paths: [String], policy: Policy, context: GuardContext) throws(ScopePatternError)
        -> GuardCheck
    {
        let scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: context)
        let findings = paths.map { p in
            let lexical = Path.absolute(p, relativeTo: context.cwd)
            let resolved = context.resolve?(lexical) ?? lexical
            let verdict = scopeGuard.check(
                write: lexical, resolved: resolved, isDirectory: context.isDirectory?(resolved) ?? false)
            return verdict.finding(.command, path: p)
        }
        return GuardCheck(
            report: Report(checkpoint: .command, subject: "paths", findings: findings, checked: findings.count))
    }

    /// Whether the command exits 1: the verdict, or for paths any objection, denies or asks.
    public var failed: Bool {
        if let verdict { return verdict.decision > .warn }
        return !report.ok
    }

    /// The report, and for a command its verdict after `findings`.
    public var json: String {
        guard let verdict else { return JSONRenderer.report(report) }
        return JSONRenderer.report(report, extra: [("verdict", JSONRenderer.finding(verdict.finding(.command)))])
    }

    /// `allow` or the verdict's message for a command; one line per objection for paths.
    public var lines: [String] {
        if let verdict { return [verdict.decision == .allow ? "allow" : verdict.message] }
        return report.objections.map(TextRenderer.line)
    }
}
