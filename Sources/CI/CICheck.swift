import Base
public import Checks
public import Commands
public import Findings
public import Gates
public import GitHooks
public import Policy
import Workspace

/// One part of a CI run: its findings and how many items it judged (a JUnit test suite, a
/// group of annotations, a row of the step summary).
public struct CISection: Sendable, Equatable {
    /// `commits`, `title`, `body`, `branch`, `scope`, `policy`, `gates`.
    public var name: String
    /// For people: `Commit messages`, `Pull request title`.
    public var title: String
    public var findings: [Finding]
    public var checked: Int
    /// Why the section did not run, when it did not.
    public var skipped: String?

    public init(name: String, title: String, findings: [Finding] = [], checked: Int = 0, skipped: String? = nil) {
        self.name = name
        self.title = title
        self.findings = findings
        self.checked = checked
        self.skipped = skipped
    }
}

/// What `ward ci` found: the event, the range it checked, each section, the gates' own report.
public struct CIOutcome: Sendable {
    public var event: CIEvent
    /// `base..head` as checked (short ids), or `head` alone when there was no base.
    public var range: String
    public var sections: [CISection]
    public var gates: GateRunReport?
    /// Lines for people that are not findings (how the base was found).
    public var notes: [String] = []

    /// Every finding, section by section.
    public var report: Report {
        Report(
            checkpoint: .ci, subject: "\(event.summary) \(range)", findings: sections.flatMap(\.findings),
            checked: sections.first { $0.name == "commits" }?.checked)
    }

    /// Nothing required failed: no failing finding, and every required gate passed.
    public var ok: Bool { report.ok && (gates?.ok ?? true) }
}

/// The checks of a CI job over the event's range: commit messages, the pull request's title and
/// body, the branch name, the scope of the changed paths, ward's own files, the gates of stage `ci`.
public struct CICheck<Facts: RepositoryFacts> {
    public var site: GitSite
    public var facts: Facts
    public var event: CIEvent

    public init(site: GitSite, facts: Facts, event: CIEvent) {
        self.site = site
        self.facts = facts
        self.event = event
    }

    /// Runs every check; `gates` runs the gates of stage `ci` over the changed files (nil: no
    /// gates), or over every file when it is given nil (a range without a base).
    public func run(gates: (([GateInput]?) throws(CommandError) -> GateRunReport?)?) throws(CommandError)
        -> CIOutcome
    {
        let policy = try site.policy(for: "ci", judgesMessages: true)
        if event.kind == .deletion {
            return CIOutcome(
                event: event, range: "", sections: [],
                notes: ["ward: the push deletes \(event.branch ?? "a branch"); nothing to check"])
        }
        let (base, notes) = try resolveBase()
        let head = event.head
        var sections: [CISection] = []
        do {
            // Commit messages, and the issue link (which the pull request's body may satisfy).
            var seen: [String: String] = [:]
            let range = RangeCheck(facts: facts, policy: policy, checkpoint: .ci)
            let walked = try range.check(
                tip: head, hiding: base.map { [$0] } ?? [], hidingGlobs: [],
                branch: event.kind == .mergeGroup ? nil : event.branch, seen: &seen)
            var commits: [Finding] = []
            var link: [Finding] = []
            for var f in walked.findings {
                if f.ruleID == "commit-issue-link" {
                    f.check = "body"
                    link.append(f)
                } else {
                    f.check = "commits"
                    if let id = f.commit, let header = walked.headers[id] {
                        f.message = "commit \(id.prefix(7)) \(header): \(f.message)"
                    }
                    commits.append(f)
                }
            }
            sections.append(
                CISection(name: "commits", title: "Commit messages", findings: commits, checked: walked.checked))

            // The title: squash merges make it the commit's message.
            if event.isReview {
                sections.append(title(policy))
                sections.append(body(policy, link: link))
            } else if !link.isEmpty {
                sections.append(CISection(name: "body", title: "Issue link", findings: link, checked: 1))
            }

            if let branch = event.branch, event.kind != .mergeGroup {
                let verdict = BranchContract(policy: policy).checkName(branch)
                var found: [Finding] = []
                if verdict.decision != .allow {
                    var f = verdict.finding(.ci)
                    f.check = "branch"
                    found.append(f)
                }
                sections.append(CISection(name: "branch", title: "Branch name", findings: found, checked: 1))
            }

            // The scope of what the range changes, from the merge base (as the pull request shows it).
            var changes: [PathChange] = []
            if let base {
                let from = try facts.mergeBase(base, head) ?? base
                changes = try facts.changes(from: from, to: head)
                let scopeGuard: ScopeGuard
                do {
                    scopeGuard = try ScopeGuard(policy: policy, scope: policy.scope, context: site.guardContext)
                } catch {
                    throw CommandError.configuration("ward ci: \(error.description)")
                }
                var scope: [Finding] = []
                var changed: [Finding] = []
                for var f in ScopeReview.findings(
                    for: changes, root: site.root, scopeGuard: scopeGuard, policy: policy, checkpoint: .ci,
                    wardFiles: .review(policy.ci.policyChanges), blob: { facts.blob($0, limit: 4096) })
                {
                    f.check = f.ruleID == "policy-change" ? "policy" : "scope"
                    if f.ruleID == "policy-change" { changed.append(f) } else { scope.append(f) }
                }
                sections.append(
                    CISection(
                        name: "scope", title: "Scope of the changed paths", findings: scope, checked: changes.count))
                sections.append(CISection(name: "policy", title: "ward's own files", findings: changed, checked: 1))
            } else {
                sections.append(
                    CISection(
                        name: "scope", title: "Scope of the changed paths",
                        skipped:
                            "no base to compare with: the branch is new and the default branch is not in this clone"
                    ))
            }

            var outcome = CIOutcome(
                event: event, range: base.map { "\($0.prefix(7))..\(head.prefix(7))" } ?? String(head.prefix(7)),
                sections: sections, notes: notes)
            if let gates {
                let inputs = base == nil ? nil : GateInput.staged(changes)
                if let report = try gates(inputs) {
                    var found = GateReportRenderer.findings(report).findings
                    for i in found.indices { found[i].check = "gates" }
                    outcome.gates = report
                    outcome.sections.append(
                        CISection(
                            name: "gates", title: "Quality gates (stage ci)", findings: found,
                            checked: report.results.count
                        ))
                }
            }
            return outcome
        } catch let error as FactsError {
            throw shallowAware(error, what: "the range \(base.map { String($0.prefix(7)) } ?? "")..\(head.prefix(7))")
        } catch let error as CommandError {
            throw error
        } catch {
            throw .internalError("ward ci: \(error)")
        }
    }

