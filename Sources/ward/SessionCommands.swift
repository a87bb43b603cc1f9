import Base
import Checks
import Commands
import Findings
import GitHooks
import Policy
import Workspace

/// `ward session list` and `ward session reset ID`: the loop breaker's sessions, for people.
enum SessionCommands {
    static func directory(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> (String, Policy) {
        let site = try GuardCommands.site(args, invocation)
        let policy = try GuardCommands.policy(site).policy
        return (SessionBreaker.directory(repository: site.location, environment: invocation.environment), policy)
    }

    static func list(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "session list")
        let (directory, policy) = try directory(args, invocation)
        let now = SessionBreaker.now()
        let sessions = SessionBreaker.list(directory: directory)
        if args.flag("--json") {
            var json = JSONWriter()
            json.object {
                $0.key("denies")
                $0.number(policy.loopBreaker.denies)
                $0.key("minutes")
                $0.number(policy.loopBreaker.minutes)
                $0.key("sessions")
                $0.array {
                    for s in sessions {
                        $0.object {
                            $0.key("session")
                            $0.string(s.sessionID)
                            $0.key("recentDenies")
                            $0.number(s.recentDenies(policy.loopBreaker, now: now).count)
                            $0.key("stopped")
                            $0.bool(s.isTripped(policy.loopBreaker, now: now))
                            if let last = s.denies.last {
                                $0.key("lastDeny")
                                $0.string(AuditLog.timestamp(seconds: last, milliseconds: 0))
                            }
                        }
                    }
                }
            }
            Output.out(json.string)
            return .ok
        }
        let breaker =
            policy.loopBreaker.denies == 0
            ? "the loop breaker is off (loopBreaker.denies is 0)"
            : "a session is stopped at \(policy.loopBreaker.denies) denies within \(policy.loopBreaker.minutes) minutes"
        guard !sessions.isEmpty else {
            Output.out("no agent sessions with denies; \(breaker)")
            return .ok
        }
        var lines = [breaker]
        for s in sessions {
            let recent = s.recentDenies(policy.loopBreaker, now: now).count
            var line = "\(s.sessionID)  \(recent) denies in the window"
            if s.isTripped(policy.loopBreaker, now: now) {
                let until = s.recovers(policy.loopBreaker, now: now).map {
                    " until " + AuditLog.timestamp(seconds: $0, milliseconds: 0)
                }
                line += "  STOPPED\(until ?? "")"
            }
            if let last = s.denies.last { line += "  last deny " + AuditLog.timestamp(seconds: last, milliseconds: 0) }
            lines.append(line)
        }
        Output.out(lines.joined(separator: "\n"))
        return .ok
    }

    static func reset(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let ids = try args.positionals(atMost: 1, command: "session reset")
        guard let id = ids.first else {
            throw .usage("ward session reset: name the session ('ward session list' shows them)")
        }
        let site = try GuardCommands.site(args, invocation)
        let directory = SessionBreaker.directory(repository: site.location, environment: invocation.environment)
        guard SessionBreaker.reset(id, directory: directory) else {
            throw .usage("ward session reset: no session '\(id)' in \(directory) ('ward session list' shows them)")
        }
        let record = AuditRecord(
            checkpoint: "session", agent: nil, sessionID: id, worktree: site.location?.workTree,
            ruleID: CodeRules.ID.loopBreaker, decision: "reset", reason: "a person reset the session's loop breaker",
            subject: "ward session reset \(id)")
        do {
            try AuditLog.append(
                record, to: AuditLog.path(repository: site.location, environment: invocation.environment))
        } catch {
            Output.err("ward: cannot write the audit log: \(error.description)")
        }
        Output.out("session \(id): its denies are forgotten; its agent may continue")
        return .ok
    }
}
