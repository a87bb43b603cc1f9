import Checks
import Policy
import Workspace

/// `ward explain [--cwd DIR] CMD`: how the command guard sees a command line.
enum ExplainCommand {
    static let help = """
        Usage: ward explain [--cwd DIR] CMD

        Shows how ward reads CMD (one argument; '-' reads stdin): the parse tree, every rule
        considered, every finding, the final verdict, and the policy files used.

        Exit status: 0, or 2 for a usage or policy error.
        """

    static func run(_ words: ArraySlice<String>, _ invocation: Invocation) throws(FrontError) -> ExitStatus {
        let args = try Arguments.parse(words, command: "explain", allowing: ["--cwd"])
        let command = try CheckCommandCommand.commandText(args.positionals, name: "explain")
        let site = try Site.load(directory: args.cwd, invocation)
        let evaluation = CommandGuard(policy: site.loaded.policy).evaluation(of: command, in: site.context, trace: true)
        var lines: [String] = ["command: \(Verdict.excerpt(command, limit: 400))", "cwd: \(site.cwd)"]
        lines.append("repository: \(site.repository?.workTree ?? site.repository?.gitDir ?? "(none)")")
        if let branch = site.context.branch { lines.append("branch: \(branch)") }
        lines.append("")
        lines.append("parse tree:")
        if let tree = evaluation.tree {
            lines.append(tree.outline(indent: "  "))
        } else if let error = evaluation.parseError {
            lines.append("  (not parsed: \(error.message))")
        } else {
            lines.append("  (not parsed)")
        }
        lines.append("")
        lines.append("rules considered:")
        lines += evaluation.trace.isEmpty ? ["  (none)"] : evaluation.trace.map { "  " + $0 }
        lines.append("")
        lines.append("findings:")
        lines += evaluation.findings.isEmpty ? ["  (none)"] : evaluation.findings.map { "  " + $0.message }
        if !evaluation.overridden.isEmpty {
            lines.append("")
            lines.append("let through by the policy:")
            lines += evaluation.overridden.map { "  " + $0 }
        }
        lines.append("")
        let verdict = evaluation.verdict
        lines.append("verdict: " + (verdict.decision == .allow ? "allow" : verdict.message))
        lines.append("mode: \(site.loaded.policy.commandMode.rawValue)")
        lines.append("policy files: " + (["built-in"] + site.loaded.files).joined(separator: ", "))
        Output.out(lines.joined(separator: "\n"))
        return .ok
    }
}
