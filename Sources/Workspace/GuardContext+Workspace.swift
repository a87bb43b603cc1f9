public import Checks

extension GuardContext {
    /// The context for a command or write at `cwd`, from the located repository and the
    /// environment: home and temp dir for `~` and `$TMPDIR`, the hooks folder git uses, and a
    /// resolver that follows symlinks for the nearest existing ancestor of a path.
    public init(cwd: String, repository: RepositoryLocation?, environment: [String: String]) {
        self.init(
            cwd: cwd, repositoryRoot: repository?.workTree, gitDir: repository?.gitDir,
            commonDir: repository?.commonDir, branch: repository?.branch,
            home: environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/",
            tmpDir: environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 },
            resolve: { FileSystem.resolveThroughExistingAncestor($0) },
            isDirectory: { FileSystem.isDirectory($0) })
        hooks = repository?.hooks
    }
}
