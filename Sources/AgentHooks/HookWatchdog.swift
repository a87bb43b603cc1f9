import Workspace

/// Ends a hook call in a deny when its evaluation overruns the deadline or crashes
/// (DESIGN.md §2: an agent lets the tool call run on a timeout or a crash).
///
/// The front implements it with a deadline thread and crash signal handlers that write the
/// prepared answer, append the prepared audit record and end the process, whatever the
/// evaluation is doing at the time: waiting on a stalled file system, in a pathological loop,
/// or trapping.
public protocol HookWatchdog {
    /// Starts the clock and installs the crash handlers; `expiry` and `crash` are the answers
    /// each gives (only their stdout and exit code are used). Returns 0 or an errno code.
    func arm(milliseconds: Int, expiry: HookResponse, crash: HookResponse) -> Int32
    /// The records to append to the audit log at `path` on expiry and on a crash (replacing
    /// earlier ones); their time is the moment it happens.
    func prepareAudit(expiry: AuditRecord, crash: AuditRecord, path: String)
    /// Claims the right to answer for the caller, which writes its answer next. Returns only
    /// when granted: if the expiry or a crash got there first, it waits for them to end the
    /// process, so exactly one answer is written.
    func claimAnswer()
}
