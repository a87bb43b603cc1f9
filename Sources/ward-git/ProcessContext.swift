import Glibc

/// What a command gets from the process, read once in `main` and passed down as values, so
/// commands never read globals and tests can run them with any environment.
struct ProcessContext {
    var arguments: [String]
    var environment: [String: String]
    /// The process's working directory, absolute.
    var currentDirectory: String
    var stdoutIsTerminal: Bool
    var stderrIsTerminal: Bool

    static func current() -> ProcessContext {
        var environment: [String: String] = [:]
        var entry: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        while let pointer = entry?.pointee {
            let text = String(cString: pointer)
            if let eq = text.firstIndex(of: "=") {
                environment[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            entry = entry?.successor()
        }
        return ProcessContext(
            arguments: CommandLine.arguments,
            environment: environment,
            currentDirectory: Files.currentDirectory() ?? environment["PWD"] ?? "/",
            stdoutIsTerminal: isatty(1) == 1,
            stderrIsTerminal: isatty(2) == 1)
    }

    /// Colour is for people at a terminal, and never when `NO_COLOR` is set to anything non-empty.
    var useColour: Bool {
        stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    }
}

/// Where output goes; a value so commands can be tested without a terminal.
struct Output {
    var out: (String) -> Void = { Output.write(1, $0 + "\n") }
    var err: (String) -> Void = { Output.write(2, $0 + "\n") }

    /// Writes all of `text` to a file descriptor, unbuffered, so nothing is lost at `exit`.
    static func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
