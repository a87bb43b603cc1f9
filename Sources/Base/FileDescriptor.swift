#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor, as swift-system's `FileDescriptor`: a plain number, not an owner.
///
/// Whoever opened it closes it (`close()`), once; the methods only wrap the system calls with
/// the retry on `EINTR` and `Errno` errors.
public struct FileDescriptor: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static var standardInput: FileDescriptor { FileDescriptor(rawValue: 0) }
    public static var standardOutput: FileDescriptor { FileDescriptor(rawValue: 1) }
    public static var standardError: FileDescriptor { FileDescriptor(rawValue: 2) }

    /// Reads at most `buffer.count` bytes into `buffer` (wraps `read(2)`); 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try retryingOnInterrupt { systemRead(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Writes all of `bytes` (wraps `write(2)`, repeated after a short write).
    public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
        var written = 0
        while written < bytes.count {
            written += try retryingOnInterrupt {
                systemWrite(rawValue, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            }
        }
    }

    /// Writes all of `bytes` (wraps `write(2)`, repeated after a short write).
    public func writeAll(_ bytes: [UInt8]) throws(Errno) {
        // Not `withUnsafeBytes { try writeAll($0) }`: that closure cannot throw a typed error.
        var failure: Errno?
        bytes.withUnsafeBytes { buffer in
            do throws(Errno) { try writeAll(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Closes the descriptor (wraps `close(2)`); not retried on `EINTR`, after which Linux has
    /// already closed it and a retry could close a descriptor another thread just opened.
    public func close() {
        _ = systemClose(rawValue)
    }
}

// The C functions under names that the methods above do not shadow.

func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
        Darwin.read(fd, buffer, count)
    #elseif canImport(Musl)
        Musl.read(fd, buffer, count)
    #else
        Glibc.read(fd, buffer, count)
    #endif
}

func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
        Darwin.write(fd, buffer, count)
    #elseif canImport(Musl)
        Musl.write(fd, buffer, count)
    #else
        Glibc.write(fd, buffer, count)
    #endif
}

func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Darwin)
        Darwin.close(fd)
    #elseif canImport(Musl)
        Musl.close(fd)
    #else
        Glibc.close(fd)
    #endif
}
