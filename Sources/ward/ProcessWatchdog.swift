import AgentHooks
import CWatchdog
import Workspace

/// The deadline and crash backstop of `ward hook`, in C (`CWatchdog`): a sleeping deadline
/// thread and crash signal handlers that write the prepared deny, append the prepared audit
/// line and exit.
///
/// The evaluation runs on the main thread; the deadline thread only sleeps, so the call does
/// not pay for handing work to another thread and waiting for it (about 0.1 ms of the budget
/// of DESIGN.md §11; docs/decisions/0007-static-front.md). Ending the process is only right for
/// a process that answers one call, which is what `ward hook` is.
struct ProcessWatchdog: HookWatchdog {
    /// Stands for the expiry's or crash's time in a prepared audit line; the watchdog overwrites it.
    static let timePlaceholder = "0000-00-00T00:00:00.000Z"

    func arm(milliseconds: Int, expiry: HookResponse, crash: HookResponse) -> Int32 {
        let expiryOut = Array(expiry.stdout.utf8)
        let crashOut = Array(crash.stdout.utf8)
        return expiryOut.withUnsafeBytes { expiryBytes in
            crashOut.withUnsafeBytes { crashBytes in
                ward_watchdog_arm(
                    milliseconds, expiryBytes.baseAddress, expiryBytes.count, crashBytes.baseAddress, crashBytes.count,
                    expiry.exitCode)
            }
        }
    }

    func prepareAudit(expiry: AuditRecord, crash: AuditRecord, path: String) {
        set(WARD_WATCHDOG_EXPIRY, expiry, path: path)
        set(WARD_WATCHDOG_CRASH, crash, path: path)
    }

    private func set(_ kind: ward_watchdog_kind, _ record: AuditRecord, path: String) {
        var record = record
        record.time = Self.timePlaceholder
        let line = AuditLog.line(record)
        // `time` is the record's first member.
        let offset = #"{"time":""#.utf8.count
        guard line.count >= offset + Self.timePlaceholder.utf8.count,
            line[offset..<(offset + Self.timePlaceholder.utf8.count)].elementsEqual(Self.timePlaceholder.utf8)
        else { return }
        line.withUnsafeBytes { bytes in
            ward_watchdog_set_audit(kind, path, bytes.baseAddress, bytes.count, offset)
        }
    }

    func claimAnswer() {
        ward_watchdog_claim()
    }
}
