public import Findings

/// How one gate's run ended.
public enum GateStatus: Sendable, Equatable {
    /// Every run of its command exited 0 (a built-in gate: no failing finding).
    case passed
    /// A run exited non-zero or was killed by a signal (a built-in gate: a failing finding).
    case failed
    /// Its timeout passed and its process group was killed.
    case timedOut
    /// Not run, and why: `no matching files`, `WARD_SKIP`, `needs lint, which failed`, …
    case skipped(String)
    /// Not run: a green result for exactly these inputs is in the cache.
    case cached
    /// Stopped by SIGINT/SIGTERM to the runner while it ran.
    case interrupted

    /// The word for tables and JSON: `passed`, `failed`, `timeout`, `skipped`, `cached`, `interrupted`.
    public var word: String {
        switch self {
        case .passed: return "passed"
        case .failed: return "failed"
        case .timedOut: return "timeout"
        case .skipped: return "skipped"
        case .cached: return "cached"
        case .interrupted: return "interrupted"
        }
    }

    /// Whether the gate objects: failed, timed out or was interrupted (a skip is not a failure).
    public var isFailure: Bool {
        switch self {
        case .failed, .timedOut, .interrupted: return true
        case .passed, .cached, .skipped: return false
        }
    }

    /// Whether a gate that `needs` this one may start: it passed, was cached, or was skipped for
    /// a reason that is not a failure upstream.
    var satisfiesNeeds: Bool {
        switch self {
        case .passed, .cached: return true
        case .skipped(let reason): return !reason.hasPrefix(GateResult.needPrefix) && reason != GateResult.notStarted
        case .failed, .timedOut, .interrupted: return false
        }
    }
}

/// What one gate did: status, exit code, duration, its kept output and how many files it got.
public struct GateResult: Sendable, Equatable {
    public var name: String
    public var status: GateStatus
    /// Wall time from the gate's start to its end (zero for a gate that did not run).
    public var duration: Duration
    /// The exit status of the failing run (128 + N for signal N), else 0; nil when nothing ran.
    public var exitCode: Int32?
    /// Standard output and standard error, in order, of every run of the command (the last
    /// `outputLimit` bytes, after a `ward: output truncated` line when there was more); for a
    /// built-in gate, its findings as text.
    public var output: String
    /// How many files the gate got after its `files`/`exclude` filter.
    public var fileCount: Int
    /// Whether a failure stops the commit, push or job (false: advisory).
    public var required: Bool
    /// The findings of a built-in gate (each file and line it objects to); empty for a command.
    public var findings: [Finding]
    /// Whether it ran in a temporary checkout of the index (unstaged or untracked changes touched it).
    public var isolated: Bool

    public init(
        name: String, status: GateStatus, duration: Duration = .zero, exitCode: Int32? = nil, output: String = "",
        fileCount: Int = 0, required: Bool = true, findings: [Finding] = [], isolated: Bool = false
    ) {
        self.name = name
        self.status = status
        self.duration = duration
        self.exitCode = exitCode
        self.output = output
        self.fileCount = fileCount
        self.required = required
        self.findings = findings
        self.isolated = isolated
    }

    /// The prefix of the skip reason of a gate whose need did not pass.
    static let needPrefix = "needs "
    /// The skip reason of a gate never started because of `--fail-fast` or an interrupt.
    static let notStarted = "not started"
}

/// Everything one `ward gate run` did, gates in the order they were given.
public struct GateRunReport: Sendable, Equatable {
    /// The stage the gates ran for (`pre-commit`, `pre-push`, `ci`, `manual`).
    public var stage: String
    public var results: [GateResult]
    /// Whether SIGINT or SIGTERM stopped the run.
    public var interrupted: Bool
    /// Wall time of the whole run.
    public var duration: Duration

    public init(stage: String, results: [GateResult], interrupted: Bool = false, duration: Duration = .zero) {
        self.stage = stage
        self.results = results
        self.interrupted = interrupted
        self.duration = duration
    }

    /// No required gate failed, timed out or was interrupted, and the run was not interrupted.
    public var ok: Bool { !interrupted && !results.contains { $0.required && $0.status.isFailure } }

    /// The gates `WARD_SKIP` skipped, for the caller to print and log.
    public var wardSkips: [String] {
        results.compactMap { result in
            if case .skipped(let reason) = result.status, reason == GateRunner.wardSkipReason { return result.name }
            return nil
        }
    }
}
