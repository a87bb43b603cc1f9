internal import CGit2

/// An open git repository (`git_repository`).
///
/// Not `Sendable`: libgit2 allows one thread at a time per repository and its children.
/// `Config`, `Index` and other children hold their repository, so it outlives them.
public final class Repository {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { git_repository_free(handle) }

    /// Opens the repository containing `path`, searching upwards as git does
    /// (`git_repository_open_ext` without `GIT_REPOSITORY_OPEN_NO_SEARCH`).
    ///
    /// Returns `nil` when no repository is found. `ceilingDirectories` stops the search like
    /// `GIT_CEILING_DIRECTORIES`; the environment is not read here, callers pass it in.
    /// Throws for a repository that exists but cannot be opened: another owner
    /// (`GitError.Limitation.ownership`), an extension libgit2 1.5 does not know, a broken `.git`.
    public static func open(at path: String, ceilingDirectories: [String] = []) throws(GitError) -> Repository? {
        try Libgit2.initializeOnce()
        var out: OpaquePointer?
        let ceiling = ceilingDirectories.isEmpty ? nil : ceilingDirectories.joined(separator: ":")
        let code = git_repository_open_ext(&out, path, 0, ceiling)
        if code == GIT_ENOTFOUND.rawValue {
            let error = lastError(code, "git_repository_open_ext", path: path)
            // 1.5.1 reports "not owned" as GIT_ENOTFOUND when safe.directory is unset anywhere.
            if error.limitation == nil { return nil }
            throw error
        }
        return try wrap(out, code, "git_repository_open_ext", path: path)
    }

