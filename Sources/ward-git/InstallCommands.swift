import Base
import Commands
import Findings
import GitHooks
import Install
import Workspace

/// `ward install`, `ward uninstall`, `ward doctor`: parse, one `Install` call, render.
enum InstallCommands {
    /// The `ward` front beside this `ward-git`: the binary the hooks and agents call.
    static func wardPath() -> String {
        (Forward.executableDirectory() ?? "/usr/local/bin") + "/ward"
    }

    static func installation(_ args: Arguments, _ invocation: Invocation, command: String) throws(CommandError)
        -> Installation
    {
        let site = try GitCommands.site(args, invocation)
        let location = try site.repository(for: command)
        return Installation(location: location, ward: wardPath())
    }

    static func install(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "install")
        let installation = try installation(args, invocation, command: "install")
        do {
            let selection = try Installation.selection(
                hooks: args.value("--hooks"), agents: args.values("--agent"), local: args.flag("--local"),
                detected: installation.agentsWithFolders)
            let changes = try installation.install(selection)
            for change in changes { Output.out(change.line(relativeTo: installation.location.workTree)) }
            if let root = installation.location.workTree, !selection.hooks.isEmpty,
                let rel = Path.relative(installation.location.hooksDir, to: root), !rel.isEmpty,
                Path.relative(installation.location.hooksDir, to: installation.location.commonDir) == nil
            {
                Output.out(
                    "ward: the hooks folder \(rel) (core.hooksPath) is in the work tree: the shims record this machine's ward path and fall back to ward on PATH in other clones"
                )
            }
            if selection.agents.isEmpty {
                Output.out(
                    "ward: no agent settings written (no .claude, .codex, .gemini or .cursor folder); add them with 'ward install --agent claude' (or codex, gemini, cursor, copilot, all)"
                )
            }
            Output.out("ward: installed; 'ward doctor' checks that every hook runs")
            return .ok
        } catch {
            throw .configuration(error.description)
        }
    }

    static func uninstall(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "uninstall")
        let installation = try installation(args, invocation, command: "uninstall")
        do {
            let local = args.flag("--local")
            let selection = try Installation.selection(
                hooks: args.value("--hooks"), agents: args.values("--agent"), local: local,
                detected: { installation.agentsInstalled(local: local) })
            for change in try installation.uninstall(selection) {
                Output.out(change.line(relativeTo: installation.location.workTree))
            }
            return .ok
        } catch {
            throw .configuration(error.description)
        }
    }

    static func doctor(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "doctor")
        let site = try GitCommands.site(args, invocation)
        let report = Doctor(site: site, ward: wardPath()).run()
        if args.flag("--json") {
            Output.out(JSONRenderer.report(report))
        } else {
            Output.out(RepositoryCheck.lines(report, colour: invocation.useColour).joined(separator: "\n"))
            let fixes = report.findings.filter { $0.decision != .allow && !$0.instead.isEmpty }.map(\.instead)
            if !fixes.isEmpty {
                Output.out("\nTo fix:")
                var seen = Set<String>()
                for fix in fixes where seen.insert(fix).inserted { Output.out("  " + fix) }
            }
        }
        return report.ok ? .ok : .checkFailed
    }
}
