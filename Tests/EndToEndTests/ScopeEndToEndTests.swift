import Foundation
import TestSupport
import Testing

// The scope guard end to end (issue 3): real repositories, real `git commit` runs through a
// pre-commit hook this file installs, `ward scope`, `ward check paths` and agent payloads.
// Shell command strings here are data piped to `ward hook`; nothing runs them.
//
// Most cases are rows of three tables: agent payloads (`hookCases`), commits through the hook
// (`commitCases`) and `ward check paths` runs (`pathCases`). Each row builds its own sandbox.
// Scenarios that depend on earlier steps (partial staging, worktrees, `ward scope` itself) stay
// written out below the tables.

/// One test's world: a folder outside every temp root (so `..` from the repository lands outside
/// both), a home, and a repository on a feature branch with `docs/a.txt` and `src/a.txt`.
final class ScopeSandbox {
    let git: GitSandbox
    let repo: String
    let bin: String
    var dir: TemporaryDirectory { git.directory }
    var home: String { git.home }

    init(branch: String = "feat/3-scope", commits: Int = 1, files: Bool = true) throws {
        let base = nonTemporaryTestBase
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        git = try GitSandbox(prefix: "scope-e2e", base: base)
        try FileManager.default.createDirectory(
            atPath: git.directory.appending("tmp"), withIntermediateDirectories: true)
        repo = try git.makeRepository(branch: branch, commits: commits == 0 ? [] : ["initial"])
        bin = (try Binaries.ward as NSString).deletingLastPathComponent
        if files {
            try write("docs/a.txt", "docs\n")
            try write("src/a.txt", "src\n")
            try gitOK("add", "-A")
            try gitOK("commit", "-q", "-m", "docs and src")
        }
    }

    /// The sandbox's git environment (`GIT_CEILING_DIRECTORIES` at the sandbox: it sits inside
    /// the package's own checkout, and neither ward nor git may climb into it), state and temp folders.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        git.environment(["XDG_STATE_HOME": dir.appending("state"), "TMPDIR": dir.appending("tmp")])
            .merging(extra) { _, new in new }
    }

    /// `{repo}` and `{dir}` in `text` replaced with the repository's and the sandbox's paths.
    func resolve(_ text: String) -> String {
        text.replacingOccurrences(of: "{repo}", with: repo).replacingOccurrences(of: "{dir}", with: dir.path)
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

    @discardableResult
    func gitOK(_ args: String..., cwd: String? = nil) throws -> String {
        try gitOK(args, cwd: cwd)
    }

    @discardableResult
    func gitOK(_ args: [String], cwd: String? = nil) throws -> String {
        let r = try runProcess("git", args, cwd: cwd ?? repo, environment: environment(), timeout: 120)
        guard r.status == 0 else {
            throw HarnessError(description: "git \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)")
        }
        return r.stdout
    }

    /// `git commit -m change EXTRA...` through the installed hook, with `env` added (an agent's marker).
    func commit(_ extra: [String] = [], cwd: String? = nil, env: [String: String] = [:]) throws -> ProcessResult {
        try runProcess(
            "git", ["commit", "-q", "-m", "change"] + extra, cwd: cwd ?? repo, environment: environment(env),
            timeout: 120)
    }

    func ward(_ args: [String], stdin: [UInt8] = [], cwd: String? = nil) throws -> ProcessResult {
        try runProcess(bin + "/ward", args, cwd: cwd ?? repo, environment: environment(), stdin: stdin, timeout: 60)
    }

    func hook(_ agent: String, _ payload: [UInt8]) throws -> ProcessResult {
        try ward(["hook", agent], stdin: payload)
    }

    func setScope(_ globs: String..., cwd: String? = nil) throws {
        try setScope(globs, cwd: cwd)
    }

    func setScope(_ globs: [String], cwd: String? = nil) throws {
        let r = try ward(["scope", "set"] + globs, cwd: cwd)
        guard r.status == 0 else { throw HarnessError(description: "ward scope set exited \(r.status): \(r.stderr)") }
    }

    /// Creates a file whose name is raw bytes (not necessarily UTF-8) in `folder` of the repository.
    func writeRawName(folder: String, name: [UInt8]) throws {
        try git.createFile(named: name, in: repo + "/" + folder)
    }

    /// Runs the steps of a table row in order.
    func run(_ steps: [ScopeStep]) throws {
        for step in steps {
            switch step {
            case .write(let path, let text): try write(path, text)
            case .git(let args): try gitOK(args.map(resolve))
            case .symlink(let path, let destination):
                try FileManager.default.createSymbolicLink(
                    atPath: repo + "/" + path, withDestinationPath: resolve(destination))
            case .folder(let path):
                try FileManager.default.createDirectory(atPath: resolve(path), withIntermediateDirectories: true)
            case .rawName(let folder, let name): try writeRawName(folder: folder, name: name)
            case .indexOnly(let path, let contentOf):
                // An index entry with no file on disk: the blob of `contentOf` under `path`.
                let blob = try gitOK("hash-object", "-w", contentOf).trimmingCharacters(in: .whitespacesAndNewlines)
                try gitOK("update-index", "--add", "--cacheinfo", "100644,\(blob),\(path)")
            case .commitThroughHook:
                let r = try commit()
                guard r.status == 0 else { throw HarnessError(description: "setup commit refused: \(r.stderr)") }
            }
        }
    }
}

