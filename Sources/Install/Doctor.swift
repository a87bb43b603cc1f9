import Base
public import Findings
public import GitHooks
import Policy
public import Workspace

/// `ward doctor`: whether ward is installed so that every checkpoint really runs, and what to
/// type to fix what is not.
///
/// Checks that each git hook is where git runs it and that the ward it calls exists and runs,
/// that `ward-git` is beside that ward, that the policy loads, and, for each agent whose
/// settings hold ward's hook, that the path exists and that the guard answers a known
/// destructive command with a deny in that agent's own protocol.
public struct Doctor: Sendable {
    public var site: GitSite
    /// The ward running now (the front beside this `ward-git`).
    public var ward: String

    public init(site: GitSite, ward: String) {
        self.site = site
        self.ward = ward
    }

    /// The command line every agent probe carries: destructive, so every policy denies it.
    static let probeCommand = "git reset --hard HEAD~1"

    public func run() -> Report {
        var out: [Finding] = []
        guard let location = site.location else {
            out.append(
                fail("repository", "no git repository at \(site.directory)", "git init, or cd into a repository"))
            return Report(checkpoint: .repository, subject: site.directory, findings: out)
        }
        var wards: [String] = [ward]
        for hook in HookShim.hooks {
            let (finding, path) = Self.hook(hook, in: location)
            out.append(finding)
            if let path, !wards.contains(path) { wards.append(path) }
        }
        for path in wards where FileOps.isExecutable(path) {
            let beside = Path.parent(path) + "/ward-git"
            if FileOps.isExecutable(beside) {
                out.append(pass("ward-git", "\(beside) is beside \(path)"))
            } else {
                out.append(
                    fail(
                        "ward-git", "\(path) has no ward-git beside it; every git hook but pre-commit stops",
                        "cp .build/release/ward-git \(Path.parent(path))/"))
            }
        }
        switch site.loaded {
        case .success(let loaded):
            let files = loaded.files.isEmpty ? "the built-in policy" : loaded.files.joined(separator: ", ")
            out.append(pass("policy", "loads: \(files)"))
        case .failure(let error):
            out.append(fail("policy", error.description, "fix the file, then 'ward policy validate'"))
        }
        out += agents(location)
        return Report(checkpoint: .repository, subject: location.workTree ?? location.gitDir, findings: out)
    }

