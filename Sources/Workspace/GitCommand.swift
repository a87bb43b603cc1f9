import Base

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

    /// The paths a range changes (`git diff --raw -z -M BASE...HEAD`: from their merge base to
    /// HEAD, as a pull request shows them); the revisions must name commits.
    public static func changes(_ base: String?, _ head: String, in directory: String, environment: [String: String])
        throws(GitCommandError) -> [PathChange]
    {
        // No base: everything `head` holds, as added to the empty tree (SHA-1's; git names
        // the object of a SHA-256 repository it cannot find).
        let range = base.map { [$0 + "..." + head] } ?? ["4b825dc642cb6eb9a060e54bf8d69288fbee4904", head]
        let out = try run(
            ["git", "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-color", "--no-ext-diff"] + range + ["--"],
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

    /// The commits reachable from `tips` and from none of `hiding` nor the refs matching
    /// `hidingGlobs`, newest first, each with its raw message, from ONE `git log` over the
    /// repository whose git dir is `gitDir`: git reads each commit once, where a walk followed by
    /// a lookup per commit reads it twice. At most `limit`; `truncated` when there were more.
    ///
    /// `--date-order` is the order of libgit2's time-and-topology walk (children before their
    /// parents, newer first); replace refs and signatures are left out and messages are given in
    /// UTF-8. The ids must be full hexadecimal object ids, the globs reference globs; git's error
    /// output is kept, not printed, so that a caller can fall back to another reader.
    public static func commitMessages(
        tips: [String], hiding: [String], hidingGlobs: [String], limit: Int, gitDir: String,
        environment: [String: String]
    ) throws(GitCommandError) -> (commits: [(id: String, message: String)], truncated: Bool) {
        for id in tips + hiding where !RepositoryLocator.isObjectID(id) {
            throw GitCommandError(description: "git log: '\(id)' is not a full object id")
        }
        guard limit >= 1, !tips.isEmpty else { return ([], false) }
        var argv = [
            "git", "--no-pager", "--no-replace-objects", "--git-dir=" + gitDir, "log", "--no-show-signature",
            "--encoding=UTF-8", "--date-order", "-z", "--format=%H%n%B", "--max-count=\(limit + 1)",
        ]
        argv += tips
        if !hiding.isEmpty || !hidingGlobs.isEmpty { argv += ["--not"] + hiding + hidingGlobs.map { "--glob=" + $0 } }
        argv.append("--")
        // GIT_FLUSH=0: git buffers its output fully instead of writing each commit on its own
        // to a pipe (5,600 writes, and as many reads here, for 5,000 commits).
        var environment = environment
        environment["GIT_FLUSH"] = "0"
        let request = ProcessRequest(
            executable: "git", arguments: Array(argv.dropFirst()), environment: environment, workingDirectory: "/",
            standardInput: .null, standardOutput: .capture, standardError: .capture)
        // Whole records are taken as they arrive, so the buffer stays the size of one read
        // instead of growing (and being copied, and faulted in page by page) to the whole output.
        var commits: [(id: String, message: String)] = []
        var malformed: GitCommandError?
        func take(_ buffer: inout [UInt8], final: Bool) {
            guard malformed == nil else { return }
            guard let end = final ? buffer.count : buffer.lastIndex(of: 0).map({ $0 + 1 }), end > 0 else { return }
            do {
                commits += try buffer.withUnsafeBufferPointer { (all) throws(GitCommandError) in
                    try parseLog(UnsafeBufferPointer(rebasing: all[..<end]))
                }
            } catch {
                malformed = error
            }
            buffer.removeSubrange(..<end)
        }
        let outcome: ProcessOutcome
        do {
            outcome = try ProcessRunner().run(request, consumingOutput: { take(&$0, final: false) })
        } catch {
            throw GitCommandError(description: "ward: cannot run git: \(error)")
        }
        guard outcome.succeeded else {
            let said = String(decoding: outcome.standardError.prefix(200), as: UTF8.self)
            throw GitCommandError(description: "ward: git log failed: \(said)")
        }
        var rest = outcome.standardOutput
        take(&rest, final: true)
        if let malformed { throw malformed }
        let truncated = commits.count > limit
        if truncated { commits.removeLast(commits.count - limit) }
        return (commits, truncated)
    }

    /// Parses `git log -z --format=%H%n%B`: records ending in NUL, each an object id, a new line
    /// and the raw message. A record of any other shape (a message holding a NUL byte) throws.
    public static func parseLog(_ bytes: [UInt8]) throws(GitCommandError) -> [(id: String, message: String)] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(GitCommandError) in try parseLog(buffer) }
    }

    static func parseLog(_ bytes: UnsafeBufferPointer<UInt8>) throws(GitCommandError) -> [(id: String, message: String)]
    {
        var out: [(id: String, message: String)] = []
        var start = 0
        while start < bytes.count {
            let end = ByteScan.firstIndex(of: 0, in: bytes, from: start) ?? bytes.count
            guard let newline = ByteScan.firstIndex(of: 0x0A, in: bytes, from: start), newline < end,
                newline - start == 40 || newline - start == 64,
                bytes[start..<newline].allSatisfy(RepositoryLocator.isHexDigit)
            else {
                let shown = String(decoding: bytes[start..<min(end, start + 80)], as: UTF8.self)
                throw GitCommandError(description: "git log: unexpected record '\(shown)'")
            }
            out.append(
                (
                    String(decoding: bytes[start..<newline], as: UTF8.self),
                    String(decoding: bytes[(newline + 1)..<end], as: UTF8.self)
                ))
            start = end + 1
        }
        return out
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

    /// Runs a command found on `environment`'s PATH, returns its stdout; stderr passes through.
    static func run(_ argv: [String], in directory: String, environment: [String: String]) throws(GitCommandError)
        -> [UInt8]
    {
        let request = ProcessRequest(
            executable: argv[0], arguments: Array(argv.dropFirst()), environment: environment,
            workingDirectory: directory, standardInput: .null, standardOutput: .capture, standardError: .inherit)
        let outcome: ProcessOutcome
        do {
            outcome = try ProcessRunner().run(request)
        } catch {
            throw GitCommandError(description: "ward: cannot run \(argv[0]): \(error)")
        }
        guard outcome.succeeded else {
            let status: String
            switch outcome.termination {
            case .exited(let code): status = "exit \(code)"
            case .signaled(let signal): status = "signal \(signal)"
            }
            throw GitCommandError(description: "ward: '\(argv.joined(separator: " "))' failed (\(status))")
        }
        return outcome.standardOutput
    }
}
