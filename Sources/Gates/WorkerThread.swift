#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One POSIX thread that runs one gate (`pthread_create`, joined by the scheduler).
///
/// A gate blocks its thread in `poll` and `waitpid` for as long as the gate runs, so gates do
/// not run as Swift concurrency tasks: the cooperative pool has one thread per core, and `jobs`
/// blocked gates may exceed it. A thread per running gate is cheap next to the process it waits for.
final class WorkerThread {
    #if canImport(Darwin)
        private var thread: pthread_t?
    #else
        private var thread = pthread_t()
    #endif
    private var joined = false

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () -> Void) throws(GateError) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        let code = pthread_create(&thread, nil, workerThreadMain, box)
        guard code == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            joined = true
            throw GateError("cannot start a thread for a gate (pthread_create: \(code))")
        }
    }

    /// Waits for the thread to end.
    func join() {
        guard !joined else { return }
        joined = true
        #if canImport(Darwin)
            if let thread { pthread_join(thread, nil) }
        #else
            pthread_join(thread, nil)
        #endif
    }

    deinit { join() }

    final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}

#if canImport(Darwin)
    private func workerThreadMain(_ argument: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        Unmanaged<WorkerThread.Body>.fromOpaque(argument).takeRetainedValue().run()
        return nil
    }
#else
    private func workerThreadMain(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
        guard let argument else { return nil }
        Unmanaged<WorkerThread.Body>.fromOpaque(argument).takeRetainedValue().run()
        return nil
    }
#endif
