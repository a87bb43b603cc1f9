public import Workspace

/// Index facts from git's own CLI, for the libgit2-free front.
///
/// `git diff --cached` uses the index's cached trees and so costs what git costs even in a
/// repository of 100,000 files (docs/decisions/0006); git is there, since it runs the hook.
/// The hook's environment passes through unchanged, so git reads the index it is committing
/// (`GIT_DIR`, `GIT_INDEX_FILE`).
public struct GitCLIFacts: IndexFacts {
    public var directory: String
    public var environment: [String: String]
    /// Configuration as the repository's files hold it (read without running git).
    public var location: RepositoryLocation?

    public init(directory: String, environment: [String: String], location: RepositoryLocation?) {
        self.directory = directory
        self.environment = environment
        self.location = location
    }

    public func stagedChanges() throws(FactsError) -> [PathChange] {
        do {
            return try GitCommand.stagedChanges(in: directory, environment: environment)
        } catch {
            throw FactsError(.unreadable, error.description)
        }
    }

    public func indexEntryCount() throws(FactsError) -> Int {
        do {
            return try GitCommand.indexEntryCount(in: directory, environment: environment)
        } catch {
            throw FactsError(.unreadable, error.description)
        }
    }

    public func blob(_ id: String, limit: Int) -> [UInt8]? {
        try? GitCommand.blob(id, in: directory, environment: environment, limit: limit)
    }

    public func config(_ key: String) -> String? {
        location.flatMap { RepositoryLocator.configValue(key, of: $0, environment: environment) }
    }
}
