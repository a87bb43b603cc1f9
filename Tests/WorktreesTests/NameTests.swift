import Testing

@testable import Worktrees

@Suite struct NameTests {
    @Test(arguments: ["", ".", "..", "a/b", "../x", "-rf", ".hidden", "a\u{0}b", "tab\there", "a\\b", "x\u{7F}"])
    func refusesNamesThatAreNotOnePlainPathComponent(name: String) {
        #expect(throws: WorktreeError.self) { try WorktreeNames.validateName(name) }
    }

    @Test(arguments: ["agent-1", "510-login", "café", "A_b.c"])
    func acceptsPlainNames(name: String) throws {
        try WorktreeNames.validateName(name)
    }

    @Test(arguments: [
        "", "-x", "a..b", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[b", "a\\b", "/a", "a/", "a//b", "a.lock",
        "a/.b", "a.", "@", "a@{1}", "x\u{1}",
    ])
    func refusesBranchNamesGitRefuses(branch: String) {
        #expect(throws: WorktreeError.self) { try WorktreeNames.validateBranch(branch) }
    }

    @Test(arguments: ["feat/1-x", "fix/510-login-crash", "main", "user/a.b"])
    func acceptsBranchNamesGitAccepts(branch: String) throws {
        try WorktreeNames.validateBranch(branch)
    }

    @Test(arguments: [
        ("Fix login crash on Safari 17!", "fix/510-fix-login-crash-on-safari-17"),
        ("feat: Add dark mode", "feat/510-add-dark-mode"),
        ("Über café support", "feat/510-ber-caf-support"),
        ("Login is broken", "fix/510-login-is-broken"),
    ])
    func issueBranchesFollowTheBranchContract(title: String, branch: String) throws {
        #expect(try WorktreeNames.issueBranch(number: 510, title: title) == branch)
        #expect(branch.wholeMatch(of: /(feat|fix)\/[0-9]+-[a-z0-9-]+/) != nil)
    }

    @Test func longTitlesAreCutAtAWordBoundary() {
        let slug = WorktreeNames.slug(String(repeating: "word ", count: 30))
        #expect(slug.count <= 48)
        #expect(!slug.hasSuffix("-"))
    }

    @Test func aTitleWithoutLettersIsAUsageError() {
        #expect(throws: WorktreeError.self) { try WorktreeNames.issueBranch(number: 1, title: "!!!") }
    }
}
