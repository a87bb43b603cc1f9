import Foundation
import TestSupport
import Testing

/// Real `git push` to a local bare remote through the pre-push hook the test installs.
@Suite struct PrePushHookTests {
    @Test func pushesANewBranchWhoseCommitsMeetTheContract() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("switch", "-q", "-c", "feat/12-login")
        #expect(try repo.commit("feat: add login\n\nRefs #12").status == 0)
        let push = try repo.run("push", "-q", "-u", "origin", "feat/12-login")
        #expect(push.status == 0, "\(push.stderr)")
    }

    @Test func reportsEveryBadCommitWithItsShortID() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("switch", "-q", "-c", "fix/7-crash")
        try repo.commitUnchecked("fix: guard the crash, closes #7")
        try repo.commitUnchecked("wip")
        let bad1 = try repo.git("rev-parse", "--short=7", "HEAD")
        try repo.commitUnchecked("Fix: More")
        let bad2 = try repo.git("rev-parse", "--short=7", "HEAD")
        let push = try repo.run("push", "-q", "origin", "fix/7-crash")
        #expect(push.status != 0)
        #expect(push.stderr.contains(bad1) && push.stderr.contains(bad2), "\(push.stderr)")
        #expect(push.stderr.contains("type-empty") && push.stderr.contains("type-case"))
        // Commits already on the remote are not judged again.
        try repo.git("push", "-q", "--no-verify", "origin", "fix/7-crash")
        #expect(try repo.commit("fix: one more, refs #7").status == 0)
        #expect(try repo.run("push", "-q", "origin", "fix/7-crash").status == 0)
    }

    @Test func requiresTheIssueTheBranchNames() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("switch", "-q", "-c", "fix/13-timeout")
        #expect(try repo.commit("fix: raise the timeout").status == 0)
        let push = try repo.run("push", "-q", "origin", "fix/13-timeout")
        #expect(push.status != 0)
        #expect(push.stderr.contains("commit-issue-link") && push.stderr.contains("#13"))
        #expect(try repo.commit("docs: explain the timeout\n\nCloses #13").status == 0)
        #expect(try repo.run("push", "-q", "origin", "fix/13-timeout").status == 0)
    }

    @Test func checksBranchNames() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("switch", "-q", "-c", "wip-stuff")
        #expect(try repo.commit("feat: something").status == 0)
        let push = try repo.run("push", "-q", "origin", "wip-stuff")
        #expect(push.status != 0)
        #expect(push.stderr.contains("branch-name"))
        let check = try repo.ward(["check", "branch"])
        #expect(check.status == 1)
        #expect(try repo.ward(["check", "branch", "fix/1-ok"]).status == 0)
        #expect(try repo.ward(["check", "branch", "release/1.0"]).status == 0)
    }

    @Test func deniesPushesForcePushesAndDeletionsOfProtectedBranches() throws {
        let repo = try HookRepository.make(remote: true)
        #expect(try repo.commit("feat: straight to main").status == 0)
        let push = try repo.run("push", "-q", "origin", "main")
        #expect(push.status != 0)
        #expect(push.stderr.contains("protected-branch-push"))
        try repo.git("push", "-q", "--no-verify", "origin", "main")
        try repo.git("reset", "-q", "--hard", "HEAD~1")
        #expect(try repo.commit("feat: rewritten").status == 0)
        let force = try repo.run("push", "-q", "--force", "origin", "main")
        #expect(force.status != 0)
        #expect(force.stderr.contains("protected-branch-force-push"))
        let delete = try repo.run("push", "-q", "origin", ":main")
        #expect(delete.status != 0)
        #expect(delete.stderr.contains("protected-branch-delete"))
    }

    @Test func allowsForcePushesAndDeletionsOfFeatureBranches() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("switch", "-q", "-c", "feat/5-x")
        #expect(try repo.commit("feat: x, refs #5").status == 0)
        try repo.git("push", "-q", "origin", "feat/5-x")
        #expect(try repo.run("commit", "-q", "--amend", "-m", "feat: x again, refs #5").status == 0)
        let force = try repo.run("push", "-q", "--force", "origin", "feat/5-x")
        #expect(force.status == 0, "\(force.stderr)")
        #expect(try repo.run("push", "-q", "origin", "--delete", "feat/5-x").status == 0)
    }

    @Test func protectsReleaseTagsFromDeletionAndMoves() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("tag", "v1.0.0")
        #expect(try repo.run("push", "-q", "origin", "v1.0.0").status == 0)
        try repo.git("switch", "-q", "-c", "feat/9-y")
        #expect(try repo.commit("feat: y, refs #9").status == 0)
        try repo.git("tag", "-f", "v1.0.0")
        let move = try repo.run("push", "-q", "--force", "origin", "v1.0.0")
        #expect(move.status != 0)
        #expect(move.stderr.contains("protected-tag-move"))
        let delete = try repo.run("push", "-q", "origin", ":refs/tags/v1.0.0")
        #expect(delete.status != 0)
        #expect(delete.stderr.contains("protected-tag-delete"))
        try repo.git("tag", "build-1")
        #expect(try repo.run("push", "-q", "origin", "build-1").status == 0)
        #expect(try repo.run("push", "-q", "origin", ":refs/tags/build-1").status == 0)
    }

    @Test func checksManyRefsInOnePush() throws {
        let repo = try HookRepository.make(remote: true)
        for n in 1...20 {
            try repo.git("switch", "-q", "-c", "feat/\(n)-many", "main")
            try repo.commitUnchecked("feat: change \(n), refs #\(n)")
        }
        let ok = try repo.run("push", "-q", "origin", "refs/heads/feat/*:refs/heads/feat/*")
        #expect(ok.status == 0, "\(ok.stderr)")
        for n in 21...25 {
            try repo.git("switch", "-q", "-c", "feat/\(n)-many", "main")
            try repo.commitUnchecked(n == 23 ? "bad one" : "feat: change \(n), refs #\(n)")
        }
        let bad = try repo.run("push", "-q", "origin", "refs/heads/feat/*:refs/heads/feat/*")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("\"bad one\""))
    }

    @Test func pushesToAURLHideEveryRemotesTrackingRefs() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("fetch", "-q", "origin")
        try repo.git("switch", "-q", "-c", "feat/4-url")
        #expect(try repo.commit("feat: by url, refs #4").status == 0)
        let push = try repo.run("push", "-q", repo.directory.appending("remote.git"), "feat/4-url")
        #expect(push.status == 0, "\(push.stderr)")
    }

    @Test func warnsAndChecksTheNewestWhenMoreCommitsThanMaxWalk() throws {
        let repo = try HookRepository.make(remote: true)
        #expect(writeFile(repo.root + "/.git/ward/local.json", "{\"commits\": {\"maxWalk\": 3}}\n"))
        try repo.git("switch", "-q", "-c", "feat/6-long")
        try repo.commitUnchecked("old and bad")
        for n in 1...3 { try repo.commitUnchecked("feat: step \(n), refs #6") }
        let push = try repo.run("push", "-q", "origin", "feat/6-long")
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stderr.contains("commit-walk-limit"), "\(push.stderr)")
    }

    @Test func checkRangeAppliesTheSameContracts() throws {
        let repo = try HookRepository.make(remote: true)
        try repo.git("switch", "-q", "-c", "fix/8-range")
        try repo.commitUnchecked("fix: good, refs #8")
        let ok = try repo.ward(["check", "range", "main..HEAD"])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        try repo.commitUnchecked("Bad one.")
        let bad = try repo.ward(["check", "range", "--json", "main..HEAD"])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("\"ok\":false") && bad.stdout.contains("subject-full-stop"))
        #expect(try repo.ward(["check", "range", "nope..HEAD"]).status == 2)
        #expect(try repo.ward(["check", "range", "main"]).status == 2)
    }

    @Test func pushHookFailsClosedOnUnreadableInput() throws {
        let repo = try HookRepository.make(remote: true)
        let result = try repo.ward(["hook", "pre-push", "origin", "x"], stdin: "garbage line\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read the ref line"))
    }
}
