import Testing

@testable import Workspace

@Suite struct GitConfigTests {
    @Test func readsSectionsKeysAndValuesAsGitDoes() {
        let config = GitConfig.parse(
            Array(
                """
                # comment
                ; another
                [Core]
                \tHooksPath = "my hooks" ; trailing comment
                \tbare
                [remote "origin"]
                \turl = git@example.com:x.git
                [core] worktree = ../a\\
                b
                [branch.Main] x = 1
                \tquoted = "a \\"q\\" # not a comment"
                \tspaced =   a   b   
                """.utf8))
        #expect(config.last("core", "hookspath") == .some("my hooks"))
        #expect(config.last("CORE", "bare") == .some(nil))
        #expect(config.bool("core", "bare") == true)
        #expect(config.last("core", "worktree") == .some("../ab"))
        #expect(config.last("remote", "url") == nil, "a subsection is not the section itself")
        #expect(config.entries.contains { $0.subsection == "origin" && $0.value == "git@example.com:x.git" })
        #expect(config.entries.contains { $0.section == "branch" && $0.subsection == "main" && $0.key == "x" })
        #expect(config.entries.last { $0.key == "quoted" }?.value == "a \"q\" # not a comment")
        #expect(config.entries.last { $0.key == "spaced" }?.value == "a   b")
    }

    @Test func skipsLinesItCannotReadAndKeepsGoing() {
        let config = GitConfig.parse(Array("[core\nbare = true\n[core]\n=broken\nhooksPath = h\n".utf8))
        #expect(config.bool("core", "bare") == nil, "entries under a broken header belong to no section")
        #expect(config.last("core", "hookspath") == .some("h"))
    }

    @Test(
        arguments: [
            ("true", true), ("YES", true), ("on", true), ("1", true), ("false", false), ("no", false), ("off", false),
            ("0", false), ("", false), ("maybe", nil),
        ] as [(String, Bool?)])
    func readsGitBooleans(text: String, value: Bool?) {
        #expect(GitConfig.parseBool(text) == value)
    }
}
