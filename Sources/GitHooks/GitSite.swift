public import Checks
public import Commands
public import Findings
public import Policy
public import Workspace

/// Where a git checkpoint runs: the directory, the repository around it and its policy.
///
/// The one way every git checkpoint finds its repository: `RepositoryLocator` (git's own rules:
/// `GIT_DIR`, `GIT_WORK_TREE`, `GIT_COMMON_DIR`, `GIT_CEILING_DIRECTORIES`, `.git` files of
/// linked worktrees), and `ward-git` then opens exactly the git dir found here with libgit2.
public struct GitSite: Sendable {
    /// The absolute directory the command runs in (or `--cwd`).
    public var directory: String
    public var environment: [String: String]
    public var location: RepositoryLocation?
    /// The effective policy, or why it does not load.
    public var loaded: Result<LoadedPolicy, PolicyError>

    public init(directory: String, environment: [String: String]) {
        self.directory = directory
        self.environment = environment
        let location = RepositoryLocator.locate(from: directory, environment: environment)
        self.location = location
        loaded = Result { () throws(PolicyError) in
            try PolicyLoader.load(repository: location, environment: environment)
        }
    }

    /// The repository, or a configuration error naming `command` (git hooks then block).
    public func repository(for command: String) throws(CommandError) -> RepositoryLocation {
        guard let location else {
            throw .configuration("ward \(command): \(directory) is not inside a git repository")
        }
        return location
    }

    /// The effective policy, or a configuration error: a policy that does not load blocks.
    ///
    /// `judgesMessages`: the command checks commit messages, so scopes taken from the workspace
    /// (`"scopes": {"from": "workspace"}`) are read into `commits.scopes`. Only the message
    /// contract uses them; the other checkpoints skip reading the workspace's manifests.
    public func policy(for command: String, judgesMessages: Bool = false) throws(CommandError) -> Policy {
        switch loaded {
        case .success(let loaded):
            var policy = loaded.policy
            if judgesMessages { WorkspaceScopes.apply(to: &policy, root: root) }
            return policy
        case .failure(let error):
            throw .configuration("ward \(command): the policy cannot be used: \(error.description)")
        }
    }

    /// The work tree's root, where repository-relative paths start.
    public var root: String { location?.workTree ?? directory }

    /// The context the scope guard resolves paths in, rooted at the work tree.
    public var guardContext: GuardContext {
        GuardContext(cwd: root, repository: location, environment: environment)
    }

    /// The context of a command line run in `directory` (`ward check command`, `ward explain`).
    public var commandContext: GuardContext {
        GuardContext(cwd: directory, repository: location, environment: environment)
    }

    /// Appends each objection of `report` to the audit log; a log that cannot be written never
    /// changes the verdict, and is reported through `err`.
    public func audit(_ report: Report, err: (String) -> Void) {
        guard let location else { return }
        let path = AuditLog.path(repository: location, environment: environment)
        for f in report.objections {
            let subject = [f.commit.map { String($0.prefix(12)) }, f.path, f.matched.isEmpty ? nil : f.matched]
                .compactMap { $0 }.joined(separator: " ")
            let record = AuditRecord(
                checkpoint: f.checkpoint.auditName, worktree: location.workTree, ruleID: f.ruleID,
                decision: f.decision.rawValue, reason: f.message, subject: subject)
            do {
                try AuditLog.append(record, to: path)
            } catch {
                err(error.description)
                return
            }
        }
    }
}

extension CommandError {
    /// A repository fact that could not be read, said for `command`: unknown revisions and
    /// history missing from a shallow clone are the user's to fix (exit 2), the rest internal.
    public init(_ error: FactsError, command: String) {
        switch error.kind {
        case .unknownRevision, .missingObject: self = .configuration("ward \(command): \(error.description)")
        case .unreadable: self = .internalError("ward \(command): \(error.description)")
        }
    }
}
