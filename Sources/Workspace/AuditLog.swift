import Base

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The append-only record of every denied, asked and warned verdict (DESIGN.md §12).
///
/// Written by short-lived hook processes that may run at the same time (several agents, a
/// commit while an agent works), so each record is one `write(2)` of one line to a file opened
/// with `O_APPEND`: lines never interleave. The log is size-capped: before a write that would
/// take it past `maxBytes` the file is rotated (`audit.jsonl` → `.1` → `.2` …, keeping `keep`
/// old files) under an `flock` on `audit.jsonl.lock`, so two processes never rotate twice.
/// A writer that still holds the old file open finishes its line into `.1`; nothing is lost.
public enum AuditLog {
    /// Longest `reason` and `subject` written, in UTF-8 bytes: a 64 MiB command must not turn
    /// into a 64 MiB log line; the cut is marked with the original length.
    public static let fieldLimit = 8192

    /// Where records go: `<commonDir>/ward/audit.jsonl` in a repository (shared by all its
    /// worktrees); outside one `$XDG_STATE_HOME/ward/audit.jsonl` (when absolute, as the XDG
    /// spec requires), else `$HOME/.local/state/ward/audit.jsonl`, with the password database's
    /// home when `HOME` is unset.
    public static func path(repository: RepositoryLocation?, environment: [String: String]) -> String {
        if let repository { return repository.commonDir + "/ward/audit.jsonl" }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return Path.normalize(xdg) + "/ward/audit.jsonl"
        }
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? passwordHome() ?? "/"
        return Path.normalize(home) + "/.local/state/ward/audit.jsonl"
    }

    /// Appends one record as one line, creating the folder and rotating as needed.
    ///
    /// The file is created with mode 0600 (commands can carry secrets) and opened with
    /// `O_NOFOLLOW`, so a symlink planted at the log's path is an error, not a redirection of
    /// ward's writes; anything but a regular file there (a FIFO) is an error too.
    public static func append(_ record: AuditRecord, to path: String, maxBytes: Int = 5 << 20, keep: Int = 3)
        throws(AuditError)
    {
        let line = line(record)
        try makeDirectories(Path.parent(path))
        var (fd, size) = try openLog(path)
        if size > 0, size + line.count > maxBytes {
            close(fd)
            try rotate(path, incoming: line.count, maxBytes: maxBytes, keep: keep)
            fd = try openLog(path).fd
        }
        defer { close(fd) }
        do {
            try FileDescriptor(rawValue: fd).writeAll(line)
        } catch {
            throw AuditError(path: path, operation: "write", code: error.rawValue)
        }
    }

    /// The record as appended: one line of JSON with its newline, long fields cut at `fieldLimit`.
    public static func line(_ record: AuditRecord) -> [UInt8] {
        var capped = record
        capped.reason = cap(record.reason)
        capped.subject = cap(record.subject)
        var line = capped.jsonBytes
        line.append(0x0A)
        return line
    }

    /// The last `limit` lines (all when nil or 0), oldest first, from the rotated files and the
    /// current one; raw text, so a line ward cannot parse is still shown. Empty when there is no log.
    public static func read(path: String, limit: Int?) -> [String] {
        entries(path: path, limit: max(0, limit ?? 0)).map(\.line)
    }

    /// The current time as ISO-8601 UTC with milliseconds, `2025-01-31T09:05:07.042Z`
    /// (wraps `clock_gettime(2)`: no Foundation date formatting on the hook path).
    public static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return timestamp(seconds: Int64(ts.tv_sec), milliseconds: Int(ts.tv_nsec / 1_000_000))
    }

    /// `seconds` since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`, computed rather than through
    /// `gmtime_r(3)`, which makes glibc read /etc/localtime first (days to a civil date after
    /// Howard Hinnant's `civil_from_days`; the watchdog's C handler does the same).
    public static func timestamp(seconds: Int64, milliseconds: Int) -> String {
        var days = seconds / 86400
        var rest = seconds % 86400
        if rest < 0 {
            rest += 86400
            days -= 1
        }
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var out = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int64, at offset: Int, width: Int) {
            var value = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                out[index] = 0x30 + UInt8(truncatingIfNeeded: (value % 10 + 10) % 10)
                value /= 10
            }
        }
        put(year, at: 0, width: 4)
        put(month, at: 5, width: 2)
        put(day, at: 8, width: 2)
        put(rest / 3600, at: 11, width: 2)
        put(rest / 60 % 60, at: 14, width: 2)
        put(rest % 60, at: 17, width: 2)
        put(Int64(milliseconds), at: 20, width: 3)
        out[4] = UInt8(ascii: "-")
        out[7] = UInt8(ascii: "-")
        out[10] = UInt8(ascii: "T")
        out[13] = UInt8(ascii: ":")
        out[16] = UInt8(ascii: ":")
        out[19] = UInt8(ascii: ".")
        out[23] = UInt8(ascii: "Z")
        return String(decoding: out, as: UTF8.self)
    }

    static func cap(_ text: String) -> String {
        let count = text.utf8.count
        guard count > fieldLimit else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: fieldLimit)
        while end > text.startIndex, !text.unicodeScalars.indices.contains(end) {
            end = text.utf8.index(before: end)
        }
        return String(text[..<end]) + "… (\(count) bytes)"
    }

    /// Opens the log for appending. `O_NONBLOCK` and the check for a regular file keep a FIFO
    /// planted at the log's path from blocking ward (an open for writing waits for a reader).
    static func openLog(_ path: String) throws(AuditError) -> (fd: Int32, size: Int) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard fd >= 0 else { throw AuditError(path: path, operation: "open", code: errno) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw AuditError(path: path, operation: "open (not a regular file)", code: EINVAL)
        }
        return (fd, Int(st.st_size))
    }

    /// `mkdir -p`, mode 0755 (subject to the umask).
    static func makeDirectories(_ path: String) throws(AuditError) {
        if FileSystem.isDirectory(path) { return }
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0, errno != EEXIST {
                throw AuditError(path: current, operation: "create the folder", code: errno)
            }
        }
        guard FileSystem.isDirectory(path) else {
            throw AuditError(path: path, operation: "create the folder", code: ENOTDIR)
        }
    }

    /// Shifts `path` → `path.1` → … → `path.keep` (the oldest dropped) under an exclusive
    /// lock, unless another process did so while this one waited for the lock.
    static func rotate(_ path: String, incoming: Int, maxBytes: Int, keep: Int) throws(AuditError) {
        let lockPath = path + ".lock"
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lock >= 0 else { throw AuditError(path: lockPath, operation: "open", code: errno) }
        defer { close(lock) }
        do {
            _ = try retryingOnInterrupt { flock(lock, LOCK_EX) }
        } catch {
            throw AuditError(path: lockPath, operation: "lock", code: error.rawValue)
        }
        defer { flock(lock, LOCK_UN) }
        var st = stat()
        guard lstat(path, &st) == 0, st.st_size > 0, Int(st.st_size) + incoming > maxBytes else { return }
        if keep <= 0 {
            if unlink(path) != 0, errno != ENOENT { throw AuditError(path: path, operation: "rotate", code: errno) }
            return
        }
        if unlink("\(path).\(keep)") != 0, errno != ENOENT {
            throw AuditError(path: "\(path).\(keep)", operation: "rotate", code: errno)
        }
        var k = keep - 1
        while k >= 1 {
            if rename("\(path).\(k)", "\(path).\(k + 1)") != 0, errno != ENOENT {
                throw AuditError(path: "\(path).\(k)", operation: "rotate", code: errno)
            }
            k -= 1
        }
        if rename(path, "\(path).1") != 0, errno != ENOENT {
            throw AuditError(path: path, operation: "rotate", code: errno)
        }
    }

    /// The home directory of the current user in `/etc/passwd` (`name:pw:uid:gid:gecos:home:shell`).
    ///
    /// Read directly rather than through `getpwuid_r(3)`: the front binary is linked statically,
    /// where glibc's name service would have to load shared libraries at run time. Users known
    /// only to a directory service (LDAP) have no entry here; their records go under `/`.
    static func passwordHome() -> String? {
        guard let bytes = FileSystem.readFile("/etc/passwd", limit: 16 << 20) else { return nil }
        let uid = String(getuid())
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard fields.count >= 7, String(decoding: fields[2], as: UTF8.self) == uid else { continue }
            let home = String(decoding: fields[5], as: UTF8.self)
            return home.hasPrefix("/") ? home : nil
        }
        return nil
    }
}
