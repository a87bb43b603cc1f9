#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs work on its own thread and waits for it at most a given time.
///
/// An agent lets a tool call run when its hook times out, so ward answers before the agent's
/// timeout even when evaluation hangs (a slow disk, a pathological command line): the caller
/// gets nil and denies. The worker is detached and ends with the process. Built on pthreads
/// (`pthread_create(3)`, `pthread_cond_timedwait(3)` on `CLOCK_MONOTONIC`) because Foundation's
/// `Thread` and Dispatch are not on the hook path.
final class Deadline<Value: Sendable>: ThreadBody, @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var value: Value?
    private var work: (@Sendable (Deadline<Value>) -> Value)?
    /// Something the worker learnt on the way (where the repository is), for the caller to use
    /// when the deadline expires.
    private var progressNote: (any Sendable)?

    /// Worker stack: the parser recurses; give it room beyond the 8 MiB a main thread has.
    static var stackSize: Int { 64 << 20 }

    private init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        #if !canImport(Darwin)
            pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    enum Result {
        case finished(Value)
        case expired(progress: (any Sendable)?)
        /// The thread could not be started (`errno`-style code).
        case failedToStart(Int32)
    }

    /// Runs `work` on a new thread; returns its value, or `.expired` after `milliseconds`.
    static func run(milliseconds: Int, _ work: @escaping @Sendable (Deadline<Value>) -> Value) -> Result {
        let job = Deadline<Value>()
        job.work = work
        let code = startDetachedThread(job, stackSize: stackSize)
        if code != 0 { return .failedToStart(code) }
        return job.wait(milliseconds: milliseconds)
    }

    /// Records what the worker has learnt so far, for `.expired`.
    func note(_ progress: any Sendable) {
        pthread_mutex_lock(mutex)
        progressNote = progress
        pthread_mutex_unlock(mutex)
    }

    func execute() {
        pthread_mutex_lock(mutex)
        let work = self.work
        self.work = nil
        pthread_mutex_unlock(mutex)
        guard let work else { return }
        let result = work(self)
        pthread_mutex_lock(mutex)
        value = result
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    private func wait(milliseconds: Int) -> Result {
        var now = timespec()
        #if canImport(Darwin)
            clock_gettime(CLOCK_REALTIME, &now)
        #else
            clock_gettime(CLOCK_MONOTONIC, &now)
        #endif
        let total = Int(now.tv_nsec) + (milliseconds % 1000) * 1_000_000
        var end = timespec()
        end.tv_sec = now.tv_sec + time_t(milliseconds / 1000 + total / 1_000_000_000)
        end.tv_nsec = Int(total % 1_000_000_000)
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while value == nil {
            let code = pthread_cond_timedwait(condition, mutex, &end)
            if code == ETIMEDOUT { break }
        }
        if let value { return .finished(value) }
        return .expired(progress: progressNote)
    }
}

/// Something a new thread runs.
protocol ThreadBody: AnyObject {
    func execute()
}

/// Holds the body while the thread starts; the thread takes ownership.
private final class ThreadStart {
    let body: any ThreadBody
    init(_ body: any ThreadBody) { self.body = body }
}

/// Starts a detached thread running `body.execute()` (wraps `pthread_create(3)`); 0 or the error code.
private func startDetachedThread(_ body: any ThreadBody, stackSize: Int) -> Int32 {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, stackSize)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    let context = Unmanaged.passRetained(ThreadStart(body)).toOpaque()
    #if canImport(Darwin)
        var thread: pthread_t?
    #else
        var thread = pthread_t()
    #endif
    let code = pthread_create(
        &thread, &attributes,
        { context in
            guard let context else { return nil }
            let start = Unmanaged<ThreadStart>.fromOpaque(context).takeRetainedValue()
            start.body.execute()
            return nil
        }, context)
    if code != 0 { Unmanaged<ThreadStart>.fromOpaque(context).release() }
    return code
}
