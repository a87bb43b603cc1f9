/// Why a worktree command could not do its job, in one line a user can act on.
///
/// A refusal (dirty work, a link that does not point back) is not an error of ward's: it is
/// `refused`, and the command exits 1; the rest (`usage`, `failed`) exit 2.
public enum WorktreeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad input: a name, a branch, an option that cannot be used.
    case usage(String)
    /// A safety check objected; nothing was changed. `rule` names the check (`worktree-dirty`).
    case refused(String, rule: String = "worktree-refused")
    /// The file system or git failed; what was created was rolled back where the message says so.
    case failed(String)

    public var description: String {
        switch self {
        case .usage(let m), .refused(let m, _), .failed(let m): return m
        }
    }

    /// The rule id a finding of this error carries.
    public var rule: String {
        switch self {
        case .usage: return "worktree-usage"
        case .refused(_, let rule): return rule
        case .failed: return "worktree-failed"
        }
    }
}
