import Base
public import Policy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loop breaker's memory: one small file per agent session with the times of its recent
/// denies, beside the audit log (`<commonDir>/ward/sessions/`, or the user's state folder
/// outside a repository).
///
/// The hook reads the file on every call of a session that has one (one `open(2)` of a
/// missing file otherwise) and rewrites it only on a deny, so the cost stays off the allowed
/// path; the audit log is never scanned. Two denies of one session at the same instant may
/// count once: a breaker that trips one deny later is the accepted price of taking no lock.
public enum SessionBreaker {
    /// One session's state.
    public struct State: Sendable, Equatable {
        public var sessionID: String
        /// Times of the denies still in the window, in seconds since the epoch, oldest first.
        public var denies: [Int64]
        /// When the breaker tripped (the deny that reached the limit), while it holds.
        public var tripped: Int64?

        public init(sessionID: String, denies: [Int64] = [], tripped: Int64? = nil) {
            self.sessionID = sessionID
            self.denies = denies
            self.tripped = tripped
        }

        /// The denies within `policy`'s window before `now`.
        public func recentDenies(_ policy: LoopBreakerPolicy, now: Int64) -> [Int64] {
            let start = now - Int64(policy.minutes) * 60
            return denies.filter { $0 > start && $0 <= now }
        }

        /// Whether the session is stopped: the limit reached within the window.
        public func isTripped(_ policy: LoopBreakerPolicy, now: Int64) -> Bool {
            policy.denies > 0 && recentDenies(policy, now: now).count >= policy.denies
        }

        /// When the session recovers by itself: the oldest counted deny leaves the window.
        public func recovers(_ policy: LoopBreakerPolicy, now: Int64) -> Int64? {
            let recent = recentDenies(policy, now: now)
            guard policy.denies > 0, recent.count >= policy.denies else { return nil }
            return recent[recent.count - policy.denies] + Int64(policy.minutes) * 60
        }
    }

    /// The folder of the session files, beside the audit log.
    public static func directory(repository: RepositoryLocation?, environment: [String: String]) -> String {
        Path.parent(AuditLog.path(repository: repository, environment: environment)) + "/sessions"
    }

    /// The file of a session: its id with anything but `[A-Za-z0-9._-]` replaced, and a hash of
    /// the id when that changed it, so two ids never share a file.
    public static func fileName(_ id: String) -> String {
        var safe = ""
        var changed = false
        for scalar in id.unicodeScalars.prefix(80) {
            let c = Character(scalar)
            if scalar.isASCII, c.isLetter || c.isNumber || c == "." || c == "_" || c == "-" {
                safe.append(c)
            } else {
                safe.append("_")
                changed = true
            }
        }
        if safe.hasPrefix(".") {
            // No hidden files (`list` skips them), and never `.` or `..`.
            safe = "_" + safe.dropFirst()
            changed = true
        }
        if safe.isEmpty || changed || id.unicodeScalars.count > 80 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in id.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            safe += "-" + String(hash, radix: 16)
        }
        return safe
    }

    /// The current time in seconds since the epoch (wraps `clock_gettime(2)`).
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec)
    }

    /// The state of `id`, nil when the session has no file (or it cannot be read).
    public static func read(_ id: String, directory: String) -> State? {
        guard let bytes = FileSystem.readFile(directory + "/" + fileName(id), limit: 64 << 10) else { return nil }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Reads the text of a session file: `id ID`, then `deny SECONDS` and `tripped SECONDS` lines.
    static func parse(_ text: String) -> State? {
        var state: State?
        for line in text.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let key = line[..<space]
            let value = line[line.index(after: space)...]
            switch key {
            case "id": state = State(sessionID: String(value))
            case "deny": if let t = Int64(value) { state?.denies.append(t) }
            case "tripped": state?.tripped = Int64(value)
            default: continue
            }
        }
        return state
    }

    static func text(_ state: State) -> String {
        var out = "id " + state.sessionID.filter { $0 != "\n" && $0 != "\r" } + "\n"
        for t in state.denies { out += "deny \(t)\n" }
        if let t = state.tripped { out += "tripped \(t)\n" }
        return out
    }

    /// Records a deny of `id` at `now`; returns the new state and whether this deny tripped the
    /// breaker (it was not tripped before). `known` is the state the caller already read (nil:
    /// read it here).
    ///
    /// A deny is one appended line, like the audit log's records: no temporary file, no rename
    /// on the deny path. The file is rewritten without the denies that left the window only
    /// when those make up most of it, so it stays small.
    public static func recordDeny(
        _ id: String, directory: String, policy: LoopBreakerPolicy, now: Int64, known: State? = nil
    ) throws(AuditError) -> (state: State, trippedNow: Bool) {
        let existing = known ?? read(id, directory: directory)
        var state = existing ?? State(sessionID: id)
        let wasTripped = state.isTripped(policy, now: now)
        let stale = state.denies.count - state.recentDenies(policy, now: now).count
        state.denies = state.recentDenies(policy, now: now) + [now]
        let trippedNow = !wasTripped && state.isTripped(policy, now: now)
        if trippedNow { state.tripped = now }
        if !state.isTripped(policy, now: now) { state.tripped = nil }
        if existing == nil || stale > max(16, state.denies.count) {
            try write(state, directory: directory)
        } else {
            try append("deny \(now)\n" + (trippedNow ? "tripped \(now)\n" : ""), id: id, directory: directory)
        }
        return (state, trippedNow)
    }

    /// Appends lines to a session's file with one `write(2)` (`O_APPEND`, no symlink followed).
    static func append(_ lines: String, id: String, directory: String) throws(AuditError) {
        let path = directory + "/" + fileName(id)
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw AuditError(path: path, operation: "open", code: errno) }
        defer { FileDescriptor(rawValue: fd).close() }
        do {
            try FileDescriptor(rawValue: fd).writeAll(Array(lines.utf8))
        } catch {
            throw AuditError(path: path, operation: "write", code: error.rawValue)
        }
    }

    /// Writes a session's file atomically: a temporary file renamed over the old one.
    public static func write(_ state: State, directory: String) throws(AuditError) {
        try AuditLog.makeDirectories(directory)
        let target = directory + "/" + fileName(state.sessionID)
        let temp = target + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw AuditError(path: temp, operation: "open", code: errno) }
        do {
            try FileDescriptor(rawValue: fd).writeAll(Array(text(state).utf8))
        } catch {
            FileDescriptor(rawValue: fd).close()
            unlink(temp)
            throw AuditError(path: temp, operation: "write", code: error.rawValue)
        }
        FileDescriptor(rawValue: fd).close()
        guard rename(temp, target) == 0 else {
            let code = errno
            unlink(temp)
            throw AuditError(path: target, operation: "rename", code: code)
        }
    }

    /// Every session with a file, by id.
    public static func list(directory: String) -> [State] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var out: [State] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.hasPrefix(".") || name.contains(".tmp-") { continue }
            guard let bytes = FileSystem.readFile(directory + "/" + name, limit: 64 << 10),
                let state = parse(String(decoding: bytes, as: UTF8.self))
            else { continue }
            out.append(state)
        }
        return out.sorted { $0.sessionID < $1.sessionID }
    }

    /// Forgets a session's denies; false when it had no file.
    public static func reset(_ id: String, directory: String) -> Bool {
        unlink(directory + "/" + fileName(id)) == 0
    }
}
