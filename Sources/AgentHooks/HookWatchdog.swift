import Workspace

/// Bounds the time one hook evaluation may take (DESIGN.md §2: past the deadline, deny).
///
/// An agent lets a tool call run when its hook times out, so ward must answer first even when
/// evaluation hangs (a hung file system, a pathological command line). The front implements
/// this with a process watchdog: a timer whose handler writes the prepared answer, appends the
/// prepared audit record and ends the process, whatever the evaluation is doing at the time.
public protocol HookWatchdog {
    /// Starts the clock; `expiry` is the answer if it runs out. Returns 0 or an errno code.
    func arm(milliseconds: Int, expiry: HookResponse) -> Int32
    /// The record to append to the audit log at `path` on expiry (replaces an earlier one);
    /// its time is the moment of expiry.
    func prepareAudit(_ record: AuditRecord, path: String)
    /// Stops the clock: the evaluation finished in time.
    func disarm()
}
