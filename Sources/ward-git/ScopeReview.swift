import AgentHooks
import Checks
import Git
import Policy
import Workspace

/// The scope over libgit2's changes (ranges in `ward check range`, the index in `ward check`),
/// through the shared `PreCommitReview.scopeVerdicts`.
enum ScopeReview {
    static func verdicts(
        for changes: [StagedChange], repository: Repository, root: String, scopeGuard: ScopeGuard, policy: Policy
    ) -> [(subject: String, verdict: Verdict)] {
        PreCommitReview.scopeVerdicts(
            for: changes.map(PathChange.init), root: root, scopeGuard: scopeGuard, policy: policy,
            blob: { id in
                guard let oid = ObjectID(hex: id) else { return nil }
                return try? repository.blobContent(oid, limit: 4096)
            })
    }
}

extension PathChange {
    /// A libgit2 change as `git diff --raw` would report it.
    init(_ change: StagedChange) {
        let letter: Character
        switch change.status {
        case .added: letter = "A"
        case .modified: letter = "M"
        case .deleted: letter = "D"
        case .renamed: letter = "R"
        case .copied: letter = "C"
        case .typechange: letter = "T"
        case .conflicted: letter = "U"
        }
        self.init(
            status: letter, oldPath: change.oldPath, newPath: change.newPath, newMode: change.newMode,
            newBlob: change.newObjectID?.hex)
    }
}
