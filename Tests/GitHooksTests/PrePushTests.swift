import Checks
import Commands
import Findings
import GitHooks
import Testing

/// The history most push cases start from: `origin/main` at c1, local `main` at c2 (one new
/// commit), c3 a rewrite of c2 on c1, and two annotated tags of the release `v1.0`. The
/// messages meet the contract and reference issue 4, which the feature branches name.
func pushHistory() -> FakeFacts {
    var facts = FakeFacts()
    facts.commit(id("c1"), "feat: start")
    facts.commit(id("c2"), parent: id("c1"), "feat: add the second part\n\nRefs #4")
    facts.commit(id("c3"), parent: id("c1"), "feat: rewrite the second part, refs #4")
    facts.tags[id("tagA")] = id("c1")
    facts.tags[id("tagB")] = id("c2")
    facts.refs = [
        "HEAD": id("c2"), "refs/heads/main": id("c2"), "refs/remotes/origin/main": id("c1"),
        "refs/tags/v1.0": id("tagB"),
    ]
    facts.remotes = ["origin"]
    return facts
}

/// One ref update and the rules that must refuse it.
struct PushCase: CustomTestStringConvertible, Sendable {
    var name: String
    var localRef: String
    var local: String
    var remoteRef: String
    var remote: String
    var refused: [String]
    var messageHas = ""

    var testDescription: String { name }
    var update: RefUpdate { RefUpdate(localRef: localRef, localID: local, remoteRef: remoteRef, remoteID: remote) }
}

@Suite struct PrePushTests {
    static let zero = RefUpdate.zero

    static let cases: [PushCase] = [
        PushCase(
            name: "a fast-forward of main", localRef: "refs/heads/main", local: id("c2"), remoteRef: "refs/heads/main",
            remote: id("c1"), refused: ["protected-branch-push"]),
        PushCase(
            name: "a force push to main", localRef: "refs/heads/main", local: id("c3"), remoteRef: "refs/heads/main",
            remote: id("c2"), refused: ["protected-branch-force-push"]),
        PushCase(
            name: "main over a tip this clone lacks", localRef: "refs/heads/main", local: id("c2"),
            remoteRef: "refs/heads/main", remote: id("gone"), refused: ["protected-branch-force-push"],
            messageHas: "the remote's tip is not in this clone, so it counts as a force push"),
        PushCase(
            name: "the deletion of main", localRef: "(delete)", local: zero, remoteRef: "refs/heads/main",
            remote: id("c2"), refused: ["protected-branch-delete"]),
        PushCase(
            name: "a push to release/1.0", localRef: "refs/heads/main", local: id("c2"),
            remoteRef: "refs/heads/release/1.0", remote: id("c1"), refused: ["protected-branch-push"],
            messageHas: "(matches 'release/*')"),
        PushCase(
            name: "the move of tag v1.0", localRef: "refs/tags/v1.0", local: id("tagB"), remoteRef: "refs/tags/v1.0",
            remote: id("tagA"), refused: ["protected-tag-move"]),
        PushCase(
            name: "the deletion of tag v1.0", localRef: "(delete)", local: zero, remoteRef: "refs/tags/v1.0",
            remote: id("tagA"), refused: ["protected-tag-delete"]),
        PushCase(
            name: "a new tag v1.0", localRef: "refs/tags/v1.0", local: id("tagB"), remoteRef: "refs/tags/v1.0",
            remote: zero, refused: []),
        PushCase(
            name: "the same tag again", localRef: "refs/tags/v1.0", local: id("tagB"), remoteRef: "refs/tags/v1.0",
            remote: id("tagB"), refused: []),
        PushCase(
            name: "an unprotected tag moved", localRef: "refs/tags/nightly", local: id("tagB"),
            remoteRef: "refs/tags/nightly", remote: id("tagA"), refused: []),
        PushCase(
            name: "a new feature branch", localRef: "refs/heads/feat/4-part", local: id("c2"),
            remoteRef: "refs/heads/feat/4-part", remote: zero, refused: []),
        PushCase(
            name: "a force push to a feature branch", localRef: "refs/heads/feat/4-part", local: id("c3"),
            remoteRef: "refs/heads/feat/4-part", remote: id("c2"), refused: []),
        PushCase(
            name: "the deletion of a feature branch", localRef: "(delete)", local: zero,
            remoteRef: "refs/heads/feat/4-part", remote: id("c2"), refused: []),
        PushCase(
            name: "a new branch with a name off the patterns", localRef: "refs/heads/wip", local: id("c2"),
            remoteRef: "refs/heads/wip", remote: zero, refused: ["branch-name"]),
    ]

