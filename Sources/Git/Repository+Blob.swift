internal import CGit2

extension Repository {
    /// The bytes of a blob (`git_blob_lookup`, `git_blob_rawcontent`, `git_blob_rawsize`): for a
    /// staged symbolic link, its target as the commit will record it.
    public func blobContent(_ id: ObjectID, limit: Int = 1 << 20) throws(GitError) -> [UInt8] {
        try id.withOID("git_blob_lookup") { oid throws(GitError) -> [UInt8] in
            var blob: OpaquePointer?
            try check(git_blob_lookup(&blob, handle, oid), "git_blob_lookup")
            guard let blob else { return [] }
            defer { git_blob_free(blob) }
            let size = Int(git_blob_rawsize(blob))
            guard let raw = git_blob_rawcontent(blob) else { return [] }
            let count = min(size, limit)
            return Array(UnsafeRawBufferPointer(start: raw, count: count))
        }
    }
}
