import AgentHooks
import Policy
import Workspace

/// `ward hook pre-commit`, answered by the front without libgit2: the staged changes come from
/// `git diff --cached` (git is there: it runs the hook), which uses the index's cached trees
/// and so costs what git costs even in a repository of 100,000 files. When git cannot be run,
/// ward-git answers instead, reading the index with libgit2.
enum PreCommitCommand {
    static func run(_ words: ArraySlice<String>, _ invocation: Invocation) throws(FrontError) -> ExitStatus {
        guard words.isEmpty else { throw .usage("ward hook pre-commit: takes no arguments (git passes none)") }
        let env = invocation.environment
        let cwd = invocation.currentDirectory
        let location: RepositoryLocation
        let policy: Policy
        do {
            (location, policy) = try PreCommitReview.setUp(cwd: cwd, environment: env)
        } catch {
            throw .configuration(error.message)
        }
        let changes: [PathChange]
        do {
            changes = try GitCommand.stagedChanges(in: cwd, environment: env)
        } catch {
            Output.err("\(error.description); reading the index with libgit2 instead")
            throw Forward.execWardGit(invocation.arguments)
        }
        let failed: Bool
        do {
            failed = try PreCommitReview.run(
                location: location, policy: policy, environment: env, root: location.workTree ?? cwd,
                changes: changes,
                blob: { id in try? GitCommand.blob(id, in: cwd, environment: env, limit: 4096) },
                err: { Output.err($0) })
        } catch {
            throw .configuration("ward hook pre-commit: \(error.description)")
        }
        return failed ? .checkFailed : .ok
    }
}
