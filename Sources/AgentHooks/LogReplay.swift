import Base
import Checks
public import Findings
public import Policy
public import Workspace

/// `ward log replay [--policy FILE]`: the commands and paths of the agent calls in the audit
/// log, judged again under the current (or a proposed) policy, with every verdict that would
/// change.
///
/// The log holds the calls that were denied, asked or warned (and overrides), not every
/// allowed one, so a replay shows what a policy would let through or stop differently among
/// those. Each call is judged in the directory it ran in (`cwd` in the record, else its work
/// tree). Runner verdicts that no policy decides (invalid input, deadline, loop breaker) are
/// skipped.
public enum LogReplay {
    /// Rule ids the hook runner decides itself, not the policy.
    static let runnerRules: Set<String> = [
        HookRunner.RuleID.inputInvalid, HookRunner.RuleID.policyInvalid, HookRunner.RuleID.internalError,
        HookRunner.RuleID.deadline, HookRunner.RuleID.unknownTool, HookRunner.RuleID.loopBreaker,
    ]

    /// Agent tools whose subject is a command line.
    static let shellTools: Set<String> = [
        "Bash", "run_shell_command", "beforeShellExecution", "Shell", "Terminal", "run_terminal_cmd", "bash",
        "shell",
    ]

    /// The action a record's subject stands for; nil when the record is no agent call ward can judge.
    static func action(_ record: AuditRecord) -> ToolCall.Action? {
        guard record.checkpoint.hasPrefix("agent:"), !runnerRules.contains(record.ruleID),
            ["deny", "ask", "warn"].contains(record.decision), !record.subject.isEmpty
        else { return nil }
        if let tool = record.tool {
            if shellTools.contains(tool) { return .shell(record.subject) }
            return .writes(record.subject.split(separator: " ").map(String.init))
        }
        // Records written before the tool was logged: a scope verdict on one word is a path.
        if record.ruleID.hasPrefix("scope-"), !record.subject.contains(" ") { return .writes([record.subject]) }
        return .shell(record.subject)
    }

    /// One finding per call whose verdict changes: `deny` when it would now be denied or asked
    /// (and was not, or by another rule), `warn` when it would now pass or only warn.
    public static func run(
        _ records: [AuditRecord], repository: RepositoryLocation?, policy: Policy, policyName: String,
        environment: [String: String]
    ) -> Report {
        var findings: [Finding] = []
        var checked = 0
        var seen: Set<String> = []
        for record in records {
            guard let action = action(record) else { continue }
            // One call appears once (a deny and the override beside it are one call).
            let key = record.time + "\u{0}" + record.subject
            guard seen.insert(key).inserted else { continue }
            checked += 1
            let root = record.worktree ?? repository?.workTree ?? "/"
            let cwd = record.cwd ?? root
            let (verdict, _) = HookRunner.decide(
                action, cwd: cwd, repository: repository, policy: policy, environment: environment)
            let now = verdict.decision == .allow ? "allow" : "\(verdict.decision.rawValue) [\(verdict.ruleID)]"
            let was = "\(record.decision) [\(record.ruleID)]"
            let recorded = Decision(rawValue: record.decision) ?? .deny
            guard verdict.decision != recorded || (verdict.decision != .allow && verdict.ruleID != record.ruleID)
            else { continue }
            let stricter = verdict.decision > recorded || verdict.ruleID != record.ruleID && verdict.decision > .warn
            findings.append(
                Finding(
                    ruleID: verdict.decision == .allow ? record.ruleID : verdict.ruleID,
                    decision: stricter ? .deny : .warn,
                    message:
                        "\(record.time) \(record.agent ?? record.checkpoint): was \(was), under \(policyName) \(now)",
                    matched: record.subject, instead: verdict.decision == .allow ? "" : verdict.alternative,
                    checkpoint: .agent))
        }
        return Report(
            checkpoint: .agent, subject: "audit log replayed under \(policyName)", findings: findings,
            checked: checked)
    }
}