/// One step of a table row's setup. Paths are relative to the repository unless they start with
/// `{repo}` or `{dir}` (the sandbox folder, outside the repository).
enum ScopeStep: Sendable {
    case write(String, String)
    case git([String])
    case symlink(String, to: String)
    case folder(String)
    case rawName(folder: String, name: [UInt8])
    case indexOnly(String, contentOf: String)
    case commitThroughHook

    static func add(_ paths: String...) -> ScopeStep { .git(["add"] + paths) }
    static func stage(_ path: String, _ text: String = "x\n") -> [ScopeStep] { [.write(path, text), .add(path)] }
}

/// `bad\xFF.txt`: a file name that is not UTF-8.
let invalidUTF8Name: [UInt8] = [0x62, 0x61, 0x64, 0xFF, 0x2E, 0x74, 0x78, 0x74]

/// `.claude/wave-scope.json` allowing `paths` with `enforcement`.
func waveScope(_ paths: [String], _ enforcement: String) -> ScopeStep {
    let list = paths.map { "\"\($0)\"" }.joined(separator: ", ")
    return .write(".claude/wave-scope.json", "{\"allowedPaths\": [\(list)], \"enforcement\": \"\(enforcement)\"}\n")
}

// MARK: - Agent payloads

/// What an agent sends: a fixture from Tests/Fixtures/hooks with its placeholders, or a Cursor
/// `preToolUse` call of a file tool built here.
enum ScopePayload: Sendable {
    /// `cwd` relative to the repository ("" for its root); `path` and `command` as the agent
    /// sends them, with `{repo}` and `{dir}` replaced.
    case file(String, cwd: String = "", path: String? = nil, command: String? = nil)
    case cursorTool(String, key: String, path: String, workingDirectory: String? = nil)

    func bytes(_ box: ScopeSandbox) throws -> [UInt8] {
        switch self {
        case .file(let name, let cwd, let path, let command):
            return try fixture(
                name, cwd: cwd.isEmpty ? box.repo : box.repo + "/" + cwd, command: command.map(box.resolve),
                path: path.map(box.resolve))
        case .cursorTool(let tool, let key, let path, let workingDirectory):
            var input: [String: Any] = [key: path]
            if let workingDirectory { input["working_directory"] = box.resolve(workingDirectory) }
            let object: [String: Any] = [
                "conversation_id": "conv-9", "generation_id": "gen-9", "hook_event_name": "preToolUse",
                "workspace_roots": [box.repo], "tool_name": tool, "tool_input": input,
            ]
            return [UInt8](try JSONSerialization.data(withJSONObject: object))
        }
    }
}

