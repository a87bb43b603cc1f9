#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What to run, and how: argv, environment and working directory as values, no shell.
public struct ProcessRequest: Sendable {
    /// Where the child's standard input comes from.
    public enum Input: Sendable, Equatable {
        /// `/dev/null`: the child reads end of file at once.
        case null
        /// The parent's own standard input.
        case inherit
        /// These bytes, then end of file.
        case bytes([UInt8])
    }

    /// Where one of the child's output streams goes.
    public enum Output: Sendable, Equatable {
        /// Into `ProcessOutcome.standardOutput`/`standardError`.
        case capture
        /// Straight to the parent's own descriptor (streamed, not kept).
        case inherit
        /// `/dev/null`.
        case discard
        /// For standard error only: into the same pipe as standard output, in the order written
        /// (`2>&1`); `ProcessOutcome.standardError` stays empty.
        case standardOutput
    }

    /// The program: a path when it contains `/`, else a name looked up in `environment`'s `PATH`.
    public var executable: String
    /// The arguments after the program's name (`argv[1...]`).
    public var arguments: [String]
    /// The child's whole environment; nothing of the parent's is added.
    public var environment: [String: String]
    /// Where the child starts; nil for the parent's working directory.
    public var workingDirectory: String?
    public var standardInput: Input
    public var standardOutput: Output
    public var standardError: Output
    /// How long the child may run; when it passes, its whole process group is sent `SIGTERM`,
    /// then `SIGKILL` after `killGrace`. Nil for no limit.
    public var timeout: Duration?
    /// How long the group has between `SIGTERM` and `SIGKILL`.
    public var killGrace: Duration
    /// A descriptor that becomes readable to stop the child early (the read end of a pipe a
    /// signal handler writes to): its group is then killed as at the timeout, `SIGTERM` then
    /// `SIGKILL`, and the outcome says `cancelled`. The runner only polls it, never reads or
    /// closes it, so one descriptor can stop every child of a process at once. Nil for none.
    public var cancellation: Int32?
    /// Keep at most the last this many bytes of each captured stream (a gate that writes
    /// gigabytes costs no more memory than this); what is dropped is counted in
    /// `ProcessOutcome.discardedBytes`. Nil keeps everything.
    public var captureLimit: Int?

    public init(
        executable: String, arguments: [String] = [], environment: [String: String],
        workingDirectory: String? = nil, standardInput: Input = .null, standardOutput: Output = .capture,
        standardError: Output = .capture, timeout: Duration? = nil, killGrace: Duration = .seconds(2),
        cancellation: Int32? = nil, captureLimit: Int? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timeout = timeout
        self.killGrace = killGrace
        self.cancellation = cancellation
        self.captureLimit = captureLimit.map { max(0, $0) }
    }
}

/// How a child ended and what it wrote.
public struct ProcessOutcome: Sendable, Equatable {
    /// How the child process ended.
    public enum Termination: Sendable, Equatable {
        /// It called `exit` with this status.
        case exited(Int32)
        /// A signal (`SIGKILL`, …) ended it.
        case signaled(Int32)
    }

    public var termination: Termination
    /// What it wrote to standard output, when captured.
    public var standardOutput: [UInt8]
    /// What it wrote to standard error, when captured.
    public var standardError: [UInt8]
    /// Whether the timeout passed and the process group was killed.
    public var timedOut: Bool
    /// Whether the request's `cancellation` descriptor became readable and the group was killed.
    public var cancelled: Bool
    /// Bytes written to the captured streams but not kept, beyond the request's `captureLimit`.
    public var discardedBytes: Int

    public init(
        termination: Termination, standardOutput: [UInt8], standardError: [UInt8], timedOut: Bool,
        cancelled: Bool = false, discardedBytes: Int = 0
    ) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timedOut = timedOut
        self.cancelled = cancelled
        self.discardedBytes = discardedBytes
    }

    /// Exited with status 0 before the timeout and was not cancelled.
    public var succeeded: Bool { termination == .exited(0) && !timedOut && !cancelled }
}

/// Runs a child process with `posix_spawn(3)` (no shell) in a process group of its own, feeds
/// its input, collects its output and enforces a timeout on the whole group.
///
/// The group is what a timeout kills: a test runner's or a build's grandchildren die with it
/// instead of holding the output pipes open or running on. The runner keeps no state and touches
/// no process-wide setting (signal dispositions, the working directory, the environment), so
/// several threads may run children at once. While it writes the child's input it blocks
/// `SIGPIPE` on the calling thread only, so a child that exits without reading its input does
/// not kill the parent.
///
/// Output is read until every captured stream reaches its end, then the child is reaped: a
/// grandchild that keeps the child's output open keeps `run` waiting, up to the timeout.
public struct ProcessRunner: Sendable {
    public init() {}

