import GitHooks
import Policy
import TestSupport
import Workspace

/// The effective policy of a repository whose ward.json holds `wardJSON`: the real parser,
/// merged onto the built-in policy as the loader merges it.
func policy(_ wardJSON: String = "{}") throws -> Policy {
    try Policy.builtin.merging([try PolicyParser.parse(wardJSON, file: "ward.json", kind: .repository)])
}

/// A real repository for the checkpoints that locate their repository and load its policy
/// (`GitSite`): made with the git CLI in a sandbox the value owns.
struct SiteRepository {
    let sandbox: GitSandbox
    let root: String

    /// `commits` commits on `branch` (none leaves it unborn), and `wardJSON` as ward.json.
    init(wardJSON: String? = nil, branch: String = "main", commits: [String] = []) throws {
        sandbox = try GitSandbox()
        root = try sandbox.makeRepository(branch: branch, commits: commits)
        if let wardJSON { try sandbox.write("repo/ward.json", wardJSON) }
    }

    /// The site `ward` sees when a hook runs at the work tree's root.
    var site: GitSite { GitSite(directory: root, environment: sandbox.environment()) }
}

/// A staged or committed change as `git diff --raw` reports it.
func change(
    _ status: Character, _ path: String, from old: String? = nil, mode: UInt32 = 0o100644, blob: String? = nil
) -> PathChange {
    PathChange(
        status: status, oldPath: Array((old ?? path).utf8), newPath: Array(path.utf8), newMode: mode,
        newBlob: blob)
}
