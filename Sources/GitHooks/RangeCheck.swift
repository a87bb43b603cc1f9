import Base
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
    /// Whether each message is judged (`check range --only` may leave them out).
    public var checkMessages = true
    /// Whether the branch's issue link is checked.
    public var checkLinks = true
    /// The walk limit, when the command line gives one (`--max-walk`); else `commits.maxWalk`.
    public var maxWalk: Int?

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
        let limit = max(maxWalk ?? policy.commits.maxWalk, 1)
        let walk = try facts.commitMessages(from: [tip], hiding: hiding, hidingGlobs: hidingGlobs, limit: limit)
        let contract = MessageContract(policy)
        var messages: [(id: String, message: String)] = []
        var fresh: [(id: String, message: String)] = []
        messages.reserveCapacity(walk.commits.count)
        for commit in walk.commits {
            messages.append((commit.id, commit.message))
            if seen.updateValue(commit.message, forKey: commit.id) == nil { fresh.append((commit.id, commit.message)) }
        }
        if checkMessages {
            // Reading is libgit2's and stays on this thread; judging is pure and is shared out.
            let policy = policy
            let checkpoint = checkpoint
            let reports = parallelMap(fresh) { commit in
                CommitMsg.report(
                    contract.checkStored(commit.message), policy: policy, checkpoint: checkpoint, subject: "",
                    commit: commit.id)
            }
            for (commit, report) in zip(fresh, reports) {
                if !report.findings.isEmpty { outcome.headers[commit.id] = TextRenderer.quotedHeader(commit.message) }
                let header = String(
                    commit.message[
                        ..<(commit.message.utf8.firstIndex { $0 == 0x0A || $0 == 0x0D } ?? commit.message.endIndex)])
                outcome.findings += report.findings
                outcome.checked += 1
                outcome.commits.append(
                    CommitStatus(
                        id: commit.id, header: header, status: CommitStatus.status(of: report),
                        errors: report.findings.filter(\.fails).count,
                        warnings: report.findings.filter { !$0.fails }.count))
            }
        }
        if walk.truncated {
            outcome.findings.append(
                rule(
                    "commit-walk-limit", matched: String(tip.prefix(7)),
                    detail: "checked the newest \(limit) commits only; older new commits were not checked",
                    fallback: .warn
                ).finding(checkpoint, commit: tip))
        }
        if checkLinks { outcome.findings += issueLink(branch: branch, messages: messages) }
        return outcome
    }

    /// `commits.issueLink`: when the branch names an issue, a new commit (`range`) or every new
    /// commit (`every`) must reference it.
    func issueLink(branch: String?, messages: [(id: String, message: String)]) -> [Finding] {
        guard let branch, policy.commits.issueLink != .off, policy.commitMode != .off,
            !policy.isDisabled("commit-issue-link"),
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
    /// Every commit whose message was judged, newest first, with its status.
    public var commits: [CommitStatus] = []

    public init() {}

    /// `check range --json`'s `commits` member: every commit with its status.
    public var commitsJSON: String {
        var json = JSONWriter(capacity: 64 * commits.count + 2)
        json.array { json in
            for c in commits {
                json.object { json in
                    json.member("commit", c.id)
                    json.member("header", c.header)
                    json.member("status", c.status)
                    json.member("errors", number: c.errors)
                    json.member("warnings", number: c.warnings)
                }
            }
        }
        return json.string
    }

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

/// One commit of a range and what became of its message: `ok` (warnings allowed), `ignored: merge
/// commit` (a default ignore, or the contract is off), or `failed`.
public struct CommitStatus: Sendable, Equatable {
    public var id: String
    public var header: String
    public var status: String
    public var errors: Int
    public var warnings: Int

    static func status(of report: Report) -> String {
        if let skipped = report.skipped {
            let reason = skipped.hasSuffix(", ignored as commitlint does") ? String(skipped.dropLast(28)) : skipped
            return "ignored: " + reason
        }
        return report.ok ? "ok" : "failed"
    }
}

/// What `check range` checks (`--only`), how far it walks (`--max-walk`), and from where (`--root`).
public struct RangeOptions: Sendable, Equatable {
    public enum Part: String, Sendable, CaseIterable {
        case messages, branch, scope, links
    }

    public var parts: Set<Part> = Set(Part.allCases)
    public var maxWalk: Int?
    /// Walk from the root commit: every commit reachable from HEAD.
    public var fromRoot = false

    public init() {}

    /// `--only messages,scope` (repeatable, comma-separated).
    public static func parts(_ values: [String]) throws(CommandError) -> Set<Part> {
        var out: Set<Part> = []
        for value in values {
            for word in value.split(separator: ",") {
                guard let part = Part(rawValue: String(word)) else {
                    let known = Part.allCases.map(\.rawValue)
                    let near =
                        Suggestion.closest(to: String(word), among: known).map { " (did you mean '\($0)'?)" } ?? ""
                    throw .usage(
                        "ward check range: --only takes \(known.joined(separator: ", ")), found '\(word)'\(near)")
                }
                out.insert(part)
            }
        }
        return out
    }
}

/// `ward check range BASE..HEAD` (also `BASE...HEAD`, as GitHub's compare views write it).
public enum RangeCommand {
    /// The two sides of a range: an empty head is `HEAD`; an empty base (`..HEAD`) or git's
    /// all-zero id (a CI's "before" of a new branch) is nil, the root: every commit of HEAD.
    public static func parse(_ spec: String) throws(CommandError) -> (base: String?, head: String) {
        let dots: Range<String.Index>
        if let three = spec.firstRange(of: "...") {
            dots = three
        } else if let two = spec.firstRange(of: "..") {
            dots = two
        } else {
            throw .usage(
                "ward check range: expected BASE..HEAD or BASE...HEAD, e.g. 'origin/main..HEAD' (or --root [HEAD]); found '\(spec)'"
            )
        }
        let base = String(spec[..<dots.lowerBound])
        let head = String(spec[dots.upperBound...])
        guard !base.contains(".."), !head.contains("..") else {
            throw .usage("ward check range: expected one range BASE..HEAD, found '\(spec)'")
        }
        let root = base.isEmpty || (base.count >= 7 && base.allSatisfy { $0 == "0" })
        return (root ? nil : base, head.isEmpty ? "HEAD" : head)
    }

    /// Every message in the range, the branch name and issue link when HEAD names a branch, and
    /// the scope over the files the range changes (from the merge base, as a pull request shows them).
    /// `spec` is `BASE..HEAD`, or with `options.fromRoot` just `HEAD` (nil: `HEAD`).
    public static func check(
        _ spec: String?, options: RangeOptions = RangeOptions(), site: GitSite, facts: some RepositoryFacts
    ) throws(CommandError) -> (report: Report, outcome: RangeOutcome) {
        let command = "check range"
        let baseSpec: String?
        let headSpec: String
        if options.fromRoot {
            if let spec, spec.contains("..") {
                throw .usage(
                    "ward check range: --root takes HEAD alone (every commit of it), found the range '\(spec)'")
            }
            (baseSpec, headSpec) = (nil, spec ?? "HEAD")
        } else if let spec {
            (baseSpec, headSpec) = try parse(spec)
        } else {
            throw .usage("ward check range: expected BASE..HEAD, e.g. 'origin/main..HEAD', or --root [HEAD]")
        }
        let policy = try site.policy(for: command, judgesMessages: true)
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
        let base = try baseSpec.map { (name) throws(CommandError) in try resolve(name) }
        let head = try resolve(headSpec)
        let branch: String?
        if headSpec == "HEAD" {
            branch = site.location?.branch
        } else if (try? facts.referenceNames(matching: "refs/heads/" + headSpec))?.isEmpty == false {
            branch = headSpec
        } else {
            branch = nil
        }
        let subject = baseSpec.map { "\($0)..\(headSpec)" } ?? "\(headSpec) from the root"
        var seen: [String: String] = [:]
        var range = RangeCheck(facts: facts, policy: policy, checkpoint: .range)
        range.checkMessages = options.parts.contains(.messages)
        range.checkLinks = options.parts.contains(.links)
        range.maxWalk = options.maxWalk
        var outcome: RangeOutcome
        do {
            outcome = try range.check(
                tip: head, hiding: base.map { [$0] } ?? [], hidingGlobs: [], branch: branch, seen: &seen)
            if let branch, options.parts.contains(.branch) {
                let verdict = BranchContract(policy: policy).checkName(branch)
                if verdict.decision != .allow { outcome.findings.append(verdict.finding(.range)) }
            }
            if options.parts.contains(.scope) {
                let from = try base.map { (b) throws(FactsError) in try facts.mergeBase(b, head) ?? b } ?? ""
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
            }
        } catch let error as FactsError {
            throw shallowAware(error, facts: facts, range: subject)
        } catch let error as CommandError {
            throw error
        } catch {
            throw .internalError("ward \(command): \(error)")
        }
        let report = Report(
            checkpoint: .range, subject: subject, findings: outcome.findings, checked: outcome.checked)
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
