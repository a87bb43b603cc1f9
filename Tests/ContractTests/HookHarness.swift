import Foundation
import TestSupport
import Testing

/// A real repository with ward's commit-msg and pre-push hooks installed by the test: small
/// scripts in .git/hooks that exec the built `ward` (`Binaries.ward`), in a `GitSandbox`.
final class HookRepository: Sendable {
    let sandbox: GitSandbox
    let root: String
    var directory: TemporaryDirectory { sandbox.directory }

    static func make(branch: String = "main", remote: Bool = false) throws -> HookRepository {
        try HookRepository(ward: try Binaries.ward, branch: branch, remote: remote)
    }

    private init(ward: String, branch: String, remote: Bool) throws {
        sandbox = try GitSandbox(prefix: "ward-contracts")
        root = try sandbox.makeRepository(branch: branch, commits: ["commit 1"])
        if remote {
            let bare = try sandbox.makeBareRepository()
            try sandbox.git("remote", "add", "origin", bare, in: "repo")
            try sandbox.git("push", "-q", "origin", branch, in: "repo")
        }
        let hooks = root + "/.git/hooks"
        guard writeFile(hooks + "/commit-msg", "#!/bin/sh\nexec \"\(ward)\" hook commit-msg \"$1\"\n"),
            writeFile(hooks + "/pre-push", "#!/bin/sh\nexec \"\(ward)\" hook pre-push \"$@\"\n")
        else { throw TestSupportError("cannot write the hooks in \(hooks)") }
        for name in ["commit-msg", "pre-push"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks + "/" + name)
        }
    }

    /// Runs git in the repository and returns the whole result, failing or not.
    @discardableResult
    func run(_ args: String..., environment: [String: String] = [:], stdin: String = "") throws -> ProcessResult {
        try sandbox.run("git", args, in: root, environment: environment, stdin: Array(stdin.utf8))
    }

    /// Runs git and throws when it fails.
    @discardableResult
    func git(_ args: String...) throws -> String {
        let result = try sandbox.run("git", args, in: root)
        guard result.status == 0 else {
            throw TestSupportError("git \(args.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs the built ward with `args` in the repository.
    func ward(_ args: [String], stdin: String = "") throws -> ProcessResult {
        try sandbox.run(try Binaries.ward, args, in: root, stdin: Array(stdin.utf8))
    }

    /// Commits a new file with `message`, skipping the commit-msg hook (to build bad history).
    func commitUnchecked(_ message: String, file: String? = nil) throws {
        let name = file ?? "f\(UUID().uuidString.prefix(8)).txt"
        guard writeFile(root + "/" + name, name + "\n") else { throw TestSupportError("cannot write \(name)") }
        try git("add", name)
        try git("commit", "-q", "--no-verify", "-m", message)
    }

    /// Commits a new file with `message` through the hook; returns git's result.
    func commit(_ message: String, environment: [String: String] = [:]) throws -> ProcessResult {
        let name = "f\(UUID().uuidString.prefix(8)).txt"
        guard writeFile(root + "/" + name, name + "\n") else { throw TestSupportError("cannot write \(name)") }
        try git("add", name)
        return try run("commit", "-q", "-m", message, environment: environment)
    }

    /// Writes an executable script (an editor for GIT_EDITOR) and returns its path.
    func script(_ name: String, _ body: String) throws -> String {
        let path = directory.appending(name)
        guard writeFile(path, "#!/bin/sh\n" + body + "\n") else { throw TestSupportError("cannot write \(path)") }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }
}
