internal import CGit2

/// An index file, read once when opened (`git_index`).
///
/// Either the repository's own index (`git_repository_index`) or a file given by path
/// (`git_index_open`), which is how `$GIT_INDEX_FILE` is honoured: `git commit -a` and
/// `git commit PATH` run hooks against `index.lock` or `next-index-<pid>.lock`, not `.git/index`.
/// Keeps its repository alive.
public final class Index {
    let handle: OpaquePointer
    /// The parent, held so the index never outlives it.
    public let repository: Repository
    /// The file this index was read from; `nil` for an in-memory index.
    public let path: String?

    init(handle: OpaquePointer, repository: Repository) {
        self.handle = handle
        self.repository = repository
        self.path = copyString(git_index_path(handle))
    }

    deinit { git_index_free(handle) }

    /// The number of entries, conflict stages included (`git_index_entrycount`).
    public var count: Int { git_index_entrycount(handle) }

    /// Every entry in index order: by path, then stage (`git_index_get_byindex`).
    public var entries: [IndexEntry] {
        var out: [IndexEntry] = []
        let n = git_index_entrycount(handle)
        out.reserveCapacity(n)
        for i in 0..<n {
            guard let entry = git_index_get_byindex(handle, i) else { continue }
            // GIT_INDEX_ENTRY_STAGE(E): a function-like macro, not imported into Swift.
            let stage = (Int(entry.pointee.flags) & 0x3000) >> 12
            let id = withUnsafePointer(to: entry.pointee.id) { ObjectID($0) }
            out.append(
                IndexEntry(path: copyBytes(entry.pointee.path), mode: entry.pointee.mode, objectID: id, stage: stage))
        }
        return out
    }

    /// Whether any path has conflict stages (`git_index_has_conflicts`).
    public var hasConflicts: Bool { git_index_has_conflicts(handle) != 0 }
}
