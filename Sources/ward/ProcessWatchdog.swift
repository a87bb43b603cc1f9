import AgentHooks
import CWatchdog
import Workspace

/// The deadline of `ward hook`: a one-shot `SIGALRM` whose handler (C, async-signal-safe)
/// appends the prepared audit line, writes the prepared deny and exits.
///
/// A signal instead of a thread: the evaluation runs on the main thread, and the hook process
/// does not pay for creating, scheduling and joining a second one (about 0.15 ms of the budget
/// of DESIGN.md §11; `ci/bench/README.md`). Ending the process is only right for a process that
/// answers one call, which is what `ward hook` is.
struct ProcessWatchdog: HookWatchdog {
    /// Stands for the expiry time in the prepared audit line; the handler overwrites it.
    static let timePlaceholder = "0000-00-00T00:00:00.000Z"

    func arm(milliseconds: Int, expiry: HookResponse) -> Int32 {
        let out = Array(expiry.stdout.utf8)
        let err = Array(expiry.stderr.utf8)
        return out.withUnsafeBytes { outBytes in
            err.withUnsafeBytes { errBytes in
                ward_watchdog_arm(
                    milliseconds, outBytes.baseAddress, outBytes.count, errBytes.baseAddress, errBytes.count,
                    expiry.exitCode)
            }
        }
    }

    func prepareAudit(_ record: AuditRecord, path: String) {
        var record = record
        record.time = Self.timePlaceholder
        let line = AuditLog.line(record)
        let placeholder = Array(Self.timePlaceholder.utf8)
        guard let offset = Self.offset(of: placeholder, in: line) else { return }
        line.withUnsafeBytes { bytes in
            ward_watchdog_set_audit(path, bytes.baseAddress, bytes.count, offset)
        }
    }

    func disarm() {
        ward_watchdog_disarm()
    }

    static func offset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return start }
        }
        return nil
    }
}
