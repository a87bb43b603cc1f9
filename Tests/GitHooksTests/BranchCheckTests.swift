import Commands
import GitHooks
import Testing

/// `ward check branch` as values, in a real repository.
@Suite struct BranchCheckTests {
    @Test func judgesTheGivenNameOrTheCurrentBranch() throws {
        let repo = try SiteRepository(
            wardJSON: #"{"branches": {"patterns": ["^feat/"]}}"#, branch: "feat/1-x", commits: ["feat: one"])
        let current = try BranchCheck.run(nil, site: repo.site)
        #expect(current.report.ok)
        #expect(current.line == "ward: branch 'feat/1-x' matches the branch contract")
        #expect(current.report.subject == "branch feat/1-x")
        let other = try BranchCheck.run("wip", site: repo.site)
        #expect(!other.report.ok)
        #expect(other.report.findings.map(\.ruleID) == ["branch-name"])
        #expect(other.line.hasPrefix("ward deny [branch-name]: the branch name does not match"), "\(other.line)")
        #expect(other.line.hasSuffix("Instead: rename it: git branch -m wip feat/<issue>-wip"))
        #expect(try BranchCheck.run("main", site: repo.site).report.ok, "protected branches always pass")
    }

    @Test func aDisabledBranchNameRuleSaysSoInsteadOfClaimingAMatch() throws {
        let repo = try SiteRepository(
            wardJSON: #"{"commands": {"disable": ["branch-name"]}}"#, branch: "feat/1-x", commits: ["feat: one"])
        let wip = try BranchCheck.run("wip", site: repo.site)
        #expect(wip.report.ok)
        #expect(wip.line == "ward: branch 'wip' is not checked: commands.disable lists branch-name")
        #expect(try BranchCheck.run(nil, site: repo.site).line == "ward: branch 'feat/1-x' matches the branch contract")
    }

    @Test func aDetachedHeadWithoutANameIsAUsageError() throws {
        let repo = try SiteRepository(commits: ["feat: one"])
        try repo.sandbox.git("checkout", "-q", "--detach", in: "repo")
        #expect {
            try BranchCheck.run(nil, site: repo.site)
        } throws: { error in
            guard case .usage(let text) = error as? CommandError else { return false }
            return text == "ward check branch: no NAME given and HEAD is not on a branch"
        }
    }
}
