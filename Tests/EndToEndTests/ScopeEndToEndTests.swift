import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The scope guard end to end (issue 3): real repositories, real `git commit` runs through a
// pre-commit hook this file installs, `ward scope`, `ward check paths` and agent payloads.
// Shell command strings here are data piped to `ward hook`; nothing runs them.

/// One test's world: a folder outside every temp root (so `..` from the repository lands outside
/// both), a home, and a repository on a feature branch with `docs/a.txt` and `src/a.txt`.
final class ScopeSandbox {
    let dir: TemporaryDirectory
    let repo: String
    let home: String
    let bin: String

    init(branch: String = "feat/3-scope", commits: Int = 1, files: Bool = true) throws {
        let base = nonTemporaryTestBase
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        dir = try TemporaryDirectory(prefix: "scope-e2e", base: base)
        home = dir.appending("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.appending("tmp"), withIntermediateDirectories: true)
        repo = try makeRepository(in: dir.path, branch: branch, commits: commits)
        bin = (try Binaries.ward as NSString).deletingLastPathComponent
        if files {
            try write("docs/a.txt", "docs\n")
            try write("src/a.txt", "src\n")
            try gitOK("add", "-A")
            try gitOK("commit", "-q", "-m", "docs and src")
        }
    }

    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = gitEnvironment(home: home)
        env["XDG_STATE_HOME"] = dir.appending("state")
        env["TMPDIR"] = dir.appending("tmp")
        // The sandbox sits inside the package's own checkout: never let ward or git climb into it.
        env["GIT_CEILING_DIRECTORIES"] = dir.path
        return env.merging(extra) { _, new in new }
    }

    func write(_ relative: String, _ text: String, in root: String? = nil) throws {
        guard writeFile((root ?? repo) + "/" + relative, text) else {
            throw HarnessError(description: "cannot write \(relative)")
        }
    }

    /// Installs `.git/hooks/pre-commit` (the common dir's hooks, shared by linked worktrees).
    func installHook() throws {
        let hooks = repo + "/.git/hooks"
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        let script = "#!/bin/sh\nexec \"\(bin)/ward\" hook pre-commit\n"
        try Data(script.utf8).write(to: URL(fileURLWithPath: hooks + "/pre-commit"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks + "/pre-commit")
    }

    func git(_ args: String..., cwd: String? = nil) throws -> ProcessResult {
        try runProcess("git", args, cwd: cwd ?? repo, environment: environment(), timeout: 120)
    }

    @discardableResult
    func gitOK(_ args: String..., cwd: String? = nil) throws -> String {
        let r = try runProcess("git", args, cwd: cwd ?? repo, environment: environment(), timeout: 120)
        guard r.status == 0 else {
            throw HarnessError(description: "git \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)")
        }
        return r.stdout
    }

    /// `git commit -m MESSAGE EXTRA...` through the installed hook.
    func commit(_ extra: [String] = [], cwd: String? = nil) throws -> ProcessResult {
        try runProcess(
            "git", ["commit", "-q", "-m", "change"] + extra, cwd: cwd ?? repo, environment: environment(), timeout: 120)
    }

    func ward(_ args: [String], stdin: [UInt8] = [], cwd: String? = nil) throws -> ProcessResult {
        try runProcess(bin + "/ward", args, cwd: cwd ?? repo, environment: environment(), stdin: stdin, timeout: 60)
    }

    func hook(_ agent: String, _ payload: [UInt8]) throws -> ProcessResult {
        try ward(["hook", agent], stdin: payload)
    }

    func setScope(_ globs: String..., cwd: String? = nil) throws {
        let r = try ward(["scope", "set"] + globs, cwd: cwd)
        guard r.status == 0 else { throw HarnessError(description: "ward scope set exited \(r.status): \(r.stderr)") }
    }

    /// Creates a file whose name is raw bytes (not necessarily UTF-8) in `folder` of the repository.
    func writeRawName(folder: String, name: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: repo + "/" + folder, withIntermediateDirectories: true)
        var path = Array((repo + "/" + folder + "/").utf8) + name
        path.append(0)
        let fd = path.withUnsafeBufferPointer { buf -> Int32 in
            guard let base = buf.baseAddress else { return -1 }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        guard fd >= 0 else { throw HarnessError(description: "cannot create a raw-named file: errno \(errno)") }
        close(fd)
    }
}

@Suite struct ScopeEndToEndTests {
    // MARK: - pre-commit and `ward scope set`