    @Test(arguments: cases)
    func refusesWhatTouchesProtectedRefs(_ push: PushCase) throws {
        let repo = try SiteRepository()
        let (report, _) = try PrePush.check([push.update], remote: "origin", site: repo.site, facts: pushHistory())
        #expect(report.findings.filter(\.fails).map(\.ruleID) == push.refused)
        #expect(report.ok == push.refused.isEmpty)
        #expect(report.checkpoint == .prePush)
        #expect(report.subject == "push to origin")
        if !push.messageHas.isEmpty {
            let finding = try #require(report.findings.first)
            #expect(finding.message.contains(push.messageHas), "\(finding.message)")
        }
    }

    @Test func countsOnlyTheCommitsTheRemoteLacks() throws {
        var facts = pushHistory()
        facts.commit(id("c4"), parent: id("c2"), "feat: add the login form\n\nRefs #4")
        let push = RefUpdate(
            localRef: "refs/heads/feat/4-login", localID: id("c4"), remoteRef: "refs/heads/feat/4-login",
            remoteID: Self.zero)
        let repo = try SiteRepository()
        let (report, outcome) = try PrePush.check([push], remote: "origin", site: repo.site, facts: facts)
        // c2 and c4 are new: origin/main has only c1.
        #expect(outcome.checked == 2)
        #expect(report.checked == 2)
        #expect(report.findings.isEmpty)
    }

