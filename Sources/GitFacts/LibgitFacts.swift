import Git
public import GitHooks
public import Workspace

/// Repository facts from libgit2, for `ward-git`: the history walks, ancestry and diffs that the
/// front cannot answer with file reads.
///
/// Opens exactly the git dir and work tree that `GitSite` located (one way to find a
/// repository), and the index git is committing (`$GIT_INDEX_FILE` when set).
public final class LibgitFacts: RepositoryFacts {
    let repository: Repository
    let indexPath: String?
    /// The environment git's CLI runs with (its PATH) to read a walk's messages in one stream
    /// (`commitMessages`); nil: libgit2 reads them one by one.
    let gitEnvironment: [String: String]?

    /// Opens the repository `location` names; `indexPath` is `$GIT_INDEX_FILE`, made absolute.
    /// With `gitEnvironment`, walks that need messages are read by one `git log`.
    public init(location: RepositoryLocation, indexPath: String?, gitEnvironment: [String: String]? = nil)
        throws(FactsError)
    {
        do {
            repository = try Repository.open(gitDir: location.gitDir, workTree: location.workTree)
        } catch {
            throw FactsError(.unreadable, error.description)
        }
        self.indexPath = indexPath
        self.gitEnvironment = gitEnvironment
    }

    /// Runs a libgit2 call and says what failed in a user's words.
    func read<T>(_ what: String, _ body: () throws(GitError) -> T) throws(FactsError) -> T {
        do {
            return try body()
        } catch {
            if error.code == .notFound && (what == "history" || what == "commit") {
                throw FactsError(
                    .missingObject, "a commit the \(what) needs is not in this clone: \(error.description)")
            }
            throw FactsError(.unreadable, "cannot read the \(what): \(error.description)")
        }
    }

    public func stagedChanges() throws(FactsError) -> [PathChange] {
        try read("index") { () throws(GitError) in
            try repository.stagedChanges(in: repository.index(path: indexPath)).map(PathChange.init)
        }
    }

    public func indexEntryCount() throws(FactsError) -> Int {
        try read("index") { () throws(GitError) in try repository.index(path: indexPath).count }
    }

    public func blob(_ id: String, limit: Int) -> [UInt8]? {
        ObjectID(hex: id).flatMap { try? repository.blobContent($0, limit: limit) }
    }

    public func config(_ key: String) -> String? {
        guard let config = try? repository.config() else { return nil }
        let value = (try? config.string(key)).flatMap { $0 }
        // A key without a value (`[ward] flag`) is true to git, as GitCLIFacts reads it; libgit2's
        // string for it is empty, as for `flag =`, which git reads as false.
        if value == "", (try? config.bool(key)) == true { return "true" }
        return value
    }

    public func commit(named revision: String) throws(FactsError) -> String? {
        let id: ObjectID
        do {
            id = try repository.resolve(revision)
        } catch {
            throw FactsError(.unknownRevision, "unknown revision '\(revision)'")
        }
        return try read("commit") { () throws(GitError) in try repository.peeledCommit(id)?.hex }
    }

    public func contains(_ id: String) throws(FactsError) -> Bool {
        guard let oid = ObjectID(hex: id) else { return false }
        return try read("object database") { () throws(GitError) in try repository.contains(oid) }
    }

    public func peeledCommit(_ id: String) throws(FactsError) -> String? {
        guard let oid = ObjectID(hex: id) else { return nil }
        return try read("commit") { () throws(GitError) in try repository.peeledCommit(oid)?.hex }
    }

    public func isDescendant(_ commit: String, of ancestor: String) throws(FactsError) -> Bool {
        let a = try oid(commit)
        let b = try oid(ancestor)
        return try read("history") { () throws(GitError) in try repository.isDescendant(a, of: b) }
    }

    public func mergeBase(_ one: String, _ two: String) throws(FactsError) -> String? {
        let a = try oid(one)
        let b = try oid(two)
        return try read("history") { () throws(GitError) in try repository.mergeBase(a, b)?.hex }
    }

    public func commits(from tips: [String], hiding: [String], hidingGlobs: [String], limit: Int) throws(FactsError)
        -> (ids: [String], truncated: Bool)
    {
        var tipIDs: [ObjectID] = []
        for tip in tips { tipIDs.append(try oid(tip)) }
        let hidden = hiding.compactMap { ObjectID(hex: $0) }
        let walk = try read("history") { () throws(GitError) in
            try repository.walk(from: tipIDs, hiding: hidden, hidingGlobs: hidingGlobs, limit: limit)
        }
        return (walk.commits.map(\.hex), walk.truncated)
    }

    public func message(of commit: String) throws(FactsError) -> String {
        let id = try oid(commit)
        return try read("commit") { () throws(GitError) in try repository.commit(id).message }
    }

    /// The walk and its messages from one `git log` when git can be run and the clone is whole
    /// (libgit2 reads each commit twice, git once: `check range` over 5,000 commits took half
    /// the time); otherwise, or when git fails for any reason, from libgit2 one by one. A shallow
    /// clone stays with libgit2, which says which history is missing where git would stop quietly
    /// at the graft.
    public func commitMessages(from tips: [String], hiding: [String], hidingGlobs: [String], limit: Int)
        throws(FactsError) -> CommitMessages
    {
        // What libgit2's walk hides: the commits the ids peel to, non-commits left out. An id
        // that cannot be read is libgit2's to report.
        let hidden = try? hiding.compactMap { (id) throws(FactsError) in try peeledCommit(id) }
        if let environment = gitEnvironment, !repository.isShallow, let hidden,
            let streamed = try? GitCommand.commitMessages(
                tips: tips, hiding: hidden, hidingGlobs: hidingGlobs, limit: limit,
                gitDir: repository.gitDirectory, environment: environment)
        {
            return CommitMessages(
                commits: streamed.commits.map { CommitMessages.Commit(id: $0.id, message: $0.message) },
                truncated: streamed.truncated)
        }
        return try messagesOneByOne(from: tips, hiding: hiding, hidingGlobs: hidingGlobs, limit: limit)
    }

    public func changes(from: String, to: String) throws(FactsError) -> [PathChange] {
        let a = from.isEmpty ? nil : try oid(from)
        let b = try oid(to)
        return try read("history") { () throws(GitError) in try repository.changes(from: a, to: b).map(PathChange.init)
        }
    }

    public func referenceNames(matching glob: String) throws(FactsError) -> [String] {
        try read("references") { () throws(GitError) in try repository.referenceNames(matching: glob) }
    }

    public func remoteNames() throws(FactsError) -> [String] {
        try read("remotes") { () throws(GitError) in try repository.remoteNames() }
    }

    public var isShallow: Bool { repository.isShallow }

    func oid(_ hex: String) throws(FactsError) -> ObjectID {
        guard let id = ObjectID(hex: hex) else { throw FactsError(.unknownRevision, "'\(hex)' is not a commit id") }
        return id
    }
}
