#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which audit records `ward log` shows: every set field must match.
///
/// Values are compared exactly, except that a `rule` ending in `*` matches by prefix
/// (`git-push-*`) and a `checkpoint` also matches either half of `kind:name`
/// (`agent` and `claude` both match `agent:claude`; `pre-push` matches `git:pre-push`).
public struct AuditFilter: Sendable, Equatable {
    public var rule: String?
    public var agent: String?
    public var session: String?
    public var checkpoint: String?
    /// The earliest time shown, as the log writes times (`2025-01-31T09:05:07.042Z`); build it
    /// with `AuditFilter.since(_:now:)` from what a person typed.
    public var since: String?

    public init(
        rule: String? = nil, agent: String? = nil, session: String? = nil, checkpoint: String? = nil,
        since: String? = nil
    ) {
        self.rule = rule
        self.agent = agent
        self.session = session
        self.checkpoint = checkpoint
        self.since = since
    }

    /// No field set: every line is shown, unreadable ones included.
    public var isEmpty: Bool { self == AuditFilter() }

    /// Whether `record` passes every set field.
    public func matches(_ record: AuditRecord) -> Bool {
        if let rule {
            if rule.hasSuffix("*") {
                guard record.ruleID.hasPrefix(rule.dropLast()) else { return false }
            } else if record.ruleID != rule {
                return false
            }
        }
        if let agent, record.agent != agent { return false }
        if let session, record.sessionID != session { return false }
        if let checkpoint, !Self.checkpoint(record.checkpoint, matches: checkpoint) { return false }
        if let since, record.time < since { return false }
        return true
    }

    static func checkpoint(_ value: String, matches wanted: String) -> Bool {
        if value == wanted { return true }
        guard let colon = value.firstIndex(of: ":") else { return false }
        return value[..<colon] == wanted || value[value.index(after: colon)...] == wanted
    }

    /// A `--since` value that cannot be read, with what is accepted.
    public struct SinceError: Error, Sendable, Equatable, CustomStringConvertible {
        public var value: String
        public var description: String {
            "--since '\(value)' is neither a time ('2025-01-31', '2025-01-31T09:05:07Z', '2025-01-31T10:05+01:00') nor an age ('30m', '2h', '7d', '1w', '45s')"
        }
    }

    /// The time `text` names, as the log writes times: an age before `now` (`30m`, `2h`, `7d`,
    /// `1w`, `45s`) or an ISO-8601 time. A date alone means its midnight UTC; a time without an
    /// offset is taken as UTC (the log's own times are UTC).
    public static func since(_ text: String, now: Int64) throws(SinceError) -> String {
        if let age = age(text) { return AuditLog.timestamp(seconds: now - age, milliseconds: 0) }
        guard let (seconds, milliseconds) = isoTime(text) else { throw SinceError(value: text) }
        return AuditLog.timestamp(seconds: seconds, milliseconds: milliseconds)
    }

    /// `since(_:now:)` against the system clock.
    public static func since(_ text: String) throws(SinceError) -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return try since(text, now: Int64(ts.tv_sec))
    }

    /// `30m` → 1800: a positive number and one unit of s, m, h, d or w.
    static func age(_ text: String) -> Int64? {
        guard let unit = text.last, let n = Int64(text.dropLast()), n >= 0, n < 1 << 32 else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86400
        case "w": return n * 7 * 86400
        default: return nil
        }
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH:MM|±HHMM]` as seconds since the epoch and milliseconds.
    static func isoTime(_ text: String) -> (Int64, Int)? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int64? {
            guard i + count <= b.count else { return nil }
            var value: Int64 = 0
            for k in i..<(i + count) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                value = value * 10 + Int64(b[k] - 0x30)
            }
            i += count
            return value
        }
        func take(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), take(0x2D), let month = digits(2), take(0x2D), let day = digits(2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = daysFromCivil(year: year, month: month, day: day) * 86400
        var milliseconds = 0
        if i == b.count { return (seconds, 0) }
        guard take(0x54) || take(0x20), let hour = digits(2), take(0x3A), let minute = digits(2), hour < 24,
            minute < 60
        else { return nil }
        seconds += hour * 3600 + minute * 60
        if take(0x3A) {
            guard let second = digits(2), second < 61 else { return nil }
            seconds += second
            if take(0x2E) || take(0x2C) {
                var scale = 100
                var any = false
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    milliseconds += Int(b[i] - 0x30) * scale
                    scale /= 10
                    any = true
                    i += 1
                }
                guard any else { return nil }
            }
        }
        if i == b.count { return (seconds, milliseconds) }
        if take(0x5A) { return i == b.count ? (seconds, milliseconds) : nil }
        guard i < b.count, b[i] == 0x2B || b[i] == 0x2D else { return nil }
        let sign: Int64 = b[i] == 0x2B ? 1 : -1
        i += 1
        guard let offsetHours = digits(2), offsetHours < 24 else { return nil }
        _ = take(0x3A)
        guard let offsetMinutes = digits(2), offsetMinutes < 60, i == b.count else { return nil }
        // 10:05+01:00 is 09:05 UTC.
        seconds -= sign * (offsetHours * 3600 + offsetMinutes * 60)
        return (seconds, milliseconds)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`, the inverse of
    /// what `AuditLog.timestamp` does).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
