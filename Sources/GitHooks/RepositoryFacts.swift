public import Workspace

/// What the git checkpoints need to know about a repository, and nothing more.
///
/// The checkpoints (pre-commit, commit-msg, pre-push, ranges, `ward check`) are written once,
/// against this protocol; the front binary answers it with file reads and git's CLI (no
/// libgit2 on the agent path), `ward-git` with libgit2 (`GitFacts`), and tests with values.
/// Commit ids are full hexadecimal strings. `IndexFacts` is what pre-commit and `ward check`
/// need; `RepositoryFacts` adds the history that pre-push and ranges walk.
public protocol IndexFacts {
    /// The changes the commit being made records: the index against HEAD (`$GIT_INDEX_FILE` when set).
    func stagedChanges() throws(FactsError) -> [PathChange]
    /// The number of entries in that index.
    func indexEntryCount() throws(FactsError) -> Int
    /// A blob's first `limit` bytes, or nil when it cannot be read.
    func blob(_ id: String, limit: Int) -> [UInt8]?
    /// A configuration value as git resolves it (repository, global, system), or nil.
    func config(_ key: String) -> String?
}

/// The history facts of a repository, on top of its index.
public protocol RepositoryFacts: IndexFacts {
    /// The commit a revision names (`main`, `HEAD~2`, an id), peeled through tags; nil when the
    /// revision names something that is not a commit. Throws when the revision is unknown.
    func commit(named revision: String) throws(FactsError) -> String?
    /// Whether the object database holds `id`.
    func contains(_ id: String) throws(FactsError) -> Bool
    /// The commit an object id peels to (a tag's target), nil when it is not a commit.
    func peeledCommit(_ id: String) throws(FactsError) -> String?
    /// Whether `commit` has `ancestor` in its history.
    func isDescendant(_ commit: String, of ancestor: String) throws(FactsError) -> Bool
    /// The best common ancestor of two commits, nil when they share none.
    func mergeBase(_ one: String, _ two: String) throws(FactsError) -> String?
    /// The commits reachable from `tips` and from none of `hiding` nor the refs matching
    /// `hidingGlobs`, newest first, at most `limit` (`truncated` when there were more).
    func commits(from tips: [String], hiding: [String], hidingGlobs: [String], limit: Int) throws(FactsError)
        -> (ids: [String], truncated: Bool)
    /// A commit's raw message.
    func message(of commit: String) throws(FactsError) -> String
    /// `commits(from:hiding:hidingGlobs:limit:)` with each commit's raw message, newest first.
    /// The default reads each message with `message(of:)`; a repository may read them all in one go.
    func commitMessages(from tips: [String], hiding: [String], hidingGlobs: [String], limit: Int)
        throws(FactsError) -> CommitMessages
    /// The paths that differ between two commits' trees, renames detected; an empty `from` is the
    /// empty tree (every file of `to`, for a range from the root commit).
    func changes(from: String, to: String) throws(FactsError) -> [PathChange]
    /// Full reference names matching a glob (`refs/remotes/origin/*`).
    func referenceNames(matching glob: String) throws(FactsError) -> [String]
    /// The configured remotes' names.
    func remoteNames() throws(FactsError) -> [String]
    /// Whether the repository is a shallow clone (history cut off at a graft).
    var isShallow: Bool { get }
}

/// The commits of a walk with their raw messages, newest first; `truncated` when the walk
/// stopped at its limit.
public struct CommitMessages: Sendable, Equatable {
    public var commits: [Commit]
    public var truncated: Bool

    public struct Commit: Sendable, Equatable {
        public var id: String
        public var message: String

        public init(id: String, message: String) {
            self.id = id
            self.message = message
        }
    }

    public init(commits: [Commit], truncated: Bool) {
        self.commits = commits
        self.truncated = truncated
    }
}

extension RepositoryFacts {
    public func commitMessages(from tips: [String], hiding: [String], hidingGlobs: [String], limit: Int)
        throws(FactsError) -> CommitMessages
    {
        try messagesOneByOne(from: tips, hiding: hiding, hidingGlobs: hidingGlobs, limit: limit)
    }

    /// The walk, then each commit's message read on its own.
    public func messagesOneByOne(from tips: [String], hiding: [String], hidingGlobs: [String], limit: Int)
        throws(FactsError) -> CommitMessages
    {
        let walk = try commits(from: tips, hiding: hiding, hidingGlobs: hidingGlobs, limit: limit)
        var out: [CommitMessages.Commit] = []
        out.reserveCapacity(walk.ids.count)
        for id in walk.ids { out.append(CommitMessages.Commit(id: id, message: try message(of: id))) }
        return CommitMessages(commits: out, truncated: walk.truncated)
    }
}

/// Why a repository fact could not be read: one line a person can act on.
public struct FactsError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A revision that names nothing in this repository.
        case unknownRevision
        /// An object the history needs is not in this clone (a shallow or partial clone).
        case missingObject
        /// Anything else: the repository or git could not be read.
        case unreadable
    }

    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
