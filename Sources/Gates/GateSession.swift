public import Findings
public import GitHooks
public import Policy
import Workspace

/// One run of a stage's gates at a site: choosing the gates, building the runner with the
/// built-in checks, running, and recording every skip and failure in the audit log. Used by
/// `ward gate run` and by the pre-commit and pre-push hooks, so all three behave the same.
public struct GateSession {
    public var site: GitSite
    public var options: GateRunOptions

    public init(site: GitSite, options: GateRunOptions) {
        self.site = site
        self.options = options
    }

    /// Runs the gates of `options.stage` (or the `names` given, whatever their stages) over
    /// `inputs`; nil when there is nothing to run (no gates of the stage).
    public func run(_ gates: [GateSpec], names: [String] = [], inputs: [GateInput]) throws(GateError)
        -> GateRunReport?
    {
        let selected = try GateRunner.select(gates, stage: options.stage, names: names)
        if selected.isEmpty { return nil }
        guard let location = site.location, let root = location.workTree else {
            throw GateError("gates run in a work tree; \(site.directory) has none")
        }
        let stage = options.stage
        let runner = GateRunner(
            root: root, commonDir: location.commonDir, options: options,
            builtin: { spec, input, bytes in
                BuiltinGates.check(
                    spec.builtin ?? "", path: input.path, content: bytes, mode: input.mode, options: spec.options,
                    checkpoint: GateReportRenderer.checkpoint(for: stage))
            })
        return try runner.run(selected, inputs: inputs)
    }

    /// The findings of `report` in the result model, audited: each failure, and each gate a
    /// person skipped with `WARD_SKIP` (a loosening, so it is logged as a warning).
    public func audit(_ report: GateRunReport, err: (String) -> Void) -> Report {
        var findings = GateReportRenderer.findings(report)
        let checkpoint = GateReportRenderer.checkpoint(for: report.stage)
        for name in report.wardSkips {
            findings.findings.append(
                Finding(
                    ruleID: "gate-skipped", decision: .warn, message: "gate '\(name)' skipped by WARD_SKIP",
                    matched: name, instead: "unset WARD_SKIP to run it", checkpoint: checkpoint))
        }
        site.audit(findings, err: err)
        return findings
    }
}
