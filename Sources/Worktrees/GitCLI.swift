import Base

/// Runs the `git` on PATH for the steps git's CLI does best: creating a worktree and checking
/// out its files (docs/decisions/0011-worktree-checkout-with-git.md), status with the untracked
/// cache, ref updates with an expected old value.
///
/// The environment is the caller's without `GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE` and
/// `GIT_COMMON_DIR`, so each command acts on the directory it is given and nothing else.
struct GitCLI: Sendable {
    var environment: [String: String]

    init(environment: [String: String]) {
        var env = environment
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX"] {
            env[key] = nil
        }
        self.environment = env
    }

    /// What one git command did.
    struct Result {
        var succeeded: Bool
        var output: [UInt8]
        var error: String
        var text: String { String(decoding: output, as: UTF8.self) }
        var trimmed: String { String(text.trimmingWhitespace()) }
    }

    /// Runs `git ARGS` in `directory`; the outcome, failed or not.
    func attempt(_ arguments: [String], in directory: String, input: [UInt8]? = nil) -> Result {
        let request = ProcessRequest(
            executable: "git", arguments: arguments, environment: environment, workingDirectory: directory,
            standardInput: input.map { .bytes($0) } ?? .null, standardOutput: .capture, standardError: .capture)
        do {
            let outcome = try ProcessRunner().run(request)
            return Result(
                succeeded: outcome.succeeded, output: outcome.standardOutput,
                error: String(String(decoding: outcome.standardError, as: UTF8.self).trimmingWhitespace()))
        } catch {
            return Result(succeeded: false, output: [], error: "cannot run git: \(error)")
        }
    }

    /// Runs `git ARGS` in `directory` and returns its stdout; throws `failed` with git's own words.
    @discardableResult
    func run(_ arguments: [String], in directory: String, input: [UInt8]? = nil) throws(WorktreeError) -> Result {
        let result = attempt(arguments, in: directory, input: input)
        guard result.succeeded else {
            let said = result.error.split(separator: "\n").last.map(String.init) ?? ""
            throw .failed("ward: 'git \(arguments.joined(separator: " "))' failed: \(said)")
        }
        return result
    }

    /// The commit a revision names (`git rev-parse --verify -q REV^{commit}`), or nil.
    func commit(_ revision: String, in directory: String) -> String? {
        let result = attempt(
            ["rev-parse", "--verify", "-q", "--end-of-options", revision + "^{commit}"], in: directory)
        return result.succeeded && !result.trimmed.isEmpty ? result.trimmed : nil
    }
}
