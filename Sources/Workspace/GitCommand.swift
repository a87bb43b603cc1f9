#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One path that differs between two trees or a tree and the index, as `git diff --raw` reports it.
public struct PathChange: Sendable, Equatable {
    /// git's status letter: `A`dded, `M`odified, `D`eleted, `R`enamed, `C`opied, `T`ype change, `U`nmerged.
    public var status: Character
    public var oldPath: [UInt8]
    public var newPath: [UInt8]
    /// The mode on the new side (`0o120000` for a symbolic link); 0 for a deletion.
    public var newMode: UInt32
    /// The new side's blob id (hex); nil for a deletion.
    public var newBlob: String?

    public init(status: Character, oldPath: [UInt8], newPath: [UInt8], newMode: UInt32, newBlob: String?) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
        self.newMode = newMode
        self.newBlob = newBlob
    }

    public var oldPathString: String { String(decoding: oldPath, as: UTF8.self) }
    public var newPathString: String { String(decoding: newPath, as: UTF8.self) }
    public var isSymbolicLink: Bool { newMode & 0o170000 == 0o120000 }
}

/// A git command that failed or could not run, in one line.
public struct GitCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// Runs the `git` on PATH for what git answers faster than a library can: the staged changes of
/// a large repository. `git diff --cached` skips unchanged folders through the index's cached
/// tree, which libgit2 1.5's tree-to-index diff does not use (docs/decisions/0006).
public enum GitCommand {
    /// `git diff --cached --raw -z -M --no-abbrev` in `directory`, with the hook's environment
    /// (`GIT_DIR`, `GIT_INDEX_FILE`, … pass through unchanged, so git reads the index it is committing).
    public static func stagedChanges(in directory: String, environment: [String: String]) throws(GitCommandError)
        -> [PathChange]
    {
        let out = try run(
            ["git", "diff", "--cached", "--raw", "-z", "-M", "--no-abbrev", "--no-color", "--no-ext-diff"],
            in: directory, environment: environment)
        return try parseRaw(out)
    }

    /// The number of index entries (`git ls-files --cached -z`, counting its NUL separators).
    public static func indexEntryCount(in directory: String, environment: [String: String]) throws(GitCommandError)
        -> Int
    {
        try run(["git", "ls-files", "--cached", "-z"], in: directory, environment: environment).count { $0 == 0 }
    }

    /// A blob's bytes (`git cat-file blob ID`), up to `limit`.
    public static func blob(_ id: String, in directory: String, environment: [String: String], limit: Int = 1 << 20)
        throws(GitCommandError) -> [UInt8]
    {
        Array(try run(["git", "cat-file", "blob", id], in: directory, environment: environment).prefix(limit))
    }

    /// Parses `--raw -z` output: `:oldmode newmode oldid newid status NUL path NUL [path NUL]`.
    public static func parseRaw(_ bytes: [UInt8]) throws(GitCommandError) -> [PathChange] {
        var changes: [PathChange] = []
        var fields = bytes.split(separator: 0, omittingEmptySubsequences: false)[...]
        while let header = fields.popFirst() {
            if header.isEmpty { continue }
            guard header.first == UInt8(ascii: ":") else {
                throw GitCommandError(
                    description:
                        "git diff --raw: unexpected output '\(String(decoding: header.prefix(80), as: UTF8.self))'")
            }
            let parts = header.dropFirst().split(separator: UInt8(ascii: " "))
            guard parts.count == 5, let letter = parts[4].first, let path = fields.popFirst() else {
                throw GitCommandError(
                    description: "git diff --raw: malformed line '\(String(decoding: header, as: UTF8.self))'")
            }
            let status = Character(Unicode.Scalar(letter))
            var oldPath = Array(path)
            var newPath = oldPath
            if status == "R" || status == "C" {
                guard let second = fields.popFirst() else {
                    throw GitCommandError(description: "git diff --raw: a rename without its new path")
                }
                newPath = Array(second)
            }
            if status == "A" { oldPath = newPath }
            let mode = UInt32(String(decoding: parts[1], as: UTF8.self), radix: 8) ?? 0
            let id = String(decoding: parts[3], as: UTF8.self)
            let deleted = status == "D"
            changes.append(
                PathChange(
                    status: status, oldPath: oldPath, newPath: newPath, newMode: deleted ? 0 : mode,
                    newBlob: deleted || id.allSatisfy({ $0 == "0" }) ? nil : id))
        }
        return changes
    }

    /// Runs a command found on PATH with `environment`, returns its stdout; stderr passes through.
    static func run(_ argv: [String], in directory: String, environment: [String: String]) throws(GitCommandError)
        -> [UInt8]
    {
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            throw GitCommandError(
                description: "ward: cannot create a pipe for \(argv[0]): \(FileSystem.errorMessage(errno))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
        // `git -C DIR`: the child starts where the caller says without a chdir in this process.
        let full = argv.first == "git" ? ["git", "-C", directory] + argv.dropFirst() : argv
        let cArgs = full.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, cEnv)
        close(pipeFDs[1])
        guard spawned == 0 else {
            close(pipeFDs[0])
            throw GitCommandError(description: "ward: cannot run \(argv[0]): \(FileSystem.errorMessage(spawned))")
        }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(pipeFDs[0], $0.baseAddress, $0.count) }
            if n > 0 {
                out += buffer[0..<n]
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(pipeFDs[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            throw GitCommandError(
                description: "ward: '\(argv.joined(separator: " "))' failed (exit \(exited ? code : -1))")
        }
        return out
    }
}