/// How a hook answers: silently allowed, or blocked with a rule and a reason naming `mentions`.
enum HookOutcome: Sendable {
    case allow
    case deny(String, mentions: [String] = [])
}

struct ScopeHookCase: Sendable, CustomTestStringConvertible {
    var name: String
    var agent: String
    /// Globs for `ward scope set`; none leaves the scope unset.
    var scope: [String] = ["src/**"]
    var setup: [ScopeStep] = []
    var payload: ScopePayload
    var outcome: HookOutcome

    var testDescription: String { "\(agent): \(name)" }
}

/// A Codex `apply_patch` body.
func patch(_ lines: [String]) -> String {
    (["*** Begin Patch"] + lines + ["*** End Patch"]).joined(separator: "\n") + "\n"
}

func codexPatch(_ name: String, _ lines: [String], _ outcome: HookOutcome) -> ScopeHookCase {
    ScopeHookCase(
        name: name, agent: "codex", payload: .file("scope-codex-apply-patch.json", command: patch(lines)),
        outcome: outcome)
}

func claudeFile(
    _ name: String, _ fixtureName: String = "claude-write.json", cwd: String = "", path: String,
    scope: [String] = ["src/**"], setup: [ScopeStep] = [], _ outcome: HookOutcome
) -> ScopeHookCase {
    ScopeHookCase(
        name: name, agent: "claude", scope: scope, setup: setup, payload: .file(fixtureName, cwd: cwd, path: path),
        outcome: outcome)
}

func shellCase(
    _ agent: String, _ command: String, scope: [String] = ["src/**"], setup: [ScopeStep] = [], _ outcome: HookOutcome
) -> ScopeHookCase {
    ScopeHookCase(
        name: command, agent: agent, scope: scope, setup: setup,
        payload: .file(shellFixture(agent), command: command), outcome: outcome)
}

/// `src/ext`, a link to `target` (created) outside the repository.
func linkOut(_ target: String) -> [ScopeStep] { [.folder(target), .symlink("src/ext", to: target)] }

func movingPatch(_ destination: String) -> [String] {
    [
        "*** Add File: src/new.swift", "+let x = 1",
        "*** Update File: src/a.txt", "@@", "-src", "+src2",
        "*** Delete File: src/gone.swift",
        "*** Update File: src/old.swift", "*** Move to: \(destination)", "@@", "-a", "+b",
    ]
}

/// Cursor's `preToolUse` file tools as current builds name them, with each path key seen in
/// their payloads.
let cursorFileTools = [
    ("Write", "file_path"), ("StrReplace", "file_path"), ("StrReplace", "path"), ("Edit", "relative_path"),
    ("Delete", "path"), ("TabWrite", "file_path"),
]

