import Foundation
import GitFacts
import GitHooks
import TestSupport
import Workspace

/// A real repository made with the git CLI, and both fact providers over it.
///
/// main: m1 ← m2 ← m3 (adds docs/guide.md and the symlink `link`) ← m4 (renames the guide to
/// docs/manual.md) ← m5 (merges feat/1-x) ← m6. feat/1-x: f1 ← f2 from m2. The annotated tag
/// v1.0 tags m2, the lightweight tag `light` m3. The bare remote `origin` got main at m5 and
/// feat/1-x, so `origin/main` lags one commit behind.
struct History {
    let sandbox: GitSandbox
    let root: String
    /// Commit ids by name (m1…m6, f1, f2) and the annotated tag's own id as "tag".
    var ids: [String: String] = [:]

    init() throws {
        sandbox = try GitSandbox()
        root = try sandbox.makeRepository("repo", commits: ["feat: one", "feat: two"])
        ids["m2"] = try git("rev-parse", "HEAD")
        ids["m1"] = try git("rev-parse", "HEAD~1")
        try sandbox.write("repo/docs/guide.md", "# Guide\n\nHow to use the parser, at length.\n")
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "docs/guide.md")
        try git("add", "docs/guide.md", "link")
        ids["m3"] = try commit("docs: add the guide")
        try git("mv", "docs/guide.md", "docs/manual.md")
        ids["m4"] = try commit("docs: call the guide a manual")
        try git("switch", "-q", "-c", "feat/1-x", ids["m2"] ?? "")
        try sandbox.write("repo/a.txt", "a\n")
        try git("add", "a.txt")
        ids["f1"] = try commit("feat: add a, refs #1")
        try sandbox.write("repo/b.txt", "b\n")
        try git("add", "b.txt")
        ids["f2"] = try commit("feat: add b, refs #1")
        try git("switch", "-q", "main")
        try git("merge", "-q", "--no-ff", "-m", "Merge branch 'feat/1-x'", "feat/1-x")
        ids["m5"] = try git("rev-parse", "HEAD")
        try git("tag", "-a", "v1.0", "-m", "release 1.0", ids["m2"] ?? "")
        ids["tag"] = try git("rev-parse", "v1.0")
        try git("tag", "light", ids["m3"] ?? "")
        let remote = try sandbox.makeBareRepository("remote.git")
        try git("remote", "add", "origin", remote)
        try git("push", "-q", "origin", "main", "feat/1-x")
        try sandbox.write("repo/file.txt", "content 6\n")
        try git("add", "file.txt")
        ids["m6"] = try commit("feat: six")
    }

    /// `git ARGS` in the repository; its trimmed stdout.
    @discardableResult
    func git(_ args: String...) throws -> String {
        try git(args)
    }

    @discardableResult
    func git(_ args: [String]) throws -> String {
        let result = try sandbox.run("git", args, in: "repo")
        guard result.status == 0 else {
            throw TestSupportError("git \(args.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `git ARGS` succeeds (`merge-base --is-ancestor` answers with its status).
    func succeeds(_ args: String...) throws -> Bool {
        try sandbox.run("git", args, in: "repo").status == 0
    }

    func commit(_ message: String) throws -> String {
        try git("commit", "-q", "-m", message)
        return try git("rev-parse", "HEAD")
    }

    func id(_ name: String) -> String { ids[name] ?? "missing-\(name)" }

    var location: RepositoryLocation? { RepositoryLocator.locate(from: root, environment: sandbox.environment()) }

    func libgit() throws -> LibgitFacts {
        guard let location else { throw TestSupportError("no repository at \(root)") }
        return try LibgitFacts(location: location, indexPath: nil)
    }

    func cli() -> GitCLIFacts {
        GitCLIFacts(directory: root, environment: sandbox.environment(), location: location)
    }
}
