import Policy

/// Where a command runs, as plain values: what the command guard needs to resolve paths.
///
/// Built by `Workspace` from the file system; tests build it directly.
public struct GuardContext: Sendable, Equatable {
    /// The working directory of the command (absolute).
    public var cwd: String
    /// The repository's work tree root, when the command runs inside one.
    public var repositoryRoot: String?
    /// The git dir of this checkout (for a linked worktree, its admin dir).
    public var gitDir: String?
    /// The common git dir shared by all worktrees.
    public var commonDir: String?
    /// The checked-out branch name (`feat/1-x`), nil when detached or unknown.
    public var branch: String?
    /// The home directory, for `~` and `$HOME`.
    public var home: String
    /// `$TMPDIR` when set.
    public var tmpDir: String?
    /// The hooks directory git uses (`core.hooksPath`), protected like the git dir.
    public var hooksDir: String? {
        get { hooks?.value }
        set { hooks = newValue.map { Deferred(value: $0) } }
    }
    /// `hooksDir`, looked up only when a check needs it (a command that writes or deletes files).
    public var hooks: Deferred<String>?
    /// Resolves an absolute path through symlinks (its nearest existing ancestor). The caller
    /// that can touch the file system supplies it; the checks stay free of I/O.
    public var resolve: (@Sendable (String) -> String)?
    /// Whether an absolute path is an existing folder (after symlinks); supplied like `resolve`.
    public var isDirectory: (@Sendable (String) -> Bool)?

    public static func == (a: GuardContext, b: GuardContext) -> Bool {
        a.cwd == b.cwd && a.repositoryRoot == b.repositoryRoot && a.gitDir == b.gitDir && a.commonDir == b.commonDir
            && a.branch == b.branch && a.home == b.home && a.tmpDir == b.tmpDir && a.hooksDir == b.hooksDir
    }

    public init(
        cwd: String, repositoryRoot: String? = nil, gitDir: String? = nil, commonDir: String? = nil,
        branch: String? = nil, home: String, tmpDir: String? = nil, hooksDir: String? = nil,
        resolve: (@Sendable (String) -> String)? = nil, isDirectory: (@Sendable (String) -> Bool)? = nil
    ) {
        self.isDirectory = isDirectory
        self.hooks = hooksDir.map { Deferred(value: $0) }
        self.resolve = resolve
        self.cwd = cwd
        self.repositoryRoot = repositoryRoot
        self.gitDir = gitDir
        self.commonDir = commonDir
        self.branch = branch
        self.home = home
        self.tmpDir = tmpDir
    }
}
