internal import CGit2

/// A commit's id, raw message and number of parents.
public struct CommitInfo: Sendable, Equatable {
    public var id: ObjectID
    /// The message exactly as stored (`git_commit_message_raw`).
    public var message: String
    public var parentCount: Int

    /// The first line of the message.
    public var summary: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}

/// The commits a walk found, newest first, and whether it stopped at its limit.
public struct CommitWalk: Sendable, Equatable {
    public var commits: [ObjectID]
    /// True when more commits were reachable than the limit allowed.
    public var truncated: Bool
}

extension Repository {
    /// The commit `id` (`git_commit_lookup`, `git_commit_message_raw`, `git_commit_parentcount`).
    public func commit(_ id: ObjectID) throws(GitError) -> CommitInfo {
        try id.withOID("git_commit_lookup") { (oid) throws(GitError) -> CommitInfo in
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, handle, oid), "git_commit_lookup")
            guard let commit else { throw GitError(code: .notFound, function: "git_commit_lookup", message: id.hex) }
            defer { git_commit_free(commit) }
            let message = copyString(git_commit_message_raw(commit)) ?? ""
            return CommitInfo(id: id, message: message, parentCount: Int(git_commit_parentcount(commit)))
        }
    }

    /// Whether the object database has `id` (`git_odb_exists`): a remote's old tip may be missing locally.
    public func contains(_ id: ObjectID) throws(GitError) -> Bool {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        guard let odb else { return false }
        defer { git_odb_free(odb) }
        return try id.withOID("git_odb_exists") { (oid) throws(GitError) -> Bool in
            git_odb_exists(odb, oid) == 1
        }
    }

    /// The commit `id` points at, through annotated tags (`git_object_lookup`, `git_object_peel`);
    /// nil when `id` is missing or is not a commit-ish (a tag of a tree or blob).
    public func peeledCommit(_ id: ObjectID) throws(GitError) -> ObjectID? {
        guard try contains(id) else { return nil }
        return try id.withOID("git_object_lookup") { (oid) throws(GitError) -> ObjectID? in
            var object: OpaquePointer?
            try check(git_object_lookup(&object, handle, oid, GIT_OBJECT_ANY), "git_object_lookup")
            guard let object else { return nil }
            defer { git_object_free(object) }
            var peeled: OpaquePointer?
            let code = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT)
            if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue || code == GIT_EPEEL.rawValue {
                return nil
            }
            try check(code, "git_object_peel")
            guard let peeled else { return nil }
            defer { git_object_free(peeled) }
            guard let target = git_object_id(peeled) else { return nil }
            return ObjectID(target)
        }
    }

    /// The names of the references matching a glob, sorted (`git_reference_iterator_glob_new`):
    /// `refs/remotes/origin/*`.
    public func referenceNames(matching glob: String) throws(GitError) -> [String] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, handle, glob), "git_reference_iterator_glob_new")
        guard let iterator else { return [] }
        defer { git_reference_iterator_free(iterator) }
        var names: [String] = []
        while true {
            var name: UnsafePointer<CChar>?
            let code = git_reference_next_name(&name, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "git_reference_next_name")
            if let name = copyString(name) { names.append(name) }
        }
        return names.sorted()
    }

    /// The configured remotes' names (`git_remote_list`).
    public func remoteNames() throws(GitError) -> [String] {
        var list = git_strarray()
        try check(git_remote_list(&list, handle), "git_remote_list")
        defer { git_strarray_dispose(&list) }
        var names: [String] = []
        for i in 0..<list.count {
            if let name = copyString(list.strings[i]) { names.append(name) }
        }
        return names
    }

    /// The commits reachable from `tips` and from none of `hiding` or the references matching
    /// `hidingGlobs`, newest first (topological, then commit time: equal timestamps must not put a parent first), at most `limit`
    /// (`git_revwalk_push`, `git_revwalk_hide`, `git_revwalk_hide_glob`, `git_revwalk_next`).
    ///
    /// Hidden ids that are missing locally or are not commits are skipped; tips must be commits.
    public func walk(from tips: [ObjectID], hiding: [ObjectID] = [], hidingGlobs: [String] = [], limit: Int)
        throws(GitError) -> CommitWalk
    {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, handle), "git_revwalk_new")
        guard let walker else { throw GitError(code: .other(-1), function: "git_revwalk_new", message: "no walker") }
        defer { git_revwalk_free(walker) }
        try check(
            git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
        for tip in tips {
            _ = try tip.withOID("git_revwalk_push") { (oid) throws(GitError) in
                try check(git_revwalk_push(walker, oid), "git_revwalk_push")
            }
        }
        for id in hiding {
            guard let commit = try peeledCommit(id) else { continue }
            _ = try commit.withOID("git_revwalk_hide") { (oid) throws(GitError) in
                try check(git_revwalk_hide(walker, oid), "git_revwalk_hide")
            }
        }
        for glob in hidingGlobs {
            try check(git_revwalk_hide_glob(walker, glob), "git_revwalk_hide_glob")
        }
        var out: [ObjectID] = []
        var oid = git_oid()
        while true {
            let code = git_revwalk_next(&oid, walker)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "git_revwalk_next")
            if out.count == limit { return CommitWalk(commits: out, truncated: true) }
            out.append(ObjectID(&oid))
        }
        return CommitWalk(commits: out, truncated: false)
    }
}
