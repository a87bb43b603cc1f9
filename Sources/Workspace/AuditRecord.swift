import Base
import Policy

/// One line of the audit log: a denied, asked or warned verdict at some checkpoint (DESIGN.md §12).
///
/// Stored as one JSON object per line with these property names as keys, `null` for what is
/// unknown, so `jq` and `ward log` read it without a schema. `commit` and `ref`, which only git
/// checkpoints know, are written only when set, so agent-hook lines keep their shape.
public struct AuditRecord: Sendable, Equatable {
    /// When, ISO-8601 UTC with milliseconds (`AuditLog.now()`).
    public var time: String
    /// Where: `agent:claude`, `agent:codex`, …, `git:pre-commit`, `git:commit-msg`, `git:pre-push`, `ci`.
    public var checkpoint: String
    /// The agent, when an agent made the call.
    public var agent: String?
    /// The agent's session id, when it sent one.
    public var sessionID: String?
    /// The work tree the action happened in.
    public var worktree: String?
    /// The rule that decided (`git-reset-hard`).
    public var ruleID: String
    /// `deny`, `ask` or `warn`.
    public var decision: String
    /// The one-line reason shown to the user or model.
    public var reason: String
    /// The command or path the verdict is about (or its hash when configured); for a commit
    /// message, its first line; for a push, the ref update (`refs/heads/x → refs/heads/main`).
    public var subject: String
    /// The commit the verdict is about (a commit-msg or pre-push verdict on one commit), full hex id.
    public var commit: String?
    /// The ref the verdict is about: the branch committed on, or the remote ref a push updates.
    public var ref: String?
    /// The agent tool whose call was judged (`Bash`, `Edit`, `apply_patch`): tells a command
    /// from paths when `ward log replay` judges the subject again.
    public var tool: String?
    /// The directory the tool call ran in, when it was not the work tree's root.
    public var cwd: String?

    public init(
        time: String = AuditLog.now(), checkpoint: String, agent: String? = nil, sessionID: String? = nil,
        worktree: String? = nil, ruleID: String, decision: String, reason: String, subject: String,
        commit: String? = nil, ref: String? = nil, tool: String? = nil, cwd: String? = nil
    ) {
        self.tool = tool
        self.cwd = cwd
        self.time = time
        self.checkpoint = checkpoint
        self.agent = agent
        self.sessionID = sessionID
        self.worktree = worktree
        self.ruleID = ruleID
        self.decision = decision
        self.reason = reason
        self.subject = subject
        self.commit = commit
        self.ref = ref
    }

    /// The record as one line of compact JSON, without the newline.
    public var jsonLine: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// `jsonLine` as UTF-8, written in one buffer (this runs on every agent hook call).
    public var jsonBytes: [UInt8] {
        var json = JSONWriter(capacity: 160 + reason.utf8.count + subject.utf8.count + (worktree?.utf8.count ?? 0))
        json.object {
            $0.key("time")
            $0.string(time)
            $0.key("checkpoint")
            $0.string(checkpoint)
            $0.key("agent")
            $0.string(agent)
            $0.key("sessionID")
            $0.string(sessionID)
            $0.key("worktree")
            $0.string(worktree)
            $0.key("ruleID")
            $0.string(ruleID)
            $0.key("decision")
            $0.string(decision)
            $0.key("reason")
            $0.string(reason)
            $0.key("subject")
            $0.string(subject)
            if let commit {
                $0.key("commit")
                $0.string(commit)
            }
            if let ref {
                $0.key("ref")
                $0.string(ref)
            }
            if let tool {
                $0.key("tool")
                $0.string(tool)
            }
            if let cwd {
                $0.key("cwd")
                $0.string(cwd)
            }
        }
        return json.bytes
    }

    /// Reads a line written by `jsonLine`; nil when it is not such a record (a torn or foreign line).
    public init?(jsonLine line: String) {
        guard let value = try? JSONParser.parse(line), case .object = value else { return nil }
        func text(_ key: String) -> String? { value[key]?.stringValue }
        guard let time = text("time"), let checkpoint = text("checkpoint"), let ruleID = text("ruleID"),
            let decision = text("decision"), let reason = text("reason"), let subject = text("subject")
        else { return nil }
        self.init(
            time: time, checkpoint: checkpoint, agent: text("agent"), sessionID: text("sessionID"),
            worktree: text("worktree"), ruleID: ruleID, decision: decision, reason: reason, subject: subject,
            commit: text("commit"), ref: text("ref"), tool: text("tool"), cwd: text("cwd"))
    }
}
