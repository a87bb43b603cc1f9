#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A C library error number with its text, as swift-system's `Errno`: the value a failed
/// system call leaves in `errno`, carried as a Swift error.
///
/// The text comes from `strerror(3)` when the error is described, not when it is made, so
/// carrying one costs nothing on a path where the error is handled (`EEXIST`, `ENOENT`).
public struct Errno: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
    /// The C code (`EACCES`, `ENOENT`, …).
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The calling thread's `errno`, read now: call it right after the failed call.
    public static var current: Errno { Errno(rawValue: errno) }

    /// The C library's message (`strerror(3)`): `Permission denied`.
    public var description: String {
        guard let text = strerror(rawValue) else { return "error \(rawValue)" }
        return String(cString: text)
    }

    /// `EINTR`: a signal arrived before the call finished; the call may simply be repeated.
    public static var interrupted: Errno { Errno(rawValue: EINTR) }
    /// `EAGAIN`: a non-blocking call would have blocked.
    public static var wouldBlock: Errno { Errno(rawValue: EAGAIN) }
    /// `ENOENT`: no such file or directory.
    public static var noSuchFileOrDirectory: Errno { Errno(rawValue: ENOENT) }
    /// `EEXIST`: the file exists.
    public static var fileExists: Errno { Errno(rawValue: EEXIST) }
    /// `ESRCH`: no such process.
    public static var noSuchProcess: Errno { Errno(rawValue: ESRCH) }
    /// `ECHILD`: no such child process.
    public static var noChildProcess: Errno { Errno(rawValue: ECHILD) }
}

/// Calls `body`, a system call that returns -1 and sets `errno` when it fails, again for as long
/// as it fails with `EINTR`; returns its result or throws the `errno` of any other failure.
///
/// The one place that retries an interrupted call: a signal handler installed by anyone in the
/// process (the hook watchdog, a debugger) can interrupt `read`, `write`, `waitpid` or `flock`
/// at any time, and each of them is safe to repeat.
///
///     let n = try retryingOnInterrupt { read(fd, buffer, count) }
@inlinable
public func retryingOnInterrupt<Result: FixedWidthInteger & SignedInteger>(_ body: () -> Result) throws(Errno) -> Result
{
    while true {
        let result = body()
        if result != -1 { return result }
        let error = Errno.current
        if error != .interrupted { throw error }
    }
}
