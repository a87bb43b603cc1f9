/// A libgit2 call that failed: its error code, the function, and libgit2's message.
///
/// Like `Errno` in swift-system, this is a value carrying the C code. Its `description` is one
/// line that says what to do where a fix is known (`safe.directory`, the libgit2 1.5 limits of
/// LIBGIT2.md).
public struct GitError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The libgit2 error codes (`git_error_code`) that callers act on.
    public enum Code: Equatable, Hashable, Sendable {
        /// `GIT_ENOTFOUND` (-3): the object, reference, key or repository does not exist.
        case notFound
        /// `GIT_EEXISTS` (-4).
        case exists
        /// `GIT_EAMBIGUOUS` (-5): a short id or revspec matches more than one object.
        case ambiguous
        /// `GIT_EUNBORNBRANCH` (-9): HEAD names a branch with no commit yet.
        case unbornBranch
        /// `GIT_ELOCKED` (-14): a lock file is held by another process.
        case locked
        /// `GIT_EOWNER` (-36): the repository belongs to another user and is not in `safe.directory`.
        case owner
        /// Any other negative code (`GIT_ERROR` is -1).
        case other(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case -3: self = .notFound
            case -4: self = .exists
            case -5: self = .ambiguous
            case -9: self = .unbornBranch
            case -14: self = .locked
            case -36: self = .owner
            default: self = .other(rawValue)
            }
        }

        /// The C value.
        public var rawValue: Int32 {
            switch self {
            case .notFound: return -3
            case .exists: return -4
            case .ambiguous: return -5
            case .unbornBranch: return -9
            case .locked: return -14
            case .owner: return -36
            case .other(let value): return value
            }
        }
    }

    /// A failure that comes from a known limit rather than a broken repository.
    public enum Limitation: Equatable, Sendable {
        /// The repository is owned by another user; `path` is the one to add to `safe.directory`.
        case ownership(path: String)
        /// The repository uses an extension libgit2 1.5 cannot open (`worktreeconfig`, `objectformat`, ...).
        case repositoryExtension(String)
        /// The index has a mandatory extension libgit2 1.5 cannot read (`sdir`: sparse index, `link`: split index).
        case indexExtension(String)
    }

    public var code: Code
    /// The libgit2 function that failed, e.g. `git_repository_open_ext`.
    public var function: String
    /// `git_error_last()`'s message, copied right after the call.
    public var message: String
    /// The repository or file the call was about, when the wrapper knows it.
    public var path: String?

    public init(code: Code, function: String, message: String, path: String? = nil) {
        self.code = code
        self.function = function
        self.message = message
        self.path = path
    }

    /// The known limit behind this failure, if any.
    public var limitation: Limitation? {
        if code == .owner {
            return .ownership(path: path ?? ownerPathFromMessage ?? "PATH")
        }
        // libgit2 1.5.1 reports a repository owned by another user as GIT_ENOTFOUND
        // "config value 'safe.directory' was not found" when no safe.directory is configured.
        if code == .notFound, message.contains("'safe.directory'"), let path {
            return .ownership(path: path)
        }
        if let name = message.suffix(after: "unsupported extension name ") {
            let key = name.hasPrefix("extensions.") ? String(name.dropFirst(11)) : name
            // libgit2 lowercases config keys; show them as git documents them.
            let known = [
                "worktreeconfig": "worktreeConfig", "relativeworktrees": "relativeWorktrees",
                "objectformat": "objectFormat", "partialclone": "partialClone", "refstorage": "refStorage",
            ]
            return .repositoryExtension(known[key] ?? key)
        }
        if let name = message.suffix(after: "unsupported mandatory extension: ") {
            return .indexExtension(name.filter { $0 != "'" })
        }
        return nil
    }

    /// One line: what failed and, where known, what to do.
    public var description: String {
        switch limitation {
        case .ownership(let path)?:
            return
                "the repository at \(path) is owned by another user; if you trust it, run: git config --global --add safe.directory \(path)"
        case .repositoryExtension(let name)?:
            return
                "libgit2 1.5 cannot open this repository: it uses extensions.\(name); ward falls back to its libgit2-free checks (policy, agent hooks) and cannot check the index or history here"
        case .indexExtension(let name)?:
            let what =
                name == "sdir"
                ? "a sparse index (sdir)"
                : name == "link" ? "a split index (link)" : "the mandatory extension '\(name)'"
            let fix: String
            switch name {
            case "sdir": fix = "to let ward check it, run: git sparse-checkout init --no-sparse-index"
            case "link":
                fix = "to let ward check it, run: git config core.splitIndex false && git update-index --no-split-index"
            default: fix = "git itself can still read it"
            }
            return "libgit2 1.5 cannot read this index: it has \(what); ward cannot check staged files here; \(fix)"
        case nil:
            // libgit2's message, never the C function's name: that is for `debugDescription`.
            var out = message.isEmpty ? "the git repository could not be read" : message
            if let path, !out.contains(path) { out += " (\(path))" }
            return out
        }
    }

    /// The description with the libgit2 function that failed, for logs and bug reports.
    public var debugDescription: String { "\(function): \(description)" }

    private var ownerPathFromMessage: String? {
        // "repository path '/x/' is not owned by current user"
        guard let rest = message.suffix(after: "repository path '"), let end = rest.firstIndex(of: "'") else {
            return nil
        }
        return trimmingTrailingSlash(String(rest[..<end]))
    }
}

extension String {
    fileprivate func suffix(after marker: String) -> String? {
        guard let range = firstRange(of: marker) else { return nil }
        return String(self[range.upperBound...])
    }
}
