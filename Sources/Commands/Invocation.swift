import Base
public import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a command gets from the process, read once in `main` and passed down as values, so
/// commands never read globals and tests can run them with any environment.
public struct Invocation: Sendable {
    public var arguments: [String]
    public var environment: [String: String]
    /// The process's working directory, absolute.
    public var currentDirectory: String

    public init(arguments: [String], environment: [String: String], currentDirectory: String) {
        self.arguments = arguments
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// Whether stdout is a terminal (asked when needed: the agent hook never needs it).
    public var stdoutIsTerminal: Bool { isatty(1) == 1 }
    /// Whether stdin is a terminal: nobody is piping anything in.
    public var stdinIsTerminal: Bool { isatty(0) == 1 }

    public static func current() -> Invocation {
        Invocation(
            arguments: CommandLine.arguments, environment: FileSystem.environmentDictionary(),
            currentDirectory: FileSystem.currentDirectory())
    }

    /// Colour is for people at a terminal, and never when `NO_COLOR` is set to anything non-empty.
    public var useColour: Bool { stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty }

    /// `path` made absolute against the process's directory and normalised, without touching the disk.
    public func absolute(_ path: String) -> String {
        Path.absolute(path, relativeTo: currentDirectory)
    }
}

/// Writes to stdout and stderr with `write(2)`: no buffering to flush before `exit` or `execv`.
public enum Output {
    public static func out(_ text: String) { write(1, text + "\n") }
    public static func err(_ text: String) { write(2, text + "\n") }

    /// Writes all of `text` to `fd`; a closed pipe ends the attempt.
    public static func write(_ fd: Int32, _ text: String) {
        guard !text.isEmpty else { return }
        write(fd, bytes: Array(text.utf8))
    }

    /// Writes all of `bytes` to `fd` without allocating; a closed pipe ends the attempt.
    public static func write(_ fd: Int32, bytes: [UInt8]) {
        try? FileDescriptor(rawValue: fd).writeAll(bytes)
    }

    /// All of stdin, keeping at most `limit` bytes but reading on to the end regardless: a
    /// writer (an agent, git) that fills a pipe nobody drains would block or fail with `EPIPE`.
    public static func readStandardInput(limit: Int) -> [UInt8] {
        let (kept, firstEnded, _) = FileSystem.readDescriptor(0, initialCapacity: 1 << 16, keep: limit)
        var ended = firstEnded
        while !ended {
            let more = FileSystem.readDescriptor(0, initialCapacity: 1 << 16, keep: 1 << 16)
            ended = more.1 || more.0.isEmpty
        }
        return kept
    }
}
