import Foundation
import TestSupport
import Testing

@testable import Worktrees

@Suite struct AddTests {
    @Test func addsAWorktreeWithItsBranchLinksCopiesScopeAndManifest() throws {
        let project = try Project()
        let repository = try project.repository()
        let result = try repository.add(
            AddRequest(
                name: "agent-1", branch: "feat/1-login", issue: 1, scope: ["src/**"], link: ["node_modules", ".venv"],
                copy: [".env*"]))
        let path = project.worktreesRoot + "/agent-1"
        #expect(result.manifest.path == path)
        #expect(try project.git("rev-parse", "--abbrev-ref", "HEAD", in: path) == "feat/1-login")
        #expect(try project.git("rev-parse", "HEAD", in: path) == project.git("rev-parse", "main"))
        // Links are links to the main checkout's folders, and git does not see them.
        let fm = FileManager.default
        #expect(try fm.destinationOfSymbolicLink(atPath: path + "/node_modules") == project.root + "/node_modules")
        #expect(try fm.destinationOfSymbolicLink(atPath: path + "/.venv") == project.root + "/.venv")
        let exclude = try String(contentsOfFile: project.root + "/.git/info/exclude", encoding: .utf8)
        #expect(exclude.contains("\n/node_modules\n") && exclude.contains("\n/.venv\n"))
        #expect(try project.git("status", "--porcelain", "--untracked-files=all", in: path) == "")
        // Env files: copied with mode 0600.
        #expect(Set(result.manifest.copies) == [".env", ".env.local"])
        let mode = try fm.attributesOfItem(atPath: path + "/.env")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: path + "/.env", encoding: .utf8) == "SECRET=main\n")
        // Scope and manifest in the admin dir.
        let admin = project.root + "/.git/worktrees/agent-1"
        let scope = try String(contentsOfFile: admin + "/ward/scope.json", encoding: .utf8)
        #expect(scope.contains("\"src/**\""))
        let manifest = try #require(WorktreeManifest.read(adminDir: admin))
        #expect(manifest.branch == "feat/1-login" && manifest.issue == 1 && manifest.links.count == 2)
        #expect(try repository.entry(named: "agent-1").manifest == manifest)
    }

    @Test func teamScopeComesFromTheSessionPlugin() throws {
        let project = try Project()
        try project.box.write(
            "repo/.claude/session-plugin.json",
            """
            {"worktreesPath": "../trees", "defaultBranch": "main",
             "layout": {"envFiles": [".env"], "nodeModules": true},
             "teams": {"api": {"ownsPaths": ["services/api/**"]}}}
            """)
        let repository = try project.repository()
        #expect(repository.settings.root == project.box.absolute("trees"))
        #expect(repository.settings.link == ["node_modules"])
        let result = try repository.add(AddRequest(name: "api-1", branch: "feat/2-api", team: "api"))
        #expect(result.manifest.path == project.box.absolute("trees/api-1"))
        #expect(result.manifest.scope == ["services/api/**"])
        #expect(result.manifest.copies == [".env"])
        #expect(result.manifest.links.map(\.path) == ["node_modules"])
        #expect(throws: WorktreeError.self) {
            try repository.add(AddRequest(name: "x", branch: "feat/3-x", team: "nobody"))
        }
    }

    @Test func wardJSONWorktreesKeyOverridesTheDefaults() throws {
        let project = try Project()
        try project.box.write(
            "repo/ward.json",
            "{\"worktrees\": {\"root\": \"../wt\", \"link\": [\".venv\"], \"copy\": [], \"lock\": true}}")
        let repository = try project.repository()
        let result = try repository.add(AddRequest(name: "one", branch: "feat/4-one"))
        #expect(result.manifest.path == project.box.absolute("wt/one"))
        #expect(result.manifest.links.map(\.path) == [".venv"])
        #expect(try repository.entry(named: "one").locked != nil)
    }

    @Test func aRootInsideTheMainCheckoutIsExcludedFromGit() throws {
        let project = try Project()
        try project.box.write("repo/.claude/session-plugin.json", "{\"worktreesPath\": \".worktrees\"}")
        _ = try project.git("add", ".claude/session-plugin.json")
        _ = try project.git("commit", "-q", "-m", "chore: plugin")
        let repository = try project.repository()
        let result = try repository.add(AddRequest(name: "in", branch: "feat/1-in"))
        #expect(result.manifest.path == project.root + "/.worktrees/in")
        #expect(try project.git("status", "--porcelain") == "")
        _ = try repository.remove("in")
        #expect(!FileManager.default.fileExists(atPath: project.root + "/.worktrees/in"))
    }

    @Test func copiesNeverOverwrite() throws {
        let project = try Project()
        let repository = try project.repository()
        // A tracked .env.local in the repository: the worktree has it from the checkout.
        try project.box.write("repo/.env.local", "TRACKED=1\n")
        _ = try project.git("add", "-f", ".env.local")
        _ = try project.git("commit", "-q", "-m", "chore: track env")
        let result = try repository.add(AddRequest(name: "w", branch: "feat/5-w", copy: [".env*"]))
        #expect(result.manifest.copies == [".env"])
        #expect(result.notes.contains { $0.contains(".env.local") && $0.contains("never overwritten") })
    }

    @Test func aFailedAddLeavesNothingBehind() throws {
        let project = try Project()
        // A tracked file where the link would go: git creates the worktree, then the link is refused.
        try project.box.write("repo/vendor/README", "tracked\n")
        try project.box.write("repo/vendor-src/lib.txt", "x\n")
        _ = try project.git("add", "vendor/README")
        _ = try project.git("commit", "-q", "-m", "chore: vendor")
        try project.box.write("repo/vendor/extra", "x\n")
        let before = Project.snapshot(project.box.path, skipping: [project.box.home])
        let branchesBefore = try project.git("branch", "--list")
        let repository = try project.repository()
        #expect(throws: WorktreeError.self) {
            try repository.add(AddRequest(name: "broken", branch: "feat/6-broken", link: ["node_modules", "vendor"]))
        }
        #expect(try project.git("worktree", "list", "--porcelain").components(separatedBy: "worktree ").count == 2)
        #expect(try project.git("branch", "--list") == branchesBefore)
        #expect(!FileManager.default.fileExists(atPath: project.worktreesRoot))
        #expect(!FileManager.default.fileExists(atPath: project.root + "/.git/worktrees/broken"))
        // The main checkout's node_modules, linked before the failure, is whole.
        let after = Project.snapshot(project.box.path, skipping: [project.box.home])
        let changed = Set(after.keys).symmetricDifference(before.keys).filter {
            !$0.contains("/.git/") && !$0.hasSuffix("/.git/worktrees") && !$0.hasSuffix("/.git/ward")
        }
        #expect(changed.isEmpty, "\(changed)")
        for (path, value) in before where !path.contains("/.git/") { #expect(after[path] == value, "\(path)") }
    }

    @Test func refusesAnExistingFolderBranchOrName() throws {
        let project = try Project()
        let repository = try project.repository()
        _ = try repository.add(AddRequest(name: "a", branch: "feat/7-a"))
        #expect(throws: WorktreeError.self) { try repository.add(AddRequest(name: "a", branch: "feat/8-b")) }
        #expect(throws: WorktreeError.self) { try repository.add(AddRequest(name: "b", branch: "feat/7-a")) }
        #expect(throws: WorktreeError.self) { try repository.add(AddRequest(name: "../x", branch: "feat/9-x")) }
        #expect(throws: WorktreeError.self) {
            try repository.add(AddRequest(name: "c", branch: "feat/9-c", base: "nope"))
        }
    }

    /// Six adds at once, three of them for the same name: one of those wins, the two others
    /// fail for their own reason and leave no branch, folder or admin entry behind.
    @Test func concurrentAddsThatLoseLeaveNoBranchBehind() throws {
        let project = try Project()
        let ward = try Binaries.ward
        var processes: [Process] = []
        for n in 1...6 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ward)
            let name = n <= 3 ? "same" : "other-\(n)"
            process.arguments = ["worktree", "add", name, "--branch", "feat/\(n)-try-\(n)"]
            process.currentDirectoryURL = URL(fileURLWithPath: project.root)
            process.environment = project.environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            processes.append(process)
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        let statuses = processes.map(\.terminationStatus)
        #expect(statuses.prefix(3).filter { $0 == 0 }.count == 1 && statuses.suffix(3).allSatisfy { $0 == 0 })
        let branches = try project.git("for-each-ref", "--format=%(refname:short)", "refs/heads/")
            .split(separator: "\n").filter { $0.hasPrefix("feat/") }
        #expect(branches.count == 4, "\(branches)")
        let names = try FileManager.default.contentsOfDirectory(atPath: project.root + "/.git/worktrees").sorted()
        #expect(names == ["other-4", "other-5", "other-6", "same"])
        #expect(try project.box.run("git", ["fsck", "--strict"], in: project.root).status == 0)
    }

    /// Sixteen `ward worktree add` processes at once: each waits for the repository's lock, all
    /// succeed, git lists all of them and `git fsck` finds nothing wrong.
    @Test func sixteenConcurrentAddsAllSucceed() throws {
        let project = try Project()
        let ward = try Binaries.ward
        let scratch = try TemporaryDirectory(prefix: "ward-concurrent")
        var processes: [Process] = []
        for n in 1...16 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ward)
            process.arguments = [
                "worktree", "add", "agent-\(n)", "--branch", "feat/\(n)-agent-\(n)", "--link", "node_modules",
                "--copy", ".env",
            ]
            process.currentDirectoryURL = URL(fileURLWithPath: project.root)
            process.environment = project.environment
            FileManager.default.createFile(atPath: scratch.appending("out\(n)"), contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: scratch.appending("out\(n)"))
            process.standardError = FileHandle(forWritingAtPath: scratch.appending("out\(n)"))
            processes.append(process)
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        for (i, process) in processes.enumerated() {
            let output = (try? String(contentsOfFile: scratch.appending("out\(i + 1)"), encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "agent-\(i + 1): \(output)")
        }
        let listed = try project.git("worktree", "list", "--porcelain")
        for n in 1...16 {
            #expect(listed.contains("worktree \(project.worktreesRoot)/agent-\(n)\n"))
            #expect(listed.contains("branch refs/heads/feat/\(n)-agent-\(n)"))
        }
        let fsck = try project.box.run("git", ["fsck", "--strict"], in: project.root)
        #expect(fsck.status == 0, "\(fsck.stderr)")
        #expect(!fsck.stderr.contains("error"))
    }
}
