import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One test's temporary directory for real repositories made with the git CLI, and the isolated
/// environment every child process runs with.
///
/// The environment is `gitEnvironment(home:)` (fixed author, committer and dates; no system or
/// global config) with `HOME` and `XDG_CONFIG_HOME` inside the directory and
/// `GIT_CEILING_DIRECTORIES` set to it, so git never climbs out of the sandbox into whatever
/// repository the directory lies in. Nothing here changes this process's environment or working
/// directory. Paths given as `relative` are relative to the directory; absolute ones are used as
/// they are. The directory and everything in it are removed when the value goes away.
public final class GitSandbox: Sendable {
    /// The directory, created fresh for this test.
    public let directory: TemporaryDirectory
    /// `HOME` of child processes: `path/home`, empty.
    public let home: String

    /// The directory's absolute, symlink-free path, so it compares equal to what git reports.
    public var path: String { directory.path }

    /// Creates the directory under `base` (default `$TMPDIR`) and its empty `home`.
    public init(prefix: String = "ward-git", base: String? = nil) throws {
        directory = try TemporaryDirectory(prefix: prefix, base: base)
        home = directory.appending("home")
        try FileManager.default.createDirectory(atPath: home + "/.config", withIntermediateDirectories: true)
    }

    /// The environment children run with, plus `extra`.
    public func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = gitEnvironment(home: home)
        env["XDG_CONFIG_HOME"] = home + "/.config"
        env["GIT_CEILING_DIRECTORIES"] = path
        return env.merging(extra) { _, new in new }
    }

    /// `relative` inside the directory (the directory itself for ""), or `relative` when absolute.
    public func absolute(_ relative: String) -> String {
        relative.isEmpty ? path : relative.hasPrefix("/") ? relative : path + "/" + relative
    }

    /// Runs `executable ARGS` in `relative` with `environment(extra)`; the result, failing or not.
    public func run(
        _ executable: String, _ args: [String], in relative: String = "", environment extra: [String: String] = [:],
        stdin: [UInt8] = []
    ) throws -> ProcessResult {
        try runProcess(executable, args, cwd: absolute(relative), environment: environment(extra), stdin: stdin)
    }

    /// Runs `git ARGS` in `relative` and returns its stdout without surrounding whitespace;
    /// throws with git's stderr when it fails.
    @discardableResult
    public func git(_ args: String..., in relative: String = "", environment extra: [String: String] = [:]) throws
        -> String
    {
        let result = try run("git", args, in: relative, environment: extra)
        guard result.status == 0 else {
            throw TestSupportError(
                "git \(args.joined(separator: " ")) in \(absolute(relative)) exited \(result.status): "
                    + result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `text` to `relative`, creating missing folders.
    public func write(_ relative: String, _ text: String) throws {
        guard writeFile(absolute(relative), text) else { throw TestSupportError("cannot write \(absolute(relative))") }
    }

    /// Creates an empty file whose name is raw bytes (not necessarily UTF-8) in the folder
    /// `relative`, creating the folder when missing.
    public func createFile(named name: [UInt8], in relative: String) throws {
        let folder = absolute(relative)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let full = Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = full.withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        guard fd >= 0 else {
            throw TestSupportError("cannot create a raw-named file in \(folder): \(String(cString: strerror(errno)))")
        }
        close(fd)
    }

    /// A linked worktree to add: its folder (relative to the sandbox) and the new branch it checks out.
    public struct Worktree: Sendable {
        public var path: String
        public var branch: String

        public init(_ path: String, branch: String) {
            self.path = path
            self.branch = branch
        }
    }

    /// Creates a real repository in `name` on `branch` with one commit per entry of `commits`
    /// (the entry is the message; each commit rewrites `file.txt` with `content N`; none leaves
    /// HEAD unborn), then `branches` created at HEAD and the linked `worktrees` added from it.
    /// Returns the repository's root.
    @discardableResult
    public func makeRepository(
        _ name: String = "repo", branch: String = "main", commits: [String] = ["initial"], branches: [String] = [],
        worktrees: [Worktree] = []
    ) throws -> String {
        try git("init", "-q", "-b", branch, name)
        for (n, message) in commits.enumerated() {
            try write(name + "/file.txt", "content \(n)\n")
            try git("add", "file.txt", in: name)
            try git("commit", "-q", "-m", message, in: name)
        }
        for other in branches {
            try git("branch", other, in: name)
        }
        for worktree in worktrees {
            try git("worktree", "add", "-q", "-b", worktree.branch, absolute(worktree.path), in: name)
        }
        return absolute(name)
    }

    /// Creates an empty bare repository in `name` with `branch` as its HEAD; returns its path.
    @discardableResult
    public func makeBareRepository(_ name: String = "remote.git", branch: String = "main") throws -> String {
        try git("init", "-q", "--bare", "-b", branch, name)
        return absolute(name)
    }
}
