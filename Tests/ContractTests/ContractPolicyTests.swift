import Checks
import Policy
import Testing

/// `commits` and `branches` in ward.json: validated with file, line, key path and a suggestion.
@Suite struct ContractPolicyTests {
    @Test(arguments: [
        (
            "{\"commits\": {\"profil\": \"plain\"}}",
            "ward.json:1: commits.profil: unknown key 'profil' (did you mean 'profile'?)"
        ),
        (
            "{\n\"commits\": {\"issueLink\": \"always\"}}",
            "ward.json:2: commits.issueLink: expected one of range, every, off"
        ),
        ("{\"commits\": {\"maxWalk\": 0}}", "ward.json:1: commits.maxWalk: expected a whole number of at least 1"),
        ("{\"commits\": {\"types\": []}}", "ward.json:1: commits.types: needs at least one type"),
        ("{\"commits\": {\"requiredTrailers\": [\"Signed off\"]}}", "ward.json:1: commits.requiredTrailers[0]"),
        (
            "{\"branches\": {\"patterns\": [\"(\"]}}",
            "ward.json:1: branches.patterns[0]: not a valid regular expression"
        ),
        ("{\"branches\": {\"protectedTag\": [\"v*\"]}}", "(did you mean 'protectedTags'?)"),
        ("{\"branches\": []}", "ward.json:1: branches: expected an object"),
    ])
    func rejectsInvalidContractSettings(_ text: String, _ expected: String) {
        do {
            _ = try PolicyParser.parse(text, file: "ward.json", kind: .repository)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func mergesRepositorySettingsOverTheBuiltInDefaults() throws {
        let layer = try PolicyParser.parse(
            """
            {"commits": {"profile": "plain", "scopes": ["api"], "requiredTrailers": ["Signed-off-by"], "issueLink": "every"},
             "branches": {"patterns": ["^topic/"], "protectedTags": ["release-*"]}}
            """, file: "ward.json", kind: .repository)
        let policy = try Policy.builtin.merging([layer])
        #expect(policy.commits.profile == .plain)
        #expect(policy.commits.scopes == ["api"])
        #expect(policy.commits.issueLink == .every)
        #expect(policy.commits.maxWalk == 1000)
        #expect(policy.branches.patterns == ["^topic/"])
        #expect(policy.branches.protectedTags == ["v*", "release-*"])
        #expect(BranchContract(policy: policy).checkName("topic/x").decision == .allow)
        #expect(BranchContract(policy: policy).checkName("feat/1-x").decision == .deny)
        #expect(BranchContract(policy: policy).checkName("main").decision == .allow)
    }

    @Test func builtInDefaultsAreConfigConventional() {
        let p = Policy.builtin
        #expect(p.commits.profile == .conventional)
        #expect(p.commits.types.count == 11)
        #expect(p.branches.protectedTags == ["v*"])
        #expect(p.rule("body-leading-blank")?.decision == .warn)
        #expect(p.rule("type-enum")?.decision == .deny)
        #expect(BranchContract(policy: p).checkName("fix/123-login-timeout").decision == .allow)
        #expect(BranchContract(policy: p).checkName("fix/login").decision == .deny)
        #expect(BranchContract(policy: p).checkName("release/2.0").decision == .allow)
    }

    @Test func warnModeTurnsContractDenialsIntoWarnings() throws {
        let layer = try PolicyParser.parse(
            "{\"branches\": {\"mode\": \"warn\"}}", file: "ward.json", kind: .repository)
        let policy = try Policy.builtin.merging([layer])
        #expect(BranchContract(policy: policy).checkName("wip").decision == .warn)
        #expect(policy.loosenings.contains { $0.contains("branches.mode") })
    }

    @Test(
        arguments: [
            ("fix/123-login-timeout", 123), ("feat/42", 42), ("123-x", 123), ("fix/login", nil), ("feat/12a-x", nil),
        ] as [(String, Int?)])
    func findsTheIssueABranchNames(_ branch: String, _ issue: Int?) {
        #expect(IssueReference.issueNumber(inBranch: branch) == issue)
    }

    @Test(arguments: [
        ("fix: x\n\nCloses #123", true), ("fix: x\n\nRefs #123", true), ("fix: x (#123)", true),
        ("fix: x\n\nFixes owner/repo#123", true), ("fix: x\n\nhttps://github.com/o/r/issues/123", true),
        ("fix: x GH-123", true), ("fix: x\n\nRefs #1234", false), ("fix: x\n\nsee a#123", false), ("fix: x", false),
    ])
    func findsReferencesToAnIssue(_ message: String, _ found: Bool) {
        #expect(IssueReference.references(message, issue: 123) == found)
    }

    @Test func cleanupFollowsGit() {
        typealias C = CommitMessageCleanup
        #expect(C.clean("\n\nfix: x  \n\n\n# c\nbody\t\n\n", mode: .strip) == "fix: x\n\nbody\n")
        #expect(C.clean("#1 fix\n", mode: .whitespace) == "#1 fix\n")
        #expect(C.clean("#1 fix\n", mode: .strip) == "")
        #expect(C.clean("fix\n; c\n", mode: .strip, commentPrefix: ";") == "fix\n")
        #expect(C.clean("fix\r\n\r\nbody\r\n", mode: .strip) == "fix\n\nbody\n")
        #expect(C.clean("a\n# ------------------------ >8 ------------------------\nb\n", mode: .scissors) == "a\n")
        #expect(C.clean(" x \n", mode: .verbatim) == " x \n")
        #expect(C.Mode.default.effective(edited: false) == .whitespace)
        #expect(C.Mode.scissors.effective(edited: false) == .whitespace)
        #expect(C.autoCommentCharacter(for: "#1 fix\n\n; Please enter\n;\n") == ";")
        #expect(C.autoCommentCharacter(for: "fix\n") == "#")
        #expect(C.autoCommentCharacter(for: "fix\n\n# Please enter\n#\n") == "#")
    }
}