    func title(_ policy: Policy) -> CISection {
        let text = event.title ?? ""
        let raw = MessageContract(policy).check(text)
        let report = CommitMsg.report(raw, policy: policy, checkpoint: .ci, subject: text)
        let found = report.findings.map { f -> Finding in
            var f = f
            f.check = "title"
            f.message = "\(event.kind.rawValue) title \(TextRenderer.quotedHeader(text)): \(f.message)"
            return f
        }
        return CISection(
            name: "title", title: "\(event.kind == .mergeRequest ? "Merge" : "Pull") request title", findings: found,
            checked: 1, skipped: report.skipped)
    }

    /// When the branch names an issue: the body closes it (GitHub's keywords), and the issue
    /// link of the commits counts as met when the body references the issue.
    func body(_ policy: Policy, link: [Finding]) -> CISection {
        let name = "\(event.kind == .mergeRequest ? "Merge" : "Pull") request body"
        guard let branch = event.branch, let issue = IssueReference.issueNumber(inBranch: branch) else {
            return CISection(name: "body", title: name, findings: link, checked: 1)
        }
        let body = event.body ?? ""
        var found = link.filter { $0.commit != nil || !IssueReference.references(body, issue: issue) }
        if !ClosingReference.closes(body, issue: issue), policy.commitMode != .off,
            !policy.isDisabled("pr-closing-reference")
        {
            let rule =
                policy.rule("pr-closing-reference")
                ?? Rule(
                    id: "pr-closing-reference", category: "commits", decision: .warn,
                    reason: "the pull request's body does not close the branch's issue",
                    alternative: "add 'Closes #N' to the body")
            var v = Verdict.rule(
                rule, matched: branch,
                detail: "branch '\(branch)' names issue #\(issue); the \(event.kind.rawValue)'s body does not close it"
            ).applying(policy.commitMode)
            v.alternative = "add 'Closes #\(issue)' (or Fixes/Resolves) to the \(event.kind.rawValue)'s description"
            if v.decision != .allow {
                var f = v.finding(.ci)
                f.check = "body"
                found.append(f)
            }
        }
        return CISection(name: "body", title: name, findings: found, checked: 1)
    }

