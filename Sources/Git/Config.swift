internal import CGit2

/// A read-only snapshot of a repository's configuration (`git_repository_config_snapshot`).
///
/// A snapshot, because `git_config_get_string` only works on one: values cannot change under
/// the reader, and the strings it returns live as long as the snapshot. Keeps its repository alive.
public final class Config {
    private let handle: OpaquePointer
    /// The parent, held so the snapshot never outlives it.
    public let repository: Repository

    init(handle: OpaquePointer, repository: Repository) {
        self.handle = handle
        self.repository = repository
    }

    deinit { git_config_free(handle) }

    /// The value of `key` (`git_config_get_string`), or `nil` when it is not set.
    ///
    /// With several values (a multivar), the last one wins, as in `git config --get`.
    public func string(_ key: String) throws(GitError) -> String? {
        var value: UnsafePointer<CChar>?
        let code = git_config_get_string(&value, handle, key)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_config_get_string")
        return copyString(value)
    }

    /// The value of `key` read as a boolean (`git_config_get_bool`: true/yes/on/1, false/no/off/0),
    /// or `nil` when it is not set; a value that is not a boolean throws.
    public func bool(_ key: String) throws(GitError) -> Bool? {
        var value: Int32 = 0
        let code = git_config_get_bool(&value, handle, key)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_config_get_bool")
        return value != 0
    }
}
