import Base
public import Findings
public import Policy
internal import Shell

/// `ward explain CMD`: how the command guard reads a command line in a context and why it
/// decides so: the parse tree, every rule considered, the findings, the verdict, the mode and
/// the policy files used.
public struct CommandExplanation: Sendable {
    public var command: String
    public var context: GuardContext
    public var evaluation: Evaluation
    /// `commands.mode`, applied to the verdict.
    public var mode: Mode
    /// The policy files, `built-in` first.
    public var files: [String]

    /// Evaluates `command` under `policy` with the guard's trace on.
    public init(_ command: String, policy: Policy, context: GuardContext, files: [String]) {
        self.command = command
        self.context = context
        evaluation = CommandGuard(policy: policy).evaluation(of: command, in: context, trace: true)
        mode = policy.commandMode
        self.files = files
    }

    /// The work tree, else the git dir, else `(none)`.
    var repository: String { context.repositoryRoot ?? context.gitDir ?? "(none)" }

    /// The text `ward explain CMD` prints, one section after another.
    public var lines: [String] {
        var lines: [String] = ["command: \(TextRenderer.excerpt(command, limit: 400))", "cwd: \(context.cwd)"]
        lines.append("repository: \(repository)")
        if let branch = context.branch { lines.append("branch: \(branch)") }
        lines += ["", "parse tree:"]
        if let tree = evaluation.tree {
            lines.append(tree.outline(indent: "  "))
        } else {
            lines.append("  (not parsed\(evaluation.parseError.map { ": " + $0.message } ?? ""))")
        }
        lines += ["", "rules considered:"]
        lines += evaluation.trace.isEmpty ? ["  (none)"] : evaluation.trace.map { "  " + $0 }
        lines += ["", "findings:"]
        lines += evaluation.findings.isEmpty ? ["  (none)"] : evaluation.findings.map { "  " + $0.message }
        if !evaluation.overridden.isEmpty {
            lines += ["", "let through by the policy:"] + evaluation.overridden.map { "  " + $0 }
        }
        let verdict = evaluation.verdict
        lines += ["", "verdict: " + (verdict.decision == .allow ? "allow" : verdict.message)]
        lines.append("mode: \(mode.rawValue)")
        lines.append("policy files: " + files.joined(separator: ", "))
        return lines
    }

    /// `ward explain CMD --json`: the same sections as one object; `findings` and `verdict` are
    /// findings of the one result model, `parseTree` the outline of the text form (null when the
    /// command line does not parse, with `parseError`).
    public var json: String {
        var json = JSONWriter()
        json.object { json in
            json.member("command", command)
            json.member("cwd", context.cwd)
            json.member("repository", context.repositoryRoot ?? context.gitDir)
            json.member("branch", context.branch)
            json.member("parseTree", evaluation.tree?.outline())
            json.member("parseError", evaluation.parseError?.message)
            json.member("rulesConsidered", strings: evaluation.trace)
            json.member("overridden", strings: evaluation.overridden)
            json.key("findings")
            json.array { json in
                for f in evaluation.findings { json.raw(JSONRenderer.finding(f.finding(.command))) }
            }
            json.key("verdict")
            json.raw(JSONRenderer.finding(evaluation.verdict.finding(.command)))
            json.member("mode", mode.rawValue)
            json.member("files", strings: files)
        }
        return json.string
    }
}
