import CI
import Commands
import Findings
import Gates
import GitHooks
import Workspace

/// `ward ci`: read the provider's event, run the checks over its range, write the native outputs.
enum CICommand {
    static func run(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "ci")
        let env = invocation.environment
        let event: CIEvent
        do {
            let provider = try CIEventReader.provider(args.value("--provider"), environment: env)
            event = try CIEventReader.read(
                provider, environment: env, readFile: { FileSystem.readFile(invocation.absolute($0), limit: 64 << 20) })
        } catch {
            throw .configuration(error.description)
        }
        let site = try GitCommands.site(args, invocation)
        let facts = try GitCommands.facts(site, invocation, command: "ci")
        let check = CICheck(site: site, facts: facts, event: event)
        let gates: (([GateInput]?) throws(CommandError) -> GateRunReport?)? =
            args.flag("--no-gates") ? nil : { inputs throws(CommandError) in try runGates(site, inputs, env) }
        let outcome = try check.run(gates: gates)

        let policy = try? site.policy(for: "ci")
        for (option, text) in [
            ("--sarif", { SARIF.json(outcome, version: Dispatch.version, policy: policy, anchor: sarifAnchor(site)) }),
            ("--junit", { CIJUnit.xml(outcome) }), ("--codequality", { CodeQuality.json(outcome) }),
        ] as [(String, () -> String)] {
            guard let file = args.value(option) else { continue }
            let path = invocation.absolute(file)
            guard FileSystem.writeFile(path, Array(text().utf8)) else {
                throw .configuration("ward ci: cannot write \(option) \(path)")
            }
        }
        if event.provider == .github, let summary = env["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            appendFile(invocation.absolute(summary), StepSummary.markdown(outcome))
        }
        if args.flag("--json") {
            Output.out(JSONRenderer.report(outcome.report))
        } else {
            var lines = outcome.notes
            lines +=
                event.provider == .github
                ? GitHubAnnotations.lines(outcome) : Array(CIText.lines(outcome).dropFirst(outcome.notes.count))
            if let gates = outcome.gates, gates.results.contains(where: { $0.status.isFailure }) {
                let text = GateReportRenderer.text(gates)
                lines += event.provider == .github ? ["::group::ward: gate output"] + text + ["::endgroup::"] : text
            }
            lines.append(CIText.summary(outcome))
            Output.out(lines.joined(separator: "\n"))
        }
        site.audit(outcome.report, err: Output.err)
        return outcome.ok ? .ok : .checkFailed
    }

    static func runGates(_ site: GitSite, _ inputs: [GateInput]?, _ env: [String: String]) throws(CommandError)
        -> GateRunReport?
    {
        let policy = try site.policy(for: "ci")
        let interruption: GateInterruption
        do {
            interruption = try GateInterruption()
        } catch {
            throw .internalError("ward ci: \(error.description)")
        }
        interruption.handleSignals()
        defer { interruption.restoreSignals() }
        let session = GateSession(
            site: site, options: GateRunOptions(stage: "ci", environment: env, interruption: interruption))
        do throws(GateError) {
            let chosen: [GateInput]
            if let inputs { chosen = inputs } else { chosen = try GateInput.allFilesOrEmpty(site, env) }
            return try session.run(policy.gates, inputs: chosen)
        } catch {
            throw .configuration("ward ci: \(error.description)")
        }
    }

    /// Appends `text` to `path` (the step summary is shared by every step of the job).
    static func appendFile(_ path: String, _ text: String) {
        let existing = FileSystem.readFile(path, limit: 16 << 20) ?? []
        if !FileSystem.writeFile(path, existing + Array(text.utf8)) {
            Output.err("ward ci: cannot write the step summary \(path)")
        }
    }
}

/// Where SARIF anchors findings that are about no file: the repository's ward.json, when it has one.
func sarifAnchor(_ site: GitSite) -> String? {
    guard let root = site.location?.workTree, FileSystem.isRegularFile(root + "/ward.json") else { return nil }
    return "ward.json"
}

extension GateInput {
    /// Every tracked file, for a range without a base (a new default branch).
    static func allFilesOrEmpty(_ site: GitSite, _ env: [String: String]) throws(GateError) -> [GateInput] {
        guard let root = site.location?.workTree else { return [] }
        return try GateInput.allFiles(in: root, environment: env)
    }
}
