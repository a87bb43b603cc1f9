import Policy

/// What `HEAD` points at.
///
/// The guard needs the branch for protected-branch rules, and must tell a repository's first
/// commit (an unborn branch, exempt from some rules) from a detached checkout (no branch at all).
public enum Head: Sendable, Equatable {
    /// `HEAD` names a branch that exists (`ref: refs/heads/NAME`); the payload is `NAME`.
    case branch(String)
    /// `HEAD` names a branch with no commit yet (a fresh `git init`, an orphan branch).
    case unborn(String)
    /// `HEAD` holds a commit id (40 or 64 lower-case hex digits).
    case detached(String)
}

/// Where a repository lives on disk, as git itself would find it, found without libgit2.
///
/// Every path is absolute, normalised and free of symlinks where the directory exists, so
/// callers can compare paths with plain string operations.
public struct RepositoryLocation: Sendable, Equatable {
    /// The work tree's root; nil for a bare repository (or a git dir whose work tree is unknown).
    public var workTree: String?
    /// This checkout's git dir: `<workTree>/.git` for the main checkout, the admin dir
    /// `<commonDir>/worktrees/NAME` for a linked worktree, the module dir for a submodule.
    public var gitDir: String
    /// The directory shared by all worktrees (objects, refs, config, hooks): read from the
    /// `commondir` file of a linked worktree's admin dir; equal to `gitDir` otherwise.
    public var commonDir: String
    /// Whether the repository has no work tree (`core.bare`).
    public var isBare: Bool
    /// Whether this checkout is a linked worktree (`gitDir != commonDir`).
    public var isLinkedWorktree: Bool
    /// What `HEAD` points at in this checkout.
    public var head: Head
    /// The hooks folder git runs: `core.hooksPath` when set (a relative value is taken against
    /// the work tree, where git runs hooks; against the git dir for a bare repository), else
    /// `<commonDir>/hooks`. Found on first use (it takes reading the system and global git
    /// config), then kept.
    public var hooksDir: String {
        get { hooks.value }
        set { hooks = Deferred(value: newValue) }
    }
    /// `hooksDir`, not yet looked up: for a caller that may not need it.
    public private(set) var hooks: Deferred<String>

    public init(
        workTree: String?, gitDir: String, commonDir: String, isBare: Bool, isLinkedWorktree: Bool, head: Head,
        hooksDir: String
    ) {
        self.init(
            workTree: workTree, gitDir: gitDir, commonDir: commonDir, isBare: isBare,
            isLinkedWorktree: isLinkedWorktree, head: head, hooks: Deferred(value: hooksDir))
    }

    public init(
        workTree: String?, gitDir: String, commonDir: String, isBare: Bool, isLinkedWorktree: Bool, head: Head,
        hooks: Deferred<String>
    ) {
        self.workTree = workTree
        self.gitDir = gitDir
        self.commonDir = commonDir
        self.isBare = isBare
        self.isLinkedWorktree = isLinkedWorktree
        self.head = head
        self.hooks = hooks
    }

    public static func == (a: RepositoryLocation, b: RepositoryLocation) -> Bool {
        a.workTree == b.workTree && a.gitDir == b.gitDir && a.commonDir == b.commonDir && a.isBare == b.isBare
            && a.isLinkedWorktree == b.isLinkedWorktree && a.head == b.head && a.hooksDir == b.hooksDir
    }

    /// The checked-out branch's short name (`feat/1-x`), for both an existing and an unborn
    /// branch; nil when `HEAD` is detached.
    public var branch: String? {
        switch head {
        case .branch(let name), .unborn(let name): return name
        case .detached: return nil
        }
    }
}
