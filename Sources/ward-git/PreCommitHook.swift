import AgentHooks
import Checks
import Git
import Policy
import Workspace

/// `ward hook pre-commit`: what the commit will record, checked before git writes it.
///
/// Reads the index git is committing (`$GIT_INDEX_FILE` when set, relative to the hook's
/// working directory: `git commit -a` and `git commit PATH` use temporary indexes) once, diffs
/// it against HEAD, and checks every staged path (both sides of a rename, deletions too)
/// against the scope, plus direct commits on protected branches. No working-tree scan.
enum PreCommitHook {
    static let help = PreCommitReview.help

    static func run(_ arguments: ArraySlice<String>, _ context: ProcessContext, _ output: Output) throws(CommandError)
        -> ExitStatus
    {
        guard arguments.isEmpty else { throw .usage("ward hook pre-commit: takes no arguments (git passes none)") }
        let env = context.environment
        let cwd = context.currentDirectory
        let location: RepositoryLocation
        let policy: Policy
        do {
            (location, policy) = try PreCommitReview.setUp(cwd: cwd, environment: env)
        } catch {
            throw .configuration(error.message)
        }
        // The staged changes from `git diff --cached`, which uses the index's cached trees and so
        // costs what git costs; libgit2 (which walks every tree) only when git cannot be run.
        var changes: [PathChange]
        var readBlob: (String) -> [UInt8]? = { id in try? GitCommand.blob(id, in: cwd, environment: env, limit: 4096) }
        var libgit2: Repository?
        do {
            changes = try GitCommand.stagedChanges(in: cwd, environment: env)
        } catch {
            output.err("\(error.description); reading the index with libgit2 instead")
            let repository = try openRepository(cwd: cwd, location: location, environment: env)
            let indexPath = env["GIT_INDEX_FILE"].flatMap { $0.isEmpty ? nil : Files.absolute($0, relativeTo: cwd) }
            do {
                let index = try repository.index(path: indexPath)
                changes = try repository.stagedChanges(in: index).map(PathChange.init)
            } catch {
                throw .configuration("ward hook pre-commit: \(error.description)")
            }
            readBlob = { id in ObjectID(hex: id).flatMap { try? repository.blobContent($0, limit: 4096) } }
            libgit2 = repository
        }
        let root = location.workTree ?? libgit2?.workDirectory ?? cwd
        let failed: Bool
        do {
            failed = try PreCommitReview.run(
                location: location, policy: policy, environment: env, root: root, changes: changes, blob: readBlob,
                err: output.err)
        } catch {
            throw .configuration("ward hook pre-commit: \(error.description)")
        }
        return failed ? .checkFailed : .ok
    }

    /// Opens the repository with libgit2, from GIT_DIR/GIT_WORK_TREE as git sets them for hooks.
    static func openRepository(cwd: String, location: RepositoryLocation, environment env: [String: String])
        throws(CommandError) -> Repository
    {
        let opened: Repository?
        do throws(GitError) {
            if let gitDir = env["GIT_DIR"], !gitDir.isEmpty {
                let workTree = env["GIT_WORK_TREE"].flatMap { $0.isEmpty ? nil : Files.absolute($0, relativeTo: cwd) }
                opened = try Repository.open(
                    gitDir: Files.absolute(gitDir, relativeTo: cwd), workTree: workTree ?? location.workTree)
            } else {
                opened = try Repository.open(at: cwd, ceilingDirectories: [])
            }
        } catch {
            throw .configuration("ward hook pre-commit: \(error.description)")
        }
        guard let repository = opened else {
            throw .configuration("ward hook pre-commit: libgit2 cannot find the repository at \(cwd)")
        }
        return repository
    }
}
