#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The stop button of a gate run: a pipe that becomes readable, once and for good, when the run
/// must stop (SIGINT, SIGTERM, or `trigger()`).
///
/// Design: every running gate's `ProcessRequest.cancellation` is this pipe's read end, so the
/// thread that owns each child sees it in the `poll` it already waits in, kills the child's
/// process group (SIGTERM, then SIGKILL after the grace) and reaps it itself: no table of pids
/// to signal from elsewhere, and so no signal sent to a pid that was already reaped and reused.
/// The scheduler polls the same descriptor and stops starting gates. The signal handler only
/// `write`s one byte to the pipe (async-signal-safe; errno saved), so it can run on any thread
/// at any moment, and no thread needs a special signal mask: a `sigwait` thread would need
/// SIGINT blocked in every thread, including threads the Swift runtime started before us. The
/// byte is never read, so the pipe stays readable for every poller. One instance handles
/// signals at a time per process (`handleSignals` replaces, `restoreSignals` puts back).
public final class GateInterruption: @unchecked Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32
    private var previous: [(Int32, sigaction)] = []

    public init() throws(GateError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw GateError("cannot make a pipe: errno \(errno)") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        restoreSignals()
        _ = close(readEnd)
        _ = close(writeEnd)
    }

    /// The descriptor to poll: readable once the run must stop.
    public var descriptor: Int32 { readEnd }

    /// Stops the run: as if SIGINT had arrived.
    public func trigger() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Whether the run must stop.
    public var isTriggered: Bool {
        var entry = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0 && entry.revents != 0
    }

    /// Makes `signals` (default SIGINT and SIGTERM) trigger this instance until `restoreSignals()`
    /// or the instance goes away.
    public func handleSignals(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        restoreSignals()
        interruptionDescriptor = writeEnd
        for signal in signals {
            var action = sigaction()
            #if canImport(Darwin)
                action.__sigaction_u.__sa_handler = interruptionHandler
            #else
                action.__sigaction_handler.sa_handler = interruptionHandler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            var old = sigaction()
            if sigaction(signal, &action, &old) == 0 { previous.append((signal, old)) }
        }
        // A parent may start ward with these signals blocked (the mask is inherited across
        // exec: some process launchers and test runners do); blocked, Ctrl-C would never arrive.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Puts back the signal actions `handleSignals` replaced.
    public func restoreSignals() {
        for (signal, old) in previous.reversed() {
            var action = old
            _ = sigaction(signal, &action, nil)
        }
        if !previous.isEmpty, interruptionDescriptor == writeEnd { interruptionDescriptor = -1 }
        previous = []
    }
}

/// The write end the signal handler writes to. Set before the handler is installed and read only
/// by it: a plain global, initialised statically, so the handler touches no lazy initialiser.
nonisolated(unsafe) private var interruptionDescriptor: Int32 = -1

/// The signal handler: one `write`, errno kept (async-signal-safe).
private func interruptionHandler(_ signal: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(interruptionDescriptor, &byte, 1)
    errno = saved
}
