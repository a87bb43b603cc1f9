import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a command gets from the process, read once in `main` and passed down as values.
struct Invocation {
    var arguments: [String]
    var environment: [String: String]
    /// The process's working directory, absolute.
    var currentDirectory: String

    static func current() -> Invocation {
        Invocation(
            arguments: CommandLine.arguments, environment: FileSystem.environmentDictionary(),
            currentDirectory: FileSystem.currentDirectory())
    }
}

/// Writes to stdout and stderr with `write(2)`: no buffering to flush before `exit` or `execv`.
enum Output {
    static func out(_ text: String) { write(1, text + "\n") }
    static func err(_ text: String) { write(2, text + "\n") }

    /// Writes all of `text` to `fd`, retrying on `EINTR`; a closed pipe ends the attempt.
    static func write(_ fd: Int32, _ text: String) {
        guard !text.isEmpty else { return }
        write(fd, bytes: Array(text.utf8))
    }

    /// Writes all of `bytes` to `fd` without allocating, retrying on `EINTR`; a closed pipe ends
    /// the attempt.
    static func write(_ fd: Int32, bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                #if canImport(Glibc)
                    return Glibc.write(fd, base + done, bytes.count - done)
                #elseif canImport(Musl)
                    return Musl.write(fd, base + done, bytes.count - done)
                #else
                    return Darwin.write(fd, base + done, bytes.count - done)
                #endif
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }
}