let hookCases: [ScopeHookCase] =
    [
        codexPatch(
            "a patch moving one file out", movingPatch("docs/moved.swift"),
            .deny("scope-outside", mentions: ["docs/moved.swift"])),
        codexPatch("a patch inside the scope", movingPatch("src/moved.swift"), .allow),
        // The source of a move counts too: moving docs/a.txt into src/ removes it from docs/.
        codexPatch(
            "a patch moving a file in",
            ["*** Update File: docs/a.txt", "*** Move to: src/a2.txt", "@@", "-docs", "+docs"],
            .deny("scope-outside", mentions: ["docs/a.txt"])),

        claudeFile("write outside", path: "{repo}/docs/x.md", .deny("scope-outside", mentions: ["docs/x.md"])),
        claudeFile("write inside", path: "{repo}/src/x.swift", .allow),
        claudeFile("relative write from src/", cwd: "src", path: "../docs/x.md", .deny("scope-outside")),
        claudeFile("edit of a protected name", "claude-edit.json", path: "{repo}/WARD.json", .deny("scope-protected")),
        claudeFile(
            "write through a link out of the repository", path: "{repo}/src/ext/x.txt",
            setup: linkOut("{dir}/elsewhere"), .deny("scope-escape-symlink")),
        // Without any allow list the link still may not carry writes out of the repository.
        claudeFile(
            "write through a link out of the repository, no scope", path: "{repo}/src/ext/x.txt", scope: [],
            setup: linkOut("{dir}/elsewhere"), .deny("scope-escape-symlink")),
        // The link is resolved before `..`: src/ext/.. is {dir}/elsewhere, outside the repository.
        claudeFile(
            "write to link/.. resolves the link first", path: "{repo}/src/ext/../x.txt",
            setup: linkOut("{dir}/elsewhere/deep"), .deny("scope-escape-symlink")),
        shellCase(
            "claude", "echo x > src/ext/../x.txt", setup: linkOut("{dir}/elsewhere/deep"), .deny("scope-escape-symlink")
        ),
        claudeFile(
            "notebook edit outside", "claude-notebook-edit.json", path: "{repo}/docs/a.ipynb", .deny("scope-outside")),
        claudeFile("notebook edit inside", "claude-notebook-edit.json", path: "{repo}/src/a.ipynb", .allow),
        claudeFile(
            "write with an empty wave scope", path: "{repo}/src/c.txt", scope: [], setup: [waveScope([], "strict")],
            .deny("scope-outside")),

        ScopeHookCase(
            name: "write outside", agent: "cursor",
            payload: .file("cursor-pre-tool-use-write.json", path: "docs/b.md"), outcome: .deny("scope-outside")),
        ScopeHookCase(
            name: "write inside", agent: "cursor",
            payload: .file("cursor-pre-tool-use-write.json", path: "src/b.swift"), outcome: .allow),
        // Resolved against the tool's working directory: docs/src/b.swift, outside the scope.
        ScopeHookCase(
            name: "a relative path in the tool's working directory", agent: "cursor",
            payload: .cursorTool("StrReplace", key: "path", path: "src/b.swift", workingDirectory: "{repo}/docs"),
            outcome: .deny("scope-outside", mentions: ["docs/src/b.swift"])),

        ScopeHookCase(
            name: "write outside the repository", agent: "gemini", scope: [],
            payload: .file("gemini-write-file.json", path: "{dir}/elsewhere/x.json"),
            outcome: .deny("scope-outside-repo")),
        ScopeHookCase(
            name: "write to /tmp", agent: "gemini", scope: [],
            payload: .file("gemini-write-file.json", path: "/tmp/ward-scope-e2e.json"), outcome: .allow),
        ScopeHookCase(
            name: "write inside the repository", agent: "gemini", scope: [],
            payload: .file("gemini-write-file.json", path: "docs/new.json"), outcome: .allow),

        // Shell writes from an agent.
        shellCase("claude", "cp src/a.txt ../x", .deny("scope-outside-repo")),
        shellCase("claude", "echo x > other/file", .deny("scope-outside")),
        shellCase("claude", "sed -i s/a/b/ other/f", .deny("scope-outside")),
        shellCase("claude", "mkdir -p other && touch other/g", .deny("scope-outside")),
        shellCase("claude", "echo x > src/new.txt", .allow),
        shellCase("codex", "echo x > other/file", .deny("scope-outside")),
        shellCase("gemini", "echo x > other/file", .deny("scope-outside")),
        shellCase("cursor", "echo x > other/file", .deny("scope-outside")),

        // An agent may not change ward's scope; it may read it.
        shellCase("claude", "ward scope set '**'", scope: [], .deny("tamper-ward-scope")),
        shellCase("claude", "ward scope clear", scope: [], .deny("tamper-ward-scope")),
        shellCase("claude", "cd src && ward scope set '**'", scope: [], .deny("tamper-ward-scope")),
        shellCase("claude", "ward scope show", scope: [], .allow),
    ]
    + cursorFileTools.flatMap { tool, key in
        [
            ScopeHookCase(
                name: "\(tool) \(key) outside", agent: "cursor",
                payload: .cursorTool(tool, key: key, path: "docs/b.md"),
                outcome: .deny("scope-outside")),
            ScopeHookCase(
                name: "\(tool) \(key) inside", agent: "cursor",
                payload: .cursorTool(tool, key: key, path: "src/b.swift"),
                outcome: .allow),
        ]
    }

