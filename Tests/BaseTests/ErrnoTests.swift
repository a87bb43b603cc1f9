import Base
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct ErrnoTests {
    @Test func describesItselfWithTheCLibrarysText() {
        #expect(Errno(rawValue: ENOENT).description == "No such file or directory")
        #expect("\(Errno(rawValue: EACCES))" == "Permission denied")
        #expect(Errno.noSuchFileOrDirectory == Errno(rawValue: ENOENT))
    }

    @Test func readsTheCurrentErrnoAfterAFailedCall() {
        #expect(access("/nonexistent-\(getpid())/x", F_OK) == -1)
        #expect(Errno.current == .noSuchFileOrDirectory)
    }

    @Test func retriesOnlyInterruptedCalls() throws {
        var calls = 0
        let value = try retryingOnInterrupt { () -> Int32 in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 7
        }
        #expect(value == 7)
        #expect(calls == 3)

        calls = 0
        #expect(throws: Errno(rawValue: EBADF)) {
            try retryingOnInterrupt { () -> Int in
                calls += 1
                errno = EBADF
                return -1
            }
        }
        #expect(calls == 1)
    }

    @Test func writesAndReadsThroughAPipe() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let reader = FileDescriptor(rawValue: fds[0])
        let writer = FileDescriptor(rawValue: fds[1])
        defer { reader.close() }
        try writer.writeAll(Array("hello".utf8))
        writer.close()
        var buffer = [UInt8](repeating: 0, count: 16)
        let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
        #expect(Array(buffer[..<n]) == Array("hello".utf8))
        #expect(throws: Errno(rawValue: EBADF)) { try FileDescriptor(rawValue: -1).writeAll([1]) }
    }
}
