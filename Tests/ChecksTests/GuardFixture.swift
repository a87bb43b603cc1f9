import Checks
import Foundation
import Policy
import TestSupport
import Workspace

/// A real repository on a feature branch, outside every temp root, as the guard's corpora assume:
/// `rm -rf ../x` from it must land outside the repository and outside `/tmp`.
final class GuardFixture: Sendable {
    let directory: TemporaryDirectory
    let root: String
    let context: GuardContext

    init(branch: String = "feat/12-login", home: String = "/home/dev") throws {
        let base = nonTemporaryTestBase
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        directory = try TemporaryDirectory(prefix: "guard", base: base)
        root = try makeRepository(in: directory.path, name: "repo", branch: branch, commits: 1)
        guard let location = RepositoryLocator.locate(from: root, environment: [:]) else {
            throw TestSupportError("RepositoryLocator did not find the repository at \(root)")
        }
        context = GuardContext(
            cwd: root, repositoryRoot: location.workTree, gitDir: location.gitDir, commonDir: location.commonDir,
            branch: location.branch, home: home, tmpDir: nil)
    }
}
