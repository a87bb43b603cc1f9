/// Where HEAD points.
public enum HeadState: Equatable, Sendable {
    /// On a branch that has commits: its short name (`main`, `release/1.0`) and tip.
    case branch(name: String, commit: ObjectID)
    /// On a branch with no commit yet (a new repository, or `git switch --orphan`).
    case unborn(branch: String)
    /// Detached at a commit.
    case detached(ObjectID)

    /// The branch HEAD is on, born or not; `nil` when detached.
    public var branchName: String? {
        switch self {
        case .branch(let name, _): return name
        case .unborn(let name): return name
        case .detached: return nil
        }
    }

    /// The commit HEAD resolves to; `nil` when unborn.
    public var commit: ObjectID? {
        switch self {
        case .branch(_, let commit): return commit
        case .detached(let commit): return commit
        case .unborn: return nil
        }
    }
}
