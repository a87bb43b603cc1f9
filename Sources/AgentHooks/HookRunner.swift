import Base
import Checks
import Policy
import Workspace

/// Answers one agent hook call: decode, locate, load the policy, evaluate, encode, audit.
///
/// Fails closed in the agent's blocking form for everything that prevents a real decision
/// (DESIGN.md §2): input over `maxInputBytes`, input that is not one UTF-8 JSON object, a
/// missing `tool_name` or command, a policy that does not load, and an evaluation that misses
/// the deadline. Never traps on input and never answers with exit 1.
public enum HookRunner {
    /// The largest input evaluated; larger input is denied unread (the caller keeps at most one
    /// byte more than this while it drains stdin).
    public static let maxInputBytes = 64 << 20
    /// The environment variable that sets the deadline in milliseconds (tests; 0 to 10000).
    public static let deadlineVariable = "WARD_HOOK_DEADLINE_MS"
    static let maxDeadlineMilliseconds = 10_000

    /// Rule ids of the verdicts the runner makes itself (not in the policy).
    /// The runner's own rules, spelled once in `CodeRules.ID`, where `ward explain` finds them.
    public enum RuleID {
        public static let inputInvalid = CodeRules.ID.inputInvalid
        public static let policyInvalid = CodeRules.ID.policyInvalid
        public static let internalError = CodeRules.ID.internalError
        public static let deadline = CodeRules.ID.deadline
        public static let unknownTool = CodeRules.ID.unknownTool
        public static let loopBreaker = CodeRules.ID.loopBreaker
    }

    /// The answer to `input` (the whole of stdin, or its first `maxInputBytes + 1` bytes).
    ///
    /// `cwd` is the process's working directory, used when the payload names none; the
    /// environment supplies `HOME`, `TMPDIR`, `GIT_*`, `WARD_MODE` and the deadline override.
    /// `watchdog` is armed here, with the denies an expiry or a crash give, and stays armed until
    /// the caller has its answer in hand and calls `claimAnswer()`: the audit append, which can
    /// hang on a file system too, is covered as well. (Generic rather than `any HookWatchdog`: an
    /// existential costs a run-time metadata lookup on every call.)
    public static func run<Watchdog: HookWatchdog>(
        agent: Agent, input: [UInt8], environment: [String: String], cwd: String? = nil,
        deadline: Duration = .seconds(1), watchdog: Watchdog
    ) -> HookResponse {
        let processCwd = cwd ?? FileSystem.currentDirectory()
        var milliseconds =
            Int(deadline.components.seconds) * 1000
            + Int(deadline.components.attoseconds / 1_000_000_000_000_000)
        if let text = environment[deadlineVariable], let value = Int(text), value >= 0,
            value <= maxDeadlineMilliseconds
        {
            milliseconds = value
        }
        var outcome: Outcome
        if milliseconds <= 0 {
            outcome = Outcome(verdict: deadlineVerdict(milliseconds), subject: "", repository: nil)
        } else {
            let request = Request(agent: agent, input: input, environment: environment, processCwd: processCwd)
            outcome = evaluate(request, within: milliseconds, watchdog: watchdog)
        }
        // A deadline verdict made before the payload's directory was known: log where ward runs.
        if outcome.verdict.ruleID == RuleID.deadline || outcome.verdict.ruleID == RuleID.internalError,
            outcome.repository == nil
        {
            outcome.repository = RepositoryLocator.locate(from: processCwd, environment: environment)
        }
        // `ask` exists only in Claude Code; elsewhere it is a deny, and is logged as one.
        if agent != .claude, outcome.verdict.decision == .ask { outcome.verdict.decision = .deny }
        var breakerNote = ""
        if outcome.verdict.decision == .deny, outcome.verdict.ruleID != RuleID.loopBreaker {
            breakerNote = countDeny(&outcome, environment: environment)
        }
        var response = HookEncoder.respond(outcome.verdict, agent: agent)
        let notes = breakerNote + audit(outcome, agent: agent, environment: environment)
        if !notes.isEmpty { response.stderr += notes }
        return response
    }

    // MARK: - Evaluation

