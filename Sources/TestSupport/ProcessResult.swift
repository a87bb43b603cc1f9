import Foundation

/// What a finished process printed and how it ended.
public struct ProcessResult: Sendable, Equatable {
    /// The exit status; 128 + the signal number when a signal ended it, as shells report it.
    public var status: Int32
    /// Standard output as text (invalid UTF-8 repaired).
    public var stdout: String
    /// Standard error as text (invalid UTF-8 repaired).
    public var stderr: String
    /// Standard output byte for byte, for tests of strict output formats.
    public var stdoutBytes: [UInt8]

    public init(status: Int32, stdout: String, stderr: String, stdoutBytes: [UInt8]) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutBytes = stdoutBytes
    }
}

/// Runs a program to completion and returns its status and output.
///
/// `executable` is a path, or a name looked up in the `PATH` of `environment` (or of this
/// process). `environment` nil inherits this process's environment; pass a dictionary to run
/// with exactly that. `stdin` is fed from a file, and stdout and stderr go to files, so a child
/// that prints a lot or never reads its input cannot deadlock the test or kill it with SIGPIPE.
/// A process still running after `timeout` seconds is killed and reported as an error.
public func runProcess(
    _ executable: String, _ args: [String], cwd: String, environment: [String: String]? = nil, stdin: [UInt8] = [],
    timeout: Double = 120
) throws -> ProcessResult {
    let env = environment ?? ProcessInfo.processInfo.environment
    let path = try resolveExecutable(executable, searchPath: env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
    let scratch = try TemporaryDirectory(prefix: "ward-process")
    let inPath = scratch.appending("stdin")
    let outPath = scratch.appending("stdout")
    let errPath = scratch.appending("stderr")
    guard FileManager.default.createFile(atPath: inPath, contents: Data(stdin)),
        FileManager.default.createFile(atPath: outPath, contents: nil),
        FileManager.default.createFile(atPath: errPath, contents: nil),
        let input = FileHandle(forReadingAtPath: inPath), let output = FileHandle(forWritingAtPath: outPath),
        let errors = FileHandle(forWritingAtPath: errPath)
    else {
        throw TestSupportError("cannot create the output files for \(executable) in \(scratch.path)")
    }
    defer {
        try? input.close()
        try? output.close()
        try? errors.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = args
    process.currentDirectoryURL = URL(fileURLWithPath: cwd)
    process.environment = env
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    do {
        try process.run()
    } catch {
        throw TestSupportError("cannot run \(path) in \(cwd): \(error)")
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning {
        if Date() > deadline {
            process.terminate()
            process.waitUntilExit()
            throw TestSupportError(
                "\(executable) \(args.joined(separator: " ")) still running after \(timeout) s; killed")
        }
        usleep(500)
    }
    process.waitUntilExit()
    let outBytes = [UInt8](FileManager.default.contents(atPath: outPath) ?? Data())
    let errBytes = [UInt8](FileManager.default.contents(atPath: errPath) ?? Data())
    let status =
        process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return ProcessResult(
        status: status, stdout: String(decoding: outBytes, as: UTF8.self),
        stderr: String(decoding: errBytes, as: UTF8.self), stdoutBytes: outBytes)
}

/// `name` when it contains a slash, else the first executable `PATH` entry of that name.
func resolveExecutable(_ name: String, searchPath: String) throws -> String {
    if name.contains("/") { return name }
    for dir in searchPath.split(separator: ":") where !dir.isEmpty {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw TestSupportError("\(name) not found in PATH \(searchPath)")
}
