import Foundation
import TestSupport
import Testing

/// Real `git commit` runs through the commit-msg hook the test installs.
@Suite struct CommitMsgHookTests {
    @Test func acceptsAConventionalMessageGivenWithDashM() throws {
        let repo = try HookRepository.make(branch: "feat/12-login")
        let result = try repo.commit("feat(auth): add login")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try repo.git("log", "-1", "--format=%s") == "feat(auth): add login")
    }

    @Test func rejectsABadMessageWithRuleLineAndColumn() throws {
        let repo = try HookRepository.make()
        let result = try repo.commit("foo: Bar.")
        #expect(result.status != 0)
        let typeLine = result.stderr.split(separator: "\n").first { $0.contains("type-enum") } ?? ""
        #expect(typeLine.split(separator: " ").prefix(3) == ["1:1", "error", "type-enum"])
        #expect(result.stderr.contains("subject-case"))
        #expect(result.stderr.contains("subject-full-stop"))
        #expect(try repo.git("log", "-1", "--format=%s") == "commit 1")
    }

    @Test func judgesAHashLineGivenWithDashMAsGitStoresIt() throws {
        // -m: git keeps '#' lines (cleanup 'whitespace'), so "#123 fix" is the header it stores.
        let repo = try HookRepository.make()
        let result = try repo.commit("#123 fix login")
        #expect(result.status != 0)
        #expect(result.stderr.contains("type-empty"))
    }

    @Test func passesACommentOnlyMessageThatGitStripsAndAbortsItself() throws {
        let repo = try HookRepository.make()
        try repo.git("config", "commit.cleanup", "strip")
        let result = try repo.commit("#123 fix login")
        #expect(result.status != 0)
        #expect(result.stderr.contains("empty commit message"))
        #expect(!result.stderr.contains("ward"))
    }

    @Test func checksAMessageFileGivenWithDashF() throws {
        let repo = try HookRepository.make()
        #expect(writeFile(repo.directory.appending("msg"), "fix: handle timeouts\n# kept by git under -F\n"))
        #expect(writeFile(repo.root + "/x.txt", "x\n"))
        try repo.git("add", "x.txt")
        let result = try repo.run("commit", "-q", "-F", repo.directory.appending("msg"))
        #expect(result.status == 0, "\(result.stderr)")
        // The '#' line is body to git here, so commitlint's blank-line warning prints.
        #expect(result.stderr.contains("warning  body-leading-blank"))
        #expect(try repo.git("log", "-1", "--format=%B").contains("# kept by git under -F"))
        #expect(writeFile(repo.directory.appending("bad"), "Fix: Handle timeouts\n"))
        #expect(writeFile(repo.root + "/y.txt", "y\n"))
        try repo.git("add", "y.txt")
        let bad = try repo.run("commit", "-q", "-F", repo.directory.appending("bad"))
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("type-case"))
    }

    @Test func stripsGitsTemplateCommentsWhenTheEditorRuns() throws {
        let repo = try HookRepository.make()
        let good = try repo.script(
            "good-editor",
            "printf 'feat: from the editor\\n\\nbody\\n' > \"$1.new\"; cat \"$1\" >> \"$1.new\"; mv \"$1.new\" \"$1\"")
        #expect(writeFile(repo.root + "/x.txt", "x\n"))
        try repo.git("add", "x.txt")
        let ok = try repo.run("commit", "-q", "-v", environment: ["GIT_EDITOR": good])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try repo.git("log", "-1", "--format=%s") == "feat: from the editor")
        let bad = try repo.script("bad-editor", "printf 'Added a thing\\n' > \"$1\"")
        #expect(writeFile(repo.root + "/y.txt", "y\n"))
        try repo.git("add", "y.txt")
        let failed = try repo.run("commit", "-q", environment: ["GIT_EDITOR": bad])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("type-empty"))
    }

    @Test func acceptsAmendFixupAndMergeCommits() throws {
        let repo = try HookRepository.make()
        #expect(try repo.commit("feat: first").status == 0)
        let amend = try repo.run("commit", "-q", "--amend", "-m", "feat: first, amended")
        #expect(amend.status == 0, "\(amend.stderr)")
        let badAmend = try repo.run("commit", "-q", "--amend", "-m", "amended badly")
        #expect(badAmend.status != 0)
        #expect(writeFile(repo.root + "/z.txt", "z\n"))
        try repo.git("add", "z.txt")
        let fixup = try repo.run("commit", "-q", "--fixup", "HEAD")
        #expect(fixup.status == 0, "\(fixup.stderr)")
        try repo.git("switch", "-q", "-c", "fix/3-side", "HEAD~1")
        #expect(try repo.commit("fix: on the side").status == 0)
        try repo.git("switch", "-q", "main")
        let merge = try repo.run("merge", "-q", "--no-ff", "fix/3-side")
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try repo.git("log", "-1", "--format=%s") == "Merge branch 'fix/3-side'")
    }

    @Test func failsClosedOnABrokenPolicy() throws {
        let repo = try HookRepository.make()
        #expect(writeFile(repo.root + "/ward.json", "{\"commits\": {\"profil\": \"plain\"}}\n"))
        let result = try repo.commit("feat: fine message")
        #expect(result.status != 0)
        #expect(result.stderr.contains("ward.json:1: commits.profil: unknown key"))
        #expect(result.stderr.contains("did you mean 'profile'"))
    }

    @Test func appliesThePlainProfileFromWardJSON() throws {
        let repo = try HookRepository.make()
        #expect(writeFile(repo.root + "/ward.json", "{\"commits\": {\"profile\": \"plain\"}}\n"))
        #expect(try repo.commit("Add the login form").status == 0)
        let result = try repo.commit("Add the login form\nno blank line")
        #expect(result.status != 0)
        #expect(result.stderr.contains("body-leading-blank"))
    }

    @Test func checkMessageReadsStandardInputAndHonoursCleanup() throws {
        let repo = try HookRepository.make()
        let ok = try repo.ward(["check", "message"], stdin: "fix: ok\n# a comment\n")
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let kept = try repo.ward(["check", "message", "--cleanup", "whitespace", "-"], stdin: "#12 fix\n")
        #expect(kept.status == 1)
        let json = try repo.ward(["check", "message", "--json"], stdin: "foo: bar\n")
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"rule\":\"type-enum\""))
        let usage = try repo.ward(["check", "message", "--cleanup", "sometimes"])
        #expect(usage.status == 2)
    }
}
