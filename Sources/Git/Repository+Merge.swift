internal import CGit2

/// What merging two commits in memory gives: the conflicting paths, or the merged tree.
public struct MergePreview: Sendable, Equatable {
    /// The paths with conflicts, sorted; empty when the merge is clean.
    public var conflicts: [String]
    /// The merged tree's id when the merge is clean (written to the object database, reachable
    /// from no ref: git's gc collects it).
    public var tree: ObjectID?
}

extension Repository {
    /// How many commits each side has that the other lacks (`git_graph_ahead_behind`).
    public func aheadBehind(_ local: ObjectID, _ upstream: ObjectID) throws(GitError) -> (ahead: Int, behind: Int) {
        try local.withOID("git_graph_ahead_behind") { (l) throws(GitError) -> (ahead: Int, behind: Int) in
            try upstream.withOID("git_graph_ahead_behind") { (u) throws(GitError) -> (ahead: Int, behind: Int) in
                var ahead = 0
                var behind = 0
                try check(git_graph_ahead_behind(&ahead, &behind, handle, l, u), "git_graph_ahead_behind")
                return (ahead, behind)
            }
        }
    }

    /// The tree a commit records (`git_commit_lookup`, `git_commit_tree_id`).
    public func treeID(ofCommit id: ObjectID) throws(GitError) -> ObjectID {
        try id.withOID("git_commit_lookup") { (oid) throws(GitError) -> ObjectID in
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, handle, oid), "git_commit_lookup")
            guard let commit, let tree = git_commit_tree_id(commit) else {
                throw GitError(code: .notFound, function: "git_commit_lookup", message: id.hex)
            }
            defer { git_commit_free(commit) }
            return ObjectID(tree)
        }
    }

    /// Merges `theirs` into `ours` in memory (`git_merge_commits`), touching no work tree, index
    /// or ref: the conflicting paths, or the merged tree (`git_index_write_tree_to`).
    ///
    /// libgit2 1.5 has no `git merge-tree --write-tree`; this is its in-memory equivalent, used to
    /// tell whether a branch would rebase or merge onto its base without conflicts.
    public func previewMerge(ours: ObjectID, theirs: ObjectID) throws(GitError) -> MergePreview {
        func lookup(_ id: ObjectID) throws(GitError) -> OpaquePointer {
            try id.withOID("git_commit_lookup") { (oid) throws(GitError) -> OpaquePointer in
                var commit: OpaquePointer?
                try check(git_commit_lookup(&commit, handle, oid), "git_commit_lookup")
                guard let commit else {
                    throw GitError(code: .notFound, function: "git_commit_lookup", message: id.hex)
                }
                return commit
            }
        }
        let one = try lookup(ours)
        defer { git_commit_free(one) }
        let two = try lookup(theirs)
        defer { git_commit_free(two) }
        var options = git_merge_options()
        try check(git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), "git_merge_options_init")
        var index: OpaquePointer?
        try check(git_merge_commits(&index, handle, one, two, &options), "git_merge_commits")
        guard let index else { throw GitError(code: .other(-1), function: "git_merge_commits", message: "no index") }
        defer { git_index_free(index) }
        if git_index_has_conflicts(index) != 0 {
            var conflicts = Set<String>()
            var iterator: OpaquePointer?
            try check(git_index_conflict_iterator_new(&iterator, index), "git_index_conflict_iterator_new")
            guard let iterator else { return MergePreview(conflicts: [], tree: nil) }
            defer { git_index_conflict_iterator_free(iterator) }
            while true {
                var ancestor: UnsafePointer<git_index_entry>?
                var mine: UnsafePointer<git_index_entry>?
                var other: UnsafePointer<git_index_entry>?
                let code = git_index_conflict_next(&ancestor, &mine, &other, iterator)
                if code == GIT_ITEROVER.rawValue { break }
                try check(code, "git_index_conflict_next")
                for entry in [ancestor, mine, other] {
                    if let entry, let path = copyString(entry.pointee.path) { conflicts.insert(path) }
                }
            }
            return MergePreview(conflicts: conflicts.sorted(), tree: nil)
        }
        var tree = git_oid()
        try check(git_index_write_tree_to(&tree, index, handle), "git_index_write_tree_to")
        return MergePreview(conflicts: [], tree: ObjectID(&tree))
    }
}
