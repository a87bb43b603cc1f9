public import Policy
public import Shell

/// Decides whether a shell command line may run: parse, unwrap, and match rules on structure.
///
/// Pure: the context carries the working directory, repository and home as values. The guard
/// sees every simple command, including those nested in substitutions, wrappers (`sudo`, `env`,
/// `xargs`, `bash -c`, …), here-documents fed to shells and interpreter one-liners.
public struct CommandGuard: Sendable {
    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// Text longer than this is not parsed: denied as unparseable.
    public static let maxCommandBytes = 1 << 20

    /// The verdict for `command` in `context`, with the policy's mode applied.
    public func evaluate(_ command: String, in context: GuardContext) -> Verdict {
        evaluation(of: command, in: context, trace: false).verdict
    }

    /// Everything the guard found, with the parse tree and (when `trace`) every rule considered.
    public func evaluation(of command: String, in context: GuardContext, trace: Bool = true) -> Evaluation {
        var result = Evaluation()
        if policy.commandMode == .off {
            result.trace.append("command guard is off (mode off)")
            return result
        }
        if command.allSatisfy({ $0.isWhitespace }) {
            result.trace.append("blank command: nothing runs")
            return result
        }
        var scopeGuard: ScopeGuard?
        var scopeError: ScopePatternError?
        if policy.scope.mode ?? policy.mode != .off {
            do {
                scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: context)
            } catch {
                scopeError = error
            }
        }
        var evaluator = Evaluator(policy: policy, context: context, tracing: trace, scopeGuard: scopeGuard)
        if let scopeError {
            evaluator.report(
                "parse-error", matched: "scope", detail: "the policy's scope cannot be used: \(scopeError)")
        }
        if command.utf8.count > Self.maxCommandBytes {
            evaluator.report(
                "parse-error", matched: String(command.prefix(80)), detail: "longer than \(Self.maxCommandBytes) bytes")
        } else {
            do {
                let tree = try Parser.parse(command)
                result.tree = tree
                var state = Evaluator.State(cwd: context.cwd, variables: [:])
                evaluator.evaluate(tree, state: &state, input: .none)
                evaluator.applyRepositoryRules(to: tree, text: command)
            } catch {
                result.parseError = error
                evaluator.report("parse-error", matched: Verdict.excerpt(command, limit: 80), detail: error.message)
            }
        }
        result.trace += evaluator.trace
        result.findings = evaluator.verdicts()
        result.overridden = evaluator.overridden
        let strongest = result.findings.max { $0.decision < $1.decision } ?? .allow
        result.verdict = strongest.applying(policy.commandMode)
        return result
    }
}

/// What the command guard found for one command line.
public struct Evaluation: Sendable {
    public var tree: Node?
    public var parseError: ParseError?
    /// Every rule that matched, after `disable` and overrides.
    public var findings: [Verdict] = []
    /// Findings that an override or `disable` let through, for the audit log.
    public var overridden: [String] = []
    /// The rules considered, in order, for `ward explain`.
    public var trace: [String] = []
    /// The strongest finding with the mode applied; `.allow` when nothing matched.
    public var verdict: Verdict = .allow

    public init() {}
}