    /// Runs `request` to completion; throws when the child cannot be started (`ENOENT` for a
    /// program that is not found, `EACCES`, …) or a pipe cannot be made.
    public func run(_ request: ProcessRequest) throws(Errno) -> ProcessOutcome {
        try run(request, consumingOutput: { _ in })
    }

    /// `run`, handing the captured standard output to `consume` after every read, on this
    /// thread: it may take what it can use from the front of the buffer (records as they arrive)
    /// and leave the rest, which the outcome holds at the end.
    public func run(_ request: ProcessRequest, consumingOutput consume: (inout [UInt8]) -> Void) throws(Errno)
        -> ProcessOutcome
    {
        let path = try resolve(request.executable, environment: request.environment)
        var session = try Session(request)
        defer { session.closeAll() }
        let pid = try session.spawn(path: path, request: request)
        return session.collect(pid: pid, request: request, consume: consume)
    }

    /// The program's path: as given when it contains `/`, else the first executable file of that
    /// name in `PATH` (as `execvp` does, from the request's environment, not the parent's).
    func resolve(_ executable: String, environment: [String: String]) throws(Errno) -> String {
        if executable.contains("/") { return executable }
        guard !executable.isEmpty else { throw Errno(rawValue: ENOENT) }
        let search = environment["PATH"] ?? "/usr/bin:/bin"
        var denied = false
        for dir in search.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + executable
            var st = stat()
            guard stat(candidate, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            if access(candidate, X_OK) == 0 { return candidate }
            denied = true
        }
        throw Errno(rawValue: denied ? EACCES : ENOENT)
    }
}

/// The pipes of one run and the loop that services them.
private struct Session {
    /// Parent ends: stdin writer, stdout reader, stderr reader; -1 when not piped or closed.
    var input: Int32 = -1
    var output: Int32 = -1
    var errorPipe: Int32 = -1
    /// Child ends, closed in the parent once the child is spawned.
    var childEnds: [Int32] = []
    var pendingInput: [UInt8] = []
    var written = 0

    init(_ request: ProcessRequest) throws(Errno) {
        do throws(Errno) {
            if case .bytes(let bytes) = request.standardInput {
                let (read, write) = try makePipe()
                input = write
                childEnds.append(read)
                pendingInput = bytes
                _ = fcntl(write, F_SETFL, fcntl(write, F_GETFL) | O_NONBLOCK)
                #if canImport(Darwin)
                    _ = fcntl(write, F_SETNOSIGPIPE, 1)
                #endif
            }
            if request.standardOutput == .capture {
                let (read, write) = try makePipe()
                output = read
                childEnds.append(write)
            }
            if request.standardError == .capture {
                let (read, write) = try makePipe()
                errorPipe = read
                childEnds.append(write)
            }
        } catch {
            closeAll()
            throw error
        }
    }

    mutating func closeAll() {
        for fd in [input, output, errorPipe] + childEnds where fd >= 0 { _ = systemClose(fd) }
        input = -1
        output = -1
        errorPipe = -1
        childEnds = []
    }

    /// Starts the child in its own process group with its descriptors, signals and directory set up.
    mutating func spawn(path: String, request: ProcessRequest) throws(Errno) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var childIndex = 0
        func nextChildEnd() -> Int32 {
            defer { childIndex += 1 }
            return childEnds[childIndex]
        }
        switch request.standardInput {
        case .null: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .inherit: break
        case .bytes: posix_spawn_file_actions_adddup2(&actions, nextChildEnd(), 0)
        }
        for (stream, fd) in [(request.standardOutput, Int32(1)), (request.standardError, Int32(2))] {
            switch stream {
            case .capture: posix_spawn_file_actions_adddup2(&actions, nextChildEnd(), fd)
            case .inherit: break
            case .discard: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            case .standardOutput: posix_spawn_file_actions_adddup2(&actions, 1, fd)
            }
        }
        if let directory = request.workingDirectory {
            addChdir(&actions, directory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own group (pgid = its pid), a clear signal mask (this thread may block SIGPIPE),
        // and default actions for the signals a parent commonly ignores or catches.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGXFSZ, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGALRM, SIGUSR1, SIGUSR2, SIGCHLD] {
            sigaddset(&defaults, signal)
        }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([request.executable] + request.arguments).map { strdup($0) } + [nil]
        let envp = request.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        for fd in childEnds { _ = systemClose(fd) }
        childEnds = []
        guard code == 0 else { throw Errno(rawValue: code) }
        return pid
    }