    /// One git hook: installed where git runs it, executable, calling a ward that exists and runs.
    /// Returns the finding and the ward path the shim records.
    static func hook(_ hook: String, in location: RepositoryLocation) -> (Finding, String?) {
        let path = location.hooksDir + "/" + hook
        let check = "hook-" + hook
        let shown = location.workTree.flatMap { Path.relative(path, to: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? path
        guard let bytes = FileOps.read(path) else {
            return (fail(check, "not installed (\(shown) does not exist)", "ward install --hooks \(hook)"), nil)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard FileOps.isExecutable(path) else {
            return (fail(check, "\(shown) is not executable, so git does not run it", "chmod +x \(path)"), nil)
        }
        guard let recorded = HookShim.recordedPath(text) else {
            if text.contains("ward") {
                return (
                    Finding(
                        ruleID: check, decision: .warn,
                        message: "\(shown) is a hook of its own that mentions ward, not ward's shim",
                        instead: "ward install --hooks \(hook) (keeps it and runs it first)", checkpoint: .repository,
                        check: check), nil
                )
            }
            return (
                fail(
                    check, "\(shown) does not call ward",
                    "ward install --hooks \(hook) (keeps the hook and runs it first)"), nil
            )
        }
        guard FileOps.isExecutable(recorded) else {
            return (
                fail(
                    check, "\(shown) calls \(recorded), which does not exist (the hook fails every time)",
                    "ward install --hooks \(hook)"), recorded
            )
        }
        let version = Self.execute(recorded, ["--version"], input: [], cwd: location.workTree ?? location.gitDir)
        guard let version, version.succeeded else {
            return (
                fail(check, "\(shown) calls \(recorded), which does not run", "ward install --hooks \(hook)"), recorded
            )
        }
        return (pass(check, "\(shown) calls \(recorded)"), recorded)
    }

    /// The `hooks` line of `ward check`: all three hooks installed with a ward that exists.
    public static func hooksFinding(_ location: RepositoryLocation) -> Finding {
        var good: [String] = []
        var problems: [String] = []
        for name in HookShim.hooks {
            let path = location.hooksDir + "/" + name
            guard let bytes = FileOps.read(path) else {
                problems.append("\(name) missing")
                continue
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if !FileOps.isExecutable(path) {
                problems.append("\(name) not executable")
            } else if let recorded = HookShim.recordedPath(text) {
                if FileOps.isExecutable(recorded) {
                    good.append(name)
                } else {
                    problems.append("\(name) calls a missing \(recorded)")
                }
            } else if text.contains("ward") {
                good.append(name)
            } else {
                problems.append("\(name) does not call ward")
            }
        }
        var shown = location.hooksDir
        if let workTree = location.workTree, let rel = Path.relative(shown, to: workTree), !rel.isEmpty { shown = rel }
        if problems.isEmpty {
            return Finding(
                ruleID: "hooks", decision: .allow, message: "\(good.joined(separator: ", ")) in \(shown)",
                checkpoint: .repository, check: "hooks")
        }
        return Finding(
            ruleID: "hooks", decision: .warn,
            message: "\(problems.joined(separator: "; ")) in \(shown); those commits and pushes are not checked",
            instead: "ward install ('ward doctor' says more)", checkpoint: .repository, check: "hooks")
    }

    /// Each agent whose settings file exists: ward's hook in it, its path, and a probe.
    func agents(_ location: RepositoryLocation) -> [Finding] {
        guard let root = location.workTree else { return [] }
        var out: [Finding] = []
        var files: [(AgentTarget, String)] = AgentTarget.allCases.map { ($0, $0.file(local: false)) }
        files.insert((.claude, AgentTarget.claude.file(local: true)), at: 1)
        for (agent, file) in files {
            let check = "agent-" + agent.rawValue
            guard let bytes = FileOps.read(root + "/" + file) else { continue }
            let settings = AgentSettings(agent: agent, ward: ward)
            let value: JSONValue
            do {
                value = try settings.parse(String(decoding: bytes, as: UTF8.self), file: file)
            } catch {
                out.append(fail(check, error.description, "fix \(file), then 'ward install --agent \(agent.rawValue)'"))
                continue
            }
            let commands = settings.wardCommands(in: value)
            let local = file.hasSuffix(".local.json") ? " --local" : ""
            guard let command = commands.first else {
                out.append(
                    fail(
                        check, "\(file) has no ward hook; \(agent.title)'s tool calls are not checked",
                        "ward install --hooks none --agent \(agent.rawValue)\(local)"))
                continue
            }
            let program = settings.program(of: command)
            guard program.hasPrefix("/") else {
                out.append(
                    fail(
                        check, "\(file) calls '\(program)' by name; with another PATH the tool calls run unchecked",
                        "ward install --hooks none --agent \(agent.rawValue)\(local)"))
                continue
            }
            guard FileOps.isExecutable(program) else {
                out.append(
                    fail(
                        check,
                        "\(file) calls \(program), which does not exist: \(agent.title) then runs every tool call unchecked",
                        "ward install --hooks none --agent \(agent.rawValue)\(local)"))
                continue
            }
            out.append(probe(agent, program: program, file: file, root: root))
        }
        if out.isEmpty {
            out.append(
                Finding(
                    ruleID: "agents", decision: .warn, message: "no agent settings in \(root)",
                    instead: "ward install --agent claude (or codex, gemini, cursor, copilot, all)",
                    checkpoint: .repository, check: "agents"))
        }
        return out
    }

    /// Sends the agent's own pre-tool-use payload for `probeCommand` and reads the answer.
    func probe(_ agent: AgentTarget, program: String, file: String, root: String) -> Finding {
        let check = "agent-" + agent.rawValue
        let cwd = JSONWriter.quote(root)
        let command = JSONWriter.quote(Self.probeCommand)
        let payload: String
        switch agent {
        case .claude, .codex:
            payload =
                #"{"session_id":"ward-doctor","cwd":\#(cwd),"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":\#(command)}}"#
        case .gemini:
            payload =
                #"{"session_id":"ward-doctor","cwd":\#(cwd),"hook_event_name":"BeforeTool","tool_name":"run_shell_command","tool_input":{"command":\#(command)}}"#
        case .cursor:
            payload =
                #"{"conversation_id":"ward-doctor","hook_event_name":"beforeShellExecution","command":\#(command),"cwd":\#(cwd),"workspace_roots":[\#(cwd)]}"#
        case .copilot:
            let args = JSONWriter.quote(#"{"command":\#(command)}"#)
            payload = #"{"timestamp":0,"cwd":\#(cwd),"toolName":"bash","toolArgs":\#(args)}"#
        }
        guard let outcome = Self.execute(program, ["hook", agent.rawValue], input: Array(payload.utf8), cwd: root)
        else {
            return fail(check, "\(program) could not be started", "ward install --hooks none --agent \(agent.rawValue)")
        }
        let stdout = String(decoding: outcome.standardOutput, as: UTF8.self)
        let stderr = String(decoding: outcome.standardError, as: UTF8.self)
        let answer = try? JSONParser.parse(stdout)
        let denied: Bool
        switch agent {
        case .claude, .codex:
            denied =
                answer?["hookSpecificOutput"]?["permissionDecision"]?.stringValue == "deny"
                || (outcome.termination == .exited(2) && !stderr.isEmpty)
        case .gemini:
            denied =
                answer?["decision"]?.stringValue == "deny" || (outcome.termination == .exited(2) && !stderr.isEmpty)
        case .cursor: denied = answer?["permission"]?.stringValue == "deny"
        case .copilot: denied = answer?["permissionDecision"]?.stringValue == "deny"
        }
        if denied {
            return pass(
                check, "\(file) calls \(program); it denies '\(Self.probeCommand)' in \(agent.title)'s protocol")
        }
        if case .success(let loaded) = site.loaded, loaded.policy.commandMode != .enforce {
            return fail(
                check,
                "\(program) hook \(agent.rawValue) lets '\(Self.probeCommand)' through: the command guard's mode is '\(loaded.policy.commandMode.rawValue)'",
                "set \"mode\": \"enforce\" in ward.json ('ward policy show' says where the mode comes from)")
        }
        let said = TextRenderer.excerpt((stdout + stderr).trimmingWhitespace().description, limit: 160)
        return fail(
            check,
            "\(program) hook \(agent.rawValue) did not deny '\(Self.probeCommand)'\(said.isEmpty ? "" : ": \(said)")",
            "update ward, then 'ward install --hooks none --agent \(agent.rawValue)'")
    }

    static func execute(_ program: String, _ arguments: [String], input: [UInt8], cwd: String) -> ProcessOutcome? {
        let request = ProcessRequest(
            executable: program, arguments: arguments,
            environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/nonexistent"], workingDirectory: cwd,
            standardInput: .bytes(input), timeout: .seconds(10))
        return try? ProcessRunner().run(request)
    }
}

private func pass(_ check: String, _ message: String) -> Finding {
    Finding(ruleID: check, decision: .allow, message: message, checkpoint: .repository, check: check)
}

private func fail(_ check: String, _ message: String, _ instead: String) -> Finding {
    Finding(ruleID: check, decision: .deny, message: message, instead: instead, checkpoint: .repository, check: check)
}

extension AgentSettings {
    /// Every command of ward's hooks in the settings.
    func wardCommands(in root: JSONValue) -> [String] {
        var out: [String] = []
        for event in agent.events(command: command) {
            for item in root["hooks"]?[event.name]?.arrayValue ?? [] {
                for hook in [item] + (item["hooks"]?.arrayValue ?? []) where isWardHook(hook) {
                    if let s = hook["command"]?.stringValue ?? hook["bash"]?.stringValue { out.append(s) }
                }
            }
        }
        return out
    }

    /// The program of a ward hook command: `'/opt/x/ward' hook claude` → `/opt/x/ward`.
    func program(of command: String) -> String {
        let suffix = " hook " + agent.rawValue
        var program = String(String(command.trimmingWhitespace()).dropLast(suffix.count).trimmingWhitespace())
        if program.hasPrefix("'") && program.hasSuffix("'") && program.count >= 2 {
            program = String(program.dropFirst().dropLast()).replacing("'\\''", with: "'")
        } else if program.hasPrefix("\"") && program.hasSuffix("\"") && program.count >= 2 {
            program = String(program.dropFirst().dropLast())
        }
        return program
    }
}
