public import Checks
import Commands
public import Findings
public import Policy

/// The commit contracts over new commits: every message, the walk limit, the issue link.
/// Used by pre-push (per pushed ref) and by `ward check range` (CI).
public struct RangeCheck<Facts: RepositoryFacts> {
    public var facts: Facts
    public var policy: Policy
    public var checkpoint: Checkpoint

    public init(facts: Facts, policy: Policy, checkpoint: Checkpoint) {
        self.facts = facts
        self.policy = policy
        self.checkpoint = checkpoint
    }

    /// Checks the commits reachable from `tip` and not from `hiding`/`hidingGlobs`, for the branch
    /// named `branch` when known. Commits in `seen` (id → message) were judged already, for another
    /// ref of the same push; they count for the issue link but are not reported twice.
    public func check(
        tip: String, hiding: [String], hidingGlobs: [String], branch: String?, seen: inout [String: String]
    ) throws(FactsError) -> RangeOutcome {
        var outcome = RangeOutcome()
        let limit = max(policy.commits.maxWalk, 1)
        let walk = try facts.commits(from: [tip], hiding: hiding, hidingGlobs: hidingGlobs, limit: limit)
        let contract = MessageContract(policy)
        var messages: [(id: String, message: String)] = []
        for id in walk.ids {
            if let known = seen[id] {
                messages.append((id, known))
                continue
            }
            let message = try facts.message(of: id)
            seen[id] = message
            messages.append((id, message))
            let report = CommitMsg.report(
                contract.check(message), policy: policy, checkpoint: checkpoint, subject: message, commit: id)
            if !report.findings.isEmpty { outcome.headers[id] = TextRenderer.quotedHeader(message) }
            outcome.findings += report.findings
            outcome.checked += 1
        }
        if walk.truncated {
            outcome.findings.append(
                rule(
                    "commit-walk-limit", matched: String(tip.prefix(7)),
                    detail: "checked the newest \(limit) commits only; older new commits were not checked",
                    fallback: .warn
                ).finding(checkpoint, commit: tip))
        }
        outcome.findings += issueLink(branch: branch, messages: messages)
        return outcome
    }

    /// `commits.issueLink`: when the branch names an issue, a new commit (`range`) or every new
    /// commit (`every`) must reference it.
    func issueLink(branch: String?, messages: [(id: String, message: String)]) -> [Finding] {
        guard let branch, policy.commits.issueLink != .off, policy.commitMode != .off,
            let issue = IssueReference.issueNumber(inBranch: branch), !messages.isEmpty
        else { return [] }
        let instead =
            "reference it in a commit message: 'Refs #\(issue)' or 'Closes #\(issue)' (git commit --amend, or a new commit)"
        func verdict(_ matched: String, _ detail: String) -> Verdict {
            var v = rule("commit-issue-link", matched: matched, detail: detail, fallback: .deny).applying(
                policy.commitMode)
            v.alternative = instead
            return v
        }
        switch policy.commits.issueLink {
        case .range where !messages.contains(where: { IssueReference.references($0.message, issue: issue) }):
            return [
                verdict(branch, "branch '\(branch)' names issue #\(issue); no new commit references it").finding(
                    checkpoint)
            ]
        case .every:
            return messages.compactMap { id, message in
                if IssueReference.references(message, issue: issue) || MessageContract.defaultIgnore(message) != nil {
                    return nil
                }
                let short = String(id.prefix(7))
                return verdict(
                    short, "commit \(short) does not reference issue #\(issue) (commits.issueLink is 'every')"
                )
                .finding(checkpoint, commit: id)
            }
        default:
            return []
        }
    }

    func rule(_ id: String, matched: String, detail: String, fallback: Decision) -> Verdict {
        policy.rule(id).map { Verdict.rule($0, matched: matched, detail: detail) }
            ?? Verdict(decision: fallback, ruleID: id, reason: detail, matched: matched, alternative: "")
    }
}

/// What a walk found: the findings (each message finding carries its commit), the first line
/// of every commit that has findings, and how many commits were judged.
public struct RangeOutcome: Sendable, Equatable {
    public var findings: [Finding] = []
    public var headers: [String: String] = [:]
    public var checked = 0

    public init() {}