    /// `evaluate` under the watchdog: armed with the denies an expiry and a crash give, and told
    /// where their audit records go as soon as the call's repository is known. The caller
    /// claims the answer from it before writing its own.
    static func evaluate<Watchdog: HookWatchdog>(_ request: Request, within milliseconds: Int, watchdog: Watchdog)
        -> Outcome
    {
        let expired = Outcome(verdict: deadlineVerdict(milliseconds), subject: "", repository: nil)
        let crashed = Outcome(verdict: crashVerdict, subject: "", repository: nil)
        // The records first: a signal right after arming must find them. Until the payload's
        // directory is known, they go to the user's log.
        watchdog.prepareAudit(
            expiry: signalRecord(expired, agent: request.agent), crash: signalRecord(crashed, agent: request.agent),
            path: AuditLog.path(repository: nil, environment: request.environment))
        let code = watchdog.arm(
            milliseconds: milliseconds, expiry: HookEncoder.respond(expired.verdict, agent: request.agent),
            crash: HookEncoder.respond(crashed.verdict, agent: request.agent))
        guard code == 0 else {
            return Outcome(
                verdict: Verdict(
                    decision: .deny, ruleID: RuleID.internalError,
                    reason:
                        "ward could not arm its deadline (\(Errno(rawValue: code))), so it cannot check this call",
                    matched: "", alternative: "retry; if it persists, report it with 'ward log'"),
                subject: "", repository: nil)
        }
        return evaluate(request) { known in
            var expiry = known
            expiry.verdict = expired.verdict
            var crash = known
            crash.verdict = crashed.verdict
            watchdog.prepareAudit(
                expiry: signalRecord(expiry, agent: request.agent), crash: signalRecord(crash, agent: request.agent),
                path: AuditLog.path(repository: known.repository, environment: request.environment))
        }
    }

    struct Request: Sendable {
        var agent: Agent
        var input: [UInt8]
        var environment: [String: String]
        var processCwd: String
    }

    /// The decision and what the audit log needs to record it.
    struct Outcome: Sendable {
        var verdict: Verdict
        /// The command or the paths.
        var subject: String
        var repository: RepositoryLocation?
        var sessionID: String?
        var overridden: [String] = []
        /// Set for a tool ward does not know (allowed and logged).
        var unknownTool: String?
        /// The loop breaker of the call's policy, once it is loaded, and the session's state as read.
        var loopBreaker: LoopBreakerPolicy?
        var session: SessionBreaker.State?
        /// The breaker tripped on this call: its one audit record, beside the call's own.
        var trip: Verdict?
        /// The call was stopped by a breaker that tripped earlier: logged once, at the trip.
        var quiet = false
        /// The agent tool, and the directory it ran in when not the work tree's root, for replay.
        var tool: String?
        var cwd: String?
    }

    /// Decides the call; `located` hears what is known of it (repository, session, subject)
    /// before the policy is loaded and the guards run.
    static func evaluate(_ request: Request, located: ((Outcome) -> Void)?) -> Outcome {
        if request.input.count > maxInputBytes {
            return Outcome(
                verdict: inputInvalid(.tooLarge(limit: maxInputBytes)),
                subject: "(\(request.input.count)+ bytes of input)",
                repository: RepositoryLocator.locate(from: request.processCwd, environment: request.environment))
        }
        let call: ToolCall
        do {
            call = try HookDecoder.decode(request.input, agent: request.agent)
        } catch {
            let repository = RepositoryLocator.locate(from: request.processCwd, environment: request.environment)
            return Outcome(verdict: inputInvalid(error), subject: excerpt(request.input), repository: repository)
        }
        let cwd = FileSystem.resolveThroughExistingAncestor(
            Path.absolute(call.cwd ?? request.processCwd, relativeTo: request.processCwd))
        let repository = RepositoryLocator.locate(from: cwd, environment: request.environment, canonical: true)
        var outcome = Outcome(verdict: .allow, subject: "", repository: repository, sessionID: call.sessionID)
        outcome.tool = call.toolName
        if cwd != repository?.workTree { outcome.cwd = cwd }

        switch call.action {
        case .none:
            if call.isUnknownTool { outcome.unknownTool = call.toolName }
            outcome.subject = call.toolName
            return outcome
        case .shell(let command):
            outcome.subject = command
            if command.allSatisfy(\.isWhitespace) { return outcome }
        case .writes(let paths):
            outcome.subject = paths.joined(separator: " ")
            if paths.isEmpty { return outcome }
        }
        located?(outcome)

        let policy: Policy
        do {
            policy = try PolicyLoader.load(repository: repository, environment: request.environment, gates: false)
                .policy
        } catch {
            outcome.verdict = Verdict(
                decision: .deny, ruleID: RuleID.policyInvalid,
                reason: "the policy does not load, so nothing can be checked: \(error.description)",
                matched: "", alternative: "ask a person to fix the policy file ('ward policy validate')")
            return outcome
        }
        if let id = call.sessionID, policy.loopBreaker.denies > 0 {
            outcome.loopBreaker = policy.loopBreaker
            let directory = SessionBreaker.directory(repository: repository, environment: request.environment)
            let now = SessionBreaker.now()
            outcome.session = SessionBreaker.read(id, directory: directory)
            if let state = outcome.session, state.isTripped(policy.loopBreaker, now: now) {
                outcome.verdict = breakerVerdict(
                    id, policy: policy.loopBreaker, until: state.recovers(policy.loopBreaker, now: now),
                    // Claude Code shows an ask to the person; the other agents only know deny.
                    decision: request.agent == .claude ? .ask : .deny)
                outcome.quiet = true
                return outcome
            }
        }
        (outcome.verdict, outcome.overridden) = decide(
            call.action, cwd: cwd, repository: repository, policy: policy, environment: request.environment)
        return outcome
    }