    /// Feeds input and reads output until both outputs end, then reaps the child; on the
    /// timeout kills its group, `SIGTERM` then `SIGKILL`.
    mutating func collect(pid: pid_t, request: ProcessRequest, consume: (inout [UInt8]) -> Void) -> ProcessOutcome {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var discarded = 0
        let deadline = request.timeout.map { MonotonicClock.now + $0.nanoseconds }
        let grace = request.killGrace.nanoseconds
        var stage = KillStage.running
        var cancelled = false
        let cancellation = request.cancellation ?? -1
        // Kills the group as the timeout does, once, when the cancellation descriptor is readable.
        func checkCancellation(waiting milliseconds: Int32) {
            guard cancellation >= 0, stage == .running else { return }
            var entry = pollfd(fd: cancellation, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, milliseconds) > 0, entry.revents != 0 else { return }
            _ = kill(-pid, SIGTERM)
            stage = .terminated(since: MonotonicClock.now)
            cancelled = true
        }
        checkCancellation(waiting: 0)
        var sawBrokenPipe = false
        var buffer = [UInt8](repeating: 0, count: 65536)

        // SIGPIPE from writing to a child that stopped reading is directed at this thread;
        // blocked here, and taken back below if one is pending, it never reaches the process.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGPIPE)
        var previousMask = sigset_t()
        var wasPending = false
        let blocksBrokenPipe = input >= 0
        if blocksBrokenPipe {
            pthread_sigmask(SIG_BLOCK, &blocked, &previousMask)
            var pending = sigset_t()
            sigpending(&pending)
            wasPending = sigismember(&pending, SIGPIPE) == 1
        }
        defer {
            if blocksBrokenPipe {
                #if !canImport(Darwin)
                    if sawBrokenPipe, !wasPending {
                        var pending = sigset_t()
                        sigpending(&pending)
                        if sigismember(&pending, SIGPIPE) == 1 {
                            var zero = timespec()
                            _ = sigtimedwait(&blocked, nil, &zero)
                        }
                    }
                #endif
                pthread_sigmask(SIG_SETMASK, &previousMask, nil)
            }
        }
        if input >= 0, pendingInput.isEmpty {
            _ = systemClose(input)
            input = -1
        }

        // Phase 1: service the pipes.
        while input >= 0 || output >= 0 || errorPipe >= 0 {
            var fds: [pollfd] = []
            if input >= 0 { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            if output >= 0 { fds.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
            if errorPipe >= 0 { fds.append(pollfd(fd: errorPipe, events: Int16(POLLIN), revents: 0)) }
            // Watched only until it fires: it stays readable, and the kill stages take over.
            let watchesCancellation = cancellation >= 0 && stage == .running
            if watchesCancellation { fds.append(pollfd(fd: cancellation, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), stage.pollTimeout(deadline: deadline, grace: grace))
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                if stage.advance(pid: pid, deadline: deadline, grace: grace) == .abandon { break }
                continue
            }
            if watchesCancellation, fds[fds.count - 1].revents != 0 {
                checkCancellation(waiting: 0)
                fds.removeLast()
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == input {
                    do throws(Errno) {
                        written += try retryingOnInterrupt {
                            pendingInput.withUnsafeBytes {
                                systemWrite(input, $0.baseAddress.map { $0 + written }, $0.count - written)
                            }
                        }
                        guard written == pendingInput.count else { continue }
                    } catch {
                        if error == .wouldBlock { continue }
                        if error == Errno(rawValue: EPIPE) { sawBrokenPipe = true }
                    }
                    // All written, or the child stopped reading: either way its input ends here.
                    _ = systemClose(input)
                    input = -1
                } else {
                    let n: Int
                    do throws(Errno) {
                        n = try retryingOnInterrupt {
                            buffer.withUnsafeMutableBytes { systemRead(entry.fd, $0.baseAddress, $0.count) }
                        }
                    } catch {
                        if error == .wouldBlock { continue }
                        n = 0
                    }
                    if n == 0 {
                        _ = systemClose(entry.fd)
                        if entry.fd == output { output = -1 } else { errorPipe = -1 }
                    } else if entry.fd == output {
                        stdout.append(contentsOf: buffer[0..<n])
                        if let limit = request.captureLimit { discarded += Self.keepTail(&stdout, limit, slack: true) }
                        consume(&stdout)
                    } else {
                        stderr.append(contentsOf: buffer[0..<n])
                        if let limit = request.captureLimit { discarded += Self.keepTail(&stderr, limit, slack: true) }
                    }
                }
            }
        }
        closeAll()
        if let limit = request.captureLimit {
            discarded += Self.keepTail(&stdout, limit, slack: false) + Self.keepTail(&stderr, limit, slack: false)
        }

        // Phase 2: reap the child, still under the deadline (it may have closed its output and
        // kept running). It is not reaped before this, so its pid, the group's id, cannot be
        // reused while the group may still be signalled.
        var status: Int32 = 0
        while true {
            switch stage {
            case .killed, .abandon:
                // SIGKILL was sent: the child dies without further help.
                if (try? retryingOnInterrupt({ waitpid(pid, &status, 0) })) == nil { status = 0 }
                break
            case .running where deadline == nil && cancellation < 0:
                if (try? retryingOnInterrupt({ waitpid(pid, &status, 0) })) == nil { status = 0 }
                break
            default:
                guard let reaped = try? retryingOnInterrupt({ waitpid(pid, &status, WNOHANG) }) else {
                    status = 0
                    break
                }
                if reaped == pid { break }
                let wait = stage.pollTimeout(deadline: deadline, grace: grace)
                if wait == 0 {
                    _ = stage.advance(pid: pid, deadline: deadline, grace: grace)
                } else if cancellation >= 0 && stage == .running {
                    // Wait on the cancellation descriptor instead of the bare clock.
                    checkCancellation(waiting: wait < 0 ? 10 : min(wait, 10))
                } else {
                    // Nothing to poll but the clock: look at the child at least every 10 ms.
                    _ = poll(nil, 0, wait < 0 ? 10 : min(wait, 10))
                }
                continue
            }
            break
        }
        let signal = status & 0x7f
        let termination: ProcessOutcome.Termination =
            signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
        return ProcessOutcome(
            termination: termination, standardOutput: stdout, standardError: stderr,
            timedOut: stage != .running && !cancelled, cancelled: cancelled, discardedBytes: discarded)
    }

    /// Drops the front of `bytes` beyond its last `limit`; returns how many went. With `slack`
    /// (while reading) it waits until there is as much again to drop, so the copying stays
    /// linear in what the child writes.
    static func keepTail(_ bytes: inout [UInt8], _ limit: Int, slack: Bool) -> Int {
        let extra = bytes.count - limit
        guard extra > 0, !slack || extra >= max(limit, 1 << 16) else { return 0 }
        bytes.removeFirst(extra)
        return extra
    }
}

/// Where a run is on the way from the timeout to `SIGKILL`.
private enum KillStage: Equatable {
    case running
    /// `SIGTERM` sent at this time.
    case terminated(since: Int64)
    /// `SIGKILL` sent at this time.
    case killed(since: Int64)
    /// The group was killed and its output still did not end (a member left the group).
    case abandon

    /// How long `poll` may wait before the next step is due, in milliseconds; -1 for no limit.
    func pollTimeout(deadline: Int64?, grace: Int64) -> Int32 {
        let due: Int64
        switch self {
        case .running:
            guard let deadline else { return -1 }
            due = deadline
        case .terminated(let since), .killed(let since): due = since + grace
        case .abandon: return 0
        }
        let remaining = due - MonotonicClock.now
        if remaining <= 0 { return 0 }
        return Int32(clamping: (remaining + 999_999) / 1_000_000)
    }

    /// Takes the next step when it is due: `SIGTERM` to the group at the deadline, `SIGKILL`
    /// after the grace, then gives up on the output after another grace.
    mutating func advance(pid: pid_t, deadline: Int64?, grace: Int64) -> KillStage {
        guard pollTimeout(deadline: deadline, grace: grace) == 0 else { return self }
        switch self {
        case .running:
            _ = kill(-pid, SIGTERM)
            self = .terminated(since: MonotonicClock.now)
        case .terminated:
            _ = kill(-pid, SIGKILL)
            self = .killed(since: MonotonicClock.now)
        case .killed, .abandon:
            self = .abandon
        }
        return self
    }
}

/// The monotonic clock in nanoseconds (`clock_gettime(CLOCK_MONOTONIC)`).
private enum MonotonicClock {
    static var now: Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        return product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}

/// A pipe whose both ends close on `exec`, so that children spawned by other threads at the
/// same time do not inherit them (`pipe2(2)`; `pipe` then `fcntl` where there is no `pipe2`).
private func makePipe() throws(Errno) -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    #if canImport(Darwin)
        guard pipe(&fds) == 0 else { throw Errno.current }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    #else
        guard pipe2(&fds, O_CLOEXEC) == 0 else { throw Errno.current }
    #endif
    return (fds[0], fds[1])
}

#if canImport(Glibc) || canImport(Musl)
    // glibc and musl declare these only for _GNU_SOURCE, which the Swift module of the C library
    // is not built with; they are in the library all the same (glibc 2.29, musl 1.1.24).
    @_extern(c, "pipe2")
    private func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

    @_extern(c, "posix_spawn_file_actions_addchdir_np")
    private func posixSpawnFileActionsAddChdir(
        _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>
    ) -> Int32

    private func addChdir(_ actions: inout posix_spawn_file_actions_t, _ path: String) {
        _ = posixSpawnFileActionsAddChdir(&actions, path)
    }
#else
    private func addChdir(_ actions: inout posix_spawn_file_actions_t, _ path: String) {
        _ = posix_spawn_file_actions_addchdir_np(&actions, path)
    }
#endif