    @Test func reportsEveryNewCommitThatBreaksTheMessageContract() throws {
        var facts = pushHistory()
        facts.refs["refs/remotes/origin/main"] = id("c2")
        facts.commit(id("c4"), parent: id("c2"), "wip")
        facts.commit(id("c5"), parent: id("c4"), "feat: finish the form, refs #7")
        let push = RefUpdate(
            localRef: "refs/heads/feat/7-form", localID: id("c5"), remoteRef: "refs/heads/feat/7-form",
            remoteID: Self.zero)
        let repo = try SiteRepository()
        let (report, outcome) = try PrePush.check([push], remote: "origin", site: repo.site, facts: facts)
        #expect(outcome.checked == 2)
        #expect(!report.ok)
        let failing = report.findings.filter(\.fails)
        #expect(!failing.isEmpty)
        #expect(failing.allSatisfy { $0.commit == id("c4") && $0.line != nil }, "\(failing)")
        #expect(failing.map(\.ruleID).contains("type-empty"))
        #expect(outcome.headers[id("c4")] == "\"wip\"")
        #expect(outcome.headers[id("c5")] == nil)

        let lines = PrePush.lines(report, outcome: outcome)
        #expect(lines.first?.hasPrefix(String(id("c4").prefix(7)) + " \"wip\": ") == true, "\(lines)")
        #expect(
            lines.last
                == "ward: push stopped: 1 of 2 new commits breaks the message contract (reword: git rebase -i)")
    }

    /// The issue a `fix/12-x` branch names must be referenced by a new commit.
    @Test(arguments: [
        ("fix: handle the empty input", false),
        ("fix: handle the empty input\n\nRefs #12", true),
        ("fix: handle the empty input, closes #12", true),
        ("fix: handle the empty input\n\nRefs #120", false),
    ])
    func requiresALinkToTheIssueTheBranchNames(_ message: String, linked: Bool) throws {
        var facts = pushHistory()
        facts.refs["refs/remotes/origin/main"] = id("c2")
        facts.commit(id("c4"), parent: id("c2"), message)
        let push = RefUpdate(
            localRef: "refs/heads/fix/12-x", localID: id("c4"), remoteRef: "refs/heads/fix/12-x", remoteID: Self.zero)
        let repo = try SiteRepository()
        let (report, outcome) = try PrePush.check([push], remote: "origin", site: repo.site, facts: facts)
        let links = report.findings.filter { $0.ruleID == "commit-issue-link" }
        #expect(links.isEmpty == linked, "\(report.findings)")
        #expect(report.ok == linked)
        if let link = links.first {
            #expect(link.decision == .deny)
            #expect(link.instead.contains("'Refs #12'") && link.instead.contains("'Closes #12'"), "\(link.instead)")
            #expect(link.message.contains("branch 'fix/12-x' names issue #12"), "\(link.message)")
            let stopped = try #require(PrePush.lines(report, outcome: outcome).last)
            #expect(stopped.hasPrefix("ward: push stopped: "))
            #expect(!stopped.contains("0 of"), "\(stopped)")
        }
    }

    @Test func saysWhichRefsStoppedThePushWithoutCountingCommits() throws {
        let delete = RefUpdate(
            localRef: "(delete)", localID: Self.zero, remoteRef: "refs/heads/main", remoteID: id("c2"))
        let repo = try SiteRepository()
        let (report, outcome) = try PrePush.check([delete], remote: "origin", site: repo.site, facts: pushHistory())
        #expect(outcome.checked == 0)
        let lines = PrePush.lines(report, outcome: outcome)
        #expect(lines.last == "ward: push stopped: 1 protected ref refused")
        #expect(!lines.joined(separator: "\n").contains("0 new commit"), "\(lines)")
        #expect(lines.count == 2, "the finding, then why the push stopped: \(lines)")
    }

    @Test func namesBothReasonsWhenRefsAndMessagesFail() throws {
        var facts = pushHistory()
        facts.commit(id("c4"), parent: id("c2"), "wip")
        let push = RefUpdate(
            localRef: "refs/heads/main", localID: id("c4"), remoteRef: "refs/heads/main", remoteID: id("c2"))
        let repo = try SiteRepository()
        let (report, outcome) = try PrePush.check([push], remote: "origin", site: repo.site, facts: facts)
        #expect(outcome.checked == 1)
        let stopped = PrePush.lines(report, outcome: outcome).last ?? ""
        #expect(stopped.hasPrefix("ward: push stopped: 1 protected ref refused; 1 of 1 new commit "), "\(stopped)")
    }

    @Test func printsNothingForAPushThatPasses() throws {
        let push = RefUpdate(
            localRef: "refs/heads/feat/4-part", localID: id("c2"), remoteRef: "refs/heads/feat/4-part",
            remoteID: Self.zero)
        let facts = pushHistory()
        let repo = try SiteRepository()
        let (report, outcome) = try PrePush.check([push], remote: "origin", site: repo.site, facts: facts)
        #expect(report.ok)
        #expect(PrePush.lines(report, outcome: outcome).isEmpty)
    }

    @Test func hidesTheDefaultBranchWhenTheCloneHasNoTrackingRefs() throws {
        var facts = pushHistory()
        facts.refs["refs/remotes/origin/main"] = nil
        facts.commit(id("c4"), parent: id("c2"), "feat: add the form\n\nRefs #3")
        let push = RefUpdate(
            localRef: "refs/heads/feat/3-form", localID: id("c4"), remoteRef: "refs/heads/feat/3-form",
            remoteID: Self.zero)
        let repo = try SiteRepository()
        let (_, outcome) = try PrePush.check([push], remote: "origin", site: repo.site, facts: facts)
        #expect(outcome.checked == 1, "main (c1, c2) is taken as already pushed")
    }

    @Test func hidesEveryRemotesTrackingRefsForAPushToAURL() throws {
        var facts = pushHistory()
        facts.refs["refs/remotes/origin/main"] = nil
        facts.refs["refs/remotes/upstream/main"] = id("c2")
        facts.commit(id("c4"), parent: id("c2"), "feat: add the form\n\nRefs #3")
        let push = RefUpdate(
            localRef: "refs/heads/feat/3-form", localID: id("c4"), remoteRef: "refs/heads/feat/3-form",
            remoteID: Self.zero)
        let repo = try SiteRepository()
        let (report, outcome) = try PrePush.check(
            [push], remote: "https://example.invalid/repo.git", site: repo.site, facts: facts)
        #expect(outcome.checked == 1)
        #expect(report.subject == "push to https://example.invalid/repo.git")
    }

    @Test func judgesACommitTwoPushedBranchesShareOnce() throws {
        var facts = pushHistory()
        facts.refs["refs/remotes/origin/main"] = id("c2")
        facts.commit(id("c4"), parent: id("c2"), "wip")
        facts.commit(id("c5"), parent: id("c4"), "feat: more, refs #1")
        let pushes = [
            RefUpdate(
                localRef: "refs/heads/feat/1-a", localID: id("c4"), remoteRef: "refs/heads/feat/1-a",
                remoteID: Self.zero),
            RefUpdate(
                localRef: "refs/heads/feat/1-b", localID: id("c5"), remoteRef: "refs/heads/feat/1-b",
                remoteID: Self.zero),
        ]
        let repo = try SiteRepository()
        let (report, outcome) = try PrePush.check(pushes, remote: "origin", site: repo.site, facts: facts)
        #expect(outcome.checked == 2)
        let typeEmpty = report.findings.filter { $0.ruleID == "type-empty" }
        #expect(typeEmpty.count == 1, "\(report.findings)")
    }

    @Test func blocksWhenThePolicyDoesNotLoad() throws {
        let repo = try SiteRepository(wardJSON: #"{"mode": "sometimes"}"#)
        let push = RefUpdate(
            localRef: "refs/heads/feat/4-part", localID: id("c2"), remoteRef: "refs/heads/feat/4-part",
            remoteID: Self.zero)
        let error = #expect(throws: CommandError.self) {
            try PrePush.check([push], remote: "origin", site: repo.site, facts: pushHistory())
        }
        #expect(error?.status == .usage)
        #expect(error?.message.hasPrefix("ward hook pre-push: the policy cannot be used: ") == true)
    }

    @Test func appliesTheBranchModeOfThePolicy() throws {
        let repo = try SiteRepository(wardJSON: #"{"branches": {"mode": "warn"}}"#)
        let push = RefUpdate(
            localRef: "refs/heads/main", localID: id("c3"), remoteRef: "refs/heads/main", remoteID: id("c2"))
        let (report, _) = try PrePush.check([push], remote: "origin", site: repo.site, facts: pushHistory())
        #expect(report.ok)
        #expect(report.findings.map(\.ruleID) == ["protected-branch-force-push"])
        #expect(report.findings.map(\.decision) == [.warn])
    }
}

@Suite struct PrePushParseTests {
    @Test func readsGitsRefLines() throws {
        let text = """
            refs/heads/main \(id("c2")) refs/heads/main \(id("c1"))
            (delete) \(RefUpdate.zero) refs/heads/old \(id("c1"))

            """
        let updates = try PrePush.parse(Array(text.utf8))
        #expect(
            updates == [
                RefUpdate(
                    localRef: "refs/heads/main", localID: id("c2"), remoteRef: "refs/heads/main", remoteID: id("c1")),
                RefUpdate(
                    localRef: "(delete)", localID: RefUpdate.zero, remoteRef: "refs/heads/old", remoteID: id("c1")),
            ])
        #expect(updates[1].isDeletion)
        #expect(try PrePush.parse([]).isEmpty)
    }

    @Test(arguments: ["refs/heads/main abc refs/heads/main def", "one two three", "refs/heads/main"])
    func refusesALineThatIsNotARefUpdate(_ line: String) {
        let error = #expect(throws: CommandError.self) { try PrePush.parse(Array(line.utf8)) }
        #expect(error?.status == .usage)
        #expect(error?.message.contains("cannot read the ref line '\(line)'") == true, "\(String(describing: error))")
    }
}
