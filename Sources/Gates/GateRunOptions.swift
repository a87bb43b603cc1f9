#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a gate run behaves: the stage, parallelism, caching, limits and the environment.
public struct GateRunOptions: Sendable {
    /// The stage the gates run for; picks each gate's command variant and the findings' checkpoint.
    public var stage: String
    /// How many gates run at once; default the online cores (`sysconf(_SC_NPROCESSORS_ONLN)`).
    public var jobs: Int
    /// After a required gate fails, start no further gate (running ones finish).
    public var failFast: Bool
    /// Run every gate even when the cache holds a green result for its inputs.
    public var noCache: Bool
    /// Run a gate whose files have unstaged changes, or whose folder has untracked files, in a
    /// temporary checkout of the index, so that it sees exactly what is committed. Default: at
    /// `pre-commit`.
    public var stagedSafe: Bool
    /// A gate's time limit when its spec sets none.
    public var defaultTimeout: Duration
    /// Between SIGTERM and SIGKILL to a gate's process group (timeout or interrupt).
    public var killGrace: Duration
    /// How many bytes of a gate's output are kept (the last ones).
    public var outputLimit: Int
    /// Bytes the file arguments of one command run may take (each path's bytes, its NUL and a
    /// pointer); nil: `sysconf(_SC_ARG_MAX)` minus the environment, the command and a margin.
    public var argumentLimit: Int?
    /// The environment gates run with (each gate's `env` on top); `WARD_SKIP` is read from it.
    public var environment: [String: String]
    /// Stops the run (signals, or a caller's `trigger()`); nil: nothing stops it.
    public var interruption: GateInterruption?
    /// Shows what runs while it runs (a live line on a terminal, plain lines elsewhere); nil: nothing.
    public var progress: GateProgress?

    public init(
        stage: String, jobs: Int? = nil, failFast: Bool = false, noCache: Bool = false, stagedSafe: Bool? = nil,
        defaultTimeout: Duration = .seconds(600), killGrace: Duration = .seconds(2), outputLimit: Int = 1 << 20,
        argumentLimit: Int? = nil, environment: [String: String], interruption: GateInterruption? = nil,
        progress: GateProgress? = nil
    ) {
        self.stage = stage
        self.jobs = max(1, jobs ?? Self.onlineCores)
        self.failFast = failFast
        self.noCache = noCache
        self.stagedSafe = stagedSafe ?? (stage == "pre-commit")
        self.defaultTimeout = defaultTimeout
        self.killGrace = killGrace
        self.outputLimit = outputLimit
        self.argumentLimit = argumentLimit
        self.environment = environment
        self.interruption = interruption
        self.progress = progress
    }

    /// The online processors, at least 1.
    public static var onlineCores: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
