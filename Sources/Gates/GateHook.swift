public import Commands
public import GitHooks

/// The gates of a git hook's stage, after its contract and scope checks passed: the same run
/// as `ward gate run --stage STAGE`, its table on stderr, a required failure stopping git.
public enum GateHook {
    public static func run(stage: String, site: GitSite, inputs: [GateInput], _ invocation: Invocation)
        throws(CommandError) -> ExitStatus
    {
        guard case .success(let loaded) = site.loaded, !loaded.policy.gates.isEmpty else { return .ok }
        let interruption = try? GateInterruption()
        interruption?.handleSignals()
        defer { interruption?.restoreSignals() }
        let session = GateSession(
            site: site,
            options: GateRunOptions(
                stage: stage, environment: invocation.environment, interruption: interruption,
                progress: GateProgress.standardError(mode: nil, environment: invocation.environment)))
        let report: GateRunReport
        do {
            guard let ran = try session.run(loaded.policy.gates, inputs: inputs) else { return .ok }
            report = ran
        } catch {
            throw .configuration("ward hook \(stage): the gates cannot run: \(error.description)")
        }
        _ = session.audit(report, err: Output.err)
        for line in GateReportRenderer.text(report) { Output.err(line) }
        if report.interrupted { return .interrupted }
        guard report.ok else {
            Output.err(
                "ward: \(stage == "pre-commit" ? "commit" : "push") stopped by a required gate; run 'ward gate run --stage \(stage)' to see it again"
            )
            return .checkFailed
        }
        return .ok
    }
}
