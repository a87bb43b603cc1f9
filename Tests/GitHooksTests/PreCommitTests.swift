import Checks
import Commands
import Findings
import GitHooks
import TestSupport
import Testing

@Suite struct PreCommitTests {
    @Test func refusesACommitOnABornProtectedBranch() throws {
        let repo = try SiteRepository(commits: ["initial"])
        let report = try PreCommit.check(site: repo.site, changes: [change("M", "file.txt")], facts: FakeFacts())
        #expect(report.findings.map(\.ruleID) == ["protected-branch-commit"])
        let finding = try #require(report.findings.first)
        #expect(finding.matched == "main")
        #expect(finding.instead.contains("git switch -c feat/<issue>-<slug>"))
        #expect(!report.ok)
        let lines = PreCommit.lines(report)
        #expect(
            lines.last
                == "ward: commit blocked; commit on a feature branch: 'git switch -c feat/<issue>-<slug>' keeps the staged work"
        )
    }

    @Test func exemptsTheFirstCommitOfAnUnbornBranch() throws {
        let repo = try SiteRepository(commits: [])
        let report = try PreCommit.check(site: repo.site, changes: [change("A", "file.txt")], facts: FakeFacts())
        #expect(report.findings.isEmpty)
        #expect(PreCommit.lines(report).isEmpty)
    }

    @Test func letsAnEmptyCommitOnAProtectedBranchPass() throws {
        let repo = try SiteRepository(commits: ["initial"])
        let report = try PreCommit.check(site: repo.site, changes: [], facts: FakeFacts())
        #expect(report.findings.isEmpty)
        #expect(report.checked == 0)
    }

    @Test(arguments: [
        (#"{"protectedBranches": ["develop"]}"#, "develop", true),
        (#"{}"#, "release/2.0", true),
        (#"{"mode": "off"}"#, "main", false),
        (#"{"commands": {"disable": ["protected-branch-commit"]}}"#, "main", false),
        (#"{"branches": {"mode": "off"}}"#, "main", false),
        (#"{"mode": "off", "branches": {"mode": "enforce"}}"#, "main", true),
    ])
    func followsThePolicysProtectedBranches(_ wardJSON: String, branch: String, refused: Bool) throws {
        let repo = try SiteRepository(wardJSON: wardJSON, branch: branch, commits: ["initial"])
        let report = try PreCommit.check(site: repo.site, changes: [change("M", "file.txt")], facts: FakeFacts())
        #expect(report.findings.contains { $0.ruleID == "protected-branch-commit" } == refused, "\(report.findings)")
    }

    @Test func reportsEveryStagedPathOutsideTheScope() throws {
        let repo = try SiteRepository(
            wardJSON: #"{"scope": {"allow": ["src/**"]}}"#, branch: "feat/1-x", commits: ["initial"])
        let changes = [
            change("M", "src/a.swift"), change("A", "docs/b.md"), change("D", "tools/c.sh"),
            change("R", "src/d.swift", from: "lib/d.swift"),
        ]
        let report = try PreCommit.check(site: repo.site, changes: changes, facts: FakeFacts())
        #expect(report.findings.map(\.path) == ["docs/b.md", "tools/c.sh", "lib/d.swift"])
        #expect(report.findings.allSatisfy { $0.ruleID == "scope-outside" && $0.checkpoint == .preCommit })
        #expect(report.checked == 4)
        let lines = PreCommit.lines(report)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("docs/b.md: ward deny [scope-outside]: "), "\(lines[0])")
        #expect(
            lines.last == "ward: commit blocked; unstage what may not be committed with 'git restore --staged PATH'")
    }

    @Test func namesEveryReasonInTheSummaryLine() throws {
        let repo = try SiteRepository(wardJSON: #"{"scope": {"allow": ["src/**"]}}"#, commits: ["initial"])
        let report = try PreCommit.check(site: repo.site, changes: [change("A", "docs/b.md")], facts: FakeFacts())
        #expect(
            PreCommit.lines(report).last
                == "ward: commit blocked; unstage what may not be committed with 'git restore --staged PATH'; commit on a feature branch: 'git switch -c feat/<issue>-<slug>' keeps the staged work"
        )
    }

    @Test func refusesABranchNameOffThePatterns() throws {
        let repo = try SiteRepository(branch: "parser-work", commits: ["initial"])
        let report = try PreCommit.check(site: repo.site, changes: [change("M", "file.txt")], facts: FakeFacts())
        #expect(report.findings.map(\.ruleID) == ["branch-name"])
        #expect(report.findings.first?.matched == "parser-work")
        #expect(
            PreCommit.lines(report).last
                == "ward: commit blocked; rename the branch: 'git branch -m <type>/<issue>-<slug>'")
    }

    /// A staged symbolic link is judged by the target the commit records (its blob).
    @Test(arguments: [
        (#"{}"#, "docs/link", "../README.md", false),
        (#"{}"#, "docs/link", "/etc/passwd", true),
        (#"{}"#, "docs/link", String(repeating: "../", count: 40) + "etc/passwd", true),
        (#"{"scope": {"allow": ["src/**"]}}"#, "src/link", "../src/b.swift", false),
        (#"{"scope": {"allow": ["src/**"]}}"#, "src/link", "../docs/b.md", true),
        (#"{"scope": {"allow": ["src/**"]}}"#, "src/link", "b.swift", false),
    ])
    func refusesAStagedSymlinkThatLeavesTheScope(_ wardJSON: String, link: String, target: String, refused: Bool)
        throws
    {
        let repo = try SiteRepository(wardJSON: wardJSON, branch: "feat/1-x", commits: ["initial"])
        var facts = FakeFacts()
        facts.blobs[id("blob")] = Array(target.utf8)
        let report = try PreCommit.check(
            site: repo.site, changes: [change("A", link, mode: 0o120000, blob: id("blob"))], facts: facts)
        let escapes = report.findings.filter { $0.ruleID == "scope-escape-symlink" }
        #expect(escapes.isEmpty == !refused, "\(report.findings)")
        if let escape = escapes.first {
            #expect(escape.path == link)
            #expect(escape.message.contains("the link points to "), "\(escape.message)")
        }
    }

    @Test func readsNoTargetForARegularFile() throws {
        let repo = try SiteRepository(branch: "feat/1-x", commits: ["initial"])
        var facts = FakeFacts()
        facts.blobs[id("blob")] = Array("/etc/passwd".utf8)
        let report = try PreCommit.check(
            site: repo.site, changes: [change("A", "notes.txt", blob: id("blob"))], facts: facts)
        #expect(report.findings.isEmpty)
    }

    @Test func blocksOutsideARepository() throws {
        let sandbox = try GitSandbox()
        let site = GitSite(directory: sandbox.path, environment: sandbox.environment())
        let error = #expect(throws: CommandError.self) {
            try PreCommit.check(site: site, changes: [], facts: FakeFacts())
        }
        #expect(error?.message == "ward hook pre-commit: \(sandbox.path) is not inside a git repository")
    }
}