// MARK: - Commits through the pre-commit hook

/// How `git commit` through the hook ends: it lands (with exactly these lines on stderr, none
/// when empty; with `files` paths in the commit when given), or it is refused, naming
/// `mentions` and not `absent` on stderr, and HEAD does not move.
enum CommitOutcome: Sendable {
    case lands(stderr: [String] = [], files: Int? = nil)
    case refused(mentions: [String], absent: [String] = [])
}

struct ScopeCommitCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// The repository: a feature branch with docs/ and src/, or `main` with no commit yet.
    var unbornMain = false
    var scope: [String] = ["src/**"]
    /// Steps run before the hook is installed (committing protected files).
    var before: [ScopeStep] = []
    var steps: [ScopeStep]
    /// Added to the commit's environment: an agent session's marker (`CLAUDECODE=1`).
    var env: [String: String] = [:]
    var outcome: CommitOutcome

    var testDescription: String { name }
}

func denied(_ path: String, _ rule: String = "scope-outside") -> String { "\(path): ward deny [\(rule)]" }

let commitCases: [ScopeCommitCase] = [
    ScopeCommitCase(name: "a new file inside the scope", steps: ScopeStep.stage("src/b.txt"), outcome: .lands()),
    ScopeCommitCase(
        name: "a new file outside the scope", steps: ScopeStep.stage("docs/b.txt"),
        outcome: .refused(mentions: [denied("docs/b.txt"), "src/**", "ward: commit blocked"])),
    ScopeCommitCase(
        name: "a rename into the scope", steps: [.git(["mv", "docs/a.txt", "src/from-docs.txt"])],
        outcome: .refused(mentions: [denied("docs/a.txt")], absent: ["src/from-docs.txt:"])),
    ScopeCommitCase(
        name: "a rename out of the scope", steps: [.git(["mv", "src/a.txt", "docs/from-src.txt"])],
        outcome: .refused(mentions: [denied("docs/from-src.txt")])),
    ScopeCommitCase(
        name: "a deletion outside the scope", steps: [.git(["rm", "-q", "docs/a.txt"])],
        outcome: .refused(mentions: [denied("docs/a.txt")])),
    ScopeCommitCase(name: "a deletion inside the scope", steps: [.git(["rm", "-q", "src/a.txt"])], outcome: .lands()),
    // On Linux Ward.json is another file than ward.json, but on macOS and Windows it is the same.
    // ward's own files are an agent matter: refused when the commit comes from an agent session.
    ScopeCommitCase(
        name: "Ward.json in another case, from Claude Code", scope: [], steps: ScopeStep.stage("Ward.json", "{}\n"),
        env: ["CLAUDECODE": "1"],
        outcome: .refused(mentions: [denied("Ward.json", "scope-protected"), "CLAUDECODE is set"])),
    ScopeCommitCase(
        name: ".Claude/Settings.json in another case, from Gemini CLI", scope: [],
        steps: ScopeStep.stage(".Claude/Settings.json", "{}\n"), env: ["GEMINI_CLI": "1"],
        outcome: .refused(mentions: [denied(".Claude/Settings.json", "scope-protected")])),
    ScopeCommitCase(
        name: "ward.json from a Codex session", scope: [], steps: ScopeStep.stage("ward.json", "{}\n"),
        env: ["CODEX_CI": "1"], outcome: .refused(mentions: [denied("ward.json", "scope-protected")])),
    ScopeCommitCase(
        name: ".cursor/hooks.json from a Cursor session", scope: [],
        steps: ScopeStep.stage(".cursor/hooks.json", "{}\n"), env: ["CURSOR_AGENT": "1"],
        outcome: .refused(mentions: [denied(".cursor/hooks.json", "scope-protected")])),
    ScopeCommitCase(
        name: "ward.json marked by WARD_AGENT", scope: [], steps: ScopeStep.stage("ward.json", "{}\n"),
        env: ["WARD_AGENT": "aider"], outcome: .refused(mentions: [denied("ward.json", "scope-protected"), "aider"])),
    // A person adds and changes the policy, even with an allow list that does not name it.
    ScopeCommitCase(
        name: "ward.json and .claude/settings.json by a person",
        steps: ScopeStep.stage("ward.json", "{}\n")
            + ScopeStep.stage(".claude/settings.json", "{}\n"), outcome: .lands(files: 2)),
    ScopeCommitCase(
        name: "WARD_AGENT=0 marks no agent", scope: [], steps: ScopeStep.stage("ward.json", "{}\n"),
        env: ["WARD_AGENT": "0"], outcome: .lands()),
    ScopeCommitCase(
        name: "a symlink to /etc", steps: [.symlink("src/link", to: "/etc"), .add("src/link")],
        outcome: .refused(mentions: [denied("src/link", "scope-escape-symlink"), "/etc"])),
    ScopeCommitCase(
        name: "a relative symlink inside the scope", steps: [.symlink("src/near", to: "a.txt"), .add("src/near")],
        outcome: .lands()),
    ScopeCommitCase(
        name: "a relative symlink into docs/", steps: [.symlink("src/far", to: "../docs/a.txt"), .add("src/far")],
        outcome: .refused(mentions: [denied("src/far", "scope-escape-symlink")])),
    ScopeCommitCase(
        name: "an entry added with update-index only",
        steps: [.indexOnly("docs/only in the index.txt", contentOf: "src/a.txt")],
        outcome: .refused(mentions: [denied("docs/only in the index.txt")])),

    // Unusual path names.
    ScopeCommitCase(
        name: "spaces, Unicode, a newline and invalid UTF-8 inside the scope",
        steps: [
            .write("src/with space.txt", "x\n"), .write("src/Über café.txt", "x\n"), .write("src/new\nline.txt", "x\n"),
            .rawName(folder: "src", name: invalidUTF8Name), .git(["add", "-A"]),
        ],
        outcome: .lands(files: 4)),
    ScopeCommitCase(
        name: "a space outside the scope", steps: ScopeStep.stage("docs/with space.txt"),
        outcome: .refused(mentions: [denied("docs/with space.txt")])),
    ScopeCommitCase(
        name: "Unicode outside the scope", steps: ScopeStep.stage("docs/Über café.txt"),
        outcome: .refused(mentions: [denied("docs/Über café.txt")])),
    ScopeCommitCase(
        name: "a newline outside the scope", steps: ScopeStep.stage("docs/new\nline.txt"),
        outcome: .refused(mentions: ["[scope-outside]"])),
    ScopeCommitCase(
        name: "invalid UTF-8 outside the scope",
        steps: [.rawName(folder: "docs", name: invalidUTF8Name), .git(["add", "-A"])],
        outcome: .refused(mentions: ["[scope-outside]"])),

    // .claude/wave-scope.json, committed before the hook exists: the file is protected.
    ScopeCommitCase(
        name: "inside a strict wave scope", scope: [],
        before: [waveScope(["src/"], "strict"), .add(".claude/wave-scope.json")], steps: ScopeStep.stage("src/b.txt"),
        outcome: .lands()),
    ScopeCommitCase(
        name: "outside a strict wave scope", scope: [],
        before: [waveScope(["src/"], "strict"), .add(".claude/wave-scope.json")], steps: ScopeStep.stage("docs/b.txt"),
        outcome: .refused(mentions: [denied("docs/b.txt"), "wave-scope.json"])),
    ScopeCommitCase(
        name: "outside a wave scope in warn mode", scope: [],
        before: [waveScope(["src/"], "warn"), .add(".claude/wave-scope.json")], steps: ScopeStep.stage("docs/b.txt"),
        outcome: .lands(stderr: ["docs/b.txt: ward warn [scope-outside]"])),
    ScopeCommitCase(
        name: "an empty wave scope", scope: [],
        before: [waveScope([], "strict"), .add(".claude/wave-scope.json")], steps: ScopeStep.stage("src/b.txt"),
        outcome: .refused(mentions: [denied("src/b.txt"), "nothing (an empty allow list)"])),

    // Protected branches: the first commit on an unborn main is exempt, the next is not.
    ScopeCommitCase(
        name: "the first commit on main", unbornMain: true, scope: [], steps: ScopeStep.stage("README.md", "hello\n"),
        outcome: .lands()),
    ScopeCommitCase(
        name: "the second commit on main", unbornMain: true, scope: [],
        steps: ScopeStep.stage("README.md", "hello\n") + [.commitThroughHook] + ScopeStep.stage("README.md", "again\n"),
        outcome: .refused(mentions: ["[protected-branch-commit]", "main"])),
]