    @Test func refusesACommitOutsideTheScopeAndAcceptsOneInside() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        try box.setScope("src/**")
        try box.write("src/b.txt", "in\n")
        try box.gitOK("add", "src/b.txt")
        let inside = try box.commit()
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stderr.isEmpty, "\(inside.stderr)")

        try box.write("docs/b.txt", "out\n")
        try box.gitOK("add", "docs/b.txt")
        let outside = try box.commit()
        #expect(outside.status != 0)
        #expect(outside.stderr.contains("docs/b.txt: ward deny [scope-outside]"), "\(outside.stderr)")
        #expect(outside.stderr.contains("src/**"), "\(outside.stderr)")
        #expect(outside.stderr.contains("ward: commit blocked"), "\(outside.stderr)")
        #expect(try box.gitOK("log", "--format=%s", "-1") == "change\n")  // the refused commit did not land
    }

    @Test func thePreCommitHookExitsZeroOneOrTwo() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        try box.write("src/b.txt", "in\n")
        try box.gitOK("add", "src/b.txt")
        #expect(try box.ward(["hook", "pre-commit"]).status == 0)
        try box.write("docs/b.txt", "out\n")
        try box.gitOK("add", "docs/b.txt")
        let refused = try box.ward(["hook", "pre-commit"])
        #expect(refused.status == 1, "\(refused.stderr)")
        try box.write("ward.json", "{\"scope\": {\"allow\": [\"src/[\"]}}\n")
        let broken = try box.ward(["hook", "pre-commit"])
        #expect(broken.status == 2, "\(broken.stderr)")
        #expect(broken.stderr.contains("ward.json:1: scope.allow[0]"), "\(broken.stderr)")
        #expect(try box.ward(["hook", "pre-commit", "extra"]).status == 2)
    }

    @Test func checksBothSidesOfARenameAcrossTheScopeBoundary() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        try box.setScope("src/**")
        try box.gitOK("mv", "docs/a.txt", "src/from-docs.txt")
        let inward = try box.commit()
        #expect(inward.status != 0)
        #expect(inward.stderr.contains("docs/a.txt: ward deny [scope-outside]"), "\(inward.stderr)")
        #expect(!inward.stderr.contains("src/from-docs.txt:"), "\(inward.stderr)")
        try box.gitOK("reset", "-q", "--hard")

        try box.gitOK("mv", "src/a.txt", "docs/from-src.txt")
        let outward = try box.commit()
        #expect(outward.status != 0)
        #expect(outward.stderr.contains("docs/from-src.txt: ward deny [scope-outside]"), "\(outward.stderr)")
    }

    @Test func refusesAStagedDeletionOutsideTheScope() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        try box.setScope("src/**")
        try box.gitOK("rm", "-q", "docs/a.txt")
        let r = try box.commit()
        #expect(r.status != 0)
        #expect(r.stderr.contains("docs/a.txt: ward deny [scope-outside]"), "\(r.stderr)")
        try box.gitOK("reset", "-q", "--hard")
        try box.gitOK("rm", "-q", "src/a.txt")
        #expect(try box.commit().status == 0)
    }

    @Test func refusesStagingProtectedNamesInAnyCase() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        // On Linux Ward.json is another file than ward.json, but on macOS and Windows it is the same.
        try box.write("Ward.json", "{}\n")
        try box.gitOK("add", "Ward.json")
        let r = try box.commit()
        #expect(r.status != 0)
        #expect(r.stderr.contains("Ward.json: ward deny [scope-protected]"), "\(r.stderr)")
        try box.gitOK("reset", "-q", "--hard")
        try box.write(".Claude/Settings.json", "{}\n")
        try box.gitOK("add", ".Claude/Settings.json")
        let claude = try box.commit()
        #expect(claude.stderr.contains(".Claude/Settings.json: ward deny [scope-protected]"), "\(claude.stderr)")
        // git itself refuses to stage .GIT/..., so the case variant is checked with `ward check paths`.
        let paths = try box.ward(["check", "paths", ".GIT/hooks/pre-commit", "WARD.JSON", ".Husky/pre-commit"])
        #expect(paths.status == 1)
        #expect(paths.stdout.split(separator: "\n").count == 3, "\(paths.stdout)")
        #expect(paths.stdout.contains(".GIT/hooks/pre-commit: ward deny [scope-protected]"), "\(paths.stdout)")
    }

    @Test func refusesAStagedSymlinkThatLeavesTheScope() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        try box.setScope("src/**")
        try FileManager.default.createSymbolicLink(atPath: box.repo + "/src/link", withDestinationPath: "/etc")
        try box.gitOK("add", "src/link")
        let r = try box.commit()
        #expect(r.status != 0)
        #expect(r.stderr.contains("src/link: ward deny [scope-escape-symlink]"), "\(r.stderr)")
        #expect(r.stderr.contains("/etc"), "\(r.stderr)")
        try box.gitOK("rm", "-q", "--cached", "src/link")
        // A relative link that stays inside the scope is fine; one into docs/ is not.
        try FileManager.default.createSymbolicLink(atPath: box.repo + "/src/near", withDestinationPath: "a.txt")
        try FileManager.default.createSymbolicLink(atPath: box.repo + "/src/far", withDestinationPath: "../docs/a.txt")
        try box.gitOK("add", "src/near")
        #expect(try box.commit().status == 0)
        try box.gitOK("add", "src/far")
        let far = try box.commit()
        #expect(far.stderr.contains("src/far: ward deny [scope-escape-symlink]"), "\(far.stderr)")
    }

    @Test func checkPathsNormalisesDotDot() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let up = try box.ward(["check", "paths", "src/../../escaped.txt"])
        #expect(up.status == 1)
        #expect(up.stdout.contains("[scope-outside-repo]"), "\(up.stdout)")
        let sideways = try box.ward(["check", "paths", "src/../docs/a.txt"])
        #expect(sideways.status == 1)
        #expect(sideways.stdout.contains("[scope-outside]"), "\(sideways.stdout)")
        let fine = try box.ward(["check", "paths", "docs/../src/new.txt"])
        #expect(fine.status == 0, "\(fine.stdout)")
        #expect(fine.stdout.isEmpty)
        let hooks = try box.ward(["check", "paths", "--cwd", box.repo + "/src", "../.git/hooks/pre-commit"])
        #expect(hooks.status == 1)
        #expect(hooks.stdout.contains("[scope-protected]"), "\(hooks.stdout)")
    }

    @Test func checkPathsExitCodesAndJSON() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let ok = try box.ward(["check", "paths", "src/x.txt", "/tmp/scratch.txt", "/dev/null"])
        #expect(ok.status == 0)
        #expect(ok.stdout.isEmpty, "\(ok.stdout)")
        let no = try box.ward(["check", "paths", "src/x.txt", "docs/y.txt"])
        #expect(no.status == 1)
        #expect(no.stdout.hasPrefix("docs/y.txt: ward deny [scope-outside]"), "\(no.stdout)")
        #expect(no.stdout.split(separator: "\n").count == 1)
        let json = try box.ward(["check", "paths", "--json", "src/x.txt", "docs/y.txt"])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any]
        let paths = object?["paths"] as? [[String: Any]]
        #expect(object?["ok"] as? Bool == false)
        #expect(paths?.count == 2)
        #expect(paths?.last?["path"] as? String == "docs/y.txt")
        #expect(try box.ward(["check", "paths"]).status == 2)
        try box.write("ward.json", "{\"scope\": {\"allow\": [\"../x\"]}}\n")
        let broken = try box.ward(["check", "paths", "src/x.txt"])
        #expect(broken.status == 2, "\(broken.stdout)\(broken.stderr)")
    }

    // MARK: - Partial staging: the index git commits, not the one on disk

    @Test func commitAllChecksTheTemporaryIndexNotTheWorkingTree() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        try box.setScope("src/**")
        // An untracked out-of-scope file is not part of `git commit -a`.
        try box.write("docs/untracked.txt", "not committed\n")
        try box.write("src/a.txt", "changed\n")
        let r = try box.commit(["-a"])
        #expect(r.status == 0, "\(r.stderr)")
        // The reverse: a tracked out-of-scope change that is only unstaged in .git/index becomes
        // part of the commit through index.lock.
        try box.write("docs/a.txt", "changed\n")
        try box.write("src/a.txt", "changed again\n")
        #expect(try box.gitOK("diff", "--cached", "--name-only").isEmpty)
        let refused = try box.commit(["-a"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("docs/a.txt: ward deny [scope-outside]"), "\(refused.stderr)")
    }

    @Test func commitPathChecksOnlyThePathsCommitted() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        try box.setScope("src/**")
        // docs/a.txt is staged in .git/index, but `git commit src/a.txt` records only src/a.txt.
        try box.write("docs/a.txt", "staged, not committed\n")
        try box.gitOK("add", "docs/a.txt")
        try box.write("src/a.txt", "committed\n")
        let r = try box.commit(["src/a.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try box.gitOK("show", "--name-only", "--format=", "HEAD") == "src/a.txt\n")
        // The reverse: src staged, but the commit names docs.
        try box.write("src/a.txt", "staged\n")
        try box.gitOK("add", "src/a.txt")
        let refused = try box.commit(["docs/a.txt"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("docs/a.txt: ward deny [scope-outside]"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("src/a.txt:"), "\(refused.stderr)")
    }

    // MARK: - Linked worktrees

    @Test func eachWorktreeEnforcesItsOwnScope() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        let wt = box.dir.appending("wt")
        try box.gitOK("worktree", "add", "-q", "-b", "feat/4-docs", wt)
        try box.setScope("src/**")
        try box.setScope("docs/**", cwd: wt)

        let mainShow = try box.ward(["scope", "show"])
        #expect(mainShow.stdout.contains("src/**") && !mainShow.stdout.contains("docs/**"), "\(mainShow.stdout)")
        let wtShow = try box.ward(["scope", "show"], cwd: wt)
        #expect(wtShow.stdout.contains("docs/**") && !wtShow.stdout.contains("src/**"), "\(wtShow.stdout)")

        // In the linked worktree: docs yes, src no.
        try box.write("docs/wt.txt", "x\n", in: wt)
        try box.gitOK("add", "docs/wt.txt", cwd: wt)
        let wtDocs = try box.commit(cwd: wt)
        #expect(wtDocs.status == 0, "\(wtDocs.stderr)")
        try box.write("src/wt.txt", "x\n", in: wt)
        try box.gitOK("add", "src/wt.txt", cwd: wt)
        let wtSrc = try box.commit(cwd: wt)
        #expect(wtSrc.status != 0)
        #expect(wtSrc.stderr.contains("src/wt.txt: ward deny [scope-outside]"), "\(wtSrc.stderr)")

        // In the main worktree: src yes, docs no.
        try box.write("src/main.txt", "x\n")
        try box.gitOK("add", "src/main.txt")
        let mainSrc = try box.commit()
        #expect(mainSrc.status == 0, "\(mainSrc.stderr)")
        try box.write("docs/main.txt", "x\n")
        try box.gitOK("add", "docs/main.txt")
        let mainDocs = try box.commit()
        #expect(mainDocs.status != 0)
        #expect(mainDocs.stderr.contains("docs/main.txt: ward deny [scope-outside]"), "\(mainDocs.stderr)")

        // The worktree's scope file lives in its admin dir, which is protected.
        let admin = try box.ward(["check", "paths", box.repo + "/.git/worktrees/wt/ward/scope.json"], cwd: wt)
        #expect(admin.status == 1)
        #expect(admin.stdout.contains("[scope-protected]"), "\(admin.stdout)")

        // Clearing the linked worktree's scope leaves the main one alone.
        #expect(try box.ward(["scope", "clear"], cwd: wt).status == 0)
        #expect(try box.commit(cwd: wt).status == 0)
        #expect(try box.ward(["check", "paths", "docs/x"]).status == 1)
    }

    // MARK: - .claude/wave-scope.json

    @Test func enforcesAWaveScopeFile() throws {
        let box = try ScopeSandbox()
        // Committed before the hook exists: the file is protected, so the hook would refuse it.
        try box.write(".claude/wave-scope.json", "{\"allowedPaths\": [\"src/\"], \"enforcement\": \"strict\"}\n")
        try box.gitOK("add", ".claude/wave-scope.json")
        try box.gitOK("commit", "-q", "-m", "wave scope")
        try box.installHook()
        try box.write("src/b.txt", "x\n")
        try box.gitOK("add", "src/b.txt")
        #expect(try box.commit().status == 0)
        try box.write("docs/b.txt", "x\n")
        try box.gitOK("add", "docs/b.txt")
        let r = try box.commit()
        #expect(r.status != 0)
        #expect(r.stderr.contains("docs/b.txt: ward deny [scope-outside]"), "\(r.stderr)")
        #expect(r.stderr.contains("wave-scope.json"), "\(r.stderr)")
        let show = try box.ward(["scope", "show", "--json"])
        #expect(show.stdout.contains("\"mode\":\"enforce\""), "\(show.stdout)")
        #expect(show.stdout.contains("wave-scope.json"), "\(show.stdout)")
    }

    @Test func aWaveScopeFileInWarnModeOnlyWarns() throws {
        let box = try ScopeSandbox()
        try box.write(".claude/wave-scope.json", "{\"allowedPaths\": [\"src/\"], \"enforcement\": \"warn\"}\n")
        try box.gitOK("add", ".claude/wave-scope.json")
        try box.gitOK("commit", "-q", "-m", "wave scope")
        try box.installHook()
        try box.write("docs/b.txt", "x\n")
        try box.gitOK("add", "docs/b.txt")
        let r = try box.commit()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("docs/b.txt: ward warn [scope-outside]"), "\(r.stderr)")
    }

    @Test func anEmptyWaveScopeDeniesEveryWrite() throws {
        let box = try ScopeSandbox()
        try box.write(".claude/wave-scope.json", "{\"allowedPaths\": [], \"enforcement\": \"strict\"}\n")
        try box.gitOK("add", ".claude/wave-scope.json")
        try box.gitOK("commit", "-q", "-m", "wave scope")
        try box.installHook()
        try box.write("src/b.txt", "x\n")
        try box.gitOK("add", "src/b.txt")
        let r = try box.commit()
        #expect(r.status != 0)
        #expect(r.stderr.contains("src/b.txt: ward deny [scope-outside]"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing (an empty allow list)"), "\(r.stderr)")
        let write = try box.hook(
            "claude", try fixture("claude-write.json", cwd: box.repo, path: box.repo + "/src/c.txt"))
        #expect(try HookAnswer(write).decision(for: "claude") == "deny")
    }

    @Test
    func waveScopePathsAreRootedAtTheRepository() throws {
        let box = try ScopeSandbox()
        try box.write(".claude/wave-scope.json", "{\"allowedPaths\": [\"src/\"], \"enforcement\": \"strict\"}\n")
        let r = try box.ward(["check", "paths", "lib/src/x.txt"])
        #expect(r.status == 1, "\(r.stdout)")
    }

    // MARK: - Protected branches

    @Test func refusesCommitsOnMainButNotTheFirstOne() throws {
        let box = try ScopeSandbox(branch: "main", commits: 0, files: false)
        try box.installHook()
        try box.write("README.md", "hello\n")
        try box.gitOK("add", "README.md")
        let first = try box.commit()
        #expect(first.status == 0, "\(first.stderr)")
        try box.write("README.md", "again\n")
        try box.gitOK("add", "README.md")
        let second = try box.commit()
        #expect(second.status != 0)
        #expect(second.stderr.contains("[protected-branch-commit]"), "\(second.stderr)")
        #expect(second.stderr.contains("main"), "\(second.stderr)")
    }

    // MARK: - Unusual path names

    @Test func handlesSpacesUnicodeNewlinesAndInvalidUTF8InStagedPaths() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        try box.setScope("src/**")
        try box.write("src/with space.txt", "x\n")
        try box.write("src/Über café.txt", "x\n")
        try box.write("src/new\nline.txt", "x\n")
        try box.writeRawName(folder: "src", name: [0x62, 0x61, 0x64, 0xFF, 0x2E, 0x74, 0x78, 0x74])  // bad\xFF.txt
        try box.gitOK("add", "-A")
        let inside = try box.commit()
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(try box.gitOK("show", "--name-only", "--format=", "-z", "HEAD").split(separator: "\0").count == 4)

        for (name, expected) in [
            ("docs/with space.txt", "docs/with space.txt: ward deny [scope-outside]"),
            ("docs/Über café.txt", "docs/Über café.txt: ward deny [scope-outside]"),
            ("docs/new\nline.txt", "[scope-outside]"),
        ] {
            try box.write(name, "x\n")
            try box.gitOK("add", "-A")
            let r = try box.commit()
            #expect(r.status != 0, "\(name.debugDescription)")
            #expect(r.stderr.contains(expected), "\(name.debugDescription): \(r.stderr)")
            try box.gitOK("reset", "-q", "--hard")
            try box.gitOK("clean", "-q", "-f", "docs")
        }
        try box.writeRawName(folder: "docs", name: [0x62, 0x61, 0x64, 0xFF, 0x2E, 0x74, 0x78, 0x74])
        try box.gitOK("add", "-A")
        let raw = try box.commit()
        #expect(raw.status != 0)
        #expect(raw.stderr.contains("[scope-outside]"), "\(raw.stderr)")
    }

    @Test func handlesAnIndexEntryAddedWithUpdateIndex() throws {
        let box = try ScopeSandbox()
        try box.installHook()
        try box.setScope("src/**")
        let blob = try box.gitOK("hash-object", "-w", "src/a.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        try box.gitOK("update-index", "--add", "--cacheinfo", "100644,\(blob),docs/only in the index.txt")
        let r = try box.commit()
        #expect(r.status != 0)
        #expect(r.stderr.contains("docs/only in the index.txt: ward deny [scope-outside]"), "\(r.stderr)")
    }

    // MARK: - Agent file tools

    static func patch(_ lines: [String]) -> String {
        (["*** Begin Patch"] + lines + ["*** End Patch"]).joined(separator: "\n") + "\n"
    }

    @Test func deniesACodexPatchWithOneFileOutsideTheScope() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let outside = Self.patch([
            "*** Add File: src/new.swift", "+let x = 1",
            "*** Update File: src/a.txt", "@@", "-src", "+src2",
            "*** Delete File: src/gone.swift",
            "*** Update File: src/old.swift", "*** Move to: docs/moved.swift", "@@", "-a", "+b",
        ])
        let r = try box.hook("codex", try fixture("scope-codex-apply-patch.json", cwd: box.repo, command: outside))
        let answer = try HookAnswer(r)
        #expect(r.status == 0)
        #expect(answer.decision(for: "codex") == "deny")
        let reason = answer.reason(for: "codex") ?? ""
        #expect(reason.contains("scope-outside") && reason.contains("docs/moved.swift"), "\(reason)")
        #expect(answer.keys == ["hookSpecificOutput"])

        let inside = Self.patch([
            "*** Add File: src/new.swift", "+let x = 1",
            "*** Update File: src/a.txt", "@@", "-src", "+src2",
            "*** Delete File: src/gone.swift",
            "*** Update File: src/old.swift", "*** Move to: src/moved.swift", "@@", "-a", "+b",
        ])
        let ok = try box.hook("codex", try fixture("scope-codex-apply-patch.json", cwd: box.repo, command: inside))
        #expect(ok.status == 0)
        #expect(ok.stdout.isEmpty, "\(ok.stdout)")

        // The source of a move counts too: moving docs/a.txt into src/ removes it from docs/.
        let moveIn = Self.patch(["*** Update File: docs/a.txt", "*** Move to: src/a2.txt", "@@", "-docs", "+docs"])
        let m = try box.hook("codex", try fixture("scope-codex-apply-patch.json", cwd: box.repo, command: moveIn))
        #expect(try HookAnswer(m).reason(for: "codex")?.contains("docs/a.txt") == true, "\(m.stdout)")
    }

    @Test func checksClaudeWritesAgainstTheScope() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let outside = try box.hook(
            "claude", try fixture("claude-write.json", cwd: box.repo, path: box.repo + "/docs/x.md"))
        let answer = try HookAnswer(outside)
        #expect(answer.decision(for: "claude") == "deny")
        #expect(answer.reason(for: "claude")?.contains("[scope-outside]") == true, "\(outside.stdout)")
        let inside = try box.hook(
            "claude", try fixture("claude-write.json", cwd: box.repo, path: box.repo + "/src/x.swift"))
        #expect(inside.status == 0)
        #expect(inside.stdout.isEmpty, "\(inside.stdout)")
        let relative = try box.hook(
            "claude", try fixture("claude-write.json", cwd: box.repo + "/src", path: "../docs/x.md"))
        #expect(try HookAnswer(relative).decision(for: "claude") == "deny", "\(relative.stdout)")
        let protected = try box.hook(
            "claude", try fixture("claude-edit.json", cwd: box.repo, path: box.repo + "/WARD.json"))
        #expect(try HookAnswer(protected).reason(for: "claude")?.contains("[scope-protected]") == true)
    }

    @Test func deniesAClaudeWriteThroughASymlinkedFolderThatLeavesTheRepository() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let elsewhere = box.dir.appending("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: box.repo + "/src/ext", withDestinationPath: elsewhere)
        let r = try box.hook(
            "claude", try fixture("claude-write.json", cwd: box.repo, path: box.repo + "/src/ext/x.txt"))
        let answer = try HookAnswer(r)
        #expect(answer.decision(for: "claude") == "deny")
        #expect(answer.reason(for: "claude")?.contains("[scope-escape-symlink]") == true, "\(r.stdout)")
        // Without any allow list the link still may not carry writes out of the repository.
        #expect(try box.ward(["scope", "clear"]).status == 0)
        let plain = try box.hook(
            "claude", try fixture("claude-write.json", cwd: box.repo, path: box.repo + "/src/ext/x.txt"))
        #expect(
            try HookAnswer(plain).reason(for: "claude")?.contains("[scope-escape-symlink]") == true, "\(plain.stdout)")
    }

    @Test
    func resolvesSymlinksBeforeDotDotForFileTools() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let elsewhere = box.dir.appending("elsewhere/deep")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: box.repo + "/src/ext", withDestinationPath: elsewhere)
        let r = try box.hook(
            "claude", try fixture("claude-write.json", cwd: box.repo, path: box.repo + "/src/ext/../x.txt"))
        #expect(try HookAnswer(r).decision(for: "claude") == "deny", "\(r.stdout)")
        let shell = try box.hook(
            "claude", try fixture("claude-bash.json", cwd: box.repo, command: "echo x > src/ext/../x.txt"))
        #expect(try HookAnswer(shell).decision(for: "claude") == "deny", "\(shell.stdout)")
    }

    @Test func checksNotebookEditsAndCursorWritesAgainstTheScope() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let notebookOut = try box.hook(
            "claude", try fixture("claude-notebook-edit.json", cwd: box.repo, path: box.repo + "/docs/a.ipynb"))
        #expect(try HookAnswer(notebookOut).decision(for: "claude") == "deny", "\(notebookOut.stdout)")
        #expect(try HookAnswer(notebookOut).reason(for: "claude")?.contains("[scope-outside]") == true)
        let notebookIn = try box.hook(
            "claude", try fixture("claude-notebook-edit.json", cwd: box.repo, path: box.repo + "/src/a.ipynb"))
        #expect(notebookIn.status == 0)
        #expect(notebookIn.stdout.isEmpty, "\(notebookIn.stdout)")

        let cursorOut = try box.hook(
            "cursor", try fixture("cursor-pre-tool-use-write.json", cwd: box.repo, path: "docs/b.md"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(cursorOut.stdout.utf8)) as? [String: Any])
        #expect(object["permission"] as? String == "deny", "\(cursorOut.stdout)")
        #expect((object["agent_message"] as? String)?.contains("[scope-outside]") == true)
        let cursorIn = try box.hook(
            "cursor", try fixture("cursor-pre-tool-use-write.json", cwd: box.repo, path: "src/b.swift"))
        #expect(cursorIn.status == 0)
        #expect(cursorIn.stdout.isEmpty, "\(cursorIn.stdout)")
    }

    /// Cursor's `preToolUse` file tools as current builds name them, with each path key seen in
    /// their payloads: a write outside the scope is denied, one inside is allowed.
    @Test(arguments: [
        ("Write", "file_path"), ("StrReplace", "file_path"), ("StrReplace", "path"), ("Edit", "relative_path"),
        ("Delete", "path"), ("TabWrite", "file_path"),
    ])
    func checksCursorFileToolsAgainstTheScope(tool: String, key: String) throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        func payload(_ path: String) throws -> [UInt8] {
            let object: [String: Any] = [
                "conversation_id": "conv-9", "generation_id": "gen-9", "hook_event_name": "preToolUse",
                "workspace_roots": [box.repo], "tool_name": tool, "tool_input": [key: path],
            ]
            return [UInt8](try JSONSerialization.data(withJSONObject: object))
        }
        let outside = try box.hook("cursor", try payload("docs/b.md"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(outside.stdout.utf8)) as? [String: Any], "\(outside.stdout)")
        #expect(object["permission"] as? String == "deny", "\(tool) \(key): \(outside.stdout)")
        #expect((object["agent_message"] as? String)?.contains("[scope-outside]") == true)
        let inside = try box.hook("cursor", try payload("src/b.swift"))
        #expect(inside.status == 0)
        #expect(inside.stdout.isEmpty, "\(tool) \(key): \(inside.stdout)")
    }

    @Test func resolvesACursorWriteAgainstTheToolsWorkingDirectory() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let docs = box.repo + "/docs"
        try FileManager.default.createDirectory(atPath: docs, withIntermediateDirectories: true)
        let object: [String: Any] = [
            "conversation_id": "conv-9", "hook_event_name": "preToolUse", "workspace_roots": [box.repo],
            "tool_name": "StrReplace", "tool_input": ["path": "src/b.swift", "working_directory": docs],
        ]
        // docs/src/b.swift, not src/b.swift: outside the scope.
        let r = try box.hook("cursor", [UInt8](try JSONSerialization.data(withJSONObject: object)))
        #expect(r.stdout.contains("\"permission\":\"deny\""), "\(r.stdout)")
        #expect(r.stdout.contains("docs/src/b.swift"), "\(r.stdout)")
    }

    @Test func deniesAGeminiWriteOutsideTheRepository() throws {
        let box = try ScopeSandbox()
        let r = try box.hook(
            "gemini", try fixture("gemini-write-file.json", cwd: box.repo, path: box.dir.appending("elsewhere/x.json")))
        let answer = try HookAnswer(r)
        #expect(answer.decision(for: "gemini") == "deny")
        #expect(answer.reason(for: "gemini")?.contains("[scope-outside-repo]") == true, "\(r.stdout)")
        let tmp = try box.hook(
            "gemini", try fixture("gemini-write-file.json", cwd: box.repo, path: "/tmp/ward-scope-e2e.json"))
        #expect(tmp.stdout.isEmpty, "\(tmp.stdout)")
        let inside = try box.hook("gemini", try fixture("gemini-write-file.json", cwd: box.repo, path: "docs/new.json"))
        #expect(inside.stdout.isEmpty, "\(inside.stdout)")
    }

    // MARK: - Shell writes from an agent

    static let shellWrites: [(command: String, rule: String)] = [
        ("cp src/a.txt ../x", "scope-outside-repo"),
        ("echo x > other/file", "scope-outside"),
        ("sed -i s/a/b/ other/f", "scope-outside"),
        ("mkdir -p other && touch other/g", "scope-outside"),
    ]

    @Test(arguments: shellWrites) func deniesShellWritesOutsideTheScope(_ c: (command: String, rule: String)) throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let r = try box.hook("claude", try fixture("claude-bash.json", cwd: box.repo, command: c.command))
        let answer = try HookAnswer(r)
        #expect(answer.decision(for: "claude") == "deny", "\(r.stdout)")
        #expect(answer.reason(for: "claude")?.contains("[\(c.rule)]") == true, "\(r.stdout)")
        let inside = try box.hook(
            "claude", try fixture("claude-bash.json", cwd: box.repo, command: "echo x > src/new.txt"))
        #expect(inside.stdout.isEmpty, "\(inside.stdout)")
    }

    @Test func deniesAnAgentChangingWardsScope() throws {
        let box = try ScopeSandbox()
        for command in ["ward scope set '**'", "ward scope clear", "cd src && ward scope set '**'"] {
            let r = try box.hook("claude", try fixture("claude-bash.json", cwd: box.repo, command: command))
            let answer = try HookAnswer(r)
            #expect(answer.decision(for: "claude") == "deny", "\(command)")
            #expect(answer.reason(for: "claude")?.contains("[tamper-ward-scope]") == true, "\(r.stdout)")
        }
        let show = try box.hook("claude", try fixture("claude-bash.json", cwd: box.repo, command: "ward scope show"))
        #expect(show.stdout.isEmpty, "\(show.stdout)")
    }

    // MARK: - ward scope set / show / clear

    @Test func showsTheScopeAsJSON() throws {
        let box = try ScopeSandbox()
        try box.write(
            "ward.json", "{\"scope\": {\"allow\": [\"src/**\", \"docs/*.md\"], \"protect\": [\".github/**\"]}}\n")
        try box.setScope("src/**", "!src/secret/**")
        let r = try box.ward(["scope", "show", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any])
        #expect(object["mode"] as? String == "enforce")
        let allow = try #require(object["allow"] as? [[String: Any]])
        #expect(allow.count == 2)
        #expect(allow.first?["allow"] as? [String] == ["src/**", "docs/*.md"])
        #expect((allow.first?["source"] as? String)?.hasSuffix("ward.json") == true)
        #expect(allow.last?["allow"] as? [String] == ["src/**", "!src/secret/**"])
        #expect((allow.last?["source"] as? String)?.hasSuffix(".git/ward/scope.json") == true)
        #expect(object["protect"] as? [String] == [".github/**"])
        #expect(object["outside"] as? [String] == [])
        // The scope file is stored in the git dir, one glob per line.
        let stored = try String(contentsOfFile: box.repo + "/.git/ward/scope.json", encoding: .utf8)
        #expect(stored == "{\"allow\": [\n  \"src/**\",\n  \"!src/secret/**\"\n]}\n")

        #expect(try box.ward(["scope", "clear"]).status == 0)
        let cleared = try box.ward(["scope", "show", "--json"])
        let after = try JSONSerialization.jsonObject(with: Data(cleared.stdoutBytes)) as? [String: Any]
        #expect((after?["allow"] as? [[String: Any]])?.count == 1)
        let text = try box.ward(["scope", "show"])
        #expect(text.stdout.contains("protect: .github/**"), "\(text.stdout)")
    }

    @Test func rejectsMalformedGlobsInScopeSet() throws {
        let box = try ScopeSandbox()
        for bad in ["src/[a", "../x", "#x", ""] {
            let r = try box.ward(["scope", "set", bad])
            #expect(r.status == 2, "\(bad.debugDescription)")
            #expect(r.stderr.contains("invalid glob"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: box.repo + "/.git/ward/scope.json"))
        #expect(try box.ward(["scope", "set"]).status == 2)
        let outside = try runProcess(
            box.bin + "/ward", ["scope", "set", "src/**"], cwd: box.home, environment: box.environment(), timeout: 60)
        #expect(outside.status == 2, "\(outside.stderr)")
    }
}
