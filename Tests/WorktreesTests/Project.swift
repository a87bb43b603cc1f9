import Foundation
import TestSupport

@testable import Worktrees

/// A real repository in a sandbox, as agents' projects look: a `node_modules` and a `.venv` in
/// the main checkout (ignored), an `.env`, and a folder outside the repository with files of
/// its own, so a test can prove none of them loses a byte.
struct Project {
    let box: GitSandbox
    let root: String
    /// A folder beside the repository, outside it.
    let outside: String

    init() throws {
        box = try GitSandbox(prefix: "ward-worktrees")
        root = try box.makeRepository("repo", commits: ["feat: initial"])
        try box.write("repo/.gitignore", "node_modules/\n.venv/\n.env\n.env.*\n")
        try box.git("add", ".gitignore", in: "repo")
        try box.git("commit", "-q", "-m", "chore: ignore dependencies", in: "repo")
        try box.write("repo/node_modules/left-pad/index.js", "module.exports = 1\n")
        try box.write("repo/node_modules/left-pad/package.json", "{\"name\": \"left-pad\"}\n")
        try box.write("repo/.venv/bin/python", "#!/bin/sh\n")
        try box.write("repo/.venv/lib/site.py", "print(1)\n")
        try box.write("repo/.env", "SECRET=main\n")
        try box.write("repo/.env.local", "LOCAL=1\n")
        outside = box.absolute("outside")
        try box.write("outside/keep.txt", "outside the repository\n")
        try box.write("outside/deep/more.bin", "bytes\n")
    }

    var environment: [String: String] { box.environment() }

    func repository(in directory: String? = nil) throws -> WorktreeRepository {
        try WorktreeRepository(directory: directory ?? root, environment: environment)
    }

    /// The default worktrees root: `<sandbox>/repo.worktrees`.
    var worktreesRoot: String { box.absolute("repo.worktrees") }

    func git(_ args: String..., in directory: String? = nil) throws -> String {
        let result = try box.run("git", args, in: directory ?? root)
        guard result.status == 0 else {
            throw TestSupportError("git \(args.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every file, folder and link under `folder` (without descending into links), with its
    /// bytes or link target: the before-and-after picture of what must not change.
    static func snapshot(_ folder: String, skipping: [String] = []) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        var stack = [folder]
        while let dir = stack.popLast() {
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in names {
                let path = dir + "/" + name
                if skipping.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { continue }
                guard let attributes = try? fm.attributesOfItem(atPath: path) else {
                    out[path] = "unreadable"
                    continue
                }
                let type = attributes[.type] as? FileAttributeType
                if type == .typeSymbolicLink {
                    out[path] = "link:" + ((try? fm.destinationOfSymbolicLink(atPath: path)) ?? "?")
                } else if type == .typeDirectory {
                    out[path] = "dir"
                    stack.append(path)
                } else {
                    let bytes = fm.contents(atPath: path) ?? Data()
                    out[path] = "file:\(bytes.count):" + bytes.base64EncodedString()
                }
            }
        }
        return out
    }
}
