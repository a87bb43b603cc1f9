import Foundation
import TestSupport
import Testing

/// `ward hook commit-msg` answered by the front binary alone: a copy of `ward` without `ward-git`
/// beside it, installed as the hook of a real repository, judges real `git commit`s.
@Suite struct CommitMsgFrontTests {
    func lonelyWard(_ box: Sandbox) throws -> String {
        let lonely = box.dir.appending("bin")
        try FileManager.default.createDirectory(atPath: lonely, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try Binaries.ward, toPath: lonely + "/ward")
        let hook = box.repo + "/.git/hooks/commit-msg"
        guard writeFile(hook, "#!/bin/sh\nexec \"\(lonely)/ward\" hook commit-msg \"$1\"\n") else {
            throw TestSupportError("cannot write \(hook)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        return lonely + "/ward"
    }

    @Test func judgesCommitsWithoutWardGit() throws {
        let box = try Sandbox()
        _ = try lonelyWard(box)
        box.write("a.txt", "a\n")
        _ = try box.git.git("add", "a.txt", in: "repo")
        let bad = try box.git.run("git", ["commit", "-q", "-m", "Add a file."], in: "repo")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("error  type-empty"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("ward-git not found"))
        let good = try box.git.run(
            "git", ["commit", "-q", "-m", "feat: add a file\n\n# not a comment under -m"], in: "repo")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stderr.contains("warning  body-leading-blank") == false)
    }

    @Test func followsCommentCharAndCleanupFromTheConfigFiles() throws {
        let box = try Sandbox()
        _ = try lonelyWard(box)
        _ = try box.git.git("config", "core.commentChar", ";", in: "repo")
        _ = try box.git.git("config", "commit.cleanup", "strip", in: "repo")
        box.write("b.txt", "b\n")
        _ = try box.git.git("add", "b.txt", in: "repo")
        let comment = "; a comment git strips " + String(repeating: "c", count: 120)
        let result = try box.git.run("git", ["commit", "-q", "-m", "fix: x\n\n" + comment], in: "repo")
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func includesInTheConfigGoToWardGit() throws {
        let box = try Sandbox()
        let ward = try lonelyWard(box)
        _ = try box.git.git("config", "include.path", box.dir.appending("extra.gitconfig"), in: "repo")
        let file = box.dir.appending("MSG")
        guard writeFile(file, "feat: x\n") else { throw TestSupportError("write") }
        let result = try runProcess(ward, ["hook", "commit-msg", file], cwd: box.repo, environment: box.environment())
        #expect(result.status == 2)
        #expect(result.stderr.contains("ward-git not found"))
    }
}