    /// Human lines: each commit with findings (short id and header, then its aligned findings),
    /// then the findings that are about no single message (issue link, walk limit, scope).
    public var lines: [String] {
        var out: [String] = []
        var order: [String] = []
        var byCommit: [String: [Finding]] = [:]
        var other: [Finding] = []
        for f in findings {
            if let commit = f.commit, f.line != nil {
                if byCommit[commit] == nil { order.append(commit) }
                byCommit[commit, default: []].append(f)
            } else {
                other.append(f)
            }
        }
        for commit in order {
            let list = byCommit[commit] ?? []
            let tally = Report(checkpoint: .range, subject: "", findings: list).tally
            out.append("\(commit.prefix(7)) \(headers[commit] ?? ""): \(tally)")
            out += TextRenderer.table(list, indent: "    ")
        }
        out += other.map(TextRenderer.line)
        return out
    }
}

/// `ward check range BASE..HEAD` (also `BASE...HEAD`, as GitHub's compare views write it).
public enum RangeCommand {
    /// The two sides of a range; an empty side is `HEAD`.
    public static func parse(_ spec: String) throws(CommandError) -> (base: String, head: String) {
        let dots: Range<String.Index>
        if let three = spec.firstRange(of: "...") {
            dots = three
        } else if let two = spec.firstRange(of: "..") {
            dots = two
        } else {
            throw .usage(
                "ward check range: expected BASE..HEAD or BASE...HEAD, e.g. 'origin/main..HEAD'; found '\(spec)'")
        }
        let base = String(spec[..<dots.lowerBound])
        let head = String(spec[dots.upperBound...])
        guard !base.contains(".."), !head.contains("..") else {
            throw .usage("ward check range: expected one range BASE..HEAD, found '\(spec)'")
        }
        return (base.isEmpty ? "HEAD" : base, head.isEmpty ? "HEAD" : head)
    }

    /// Every message in the range, the branch name and issue link when HEAD names a branch, and
    /// the scope over the files the range changes (from the merge base, as a pull request shows them).
    public static func check(_ spec: String, site: GitSite, facts: some RepositoryFacts) throws(CommandError)
        -> (report: Report, outcome: RangeOutcome)
    {
        let command = "check range"
        let (baseSpec, headSpec) = try parse(spec)
        let policy = try site.policy(for: command)
        func resolve(_ name: String) throws(CommandError) -> String {
            let id: String?
            do {
                id = try facts.commit(named: name)
            } catch {
                throw .configuration(
                    "ward check range: unknown revision '\(name)'; check the name, or fetch it first (git fetch origin \(name))"
                )
            }
            guard let id else { throw .configuration("ward check range: '\(name)' does not name a commit") }
            return id
        }
        let base = try resolve(baseSpec)
        let head = try resolve(headSpec)
        let branch: String?
        if headSpec == "HEAD" {
            branch = site.location?.branch
        } else if (try? facts.referenceNames(matching: "refs/heads/" + headSpec))?.isEmpty == false {
            branch = headSpec
        } else {
            branch = nil
        }
        var seen: [String: String] = [:]
        let range = RangeCheck(facts: facts, policy: policy, checkpoint: .range)
        var outcome: RangeOutcome
        do {
            outcome = try range.check(tip: head, hiding: [base], hidingGlobs: [], branch: branch, seen: &seen)
            if let branch {
                let verdict = BranchContract(policy: policy).checkName(branch)
                if verdict.decision != .allow { outcome.findings.append(verdict.finding(.range)) }
            }
            let from = try facts.mergeBase(base, head) ?? base
            let changes = try facts.changes(from: from, to: head)
            let scopeGuard: ScopeGuard
            do {
                scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: site.guardContext)
            } catch {
                throw CommandError.configuration("ward \(command): \(error.description)")
            }
            outcome.findings += ScopeReview.findings(
                for: changes, root: site.root, scopeGuard: scopeGuard, policy: policy, checkpoint: .range,
                wardFiles: .review(policy.ci.policyChanges), blob: { facts.blob($0, limit: 4096) })
        } catch let error as FactsError {
            throw shallowAware(error, facts: facts, range: "\(baseSpec)..\(headSpec)")
        } catch let error as CommandError {
            throw error
        } catch {
            throw .internalError("ward \(command): \(error)")
        }
        let report = Report(
            checkpoint: .range, subject: "\(baseSpec)..\(headSpec)", findings: outcome.findings,
            checked: outcome.checked)
        return (report, outcome)
    }

    /// A walk that hit a missing object in a shallow clone says how to fetch the history.
    static func shallowAware(_ error: FactsError, facts: some RepositoryFacts, range: String) -> CommandError {
        if error.kind == .missingObject || facts.isShallow {
            return .configuration(
                "ward check range: the history of \(range) is not all in this clone (a shallow clone); fetch it with 'git fetch --unshallow' (GitHub Actions: actions/checkout with fetch-depth: 0)"
            )
        }
        return CommandError(error, command: "check range")
    }
}
