import Foundation
import TestSupport

struct CIHarnessError: Error, CustomStringConvertible {
    var description: String
}

/// A repository as a CI job sees it: `main` pushed to a bare remote (so `origin/main` exists),
/// a branch with commits on top, and `ward ci` run in it with a recorded event.
final class CIRepo {
    let sandbox: GitSandbox
    let root: String
    let remote: String
    var base = ""
    var head = ""

    /// `wardJSON` is committed on main before anything else.
    init(wardJSON: String? = nil) throws {
        sandbox = try GitSandbox(prefix: "ward-ci")
        root = try sandbox.makeRepository(branch: "main", commits: ["chore: start"])
        if let wardJSON {
            try sandbox.write("repo/ward.json", wardJSON)
            try sandbox.git("add", "ward.json", in: "repo")
            try sandbox.git("commit", "-q", "-m", "chore: add ward", in: "repo")
        }
        remote = try sandbox.makeBareRepository()
        try sandbox.git("remote", "add", "origin", remote, in: "repo")
        try sandbox.git("push", "-q", "origin", "main", in: "repo")
        base = try sandbox.git("rev-parse", "HEAD", in: "repo")
    }

    /// Creates `branch` from main with one commit per entry (message, files written).
    func branch(_ name: String, _ commits: [(String, [String: String])]) throws {
        try sandbox.git("switch", "-q", "-c", name, in: "repo")
        for (message, files) in commits {
            for (path, text) in files {
                try sandbox.write("repo/" + path, text)
                try sandbox.git("add", path, in: "repo")
            }
            try sandbox.git("commit", "-q", "--allow-empty", "-m", message, in: "repo")
        }
        head = try sandbox.git("rev-parse", "HEAD", in: "repo")
    }

    /// A recorded fixture with its placeholders filled in (JSON strings escaped for `.json`).
    func fixture(_ name: String, _ values: [String: String]) throws -> String {
        let path = packageRoot + "/Tests/Fixtures/ci/" + name
        guard var text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CIHarnessError(description: "fixture \(path) not found")
        }
        for (key, value) in values {
            var replacement = value
            if name.hasSuffix(".json") {
                let data = try JSONSerialization.data(withJSONObject: [value])
                replacement = String(String(decoding: data, as: UTF8.self).dropFirst(2).dropLast(2))
            }
            text = text.replacingOccurrences(of: "__\(key)__", with: replacement)
        }
        return text
    }

    struct Run {
        var result: ProcessResult
        var summary: String
        var files: [String: String]
        var stdout: String { result.stdout }
        var status: Int32 { result.status }
    }

    /// `ward ci ARGS` as a GitHub Actions step for `event` (a fixture name without `github-` and `.json`).
    func github(
        _ event: String, fixture: String? = nil, values: [String: String] = [:], args: [String] = [],
        cwd: String? = nil, env extra: [String: String] = [:]
    ) throws -> Run {
        var all = ["BASE": base, "HEAD": head, "BRANCH": currentBranch, "TITLE": "", "BODY": "", "BEFORE": base]
        all.merge(values) { _, new in new }
        let eventFile = sandbox.absolute("event.json")
        try sandbox.write(eventFile, try self.fixture(fixture ?? "github-\(event).json", all))
        let summary = sandbox.absolute("summary.md")
        try sandbox.write(summary, "")
        let env = [
            "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event, "GITHUB_EVENT_PATH": eventFile,
            "GITHUB_STEP_SUMMARY": summary, "GITHUB_SHA": head, "XDG_STATE_HOME": sandbox.absolute("state"),
        ].merging(extra) { _, new in new }
        return try run(env, args: args, cwd: cwd, summary: summary)
    }

    /// `ward ci ARGS` as a GitLab CI job with the variables of `fixture`.
    func gitlab(_ fixture: String, values: [String: String] = [:], args: [String] = [], cwd: String? = nil) throws
        -> Run
    {
        var all = ["BASE": base, "HEAD": head, "BRANCH": currentBranch, "TITLE": "", "BODY": "", "BEFORE": base]
        all.merge(values) { _, new in new }
        var env: [String: String] = ["XDG_STATE_HOME": sandbox.absolute("state")]
        for line in try self.fixture(fixture, all).split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            env[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return try run(env, args: args, cwd: cwd, summary: nil)
    }

    var currentBranch: String {
        (try? sandbox.git("rev-parse", "--abbrev-ref", "HEAD", in: "repo")) ?? ""
    }

    private func run(_ env: [String: String], args: [String], cwd: String?, summary: String?) throws -> Run {
        var files: [String: String] = [:]
        var extra: [String] = []
        for option in ["--sarif", "--junit", "--codequality"] {
            let path = sandbox.absolute("out" + option.replacingOccurrences(of: "--", with: "."))
            extra += [option, path]
            files[option] = path
        }
        let result = try runProcess(
            try Binaries.ward, ["ci"] + extra + args, cwd: cwd ?? root, environment: sandbox.environment(env),
            timeout: 120)
        var contents: [String: String] = [:]
        for (option, path) in files { contents[option] = try? String(contentsOfFile: path, encoding: .utf8) }
        let text = summary.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
        return Run(result: result, summary: text, files: contents)
    }
}

/// Parses JSON text into Foundation values.
func json(_ text: String?) throws -> Any {
    guard let text else { throw CIHarnessError(description: "no file written") }
    return try JSONSerialization.jsonObject(with: Data(text.utf8))
}

/// Checks SARIF 2.1.0's required structure (the schema's `required` members and value sets):
/// returns the problems found, none for a valid log.
func sarifProblems(_ text: String?) throws -> [String] {
    guard let log = try json(text) as? [String: Any] else { return ["the log is not an object"] }
    var problems: [String] = []
    if log["version"] as? String != "2.1.0" { problems.append("version is not 2.1.0") }
    guard let runs = log["runs"] as? [[String: Any]] else { return problems + ["runs is not an array of objects"] }
    for (r, run) in runs.enumerated() {
        guard let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any] else {
            problems.append("runs[\(r)].tool.driver missing")
            continue
        }
        if (driver["name"] as? String)?.isEmpty != false { problems.append("runs[\(r)].tool.driver.name missing") }
        let rules = (driver["rules"] as? [[String: Any]]) ?? []
        let ids = rules.compactMap { $0["id"] as? String }
        if ids.count != rules.count { problems.append("a rule without an id") }
        for (i, result) in ((run["results"] as? [[String: Any]]) ?? []).enumerated() {
            let at = "runs[\(r)].results[\(i)]"
            guard let message = result["message"] as? [String: Any], message["text"] is String else {
                problems.append("\(at).message.text missing")
                continue
            }
            if let level = result["level"] as? String, !["none", "note", "warning", "error"].contains(level) {
                problems.append("\(at).level '\(level)'")
            }
            if let id = result["ruleId"] as? String, let index = result["ruleIndex"] as? Int {
                if index >= ids.count || ids[index] != id { problems.append("\(at).ruleIndex does not name \(id)") }
            }
            for location in (result["locations"] as? [[String: Any]]) ?? [] {
                let physical = location["physicalLocation"] as? [String: Any]
                let artifact = physical?["artifactLocation"] as? [String: Any]
                if artifact?["uri"] as? String == nil { problems.append("\(at) location without a uri") }
                if let region = physical?["region"] as? [String: Any], let line = region["startLine"] as? Int, line < 1
                {
                    problems.append("\(at) startLine \(line)")
                }
            }
        }
    }
    return problems
}
