#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value computed on first use, once, whichever thread asks first.
///
/// For what is costly to find and often not needed: the hooks folder of a repository takes
/// reading three git config files, and only commands that write or delete files need it.
public final class Deferred<Value: Sendable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    // Both guarded by `mutex`.
    private var computed: Value?
    private let compute: @Sendable () -> Value

    public init(_ compute: @escaping @Sendable () -> Value) {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        self.compute = compute
    }

    /// Already known.
    public convenience init(value: Value) {
        self.init { value }
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public var value: Value {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let computed { return computed }
        let result = compute()
        computed = result
        return result
    }
}
