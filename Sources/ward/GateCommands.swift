import Base
import Commands
import Gates
import GitHooks
import Policy
import Workspace

/// `ward gate list` and `ward gate run`: the repository's quality gates.
enum GateCommands {
    static func list(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "gate list")
        let loaded = try GuardCommands.policy(try GuardCommands.site(args, invocation))
        let gates = loaded.policy.gates
        if args.flag("--json") {
            Output.out(GateReportRenderer.listJSON(gates))
        } else {
            Output.out(GateReportRenderer.list(gates).joined(separator: "\n"))
        }
        return .ok
    }

    static func run(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let stage = args.value("--stage") ?? "pre-commit"
        guard GateSpec.stages.contains(stage) else {
            throw .usage("ward gate run: unknown stage '\(stage)'; one of \(GateSpec.stages.joined(separator: ", "))")
        }
        let sources = [args.flag("--all-files"), !args.values("--files").isEmpty, args.value("--range") != nil]
        guard sources.filter({ $0 }).count <= 1 else {
            throw .usage("ward gate run: give at most one of --all-files, --files and --range")
        }
        let selection: GateFileSelection =
            args.flag("--all-files")
            ? .allFiles
            : !args.values("--files").isEmpty
                ? .files(args.values("--files").map(invocation.absolute))
                : args.value("--range").map { .range($0) } ?? .staged
        let site = GitSite(directory: invocation.currentDirectory, environment: invocation.environment)
        let policy = try site.policy(for: "gate run")
        let location = try site.repository(for: "gate run")
        guard let root = location.workTree else { throw .usage("ward gate run: the repository has no work tree") }
        let env = invocation.environment
        let inputs: [GateInput]
        do {
            inputs = try GateInput.select(selection, root: root, location: location, environment: env)
        } catch {
            throw .configuration("ward gate run: \(error.description)")
        }
        var progressMode: GateProgress.Mode?
        if let word = args.value("--progress") {
            guard let mode = GateProgress.Mode(rawValue: word) else {
                throw .usage("ward gate run: --progress takes live, plain or off, not '\(word)'")
            }
            progressMode = mode
        }
        let interruption: GateInterruption
        do {
            interruption = try GateInterruption()
        } catch {
            throw .internalError("ward gate run: \(error.description)")
        }
        interruption.handleSignals()
        defer { interruption.restoreSignals() }
        let options = GateRunOptions(
            stage: stage, jobs: try args.count("--jobs", command: "gate run"), failFast: args.flag("--fail-fast"),
            noCache: args.flag("--no-cache"), environment: env, interruption: interruption,
            progress: GateProgress.standardError(mode: progressMode, environment: env))
        let session = GateSession(site: site, options: options)
        let report: GateRunReport
        do {
            guard let ran = try session.run(policy.gates, names: args.positionals, inputs: inputs) else {
                Output.out("ward: no gates for stage \(stage) ('ward gate list' shows the gates)")
                return .ok
            }
            report = ran
        } catch {
            throw .configuration("ward gate run: \(error.description)")
        }
        _ = session.audit(report, err: Output.err)
        if let junit = args.value("--junit") {
            let path = invocation.absolute(junit)
            guard FileSystem.writeFile(path, Array(GateReportRenderer.junit(report).utf8)) else {
                throw .configuration("ward gate run: cannot write the JUnit report to \(path)")
            }
        }
        if args.flag("--json") {
            Output.out(GateReportRenderer.json(report))
        } else {
            Output.out(GateReportRenderer.text(report).joined(separator: "\n"))
        }
        if report.interrupted { return .interrupted }
        return report.ok ? .ok : .checkFailed
    }
}
