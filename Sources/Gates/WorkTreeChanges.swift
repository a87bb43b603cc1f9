import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the work tree holds besides the index: the paths with unstaged changes and the untracked
/// (not ignored) files, from `git diff --name-only -z` and `git ls-files --others
/// --exclude-standard -z`. Asked once per run, only when a gate's isolation or cache needs it.
struct WorkTreeChanges: Sendable {
    var unstaged: Set<String>
    var untracked: [String]

    init(unstaged: Set<String> = [], untracked: [String] = []) {
        self.unstaged = unstaged
        self.untracked = untracked
    }

    static func read(in root: String, environment: [String: String]) throws(GateError) -> WorkTreeChanges {
        let unstaged = try GitQuery.paths(
            ["diff", "--name-only", "-z", "--no-renames", "--ignore-submodules=all"], in: root,
            environment: environment)
        let untracked = try GitQuery.paths(
            ["ls-files", "--others", "--exclude-standard", "-z"], in: root, environment: environment)
        return WorkTreeChanges(unstaged: Set(unstaged), untracked: untracked)
    }

    /// The unstaged changes among `files` alone, found without git: each work-tree file hashed
    /// as git hashes a blob and compared with its staged id, and its executable bit with the
    /// staged mode. For gates that are given their files, this is all that can differ from the
    /// index (untracked files are never among them), and it costs a read of the staged files
    /// instead of two scans of the work tree. Nil when a file cannot be judged this way (a
    /// symbolic link, a SHA-256 repository, a file that is not there): then git decides.
    static func unstaged(among files: [GateInput], root: String) -> WorkTreeChanges? {
        var changed = Set<String>()
        for input in files {
            guard let blob = input.blob, blob.utf8.count == 40, input.mode & 0o170000 == 0o100000 else { return nil }
            let path = root + "/" + input.path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            let executable = info.st_mode & 0o100 != 0
            guard let bytes = FileSystem.readFile(path, limit: 64 << 20) else { return nil }
            if executable != (input.mode & 0o111 != 0) || SHA1.gitBlobID(bytes) != blob { changed.insert(input.path) }
        }
        return WorkTreeChanges(unstaged: changed)
    }

    /// Whether what a gate would see in the work tree can differ from the index: one of its
    /// files has unstaged changes (any path under `cwd` for a gate that looks at the whole
    /// tree), or an untracked file lies under `cwd`.
    func touch(files: [GateInput], wholeTree: Bool, cwd: String) -> Bool {
        let prefix = cwd.isEmpty ? "" : cwd + "/"
        if untracked.contains(where: { $0.hasPrefix(prefix) }) { return true }
        if wholeTree { return unstaged.contains { $0.hasPrefix(prefix) } }
        return files.contains { unstaged.contains($0.path) }
    }
}
