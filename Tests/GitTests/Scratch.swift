import Foundation

// Test helpers private to GitTests: temporary directories and real repositories made with the
// real `git`. Nothing here changes the process's environment or working directory; every child
// process gets its environment and cwd as values.

/// A temporary directory owned by one test, removed when the value goes away.
final class Scratch {
    /// The directory, with symlinks resolved, so it compares equal to what git and libgit2 report.
    let path: String
    /// `HOME` for child processes: an empty global config, so the user's settings never leak in.
    let home: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "ward-git-tests.XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let made else { throw ScratchError("mkdtemp failed") }
        path = URL(fileURLWithPath: made).resolvingSymlinksInPath().path
        home = path + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The environment children run with: PATH from this process, everything else fixed.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Ward Test", "GIT_AUTHOR_EMAIL": "ward@example.com",
            "GIT_COMMITTER_NAME": "Ward Test", "GIT_COMMITTER_EMAIL": "ward@example.com",
            "LC_ALL": "C",
        ]
        env.merge(extra) { _, new in new }
        return env
    }

    /// Runs `git ARGS` in `directory` (relative to the scratch dir) and returns its trimmed stdout.
    @discardableResult
    func git(_ arguments: String..., in directory: String = "", env: [String: String] = [:]) throws -> String {
        let result = try run("/usr/bin/env", ["git"] + arguments, in: directory, env: env)
        guard result.status == 0 else {
            throw ScratchError("git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ executable: String, _ arguments: [String], in directory: String = "", env: [String: String] = [:])
        throws -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: absolute(directory))
        process.environment = environment(env)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot deadlock the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    func absolute(_ relative: String) -> String {
        relative.isEmpty ? path : relative.hasPrefix("/") ? relative : path + "/" + relative
    }

    func write(_ relative: String, _ text: String) throws {
        let full = absolute(relative)
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: full).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }

    /// Creates an empty file whose name is raw bytes (possibly not UTF-8) inside `directory`.
    func createFile(named bytes: [UInt8], in directory: String) throws {
        let full = Array(absolute(directory).utf8) + [UInt8(ascii: "/")] + bytes + [0]
        let fd = full.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map {
                $0.withMemoryRebound(to: CChar.self, capacity: full.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
            } ?? -1
        }
        guard fd >= 0 else { throw ScratchError("cannot create file") }
        close(fd)
    }

    /// A new repository at `name` on branch `branch`, with one commit per entry of `commits`
    /// (each writes `file.txt`); none leaves HEAD unborn.
    @discardableResult
    func makeRepository(_ name: String = "repo", branch: String = "main", commits: [String] = ["initial"]) throws
        -> String
    {
        try git("init", "-q", "-b", branch, name)
        for (i, message) in commits.enumerated() {
            try write("\(name)/file.txt", "content \(i)\n")
            try git("add", "file.txt", in: name)
            try git("commit", "-q", "-m", message, in: name)
        }
        return absolute(name)
    }
}

struct ScratchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
