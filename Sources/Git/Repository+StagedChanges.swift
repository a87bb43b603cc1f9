internal import CGit2

extension Repository {
    /// What a commit would record: the diff from HEAD's tree (the empty tree when HEAD is unborn)
    /// to `index`, or to the repository's index when `nil`, with rename detection
    /// (`git_diff_tree_to_index`, `git_diff_find_similar` with `GIT_DIFF_FIND_RENAMES`).
    ///
    /// Type changes (file ↔ symlink) are reported as such (`GIT_DIFF_INCLUDE_TYPECHANGE`), not
    /// as a deletion and an addition.
    public func stagedChanges(in given: Index? = nil) throws(GitError) -> [StagedChange] {
        let index: Index
        if let given { index = given } else { index = try self.index() }
        let tree = try headTree()
        defer { if let tree { git_tree_free(tree) } }

        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.flags |= GIT_DIFF_INCLUDE_TYPECHANGE.rawValue

        var diff: OpaquePointer?
        try check(git_diff_tree_to_index(&diff, handle, tree, index.handle, &options), "git_diff_tree_to_index")
        guard let diff else { return [] }
        defer { git_diff_free(diff) }

        return try Self.changes(of: diff)
    }

    /// The deltas of a diff after rename detection (`git_diff_find_similar`), as values.
    static func changes(of diff: OpaquePointer) throws(GitError) -> [StagedChange] {
        var find = git_diff_find_options()
        try check(
            git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
        try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")

        var changes: [StagedChange] = []
        let n = git_diff_num_deltas(diff)
        changes.reserveCapacity(n)
        for i in 0..<n {
            guard let delta = git_diff_get_delta(diff, i) else { continue }
            let status: StagedChange.Status
            switch delta.pointee.status {
            case GIT_DELTA_ADDED: status = .added
            case GIT_DELTA_MODIFIED: status = .modified
            case GIT_DELTA_DELETED: status = .deleted
            case GIT_DELTA_RENAMED: status = .renamed
            case GIT_DELTA_COPIED: status = .copied
            case GIT_DELTA_TYPECHANGE: status = .typechange
            case GIT_DELTA_CONFLICTED: status = .conflicted
            default: continue  // unmodified, ignored, untracked, unreadable: not in these diffs
            }
            let old = copyBytes(delta.pointee.old_file.path)
            let new = copyBytes(delta.pointee.new_file.path)
            let deleted = status == .deleted
            let mode = deleted ? 0 : UInt32(delta.pointee.new_file.mode)
            let blob: ObjectID? = deleted ? nil : withUnsafePointer(to: delta.pointee.new_file.id) { ObjectID($0) }
            changes.append(
                StagedChange(
                    status: status, oldPath: old.isEmpty ? new : old, newPath: new.isEmpty ? old : new, newMode: mode,
                    newObjectID: blob))
        }
        return changes
    }

    /// The paths that differ between two commits' trees (`git_diff_tree_to_tree`, renames found),
    /// as a pull request shows them when `from` is the merge base.
    public func changes(from: ObjectID?, to: ObjectID) throws(GitError) -> [StagedChange] {
        // No `from`: the empty tree (a range from the root commit), as git_diff_tree_to_tree takes NULL.
        let old = try from.map { (id) throws(GitError) in try commitTree(id) }
        defer { if let old { git_tree_free(old) } }
        let new = try commitTree(to)
        defer { git_tree_free(new) }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.flags |= GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        var diff: OpaquePointer?
        try check(git_diff_tree_to_tree(&diff, handle, old, new, &options), "git_diff_tree_to_tree")
        guard let diff else { return [] }
        defer { git_diff_free(diff) }
        return try Self.changes(of: diff)
    }

    /// A commit's tree (`git_commit_lookup`, `git_commit_tree`); the caller frees it.
    private func commitTree(_ id: ObjectID) throws(GitError) -> OpaquePointer {
        try id.withOID("git_commit_lookup") { oid throws(GitError) -> OpaquePointer in
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, handle, oid), "git_commit_lookup")
            guard let commit else {
                throw GitError(
                    code: .notFound, function: "git_commit_lookup", message: "no commit \(id.hex)", path: nil)
            }
            defer { git_commit_free(commit) }
            var tree: OpaquePointer?
            try check(git_commit_tree(&tree, commit), "git_commit_tree")
            guard let tree else {
                throw GitError(
                    code: .notFound, function: "git_commit_tree", message: "commit \(id.hex) has no tree", path: nil)
            }
            return tree
        }
    }

    /// HEAD's tree (`git_repository_head`, `git_reference_peel`), or `nil` when HEAD is unborn.
    /// The caller frees it with `git_tree_free`.
    private func headTree() throws(GitError) -> OpaquePointer? {
        var ref: OpaquePointer?
        let code = git_repository_head(&ref, handle)
        if code == GIT_EUNBORNBRANCH.rawValue || code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_repository_head")
        guard let ref else { return nil }
        defer { git_reference_free(ref) }
        var tree: OpaquePointer?
        try check(git_reference_peel(&tree, ref, GIT_OBJECT_TREE), "git_reference_peel")
        return tree
    }
}
