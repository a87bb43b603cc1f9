import Checks
public import Commands
public import Findings

/// `ward check branch [NAME]`: a branch name against `branches.patterns`.
public enum BranchCheck {
    /// NAME, or the branch HEAD is on, judged under `site`'s policy: the report (one finding,
    /// `allow` when it passes) and the line the command prints. Without NAME on a detached HEAD
    /// there is nothing to check: a usage error.
    public static func run(_ given: String?, site: GitSite) throws(CommandError) -> (report: Report, line: String) {
        let policy = try site.policy(for: "check branch")
        guard let name = given ?? site.location?.branch else {
            throw .usage("ward check branch: no NAME given and HEAD is not on a branch")
        }
        let contract = BranchContract(policy: policy)
        let verdict = contract.checkName(name)
        let report = Report(
            checkpoint: .range, subject: "branch \(name)", findings: [verdict.finding(.range)], checked: 1)
        let line: String
        if verdict.decision != .allow {
            line = verdict.message
        } else if policy.isDisabled("branch-name") && !contract.nameMatches(name) {
            line = "ward: branch '\(name)' is not checked: commands.disable lists branch-name"
        } else {
            line = "ward: branch '\(name)' matches the branch contract"
        }
        return (report, line)
    }
}
