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
