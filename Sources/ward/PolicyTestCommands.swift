import AgentHooks
import Commands
import Findings
import GitHooks
import Policy
import Workspace

/// `ward policy test FILE` and `ward log replay [--policy FILE]`: policy as tested code.
enum PolicyTestCommands {
    static func policyTest(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let files = try args.positionals(atMost: 1, command: "policy test")
        guard let file = files.first else {
            throw .usage("ward policy test: name the case file (JSON lines; see 'ward policy test --help')")
        }
        let site = try GuardCommands.site(args, invocation)
        let loaded = try GuardCommands.policy(site)
        let path = invocation.absolute(file)
        guard let bytes = FileSystem.readFile(path, limit: 16 << 20) else {
            throw .usage("ward policy test: \(file): no such file, or not readable")
        }
        let report: Report
        do {
            report = try PolicyCases.run(
                String(decoding: bytes, as: UTF8.self), file: file, repository: site.location,
                directory: site.directory, policy: loaded.policy, environment: invocation.environment)
        } catch {
            throw .usage("ward policy test: \(error.description)")
        }
        if args.flag("--json") {
            Output.out(JSONRenderer.report(report))
        } else {
            for f in report.objections { Output.out("\(f.path ?? file):\(f.line ?? 0): \(TextRenderer.message(f))") }
            let failed = report.objections.count
            Output.out(
                "\(report.checked ?? 0) cases, \(failed) failed (policy: \(loaded.files.isEmpty ? "built-in" : loaded.files.joined(separator: ", ")))"
            )
        }
        return report.ok ? .ok : .checkFailed
    }

    static func logReplay(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "log replay")
        let site = try GuardCommands.site(args, invocation)
        let proposed = args.value("--policy").map { invocation.absolute($0) }
        let loaded: LoadedPolicy
        do {
            loaded = try PolicyLoader.load(
                repository: site.location, environment: invocation.environment, gates: false, proposed: proposed)
        } catch {
            throw .configuration("ward log replay: \(error.description)")
        }
        let path = AuditLog.path(repository: site.location, environment: invocation.environment)
        let records = AuditLog.entries(path: path).compactMap(\.record)
        let name = args.value("--policy").map { "the proposed \($0)" } ?? "the current policy"
        let report = LogReplay.run(
            records, repository: site.location, policy: loaded.policy, policyName: name,
            environment: invocation.environment)
        if args.flag("--json") {
            Output.out(JSONRenderer.report(report))
        } else {
            for f in report.findings { Output.out(TextRenderer.message(f)) }
            Output.out(
                "\(report.checked ?? 0) logged calls judged again under \(name); \(report.findings.count) would change")
        }
        return report.findings.isEmpty ? .ok : .checkFailed
    }
}
