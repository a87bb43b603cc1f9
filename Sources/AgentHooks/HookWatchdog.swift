import Workspace

/// Ends a hook call in a deny when its evaluation overruns the deadline or crashes
/// (DESIGN.md §2: an agent lets the tool call run on a timeout or a crash).
///
/// The front implements it with signal handlers that write the prepared answer, append the
/// prepared audit record and end the process, whatever the evaluation is doing at the time:
/// blocked on a hung file system, in a pathological loop, or trapping.
public protocol HookWatchdog {
    /// Installs the handlers and starts the clock; `expiry` and `crash` are the answers each
    /// gives (only their stdout and exit code are used). Returns 0 or an errno code.
    func arm(milliseconds: Int, expiry: HookResponse, crash: HookResponse) -> Int32
    /// The records to append to the audit log at `path` on expiry and on a crash (replacing
    /// earlier ones); their time is the moment of the signal.
    func prepareAudit(expiry: AuditRecord, crash: AuditRecord, path: String)
    /// The caller's own answer is final: the clock stops, and a later crash writes nothing more.
    func disarm()
}
