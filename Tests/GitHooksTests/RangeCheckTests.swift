import Checks
import Commands
import Findings
import GitHooks
import Policy
import Testing

/// A straight line of commits c1 ← c2 ← … with the given messages, c1 first.
func line(_ messages: [String]) -> FakeFacts {
    var facts = FakeFacts()
    for (n, message) in messages.enumerated() {
        facts.commit(id("c\(n + 1)"), parent: n == 0 ? nil : id("c\(n)"), message)
    }
    return facts
}

@Suite struct RangeCheckTests {
    @Test func warnsWhenTheWalkStopsAtItsLimit() throws {
        let facts = line(["feat: one", "feat: two", "feat: three", "feat: four"])
        let range = RangeCheck(facts: facts, policy: try policy(#"{"commits": {"maxWalk": 2}}"#), checkpoint: .range)
        var seen: [String: String] = [:]
        let outcome = try range.check(tip: id("c4"), hiding: [], hidingGlobs: [], branch: nil, seen: &seen)
        #expect(outcome.checked == 2)
        #expect(Set(seen.keys) == [id("c4"), id("c3")])
        let limit = try #require(outcome.findings.first { $0.ruleID == "commit-walk-limit" })
        #expect(limit.decision == .warn)
        #expect(limit.commit == id("c4"))
        #expect(limit.matched == String(id("c4").prefix(7)))
        #expect(limit.message.contains("checked the newest 2 commits only"), "\(limit.message)")
        #expect(outcome.findings.count == 1)
    }

    @Test func doesNotWarnWhenTheRangeFitsTheLimit() throws {
        let facts = line(["feat: one", "feat: two"])
        let range = RangeCheck(facts: facts, policy: try policy(#"{"commits": {"maxWalk": 2}}"#), checkpoint: .range)
        var seen: [String: String] = [:]
        let outcome = try range.check(tip: id("c2"), hiding: [], hidingGlobs: [], branch: nil, seen: &seen)
        #expect(outcome.checked == 2)
        #expect(outcome.findings.isEmpty)
    }

    @Test func requiresEveryCommitToReferenceTheIssueWhenIssueLinkIsEvery() throws {
        let facts = line([
            "fix: guard the parser\n\nRefs #12", "fix: guard the lexer", "Merge branch 'main' into fix/12-x",
            "fix: and the printer, closes #12",
        ])
        let range = RangeCheck(
            facts: facts, policy: try policy(#"{"commits": {"issueLink": "every"}}"#), checkpoint: .prePush)
        var seen: [String: String] = [:]
        let outcome = try range.check(tip: id("c4"), hiding: [], hidingGlobs: [], branch: "fix/12-x", seen: &seen)
        let links = outcome.findings.filter { $0.ruleID == "commit-issue-link" }
        #expect(links.map(\.commit) == [id("c2")], "the merge commit is ignored as git's own message")
        let link = try #require(links.first)
        #expect(link.matched == String(id("c2").prefix(7)))
        #expect(link.message.contains("does not reference issue #12 (commits.issueLink is 'every')"))
        #expect(link.instead.contains("'Refs #12'"))
        #expect(link.checkpoint == .prePush)
    }

    @Test(arguments: [
        (#"{}"#, ["fix: guard the parser", "fix: guard the lexer"], 1),
        (#"{}"#, ["fix: guard the parser", "fix: guard the lexer, refs #12"], 0),
        (#"{"commits": {"issueLink": "off"}}"#, ["fix: guard the parser", "fix: guard the lexer"], 0),
        (#"{"commits": {"issueLink": "every"}}"#, ["fix: guard the parser", "fix: guard the lexer, refs #12"], 1),
        (#"{"commits": {"mode": "off"}}"#, ["fix: guard the parser", "fix: guard the lexer"], 0),
        (#"{"commands": {"disable": ["commit-issue-link"]}}"#, ["fix: guard the parser", "fix: guard the lexer"], 0),
    ])
    func checksTheIssueLinkAsThePolicySays(_ wardJSON: String, messages: [String], links: Int) throws {
        let range = RangeCheck(facts: line(messages), policy: try policy(wardJSON), checkpoint: .range)
        var seen: [String: String] = [:]
        let outcome = try range.check(
            tip: id("c\(messages.count)"), hiding: [], hidingGlobs: [], branch: "fix/12-x", seen: &seen)
        #expect(outcome.findings.filter { $0.ruleID == "commit-issue-link" }.count == links, "\(outcome.findings)")
    }

    @Test func asksNoIssueLinkOfABranchThatNamesNoIssue() throws {
        let range = RangeCheck(facts: line(["fix: guard the parser"]), policy: try policy(), checkpoint: .range)
        var seen: [String: String] = [:]
        for branch in ["fix/parser", nil] {
            let outcome = try range.check(tip: id("c1"), hiding: [], hidingGlobs: [], branch: branch, seen: &seen)
            #expect(outcome.findings.isEmpty)
        }
    }

    @Test func turnsMessageErrorsIntoWarningsInWarnMode() throws {
        let range = RangeCheck(
            facts: line(["wip"]), policy: try policy(#"{"commits": {"mode": "warn"}}"#), checkpoint: .range)
        var seen: [String: String] = [:]
        let outcome = try range.check(tip: id("c1"), hiding: [], hidingGlobs: [], branch: "fix/3-x", seen: &seen)
        #expect(!outcome.findings.isEmpty)
        #expect(outcome.findings.allSatisfy { $0.decision == .warn }, "\(outcome.findings)")
        #expect(outcome.findings.contains { $0.ruleID == "commit-issue-link" })
    }

    @Test func judgesSeenCommitsOnceButCountsThemForTheIssueLink() throws {
        let facts = line(["fix: guard the parser\n\nRefs #12", "wip", "fix: guard the lexer"])
        let range = RangeCheck(facts: facts, policy: try policy(), checkpoint: .prePush)
        // c1 and c2 were judged for another ref of the same push.
        var seen = [id("c1"): "fix: guard the parser\n\nRefs #12", id("c2"): "wip"]
        let outcome = try range.check(tip: id("c3"), hiding: [], hidingGlobs: [], branch: "fix/12-x", seen: &seen)
        #expect(outcome.checked == 1)
        #expect(outcome.findings.isEmpty, "c2's findings were reported with the other ref: \(outcome.findings)")
        #expect(seen[id("c3")] == "fix: guard the lexer")
    }

    @Test func hidesWhatTheHiddenTipsReach() throws {
        var facts = line(["feat: one", "wip", "feat: three"])
        facts.refs["refs/remotes/origin/main"] = id("c2")
        let range = RangeCheck(facts: facts, policy: try policy(), checkpoint: .prePush)
        var seen: [String: String] = [:]
        let byGlob = try range.check(
            tip: id("c3"), hiding: [], hidingGlobs: ["refs/remotes/origin/*"], branch: nil, seen: &seen)
        #expect(byGlob.checked == 1)
        #expect(byGlob.findings.isEmpty)
        seen = [:]
        let byID = try range.check(tip: id("c3"), hiding: [id("c1")], hidingGlobs: [], branch: nil, seen: &seen)
        #expect(byID.checked == 2)
        #expect(byID.findings.contains { $0.commit == id("c2") })
    }
}

@Suite struct RangeOutcomeTests {
    @Test func groupsMessageFindingsUnderTheirCommitThenListsTheRest() throws {
        let facts = line(["wip", "feat: fine"])
        let range = RangeCheck(facts: facts, policy: try policy(), checkpoint: .range)
        var seen: [String: String] = [:]
        let outcome = try range.check(tip: id("c2"), hiding: [], hidingGlobs: [], branch: "fix/5-x", seen: &seen)
        let lines = outcome.lines
        let messageFindings = outcome.findings.filter { $0.line != nil }
        let header = "\(id("c1").prefix(7)) \"wip\": \(messageFindings.count) errors, 0 warnings"
        #expect(lines.first == header, "\(lines)")
        #expect(lines.dropFirst().prefix(messageFindings.count).allSatisfy { $0.hasPrefix("    1:") }, "\(lines)")
        #expect(lines.last?.hasPrefix("ward deny [commit-issue-link]: ") == true, "\(lines)")
        #expect(lines.count == messageFindings.count + 2)
    }

    @Test func hasNoLinesWithoutFindings() {
        #expect(RangeOutcome().lines.isEmpty)
    }
}

@Suite struct RangeCommandParseTests {
    @Test(
        arguments: [
            ("main..HEAD", "main", "HEAD"),
            ("origin/main...feat/1-x", "origin/main", "feat/1-x"),
            ("..feat/1-x", nil, "feat/1-x"),
            ("main..", "main", "HEAD"),
            ("v1.0..v1.1", "v1.0", "v1.1"),
            ("...", nil, "HEAD"),
            ("0000000000000000000000000000000000000000..HEAD", nil, "HEAD"),
        ] as [(String, String?, String)])
    func readsBothSides(_ spec: String, base: String?, head: String) throws {
        let parsed = try RangeCommand.parse(spec)
        #expect(parsed.base == base)
        #expect(parsed.head == head)
    }

    @Test(arguments: [
        ("main", "expected BASE..HEAD or BASE...HEAD, e.g. 'origin/main..HEAD' (or --root [HEAD]); found 'main'"),
        ("", "expected BASE..HEAD or BASE...HEAD, e.g. 'origin/main..HEAD' (or --root [HEAD]); found ''"),
        ("a..b..c", "expected one range BASE..HEAD, found 'a..b..c'"),
        ("a...b..c", "expected one range BASE..HEAD, found 'a...b..c'"),
    ])
    func refusesWhatIsNotOneRange(_ spec: String, message: String) {
        let error = #expect(throws: CommandError.self) { try RangeCommand.parse(spec) }
        #expect(error?.status == .usage)
        #expect(error?.message == "ward check range: " + message)
    }
}

@Suite struct RangeCommandTests {
    /// main at c2; the feature branch fix/5-x two commits further, the second one without the issue.
    func history() -> FakeFacts {
        var facts = line(["feat: start", "feat: second", "fix: guard the parser, refs #5", "fix: guard the lexer"])
        facts.refs = ["refs/heads/main": id("c2"), "refs/heads/fix/5-x": id("c4"), "HEAD": id("c4")]
        return facts
    }

    @Test func namesAnUnknownRevisionAsAConfigurationError() throws {
        let repo = try SiteRepository()
        let error = #expect(throws: CommandError.self) {
            try RangeCommand.check("nope..main", site: repo.site, facts: history())
        }
        #expect(error?.status == .usage)
        #expect(
            error?.message
                == "ward check range: unknown revision 'nope'; check the name, or fetch it first (git fetch origin nope)"
        )
        #expect(error?.message.contains("git_") == false)
    }

    @Test func refusesARevisionThatIsNotACommit() throws {
        var facts = history()
        facts.blobs[id("b1")] = Array("text".utf8)
        let repo = try SiteRepository()
        let error = #expect(throws: CommandError.self) {
            try RangeCommand.check("\(id("b1"))..main", site: repo.site, facts: facts)
        }
        #expect(error?.message == "ward check range: '\(id("b1"))' does not name a commit")
    }

    @Test(arguments: [
        (FactsError.Kind.missingObject, false, true),
        (FactsError.Kind.unreadable, true, true),
        (FactsError.Kind.unreadable, false, false),
    ])
    func saysHowToFetchHistoryAShallowCloneLacks(kind: FactsError.Kind, shallow: Bool, saysUnshallow: Bool) throws {
        var facts = history()
        facts.isShallow = shallow
        facts.walkError = FactsError(kind, "cannot read the history: object not found (git_revwalk_next)")
        let repo = try SiteRepository()
        let error = #expect(throws: CommandError.self) {
            try RangeCommand.check("main..fix/5-x", site: repo.site, facts: facts)
        }
        let message = error?.message ?? ""
        #expect(message.contains("git fetch --unshallow") == saysUnshallow, "\(message)")
        if saysUnshallow {
            #expect(error?.status == .usage)
            #expect(message.hasPrefix("ward check range: the history of main..fix/5-x is not all in this clone"))
            #expect(!message.contains("git_"), "\(message)")
        } else {
            #expect(error?.status == .internalError)
        }
    }

    @Test func checksTheMessagesBranchAndIssueOfANamedBranch() throws {
        let repo = try SiteRepository()
        let (report, outcome) = try RangeCommand.check("main..fix/5-x", site: repo.site, facts: history())
        #expect(report.subject == "main..fix/5-x")
        #expect(report.checkpoint == .range)
        #expect(outcome.checked == 2)
        // One commit references #5, which is all `range` asks.
        #expect(report.findings.isEmpty, "\(report.findings)")
    }

    @Test func takesTheBranchOfHEADFromTheRepository() throws {
        // The work tree is on fix/9-crash, which no commit of the range references.
        let repo = try SiteRepository(branch: "fix/9-crash", commits: ["initial"])
        let (report, _) = try RangeCommand.check("main..HEAD", site: repo.site, facts: history())
        let link = try #require(report.findings.first { $0.ruleID == "commit-issue-link" })
        #expect(link.message.contains("'fix/9-crash' names issue #9"), "\(link.message)")
        #expect(report.subject == "main..HEAD")
    }

    @Test func checksTheNameOfTheBranch() throws {
        var facts = history()
        facts.refs["refs/heads/parser-work"] = id("c4")
        let repo = try SiteRepository()
        let (report, _) = try RangeCommand.check("main..parser-work", site: repo.site, facts: facts)
        #expect(report.findings.map(\.ruleID) == ["branch-name"])
        #expect(report.findings.first?.checkpoint == .range)
    }

    @Test func checksTheScopeOfWhatTheRangeChangesFromTheMergeBase() throws {
        var facts = history()
        // main moved on after fix/5-x branched: the merge base is c2, not main's tip.
        facts.commit(id("m3"), parent: id("c2"), "feat: main moves on")
        facts.refs["refs/heads/main"] = id("m3")
        facts.diffs["\(id("c2"))..\(id("c4"))"] = [
            change("M", "src/parser.swift"), change("A", "docs/parser.md"),
            change("R", "src/lexer.swift", from: "tools/lexer.swift"),
        ]
        let repo = try SiteRepository(wardJSON: #"{"scope": {"allow": ["src/**"]}}"#)
        let (report, _) = try RangeCommand.check("main..fix/5-x", site: repo.site, facts: facts)
        let scope = report.findings.filter { $0.ruleID.hasPrefix("scope-") }
        #expect(scope.map(\.path) == ["docs/parser.md", "tools/lexer.swift"], "\(report.findings)")
        #expect(scope.allSatisfy { $0.checkpoint == .range && $0.fails })
    }
}
