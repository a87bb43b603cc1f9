#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One POSIX thread that runs one closure (`pthread_create`), joined by its owner or at `deinit`.
///
/// Gates block their thread in `poll` and `waitpid` for as long as the gate runs, so they do
/// not run as Swift concurrency tasks: the cooperative pool has one thread per core, and `jobs`
/// blocked gates may exceed it. No Dispatch either: the front binary stays free of it.
public final class WorkerThread {
    #if canImport(Darwin)
        private var thread: pthread_t?
    #else
        private var thread = pthread_t()
    #endif
    private var joined = false

    /// Starts `body` on a new thread.
    public init(_ body: @escaping @Sendable () -> Void) throws(Errno) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        let code = pthread_create(&thread, nil, workerThreadMain, box)
        guard code == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            joined = true
            throw Errno(rawValue: code)
        }
    }

    /// Waits for the thread to end.
    public func join() {
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

/// `transform` applied to every element, on up to `threads` threads (the caller's among them),
/// results in the order of `items`. Pure work only: `transform` must not touch state that is
/// not thread-safe. Runs on the caller's thread alone when there is little to share or a
/// thread cannot be started.
public func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], threads: Int = onlineProcessors, minimumPerThread: Int = 32, _ transform: @escaping @Sendable (T) -> R
) -> [R] {
    let count = min(threads, items.count / max(1, minimumPerThread))
    guard count > 1 else { return items.map(transform) }
    let results = ParallelResults<R>(count: items.count)
    let chunk = (items.count + count - 1) / count
    func part(_ index: Int) -> Range<Int> { min(items.count, index * chunk)..<min(items.count, (index + 1) * chunk) }
    var workers: [WorkerThread] = []
    var unstarted: [Int] = []
    for index in 1..<count {
        let range = part(index)
        do {
            workers.append(try WorkerThread { for i in range { results.store(transform(items[i]), at: i) } })
        } catch {
            unstarted.append(index)
        }
    }
    for index in [0] + unstarted {
        for i in part(index) { results.store(transform(items[i]), at: i) }
    }
    for worker in workers { worker.join() }
    return results.values()
}

/// The online processors, at least 1 (`sysconf(_SC_NPROCESSORS_ONLN)`).
public var onlineProcessors: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

/// Slots written by several threads, each slot by exactly one, through a fixed buffer (no
/// array to copy or check for exclusive access); read after every writer was joined.
private final class ParallelResults<R>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<R?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func store(_ value: R, at index: Int) { slots[index] = value }
    /// Every slot's value; each was stored before its writer was joined.
    func values() -> [R] {
        (0..<count).compactMap { slots[$0] }
    }
}
