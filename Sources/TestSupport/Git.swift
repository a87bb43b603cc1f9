import Foundation

/// An environment for running `git` (or `ward` driving git) in tests, isolated from the
/// machine: a fixed author and committer with fixed dates (so ids are reproducible), no system
/// or global config (`GIT_CONFIG_NOSYSTEM`, `GIT_CONFIG_GLOBAL=/dev/null`), `HOME` set to
/// `home`, and none of this process's `GIT_*` variables, which are set when the suite itself
/// runs inside a git hook. Only `PATH` is inherited.
public func gitEnvironment(home: String) -> [String: String] {
    [
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "LC_ALL": "C",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "Ward Test",
        "GIT_AUTHOR_EMAIL": "ward-test@example.invalid",
        "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
        "GIT_COMMITTER_NAME": "Ward Test",
        "GIT_COMMITTER_EMAIL": "ward-test@example.invalid",
        "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
        "GIT_TERMINAL_PROMPT": "0",
    ]
}

/// Runs `git ARGS` in `dir` with `gitEnvironment(home: dir)` plus `environment`, and returns
/// its stdout without the trailing newline; throws with git's stderr when it fails.
@discardableResult
public func git(_ args: String..., in dir: String, environment: [String: String] = [:]) throws -> String {
    let env = gitEnvironment(home: dir).merging(environment) { _, new in new }
    let result = try runProcess("git", args, cwd: dir, environment: env)
    guard result.status == 0 else {
        throw TestSupportError(
            "git \(args.joined(separator: " ")) in \(dir) exited \(result.status): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
        )
    }
    var out = result.stdout
    while out.hasSuffix("\n") { out.removeLast() }
    return out
}

/// Creates a real repository `directory/name` with `git init -b branch` and `commits` commits
/// (each adds `fileN.txt`, message `commit N`), and returns its root's real path.
///
/// The repository is a subfolder so the test keeps `directory` for what lies outside it.
@discardableResult
public func makeRepository(
    in directory: String, name: String = "repo", branch: String = "main", commits: Int = 1
) throws -> String {
    let root = directory + "/" + name
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try git("init", "-q", "-b", branch, in: root)
    if commits > 0 {
        for n in 1...commits {
            guard writeFile(root + "/file\(n).txt", "\(n)\n") else {
                throw TestSupportError("cannot write \(root)/file\(n).txt")
            }
            try git("add", "file\(n).txt", in: root)
            try git("commit", "-q", "-m", "commit \(n)", in: root)
        }
    }
    return realPath(root) ?? root
}