// MARK: - ward check paths

/// A `ward check paths` run: its exit status, and stdout with `lines` lines (when given)
/// containing each of `mentions`.
struct ScopePathCase: Sendable, CustomTestStringConvertible {
    var scope: [String] = ["src/**"]
    var setup: [ScopeStep] = []
    var arguments: [String]
    var status: Int32
    var lines: Int? = nil
    var mentions: [String] = []

    var testDescription: String { "check paths \(arguments.joined(separator: " ")) → \(status)" }
}

let pathCases: [ScopePathCase] = [
    ScopePathCase(arguments: ["src/../../escaped.txt"], status: 1, lines: 1, mentions: ["[scope-outside-repo]"]),
    ScopePathCase(arguments: ["src/../docs/a.txt"], status: 1, lines: 1, mentions: ["[scope-outside]"]),
    ScopePathCase(arguments: ["docs/../src/new.txt"], status: 0, lines: 0),
    ScopePathCase(
        arguments: ["--cwd", "{repo}/src", "../.git/hooks/pre-commit"], status: 1, mentions: ["[scope-protected]"]),
    // git itself refuses to stage .GIT/..., so the case variants are checked here.
    ScopePathCase(
        scope: [], arguments: [".GIT/hooks/pre-commit", "WARD.JSON", ".Husky/pre-commit"], status: 1, lines: 3,
        mentions: [denied(".GIT/hooks/pre-commit", "scope-protected")]),
    ScopePathCase(arguments: ["src/x.txt", "/tmp/scratch.txt", "/dev/null"], status: 0, lines: 0),
    ScopePathCase(arguments: ["src/x.txt", "docs/y.txt"], status: 1, lines: 1, mentions: [denied("docs/y.txt")]),
    ScopePathCase(arguments: [], status: 2, lines: 0),
    ScopePathCase(
        setup: [.write("ward.json", "{\"scope\": {\"allow\": [\"../x\"]}}\n")], arguments: ["src/x.txt"], status: 2),
    // Wave-scope paths are rooted at the repository: lib/src/ is not src/.
    ScopePathCase(scope: [], setup: [waveScope(["src/"], "strict")], arguments: ["lib/src/x.txt"], status: 1),
]

