import Checks
import Git
import Policy

/// The outcome of checking a range of commits: every message finding with its commit, the
/// branch and issue-link verdicts, and whether the walk stopped at `commits.maxWalk`.
struct RangeResult {
    struct CommitFindings {
        var id: ObjectID
        var summary: String
        var report: MessageReport
    }

    var checked = 0
    var commits: [CommitFindings] = []
    var verdicts: [Verdict] = []

    var failed: Bool {
        commits.contains { !$0.report.passed } || verdicts.contains { $0.decision > .warn }
    }

    /// Human lines: each commit with findings (short id and header), then the verdicts.
    var lines: [String] {
        var out: [String] = []
        for c in commits where !c.report.findings.isEmpty {
            out.append("\(c.id.short) \(ContractReport.quoted(c.summary)): \(ContractReport.summary(c.report))")
            out += ContractReport.lines(c.report, indent: "    ")
        }
        for v in verdicts { out.append(v.message) }
        return out
    }

    var json: String {
        let commitsJSON = commits.filter { !$0.report.findings.isEmpty }.map { c in
            "{\"commit\":\"\(c.id.hex)\",\"summary\":\(JSON.quote(c.summary)),\"findings\":["
                + c.report.findings.map(ContractReport.json).joined(separator: ",") + "]}"
        }.joined(separator: ",")
        let verdictsJSON = verdicts.map(ContractReport.json).joined(separator: ",")
        return "{\"ok\":\(!failed),\"checked\":\(checked),\"commits\":[\(commitsJSON)],\"verdicts\":[\(verdictsJSON)]}"
    }
}

/// Walks new commits and applies the message contract, the issue link and the walk limit.
struct RangeChecker {
    var repository: Repository
    var policy: Policy

    /// Checks the commits reachable from `tip` and not from `hiding`/`hidingGlobs`, for the branch
    /// named `branch` when known. Commits in `seen` (id → message) were judged already, for another
    /// ref of the same push; they count for the issue link but are not reported twice.
    func check(
        tip: ObjectID, hiding: [ObjectID], hidingGlobs: [String], branch: String?, seen: inout [ObjectID: String]
    ) throws(GitError) -> RangeResult {
        var result = RangeResult()
        let limit = max(policy.commits.maxWalk, 1)
        let walk = try repository.walk(from: [tip], hiding: hiding, hidingGlobs: hidingGlobs, limit: limit)
        let contract = MessageContract(policy)
        var messages: [(id: ObjectID, message: String)] = []
        for id in walk.commits {
            if let known = seen[id] {
                messages.append((id, known))
                continue
            }
            let info = try repository.commit(id)
            seen[id] = info.message
            messages.append((id, info.message))
            let report = ContractReport.applying(policy.commitMode, to: contract.check(info.message))
            result.commits.append(.init(id: id, summary: info.summary, report: report))
            result.checked += 1
        }
        if walk.truncated {
            result.verdicts.append(
                rule(
                    "commit-walk-limit", matched: tip.short,
                    detail: "checked the newest \(limit) commits only; older new commits were not checked",
                    fallback: .warn))
        }
        if let branch, policy.commits.issueLink != .off, policy.commitMode != .off,
            let issue = IssueReference.issueNumber(inBranch: branch), !messages.isEmpty
        {
            let referenced = messages.contains { IssueReference.references($0.message, issue: issue) }
            switch policy.commits.issueLink {
            case .range where !referenced:
                result.verdicts.append(
                    rule(
                        "commit-issue-link", matched: branch,
                        detail: "branch '\(branch)' names issue #\(issue); no new commit references it", fallback: .deny
                    ).applying(policy.commitMode))
            case .every:
                for (id, message) in messages where !IssueReference.references(message, issue: issue) {
                    if MessageContract.defaultIgnore(message) != nil { continue }
                    let short = id.short
                    result.verdicts.append(
                        rule(
                            "commit-issue-link", matched: short,
                            detail: "commit \(short) does not reference issue #\(issue) (commits.issueLink is 'every')",
                            fallback: .deny
                        ).applying(policy.commitMode))
                }
            default:
                break
            }
        }
        return result
    }

    func check(tip: ObjectID, hiding: [ObjectID], hidingGlobs: [String], branch: String?) throws(GitError)
        -> RangeResult
    {
        var seen: [ObjectID: String] = [:]
        var result = try check(tip: tip, hiding: hiding, hidingGlobs: hidingGlobs, branch: branch, seen: &seen)
        if let branch {
            let verdict = BranchContract(policy: policy).checkName(branch)
            if verdict.decision != .allow { result.verdicts.append(verdict) }
        }
        return result
    }

    func rule(_ id: String, matched: String, detail: String, fallback: Decision) -> Verdict {
        policy.rule(id).map { Verdict.rule($0, matched: matched, detail: detail) }
            ?? Verdict(decision: fallback, ruleID: id, reason: detail, matched: matched, alternative: "")
    }
}