    /// The guards' verdict on one action in `cwd` under `policy`, with what overrides let
    /// through: the one decision the hook, `ward policy test` and `ward log replay` share.
    public static func decide(
        _ action: ToolCall.Action, cwd: String, repository: RepositoryLocation?, policy: Policy,
        environment: [String: String]
    ) -> (Verdict, [String]) {
        let context = GuardContext(cwd: cwd, repository: repository, environment: environment)
        switch action {
        case .shell(let command):
            let evaluation = CommandGuard(policy: policy).evaluation(of: command, in: context, trace: false)
            return (evaluation.verdict, evaluation.overridden)
        case .writes(let paths):
            return checkWrites(paths, cwd: cwd, context: context, policy: policy)
        case .none:
            return (.allow, [])
        }
    }

    /// The scope guard for the files a tool writes: each path is resolved against the call's
    /// working directory and through symlinks, and the first one out of scope decides.
    static func checkWrites(_ paths: [String], cwd: String, context: GuardContext, policy: Policy)
        -> (Verdict, [String])
    {
        let scopeGuard: ScopeGuard
        do {
            scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: context)
        } catch {
            let v = Verdict(
                decision: .deny, ruleID: RuleID.policyInvalid,
                reason: "the policy's scope cannot be used: \(error.description)", matched: "",
                alternative: "ask a person to fix the scope globs ('ward policy validate')")
            return (v, [])
        }
        var overridden: [String] = []
        for path in paths {
            // Windows-style separators from agents are folded; symlinks are resolved before `..`
            // is, as the kernel does (`link/../x` is next to the link's target).
            let path = path.replacingBackslashes()
            let lexical = Path.absolute(path, relativeTo: cwd)
            let resolved = FileSystem.resolveThroughExistingAncestor(path.hasPrefix("/") ? path : cwd + "/" + path)
            guard let finding = scopeGuard.finding(lexical, resolved: resolved, isDirectory: false) else { continue }
            let verdict = scopeGuard.check(write: lexical, resolved: resolved)
            if verdict.decision == .allow {
                overridden.append("\(finding.ruleID) disabled or overridden by policy: \(lexical)")
                continue
            }
            return (verdict, overridden)
        }
        return (.allow, overridden)
    }

    /// What every call of a stopped session gets: Claude Code asks the person, the others deny.
    static func breakerVerdict(_ id: String, policy: LoopBreakerPolicy, until: Int64?, decision: Decision) -> Verdict {
        let when = until.map { " (until \(AuditLog.timestamp(seconds: $0, milliseconds: 0)))" } ?? ""
        return Verdict(
            decision: decision, ruleID: RuleID.loopBreaker,
            reason:
                "this session had \(policy.denies) denied calls within \(policy.minutes) minutes and is stopped\(when): stop retrying, summarise what you tried and what was denied, and hand over to the person",
            matched: "session \(id)",
            alternative: "a person reviews 'ward log --session \(id)' and runs 'ward session reset \(id)'")
    }

    /// Counts a deny against the call's session; when it trips the breaker, the verdict says so
    /// and the trip is recorded for the audit log. Returns a note for stderr when the session
    /// file cannot be written (the verdict stands).
    static func countDeny(_ outcome: inout Outcome, environment: [String: String]) -> String {
        guard let id = outcome.sessionID, let policy = outcome.loopBreaker else { return "" }
        let directory = SessionBreaker.directory(repository: outcome.repository, environment: environment)
        do {
            let (_, trippedNow) = try SessionBreaker.recordDeny(
                id, directory: directory, policy: policy, now: SessionBreaker.now(), known: outcome.session)
            guard trippedNow else { return "" }
            var trip = breakerVerdict(id, policy: policy, until: nil, decision: .deny)
            trip.reason = "tripped by the deny [\(outcome.verdict.ruleID)]: " + trip.reason
            outcome.trip = trip
            outcome.verdict.reason +=
                "; this is deny \(policy.denies) of this session within \(policy.minutes) minutes: stop and hand over to the person"
            return ""
        } catch {
            return "ward: cannot record the deny for the loop breaker: \(error.description); the verdict stands\n"
        }
    }

    static func inputInvalid(_ error: HookInputError) -> Verdict {
        Verdict(
            decision: .deny, ruleID: RuleID.inputInvalid,
            reason: "\(error.description); ward cannot check this call, so it is blocked",
            matched: "", alternative: error.fix)
    }

    /// What a crash during the evaluation answers (the watchdog's crash handler writes it).
    static let crashVerdict = Verdict(
        decision: .deny, ruleID: RuleID.internalError,
        reason: "ward failed with an internal error while checking this call, so it is blocked", matched: "",
        alternative: "retry; if it persists, report it with the command and 'ward log'")

    static func deadlineVerdict(_ milliseconds: Int) -> Verdict {
        Verdict(
            decision: .deny, ruleID: RuleID.deadline,
            reason: "the check did not finish within \(milliseconds) ms, so the call is blocked",
            matched: "", alternative: "retry, or split the command into simpler ones")
    }

    /// The start of undecodable input for the log, with bad bytes repaired.
    static func excerpt(_ input: [UInt8]) -> String {
        Verdict.excerpt(String(decoding: input.prefix(400), as: UTF8.self))
    }

    // MARK: - Audit

    /// Appends the outcome's records; returns what to print on stderr when the log cannot be written.
    static func audit(_ outcome: Outcome, agent: Agent, environment: [String: String]) -> String {
        var records: [AuditRecord] = []
        func record(_ ruleID: String, _ decision: String, _ reason: String) {
            records.append(Self.record(for: outcome, agent: agent, ruleID: ruleID, decision: decision, reason: reason))
        }
        for line in outcome.overridden {
            record(String(line.prefix { $0 != " " }), "override", line)
        }
        if outcome.quiet {
            // Stopped by the loop breaker: its trip is already in the log.
        } else if outcome.verdict.decision != .allow {
            record(outcome.verdict.ruleID, outcome.verdict.decision.rawValue, outcome.verdict.reason)
            if let trip = outcome.trip { record(trip.ruleID, trip.decision.rawValue, trip.reason) }
        } else if let tool = outcome.unknownTool {
            record(RuleID.unknownTool, "allow", "tool '\(tool)' is not known to ward; allowed unchecked")
        }
        guard !records.isEmpty else { return "" }
        let path = AuditLog.path(repository: outcome.repository, environment: environment)
        for entry in records {
            do {
                try AuditLog.append(entry, to: path)
            } catch {
                return "ward: cannot write the audit log: \(error.description); the verdict stands\n"
            }
        }
        return ""
    }
}

extension HookRunner {
    /// An audit record for this call.
    static func record(for outcome: Outcome, agent: Agent, ruleID: String, decision: String, reason: String)
        -> AuditRecord
    {
        AuditRecord(
            checkpoint: "agent:\(agent.rawValue)", agent: agent.rawValue, sessionID: outcome.sessionID,
            worktree: outcome.repository?.workTree, ruleID: ruleID, decision: decision, reason: reason,
            subject: outcome.subject, tool: outcome.tool, cwd: outcome.cwd)
    }

    /// The record the watchdog leaves for `outcome` on expiry or a crash.
    static func signalRecord(_ outcome: Outcome, agent: Agent) -> AuditRecord {
        record(
            for: outcome, agent: agent, ruleID: outcome.verdict.ruleID, decision: outcome.verdict.decision.rawValue,
            reason: outcome.verdict.reason)
    }
}

extension String {
    /// `a\\b` as `a/b`: agents on Windows-style paths send backslashes (DESIGN.md §6).
    func replacingBackslashes() -> String {
        String(unicodeScalars.map { $0 == "\\" ? "/" : Character($0) })
    }
}