@Suite struct ScopeEndToEndTests {
    @Test(arguments: hookCases)
    func answersAnAgentsFileAndShellCalls(_ c: ScopeHookCase) throws {
        let box = try ScopeSandbox()
        if !c.scope.isEmpty { try box.setScope(c.scope) }
        try box.run(c.setup)
        let result = try box.hook(c.agent, try c.payload.bytes(box))
        switch c.outcome {
        case .allow:
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty, "\(result.stdout)")
        case .deny(let rule, let mentions):
            try expectBlocked(result, agent: c.agent, rule: rule)
            let reason = HookAnswer.reasonText(result)
            for text in mentions {
                #expect(reason.contains(box.resolve(text)), "\(reason)")
            }
        }
    }

    @Test(arguments: commitCases)
    func checksACommitThroughThePreCommitHook(_ c: ScopeCommitCase) throws {
        let box = c.unbornMain ? try ScopeSandbox(branch: "main", commits: 0, files: false) : try ScopeSandbox()
        if !c.before.isEmpty {
            try box.run(c.before)
            try box.gitOK("commit", "-q", "-m", "before the hook")
        }
        try box.installHook()
        if !c.scope.isEmpty { try box.setScope(c.scope) }
        try box.run(c.steps)
        let head = try? box.gitOK("rev-parse", "-q", "--verify", "HEAD")
        let result = try box.commit(env: c.env)
        switch c.outcome {
        case .lands(let stderr, let files):
            #expect(result.status == 0, "\(result.stderr)")
            if stderr.isEmpty { #expect(result.stderr.isEmpty, "\(result.stderr)") }
            for text in stderr {
                #expect(result.stderr.contains(text), "\(result.stderr)")
            }
            #expect(try box.gitOK("log", "--format=%s", "-1") == "change\n")
            if let files {
                let committed = try box.gitOK("show", "--name-only", "--format=", "-z", "HEAD")
                #expect(committed.split(separator: "\0").count == files, "\(committed.debugDescription)")
            }
        case .refused(let mentions, let absent):
            #expect(result.status != 0)
            for text in mentions {
                #expect(result.stderr.contains(text), "\(result.stderr)")
            }
            for text in absent {
                #expect(!result.stderr.contains(text), "\(result.stderr)")
            }
            // The refused commit did not land.
            #expect((try? box.gitOK("rev-parse", "-q", "--verify", "HEAD")) == head)
        }
    }

    @Test(arguments: pathCases)
    func checksPathsAgainstTheScope(_ c: ScopePathCase) throws {
        let box = try ScopeSandbox()
        if !c.scope.isEmpty { try box.setScope(c.scope) }
        try box.run(c.setup)
        let result = try box.ward(["check", "paths"] + c.arguments.map(box.resolve))
        #expect(result.status == c.status, "\(result.stdout)\(result.stderr)")
        if let lines = c.lines {
            #expect(result.stdout.split(separator: "\n").count == lines, "\(result.stdout)")
        }
        for text in c.mentions {
            #expect(result.stdout.contains(text), "\(result.stdout)")
        }
    }

    // MARK: - Scenarios

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

    @Test func checkPathsPrintsJSON() throws {
        let box = try ScopeSandbox()
        try box.setScope("src/**")
        let json = try box.ward(["check", "paths", "--json", "src/x.txt", "docs/y.txt"])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any]
        let paths = object?["findings"] as? [[String: Any]]
        #expect(object?["ok"] as? Bool == false)
        #expect(paths?.count == 2)
        #expect(paths?.last?["path"] as? String == "docs/y.txt")
        #expect(paths?.first?["decision"] as? String == "allow")
        #expect(paths?.last?["decision"] as? String == "deny")
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

    @Test func showsAWaveScopeFileAsTheEnforcedScope() throws {
        let box = try ScopeSandbox()
        try box.run([waveScope(["src/"], "strict")])
        let show = try box.ward(["scope", "show", "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("\"mode\":\"enforce\""), "\(show.stdout)")
        #expect(show.stdout.contains("wave-scope.json"), "\(show.stdout)")
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