    /// The commit the range starts from: the event's base, or for a new branch its merge base
    /// with the default branch. Missing history is an error that says what to fetch.
    func resolveBase() throws(CommandError) -> (String?, [String]) {
        func missing(_ id: String, _ what: String) -> CommandError {
            .configuration(
                "ward ci: \(what) \(id.prefix(12)) is not in this clone\(facts.isShallow ? " (a shallow clone)" : ""); fetch the history: \(Self.fetchAdvice(event.provider))"
            )
        }
        do {
            guard try facts.contains(event.head) else { throw missing(event.head, "the head commit") }
            if let base = event.base {
                guard try facts.contains(base) else { throw missing(base, "the base commit") }
                if facts.isShallow, try facts.mergeBase(base, event.head) == nil {
                    throw CommandError.configuration(
                        "ward ci: the history between \(base.prefix(12)) and \(event.head.prefix(12)) is cut off by a shallow clone (no merge base); fetch it: \(Self.fetchAdvice(event.provider))"
                    )
                }
                return (base, [])
            }
            // A new branch: from where it leaves the default branch.
            var candidates: [String] = []
            if let name = event.defaultBranch {
                if name == event.branch {
                    if event.kind == .newBranch {
                        return (
                            nil, ["ward: \(name) is the default branch and new on the remote: every commit is checked"]
                        )
                    }
                    return try headOnly("the run is on the default branch \(name)")
                }
                candidates += ["refs/remotes/origin/\(name)", "refs/heads/\(name)"]
            }
            candidates += ["refs/remotes/origin/HEAD", "refs/remotes/origin/main", "refs/remotes/origin/master"]
            for name in candidates where !(try facts.referenceNames(matching: name)).isEmpty {
                guard let tip = try facts.commit(named: name) else { continue }
                if let merged = try facts.mergeBase(tip, event.head) {
                    let shown = name.replacing("refs/remotes/", with: "").replacing("refs/heads/", with: "")
                    return (
                        merged,
                        ["ward: the branch is new; checking from where it leaves \(shown) (\(merged.prefix(7)))"]
                    )
                }
                if facts.isShallow {
                    throw CommandError.configuration(
                        "ward ci: \(event.head.prefix(12)) and \(name) share no history in this shallow clone; fetch it: \(Self.fetchAdvice(event.provider))"
                    )
                }
            }
            if event.kind != .newBranch { return try headOnly("no default branch to compare with") }
            return (nil, ["ward: no default branch to compare the new branch with; every commit of it is checked"])
        } catch let error as FactsError {
            throw shallowAware(error, what: "the head \(event.head.prefix(7))")
        } catch let error as CommandError {
            throw error
        } catch {
            throw .internalError("ward ci: \(error)")
        }
    }

    /// A run without a range of its own (a manual or scheduled run): only the head commit.
    func headOnly(_ why: String) throws(FactsError) -> (String?, [String]) {
        let parent = try? facts.commit(named: event.head + "~1")
        return (parent ?? nil, ["ward: \(why); checking the head commit \(event.head.prefix(7)) only"])
    }

    static func fetchAdvice(_ provider: CIEvent.Provider) -> String {
        switch provider {
        case .github:
            return "set 'fetch-depth: 0' on actions/checkout, or run 'git fetch --unshallow origin' before ward ci"
        case .gitlab:
            return "set the variable GIT_DEPTH: 0 for the job, or run 'git fetch --unshallow origin' before ward ci"
        }
    }

    func shallowAware(_ error: FactsError, what: String) -> CommandError {
        if error.kind == .missingObject || facts.isShallow {
            return .configuration(
                "ward ci: \(what) needs history this clone does not have (\(error.description)); \(Self.fetchAdvice(event.provider))"
            )
        }
        return CommandError(error, command: "ci")
    }
}

/// GitHub's closing keywords (`Closes #12`, `fixes: owner/repo#12`, `Resolved https://…/issues/12`).
public enum ClosingReference {
    static let keywords = ["close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved"]

    /// Whether `text` closes issue `issue` with one of GitHub's keywords.
    public static func closes(_ text: String, issue: Int) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        for (i, word) in words.enumerated() where i + 1 < words.count {
            var keyword = word.lowercased()
            if keyword.hasSuffix(":") { keyword.removeLast() }
            guard keywords.contains(keyword) else { continue }
            var target = String(words[i + 1])
            while let last = target.last, ".,;)".contains(last) { target.removeLast() }
            if IssueReference.references(target, issue: issue) { return true }
        }
        return false
    }
}
