import Findings
import GitHooks
import TestSupport
import Testing
import Workspace

@Suite struct RepositoryCheckTests {
    func run(_ repo: SiteRepository, staged: [PathChange] = []) -> Report {
        var facts = FakeFacts()
        facts.staged = staged
        return RepositoryCheck.run(site: repo.site, facts: .success(facts))
    }

    @Test func marksTheChecksThatNeedThePolicyNotRunWhenItFails() throws {
        let repo = try SiteRepository(wardJSON: #"{"mode": "sometimes"}"#, commits: ["initial"])
        let report = run(repo, staged: [change("M", "file.txt")])
        #expect(
            report.findings.map(\.check) == [
                "policy", "repository", "index", "protected-branch", "branch-name", "scope", "hooks",
            ])
        let policy = try #require(report.findings.first)
        #expect(policy.decision == .deny)
        #expect(policy.message.contains("ward.json"), "\(policy.message)")
        #expect(policy.instead == "fix the file, then 'ward policy validate'")
        let notRun = report.findings.filter { $0.ruleID == RepositoryCheck.notRun }
        #expect(notRun.map(\.check) == ["protected-branch", "branch-name", "scope"])
        #expect(notRun.allSatisfy { $0.decision == .allow && $0.message == "not run: the policy does not load" })
        #expect(!report.ok)

        let lines = RepositoryCheck.lines(report, colour: false)
        #expect(lines[3] == "- protected-branch  not run: the policy does not load")
        #expect(!lines.joined().contains("[not-run]"))
    }

    @Test func showsEachRuleIDOnceAndAlignsTheMessages() throws {
        let repo = try SiteRepository(wardJSON: #"{"scope": {"allow": ["src/**"]}}"#, commits: ["initial"])
        let report = run(repo, staged: [change("A", "docs/a.md"), change("A", "docs/b.md")])
        let protected = try #require(report.findings.first { $0.check == "protected-branch" })
        #expect(protected.ruleID == "protected-branch-commit")
        #expect(protected.message == "2 staged changes on protected branch 'main'")
        let scope = try #require(report.findings.first { $0.check == "scope" })
        #expect(scope.ruleID == "scope-outside")
        #expect(scope.path == "docs/a.md")
        #expect(scope.instead == "unstage it: git restore --staged docs/a.md")
        #expect(scope.message.hasSuffix(" (and 1 more; 'ward hook pre-commit' lists them)"), "\(scope.message)")

        let lines = RepositoryCheck.lines(report, colour: false)
        #expect(lines.count == report.findings.count)
        let width = report.findings.map { ($0.check ?? $0.ruleID).count }.max() ?? 0
        for (line, finding) in zip(lines, report.findings) {
            let check = finding.check ?? finding.ruleID
            #expect(!line.contains("[\(check)]"), "the check's own id is its column, not a tag: \(line)")
            if finding.ruleID != check {
                #expect(line.components(separatedBy: finding.ruleID).count - 1 == 1, "\(finding.ruleID) once: \(line)")
                #expect(line.contains("[\(finding.ruleID)] "), "\(line)")
            }
            // mark, space, the check padded to the widest, two spaces, the message.
            let column = line.dropFirst(2)
            #expect(column.prefix(width + 2).hasSuffix("  "), "\(line)")
            #expect(column.dropFirst(width + 2).first != " ", "\(line)")
        }
        let scopeLine = try #require(lines.first { $0.contains("[scope-outside]") })
        #expect(scopeLine.hasPrefix("✗ scope"))
        #expect(scopeLine.contains("docs/a.md: [scope-outside] "), "\(scopeLine)")
        #expect(scopeLine.hasSuffix(". Instead: unstage it: git restore --staged docs/a.md"))
    }

    @Test func passesACleanRepositoryWithAWarningForMissingHooks() throws {
        let repo = try SiteRepository(branch: "feat/1-x", commits: ["initial"])
        let report = run(repo, staged: [change("M", "file.txt")])
        #expect(report.ok)
        #expect(report.findings.filter { $0.decision != .allow }.map(\.check) == ["hooks"])
        let policy = try #require(report.findings.first)
        #expect(policy.message == "built-in (1 layer)")
        #expect(report.findings.first { $0.check == "index" }?.message == "1 entry")
        let lines = RepositoryCheck.lines(report, colour: true)
        #expect(lines.first?.hasPrefix("\u{1B}[32m✓\u{1B}[0m policy") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("\u{1B}[33m!\u{1B}[0m hooks") == true, "\(lines)")
    }

    @Test func exemptsTheUnbornBranchAndNamesThePolicyFile() throws {
        let repo = try SiteRepository(wardJSON: #"{"protectedBranches": ["develop"]}"#)
        let report = run(repo, staged: [change("A", "file.txt")])
        #expect(
            report.findings.first { $0.check == "protected-branch" }?.message
                == "first commit on unborn branch 'main' is exempt")
        #expect(report.findings.first?.message == "ward.json (2 layers)")
    }

    @Test func reportsARepositoryThatCannotBeRead() throws {
        let repo = try SiteRepository(commits: ["initial"])
        let failed = RepositoryCheck.run(
            site: repo.site, facts: Result<FakeFacts, FactsError>.failure(FactsError(.unreadable, "cannot open it")))
        #expect(failed.findings.map(\.check) == ["policy", "repository", "hooks"])
        #expect(failed.findings[1].decision == .deny)
        #expect(failed.findings[1].message == "cannot open it")
        let unopened = RepositoryCheck.run(site: repo.site, facts: Result<FakeFacts, FactsError>?.none)
        #expect(unopened.findings.map(\.check) == ["policy", "repository"])
        #expect(unopened.findings[1].message.hasPrefix("ward found a repository at "))
        #expect(!unopened.ok)
    }

    @Test func appliesOnlyThePolicyOutsideARepository() throws {
        let sandbox = try GitSandbox()
        let site = GitSite(directory: sandbox.path, environment: sandbox.environment())
        let report = RepositoryCheck.run(site: site, facts: Result<FakeFacts, FactsError>?.none)
        #expect(report.findings.map(\.check) == ["policy", "repository"])
        #expect(report.findings[1].decision == .warn)
        #expect(report.ok)
        #expect(report.subject == sandbox.path)
    }
}
