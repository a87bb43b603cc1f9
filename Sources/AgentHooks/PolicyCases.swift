import Base
import Checks
public import Findings
public import Policy
public import Workspace

/// `ward policy test FILE`: a repository's own rules under test, as JSON lines of cases run
/// against the effective policy, with the hook's own decision (`HookRunner.decide`).
///
/// One case per line; blank lines and lines starting with `//` or `#` are skipped:
///
/// ```
/// {"command": "terraform destroy", "expect": "deny", "rule": "infra-destroy"}
/// {"command": "rm -rf build", "cwd": "web", "expect": "allow"}
/// {"paths": ["src/a.swift"], "expect": "allow"}
/// {"agent": "claude", "payload": {"tool_name": "Bash", "tool_input": {"command": "ls"}}, "expect": "allow"}
/// ```
///
/// `expect` is `allow`, `warn`, `ask` or `deny`; `rule` (optional) is the rule id that must
/// decide. `cwd` is relative to the work tree (default: its root). A payload is decoded as the
/// agent sends it (`agent`, default `claude`), so a payload the agent could not send fails.
public enum PolicyCases {
    /// A case file that cannot be read: one line naming the file, line and field.
    public struct CaseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    struct Case {
        var line: Int
        var action: ToolCall.Action
        var cwd: String?
        var expect: Decision
        var rule: String?
        var subject: String
    }

    /// Runs every case of `text` (the file `file`) against `policy`; one finding per case, a
    /// passed case as `allow`, a failed one as `deny` with what was expected and what came.
    public static func run(
        _ text: String, file: String, repository: RepositoryLocation?, directory: String, policy: Policy,
        environment: [String: String]
    ) throws(CaseError) -> Report {
        let cases = try parse(text, file: file)
        let root = repository?.workTree ?? directory
        var findings: [Finding] = []
        for c in cases {
            let cwd = c.cwd.map { Path.absolute($0, relativeTo: root) } ?? root
            let (verdict, _) = HookRunner.decide(
                c.action, cwd: cwd, repository: repository, policy: policy, environment: environment)
            let got = verdict.decision
            let ruleOK = c.rule == nil || c.rule == verdict.ruleID || (c.rule == "-" && got == .allow)
            let passed = got == c.expect && ruleOK
            let expected = c.expect.rawValue + (c.rule.map { " [\($0)]" } ?? "")
            let actual = got.rawValue + (verdict.ruleID.isEmpty ? "" : " [\(verdict.ruleID)]")
            findings.append(
                Finding(
                    ruleID: "policy-test", decision: passed ? .allow : .deny,
                    message: passed
                        ? "\(expected): \(Verdict.excerpt(c.subject, limit: 120))"
                        : "expected \(expected), got \(actual)",
                    matched: c.subject, instead: passed ? "" : verdict.message, checkpoint: .command, path: file,
                    line: c.line))
        }
        return Report(
            checkpoint: .command, subject: "policy cases in \(file)", findings: findings, checked: cases.count)
    }

    static func parse(_ text: String, file: String) throws(CaseError) -> [Case] {
        var out: [Case] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("//") || line.hasPrefix("#") { continue }
            let n = i + 1
            func fail(_ message: String) -> CaseError { CaseError(description: "\(file):\(n): \(message)") }
            let value: JSONValue
            do {
                value = try JSONParser.parse(String(line))
            } catch {
                throw fail("not a JSON object (\(error.message)); one case per line")
            }
            guard case .object(let members) = value else { throw fail("expected one JSON object per line") }
            for (key, _) in members
            where !["command", "paths", "payload", "agent", "cwd", "expect", "rule", "note"].contains(key) {
                throw fail("unknown key '\(key)'; a case has command, paths or payload, and cwd, expect, rule")
            }
            guard case .string(let e)? = value["expect"], let expect = Decision(rawValue: e) else {
                throw fail("'expect' must be one of allow, warn, ask, deny")
            }
            var rule: String?
            if let r = value["rule"] {
                guard case .string(let s) = r else { throw fail("'rule' must be a rule id") }
                rule = s
            }
            var cwd: String?
            if let d = value["cwd"] {
                guard case .string(let s) = d else { throw fail("'cwd' must be a folder (relative to the work tree)") }
                cwd = s
            }
            let action: ToolCall.Action
            let subject: String
            if case .string(let command)? = value["command"] {
                action = .shell(command)
                subject = command
            } else if case .array(let items)? = value["paths"] {
                let paths = items.compactMap { $0.value.stringValue }
                guard paths.count == items.count, !paths.isEmpty else { throw fail("'paths' must be a list of paths") }
                action = .writes(paths)
                subject = paths.joined(separator: " ")
            } else if let payload = value["payload"] {
                var agent = Agent.claude
                if case .string(let name)? = value["agent"] {
                    guard let a = Agent(rawValue: name) else {
                        let names = Agent.allCases.map(\.rawValue).joined(separator: ", ")
                        throw fail("unknown agent '\(name)'; one of \(names)")
                    }
                    agent = a
                }
                do {
                    let call = try HookDecoder.decode(root: payload, agent: agent)
                    action = call.action
                    if cwd == nil { cwd = call.cwd }
                    subject = call.toolName
                } catch {
                    throw fail("the payload is not one \(agent.rawValue) sends: \(error.description)")
                }
            } else {
                throw fail("a case needs 'command' (a string), 'paths' (a list) or 'payload' (an object)")
            }
            out.append(Case(line: n, action: action, cwd: cwd, expect: expect, rule: rule, subject: subject))
        }
        guard !out.isEmpty else { throw CaseError(description: "\(file): no cases (one JSON object per line)") }
        return out
    }
}
