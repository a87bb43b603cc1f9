import Foundation
import Gates
import Policy
import TestSupport
import Workspace

/// A real repository for one runner test: committed files, then whatever the test stages,
/// changes or leaves untracked; `outside` is a folder next to it for the files gates write.
struct GateTestRepository {
    let sandbox: GitSandbox
    let root: String
    let outside: String

    init(committed: [String: String] = ["a.txt": "one\n"]) throws {
        sandbox = try GitSandbox(prefix: "ward-gates")
        root = try sandbox.makeRepository("repo", commits: [])
        outside = sandbox.absolute("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        for (path, text) in committed { try sandbox.write("repo/" + path, text) }
        try git("add", "-A")
        try git("commit", "-q", "-m", "initial")
    }

    var commonDir: String { root + "/.git" }
    var environment: [String: String] { sandbox.environment() }

    @discardableResult
    func git(_ args: String...) throws -> String {
        let result = try sandbox.run("git", args, in: "repo")
        guard result.status == 0 else { throw TestSupportError("git \(args): \(result.stderr)") }
        return result.stdout
    }

    func write(_ path: String, _ text: String) throws { try sandbox.write("repo/" + path, text) }

    func read(outside name: String) -> String? {
        try? String(contentsOfFile: outside + "/" + name, encoding: .utf8)
    }

    func staged() throws -> [GateInput] {
        GateInput.staged(try GitCommand.stagedChanges(in: root, environment: environment))
    }

    func runner(
        stage: String = "pre-commit", jobs: Int = 2, failFast: Bool = false, noCache: Bool = true,
        extraEnvironment: [String: String] = [:], argumentLimit: Int? = nil, killGrace: Duration = .milliseconds(500),
        interruption: GateInterruption? = nil, builtin: GateBuiltinCheck? = nil
    ) -> GateRunner {
        GateRunner(
            root: root, commonDir: commonDir,
            options: GateRunOptions(
                stage: stage, jobs: jobs, failFast: failFast, noCache: noCache, killGrace: killGrace,
                argumentLimit: argumentLimit, environment: environment.merging(extraEnvironment) { $1 },
                interruption: interruption),
            builtin: builtin)
    }
}

/// A command gate for tests.
func gate(
    _ name: String, _ command: String, files: [String] = [], needs: [String] = [], timeout: Int? = nil,
    env: [String: String] = [:], required: Bool = true
) -> GateSpec {
    GateSpec(
        name: name, run: ["default": command], files: files, needs: needs, timeout: timeout, env: env,
        required: required, source: "test")
}

/// A single-quoted shell word.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Seconds since `start`.
func elapsed(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
