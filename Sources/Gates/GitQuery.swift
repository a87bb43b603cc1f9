import Base

/// The git CLI questions the runner asks (libgit2-free: the front binary's pre-commit hook runs
/// gates). The caller's environment passes through, so a hook's `GIT_DIR` and `GIT_INDEX_FILE`
/// reach git unchanged.
enum GitQuery {
    /// Runs `git ARGS` in `directory`; its standard output, or an error with its standard error.
    static func run(
        _ arguments: [String], in directory: String, environment: [String: String], input: [UInt8]? = nil
    ) throws(GateError) -> [UInt8] {
        let request = ProcessRequest(
            executable: "git", arguments: arguments, environment: environment, workingDirectory: directory,
            standardInput: input.map { .bytes($0) } ?? .null, standardOutput: .capture, standardError: .capture)
        let outcome: ProcessOutcome
        do {
            outcome = try ProcessRunner().run(request)
        } catch {
            throw GateError("cannot run git: \(error)")
        }
        guard outcome.succeeded else {
            let message =
                String(decoding: outcome.standardError.prefix(400), as: UTF8.self)
                .split(separator: "\n").first.map(String.init) ?? ""
            throw GateError("'git \(arguments.prefix(3).joined(separator: " "))' failed: \(message)")
        }
        return outcome.standardOutput
    }

    /// The NUL-separated paths a `-z` listing prints.
    static func paths(_ arguments: [String], in directory: String, environment: [String: String]) throws(GateError)
        -> [String]
    {
        try run(arguments, in: directory, environment: environment).split(separator: 0).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}
