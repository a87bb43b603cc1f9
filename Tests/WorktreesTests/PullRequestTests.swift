import Testing

@testable import Worktrees

/// What `ward worktree finish --pr` asks gh or glab for.
@Suite struct PullRequestTests {
    @Test func githubGetsTheOldestSubjectAsTitleAndClosesTheRecordedIssue() {
        let arguments = WorktreeRepository.requestArguments(
            gitlab: false, branch: "feat/510-login-form", base: "main",
            subjects: ["feat(auth): add the login form", "test(auth): cover the form"], issue: 510)
        #expect(
            arguments == [
                "pr", "create", "--title", "feat(auth): add the login form", "--body",
                "- feat(auth): add the login form\n- test(auth): cover the form\n\nCloses #510", "--head",
                "feat/510-login-form", "--base", "main",
            ])
    }

    @Test func theIssueComesFromTheBranchWhenNoneWasRecorded() {
        let arguments = WorktreeRepository.requestArguments(
            gitlab: true, branch: "fix/77-crash-on-start", base: "develop", subjects: ["fix: guard the nil"],
            issue: nil)
        #expect(
            arguments == [
                "mr", "create", "--title", "fix: guard the nil", "--description", "- fix: guard the nil\n\nCloses #77",
                "--source-branch", "fix/77-crash-on-start", "--target-branch", "develop", "--yes",
            ])
    }

    @Test func aBranchWithoutIssueOrCommitsGetsItsNameAsTitleAndNoClosingLine() {
        let arguments = WorktreeRepository.requestArguments(
            gitlab: false, branch: "spike", base: "main", subjects: [], issue: nil)
        #expect(arguments[3] == "spike")
        #expect(arguments[5] == "")
        let named = WorktreeRepository.requestArguments(
            gitlab: false, branch: "feat/x-no-number", base: "main", subjects: ["feat: x"], issue: nil)
        #expect(!named[5].contains("Closes"))
    }
}
