import Checks
import Git
import Policy

/// The scope guard over a list of changed paths: staged changes at pre-commit, the files of a
/// range in `ward check range` and CI. One place, so every checkpoint gives the same verdict.
enum ScopeReview {
    /// Every path that may not change, with its verdict (mode applied): both sides of renames,
    /// deletions, and symbolic links whose recorded target leaves the scope.
    static func verdicts(
        for changes: [StagedChange], repository: Repository, root: String, scopeGuard: ScopeGuard, policy: Policy
    ) -> [(subject: String, verdict: Verdict)] {
        var out: [(String, Verdict)] = []
        for change in changes {
            var paths = [change.newPathString]
            if change.oldPath != change.newPath { paths.append(change.oldPathString) }
            for rel in paths {
                let v = scopeGuard.check(write: PathMath.normalize(rel, cwd: root))
                if v.decision != .allow { out.append((rel, v)) }
            }
            guard change.isSymbolicLink, let blob = change.newObjectID,
                let target = try? repository.blobContent(blob, limit: 4096)
            else { continue }
            // The link's target as the commit records it (not the working tree), from the link's folder.
            let link = PathMath.normalize(change.newPathString, cwd: root)
            let folder = String(link[..<(link.lastIndex(of: "/") ?? link.endIndex)])
            let resolved = PathMath.normalize(
                String(decoding: target, as: UTF8.self), cwd: folder.isEmpty ? "/" : folder)
            guard let finding = scopeGuard.finding(resolved, resolved: nil, isDirectory: false),
                !policy.isDisabled("scope-escape-symlink")
            else { continue }
            let rule =
                policy.rule("scope-escape-symlink")
                ?? Rule(
                    id: "scope-escape-symlink", category: "scope", decision: .deny,
                    reason: "a symbolic link points outside the allowed scope", alternative: "")
            let v = Verdict.rule(
                rule, matched: change.newPathString, detail: "the link points to \(resolved) (\(finding.ruleID))"
            ).applying(scopeGuard.mode)
            if v.decision != .allow { out.append((change.newPathString, v)) }
        }
        return out
    }
}
