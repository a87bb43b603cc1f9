import Base
public import Commands

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a person sees while gates run, on standard error: on a terminal one status line,
/// redrawn in place, naming each running gate and how long it has run (a gate that fails is
/// announced above it at once); in CI and pipes a plain
/// line when a gate starts and one when it ends, never a control character. Gate output is not
/// shown here: it stays grouped per gate in the report printed after the run.
///
/// The scheduler calls it from one thread; the lock only makes the class `Sendable`.
public final class GateProgress: @unchecked Sendable {
    /// How progress is shown.
    public enum Mode: String, Sendable, CaseIterable {
        /// One line redrawn in place (a terminal).
        case live
        /// A line per gate start and end (CI logs, pipes, files).
        case plain
        /// Nothing.
        case off
    }

    public let mode: Mode
    /// Columns the live line may take (it is cut to fit, so it never wraps).
    public let width: Int
    private let write: @Sendable (String) -> Void
    private let lock = Lock()
    private var running: [(name: String, since: ContinuousClock.Instant)] = []
    private var done = 0
    private var total = 0
    private var shown = false

    /// `write` receives text exactly as it goes to the terminal (no newline added).
    public init(mode: Mode, width: Int = 80, write: @escaping @Sendable (String) -> Void) {
        self.mode = mode
        self.width = max(20, width)
        self.write = write
    }

    /// Progress on standard error, in `mode` or, for `nil`, the one the process's situation
    /// calls for: `live` on a terminal that can redraw (`TERM` not `dumb`) outside CI (`CI`
    /// unset), else `plain`.
    public static func standardError(mode: Mode?, environment: [String: String]) -> GateProgress {
        let terminal = isatty(2) == 1
        let chosen =
            mode
            ?? (terminal && environment["TERM"] != "dumb" && (environment["CI"] ?? "").isEmpty ? .live : .plain)
        var size = winsize()
        let columns = terminal && ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        return GateProgress(mode: chosen, width: columns) { Output.write(2, $0) }
    }

    /// How often the live line wants redrawing while gates run; nil when nothing is redrawn.
    var tickInterval: Duration? { mode == .live ? .milliseconds(200) : nil }

    /// The run begins: `total` gates, of which `decided` are already settled without running.
    func begin(total: Int, decided: Int) {
        lock.withLock {
            self.total = total
            done = decided
        }
    }

    /// A gate's command started.
    func started(_ name: String, files: Int, takesFiles: Bool, at now: ContinuousClock.Instant) {
        lock.withLock {
            running.append((name, now))
            switch mode {
            case .plain: write(Self.startLine(name, files: files, takesFiles: takesFiles) + "\n")
            case .live: redraw(now)
            case .off: break
            }
        }
    }

    /// A gate is settled: it ran, or was cached or skipped by the scheduler.
    func finished(_ result: GateResult, ran: Bool, at now: ContinuousClock.Instant) {
        lock.withLock {
            running.removeAll { $0.name == result.name }
            done += 1
            switch mode {
            case .plain where ran: write(Self.endLine(result) + "\n")
            case .live:
                // A failure stays on screen above the line, so it is seen while the rest runs.
                if ran, result.status.isFailure { write("\r\u{1B}[K" + Self.endLine(result) + "\n") }
                redraw(now)
            default: break
            }
        }
    }

    /// Time passed: redraw the running times.
    func tick(at now: ContinuousClock.Instant) {
        lock.withLock { if mode == .live, !running.isEmpty { redraw(now) } }
    }

    /// The run is over: the live line is wiped, so the report starts on a clean line.
    func end() {
        lock.withLock {
            if shown { write("\r\u{1B}[K") }
            shown = false
        }
    }

    private func redraw(_ now: ContinuousClock.Instant) {
        let line = Self.statusLine(
            running: running.map { ($0.name, now - $0.since) }, done: done, total: total, width: width)
        write("\r\u{1B}[K" + line)
        shown = true
    }

    /// The live line: `ward: 2 of 5 done · running lint 1.2s, test 12.0s`, cut to `width - 1`
    /// columns with `…` so the terminal never wraps it (a wrapped line cannot be redrawn).
    public static func statusLine(running: [(String, Duration)], done: Int, total: Int, width: Int) -> String {
        var line = "ward: \(done) of \(total) done"
        if !running.isEmpty {
            line += " · running " + running.map { "\($0.0) \(elapsed($0.1))" }.joined(separator: ", ")
        }
        let limit = max(1, width - 1)
        guard line.count > limit else { return line }
        return String(line.prefix(limit - 1)) + "…"
    }

    /// The plain line when a gate starts: `ward: gate lint started (12 files)`, or `(whole
    /// tree)` for a gate without `{files}`.
    public static func startLine(_ name: String, files: Int, takesFiles: Bool) -> String {
        let what = takesFiles ? "\(files) file\(files == 1 ? "" : "s")" : "whole tree"
        return "ward: gate \(name) started (\(what))"
    }

    /// The plain line when a gate that ran ends: `ward: gate lint passed in 1.23s`, with the
    /// exit code of a failure.
    public static func endLine(_ result: GateResult) -> String {
        var line = "ward: gate \(result.name) \(result.status.word) in \(elapsed(result.duration, digits: 2))"
        if result.status == .failed, let code = result.exitCode { line += " (exit \(code))" }
        if result.status.isFailure, !result.required { line += ", advisory" }
        return line
    }

    /// `0.4s`, `12.0s`, `1m05s`, `1h02m`: tenths below a minute (hundredths with `digits: 2`).
    public static func elapsed(_ duration: Duration, digits: Int = 1) -> String {
        let (seconds, attoseconds) = duration.components
        if seconds >= 3600 { return "\(seconds / 3600)h" + twoDigits((seconds % 3600) / 60) + "m" }
        if seconds >= 60 { return "\(seconds / 60)m" + twoDigits(seconds % 60) + "s" }
        let scale: Int64 = digits >= 2 ? 100 : 10
        let fraction = attoseconds / (1_000_000_000_000_000_000 / scale)
        let text = String(fraction)
        let padded = String(repeating: "0", count: max(0, (digits >= 2 ? 2 : 1) - text.count)) + text
        return "\(seconds).\(padded)s"
    }

    private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