    /// Opens the repository whose git directory is `gitDir`, without searching, and sets its work
    /// tree to `workTree` when given (`git_repository_open_ext` with `GIT_REPOSITORY_OPEN_NO_SEARCH`,
    /// then `git_repository_set_workdir`).
    ///
    /// For git hooks, where git exports `GIT_DIR` (and maybe `GIT_WORK_TREE`): libgit2 1.5's
    /// `GIT_REPOSITORY_OPEN_FROM_ENV` fails when `GIT_WORK_TREE` or `GIT_COMMON_DIR` is set, so
    /// the caller resolves those paths (against the hook's cwd) and passes them here.
    /// A linked worktree's admin dir (`.git/worktrees/NAME`) works as `gitDir`.
    public static func open(gitDir: String, workTree: String?) throws(GitError) -> Repository {
        try Libgit2.initializeOnce()
        var out: OpaquePointer?
        let code = git_repository_open_ext(&out, gitDir, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        let repository = try wrap(out, code, "git_repository_open_ext", path: gitDir)
        if let workTree {
            try check(git_repository_set_workdir(repository.handle, workTree, 0), "git_repository_set_workdir")
        }
        return repository
    }

    private static func wrap(_ out: OpaquePointer?, _ code: Int32, _ function: String, path: String) throws(GitError)
        -> Repository
    {
        guard code >= 0, let out else {
            throw lastError(code, function, path: path)
        }
        return Repository(handle: out)
    }

    /// Reads `git_error_last()` into a `GitError` that knows the path, for the owner message.
    private static func lastError(_ code: Int32, _ function: String, path: String) -> GitError {
        do {
            try check(code < 0 ? code : -1, function)
            return GitError(code: .other(-1), function: function, message: "no repository handle", path: path)
        } catch {
            var error = error
            error.path = path
            return error
        }
    }

    /// The work tree without a trailing `/` (`git_repository_workdir`); `nil` for a bare repository.
    public var workDirectory: String? {
        copyString(git_repository_workdir(handle)).map(trimmingTrailingSlash)
    }

    /// The git directory without a trailing `/` (`git_repository_path`): `.git`, a bare
    /// repository's root, or a linked worktree's admin dir `.git/worktrees/NAME`.
    public var gitDirectory: String {
        trimmingTrailingSlash(copyString(git_repository_path(handle)) ?? "")
    }

    /// The directory shared by all worktrees (`git_repository_commondir`): objects, refs, config, hooks.
    public var commonDirectory: String {
        trimmingTrailingSlash(copyString(git_repository_commondir(handle)) ?? "")
    }

    /// Whether the repository has no work tree (`git_repository_is_bare`).
    public var isBare: Bool { git_repository_is_bare(handle) != 0 }

    /// Whether this is a linked worktree (`git_repository_is_worktree`).
    public var isLinkedWorktree: Bool { git_repository_is_worktree(handle) != 0 }

    /// Whether the repository is a shallow clone (`git_repository_is_shallow`).
    public var isShallow: Bool { git_repository_is_shallow(handle) == 1 }

    /// Where HEAD points: a branch with its tip, an unborn branch, or a detached commit
    /// (`git_reference_lookup` of `HEAD`, `git_reference_resolve`).
    public var head: HeadState {
        get throws(GitError) {
            var ref: OpaquePointer?
            try check(git_reference_lookup(&ref, handle, "HEAD"), "git_reference_lookup")
            guard let ref else { throw GitError(code: .notFound, function: "git_reference_lookup", message: "no HEAD") }
            defer { git_reference_free(ref) }
            if git_reference_type(ref) == GIT_REFERENCE_DIRECT {
                guard let oid = git_reference_target(ref) else {
                    throw GitError(code: .notFound, function: "git_reference_target", message: "HEAD has no target")
                }
                return .detached(ObjectID(oid))
            }
            let target = copyString(git_reference_symbolic_target(ref)) ?? ""
            let name = target.hasPrefix("refs/heads/") ? String(target.dropFirst(11)) : target
            var resolved: OpaquePointer?
            let code = git_reference_resolve(&resolved, ref)
            if code == GIT_ENOTFOUND.rawValue { return .unborn(branch: name) }
            try check(code, "git_reference_resolve")
            guard let resolved else { return .unborn(branch: name) }
            defer { git_reference_free(resolved) }
            guard let oid = git_reference_target(resolved) else {
                throw GitError(code: .notFound, function: "git_reference_target", message: "\(target) has no target")
            }
            return .branch(name: name, commit: ObjectID(oid))
        }
    }

    /// A snapshot of the configuration as git sees it here: the repository, global, XDG and
    /// system files (`git_repository_config_snapshot`).
    public func config() throws(GitError) -> Config {
        var out: OpaquePointer?
        try check(git_repository_config_snapshot(&out, handle), "git_repository_config_snapshot")
        guard let out else {
            throw GitError(code: .other(-1), function: "git_repository_config_snapshot", message: "no config")
        }
        return Config(handle: out, repository: self)
    }

    /// The index to check: the file at `path` when given (`git_index_open`; pass `$GIT_INDEX_FILE`
    /// resolved against the hook's cwd), else the repository's own (`git_repository_index`).
    ///
    /// A missing file at `path` reads as an empty index, as git treats a missing index.
    /// An index with a mandatory extension 1.5 cannot read (sparse `sdir`, split `link`) throws
    /// a `GitError` whose `limitation` is `.indexExtension`.
    public func index(path: String? = nil) throws(GitError) -> Index {
        var out: OpaquePointer?
        if let path {
            let code = git_index_open(&out, path)
            do { try check(code, "git_index_open") } catch {
                var error = error
                error.path = path
                throw error
            }
        } else {
            try check(git_repository_index(&out, handle), "git_repository_index")
        }
        guard let out else { throw GitError(code: .other(-1), function: "git_index_open", message: "no index") }
        return Index(handle: out, repository: self)
    }

    /// The object a revision expression names (`git_revparse_single`): `HEAD`, `main~2`, a short id, `v1^{commit}`.
    ///
    /// Not peeled: an annotated tag resolves to the tag object; append `^{commit}` for its commit.
    public func resolve(_ revspec: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, handle, revspec), "git_revparse_single")
        guard let object else { throw GitError(code: .notFound, function: "git_revparse_single", message: revspec) }
        defer { git_object_free(object) }
        guard let oid = git_object_id(object) else {
            throw GitError(code: .notFound, function: "git_object_id", message: revspec)
        }
        return ObjectID(oid)
    }

    /// Whether `commit` has `ancestor` in its history (`git_graph_descendant_of`).
    ///
    /// A commit is not its own descendant, as in libgit2 (git's `merge-base --is-ancestor` says it is).
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws(GitError) -> Bool {
        try commit.withOID("git_graph_descendant_of") { (c) throws(GitError) -> Bool in
            try ancestor.withOID("git_graph_descendant_of") { (a) throws(GitError) -> Bool in
                try check(git_graph_descendant_of(handle, c, a), "git_graph_descendant_of") == 1
            }
        }
    }

    /// The best common ancestor of two commits (`git_merge_base`), or `nil` when they share no history.
    public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws(GitError) -> ObjectID? {
        try one.withOID("git_merge_base") { (a) throws(GitError) -> ObjectID? in
            try two.withOID("git_merge_base") { (b) throws(GitError) -> ObjectID? in
                var out = git_oid()
                let code = git_merge_base(&out, handle, a, b)
                if code == GIT_ENOTFOUND.rawValue { return nil }
                try check(code, "git_merge_base")
                return ObjectID(&out)
            }
        }
    }

    /// The local branch names, sorted (`git_branch_iterator_new`, `git_branch_next`, `git_branch_name`).
    public func localBranches() throws(GitError) -> [String] {
        var iterator: OpaquePointer?
        try check(git_branch_iterator_new(&iterator, handle, GIT_BRANCH_LOCAL), "git_branch_iterator_new")
        guard let iterator else { return [] }
        defer { git_branch_iterator_free(iterator) }
        var names: [String] = []
        while true {
            var ref: OpaquePointer?
            var type = GIT_BRANCH_LOCAL
            let code = git_branch_next(&ref, &type, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "git_branch_next")
            guard let ref else { continue }
            defer { git_reference_free(ref) }
            var name: UnsafePointer<CChar>?
            try check(git_branch_name(&name, ref), "git_branch_name")
            if let name = copyString(name) { names.append(name) }
        }
        return names.sorted()
    }
}
