import Foundation
import TestSupport
import Testing

/// End-to-end runs of the built `ward-git check` binary against real repositories.
@Suite struct WardCheckTests {
    func check(
        _ scratch: GitSandbox, _ arguments: [String] = [], in directory: String = "repo",
        environment: [String: String] = [:]
    ) throws -> ProcessResult {
        try scratch.run(try Binaries.wardGit, ["check"] + arguments, in: directory, environment: environment)
    }

    @Test func passesACleanFeatureBranch() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository()
        try scratch.git("switch", "-q", "-c", "feat/1-thing", in: "repo")
        try scratch.write("repo/new.txt", "x\n")
        try scratch.git("add", "new.txt", in: "repo")
        let result = try check(scratch)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✓ policy"))
        #expect(result.stdout.contains("'feat/1-thing' is not a protected branch"))
        #expect(result.stdout.contains("! hooks"))
        #expect(!result.stdout.contains("\u{1B}["))  // no colour into a pipe
    }

    @Test func failsStagedChangesOnMain() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository()
        try scratch.write("repo/file.txt", "changed\n")
        try scratch.git("add", "file.txt", in: "repo")
        let result = try check(scratch)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "✗ protected-branch  [protected-branch-commit] 1 staged change on protected branch 'main'"))
        #expect(result.stdout.contains("git switch -c"))
    }

    @Test func failsStagedChangesOnAGlobProtectedBranch() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository()
        try scratch.git("switch", "-q", "-c", "release/1.0", in: "repo")
        try scratch.write("repo/file.txt", "changed\n")
        try scratch.git("add", "file.txt", in: "repo")
        let result = try check(scratch)
        #expect(result.status == 1)
        #expect(result.stdout.contains("'release/1.0' (matches 'release/*')"))
    }

    @Test func exemptsTheFirstCommitOnAnUnbornMain() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository(commits: [])
        try scratch.write("repo/first.txt", "1\n")
        try scratch.git("add", "first.txt", in: "repo")
        let result = try check(scratch)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("first commit on unborn branch 'main' is exempt"))
    }

    @Test func failsThePolicyCheckForAnInvalidWardJSON() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository()
        try scratch.git("switch", "-q", "-c", "feat/2-x", in: "repo")
        try scratch.write("repo/ward.json", "{\n  \"protectedBranches\": [\"main\"],\n  \"mdoe\": \"warn\"\n}\n")
        let result = try check(scratch)
        #expect(result.status == 1)
        #expect(result.stdout.contains("✗ policy"))
        #expect(result.stdout.contains("ward.json:3: mdoe: unknown key 'mdoe' (did you mean 'mode'?)"))
    }

    @Test func namesTheWardJSONLayer() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository()
        try scratch.git("switch", "-q", "-c", "feat/3-x", in: "repo")
        try scratch.write("repo/ward.json", "{ protectedBranches: ['develop'], }\n")
        let result = try check(scratch)
        #expect(result.status == 0)
        #expect(result.stdout.contains("✓ policy            ward.json (2 layers)"))
    }

    @Test func printsJSONThatParses() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository()
        try scratch.write("repo/file.txt", "changed \"quoted\"\n")
        try scratch.git("add", "file.txt", in: "repo")
        let result = try check(scratch, ["--json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let checks = try #require(object["findings"] as? [[String: Any]])
        #expect(
            checks.compactMap { $0["check"] as? String } == [
                "policy", "repository", "index", "protected-branch", "branch-name", "scope", "hooks",
            ])
        let protected = try #require(checks.first { $0["check"] as? String == "protected-branch" })
        #expect(protected["decision"] as? String == "deny")
        #expect(protected["rule"] as? String == "protected-branch-commit")
        #expect(checks.allSatisfy { ["allow", "deny", "warn"].contains($0["decision"] as? String ?? "") })
    }

    @Test func resolvesARelativeIndexFileAgainstTheCwd() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository()
        try FileManager.default.copyItem(
            atPath: scratch.path + "/repo/.git/index", toPath: scratch.path + "/repo/.git/alt")
        try scratch.write("repo/other.txt", "x\n")
        try scratch.git("add", "other.txt", in: "repo", environment: ["GIT_INDEX_FILE": ".git/alt"])
        try scratch.git("reset", "-q", in: "repo")
        #expect(try check(scratch).status == 0)
        let result = try check(scratch, environment: ["GIT_INDEX_FILE": ".git/alt"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("$GIT_INDEX_FILE"))
    }

    @Test func checksALinkedWorktreeFromItsHookEnvironment() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository(worktrees: [.init("wt", branch: "feat/4-wt")])
        let result = try check(scratch, in: "wt", environment: ["GIT_DIR": scratch.path + "/repo/.git/worktrees/wt"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("(linked worktree)"))
    }

    @Test func reportsARepositoryLibgit2CannotOpenInOneLine() throws {
        let scratch = try GitSandbox()
        try scratch.makeRepository()
        try scratch.git("config", "core.repositoryformatversion", "1", in: "repo")
        try scratch.git("config", "extensions.worktreeConfig", "true", in: "repo")
        let result = try check(scratch)
        #expect(result.status == 1)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("✗ repository") })
        #expect(line.contains("libgit2 1.5 cannot open this repository: it uses extensions.worktreeConfig"))
        #expect(result.stderr.isEmpty)
    }

    @Test func warnsOutsideARepository() throws {
        let scratch = try GitSandbox()
        let result = try check(
            scratch, ["--cwd", scratch.path], in: "", environment: ["GIT_CEILING_DIRECTORIES": scratch.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("! repository"))
    }

    @Test func rejectsUsageErrors() throws {
        let scratch = try GitSandbox()
        let binary = try Binaries.wardGit
        let unknown = try scratch.run(binary, ["frobnicate"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "ward: unknown command 'frobnicate'; see 'ward --help'\n")
        #expect(try scratch.run(binary, ["check", "--bogus"]).status == 2)
        #expect(try scratch.run(binary, ["check", "--cwd", scratch.path + "/missing"]).status == 2)
        #expect(try scratch.run(binary, ["hook", "pre-commit"]).status == 2)
    }

    @Test func printsVersionAndHelp() throws {
        let scratch = try GitSandbox()
        let binary = try Binaries.wardGit
        let version = try scratch.run(binary, ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "ward 0.1.0\n")
        for command in [
            ["--help"], ["check", "--help"], ["hook", "pre-push", "--help"], ["install", "-h"], ["help", "check"],
        ] {
            let result = try scratch.run(binary, command)
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("Usage: ward"), "\(command)")
        }
    }
}
