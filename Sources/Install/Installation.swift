import Base
public import Workspace

/// `ward install` and `ward uninstall` over one repository: git's hooks and the agents' settings.
public struct Installation: Sendable {
    public var location: RepositoryLocation
    /// The absolute path of the `ward` executable the hooks call.
    public var ward: String

    public init(location: RepositoryLocation, ward: String) {
        self.location = location
        self.ward = ward
    }

    /// What to install or uninstall.
    public struct Selection: Sendable, Equatable {
        public var hooks: [String]
        public var agents: [AgentTarget]
        /// Claude Code's `settings.local.json` instead of `settings.json`.
        public var local: Bool

        public init(hooks: [String], agents: [AgentTarget], local: Bool) {
            self.hooks = hooks
            self.agents = agents
            self.local = local
        }
    }

    /// Reads `--hooks LIST` (comma-separated, or `none`) and `--agent NAME` (repeatable, or
    /// `all`). Without `--hooks`, all three git hooks; without `--agent`, `detected` (install:
    /// the agents whose folder the repository has; uninstall: those whose settings hold ward).
    public static func selection(hooks: String?, agents: [String], local: Bool, detected: () -> [AgentTarget])
        throws(InstallError) -> Selection
    {
        var hookList = HookShim.hooks
        if let hooks {
            hookList = []
            for name in hooks.split(separator: ",").map({ String($0.trimmingWhitespace()) }) where name != "none" {
                guard HookShim.hooks.contains(name) else {
                    throw InstallError(
                        "ward install: unknown hook '\(name)' in --hooks; one or more of \(HookShim.hooks.joined(separator: ",")), or none"
                    )
                }
                if !hookList.contains(name) { hookList.append(name) }
            }
        }
        var agentList: [AgentTarget] = []
        if agents.isEmpty {
            agentList = detected()
        } else {
            for name in agents.flatMap({ $0.split(separator: ",").map(String.init) }) {
                if name == "all" {
                    agentList = AgentTarget.allCases
                    continue
                }
                guard let agent = AgentTarget(rawValue: name) else {
                    let known = AgentTarget.allCases.map(\.rawValue).joined(separator: ", ")
                    throw InstallError("ward install: unknown agent '\(name)' in --agent; one of \(known), or all")
                }
                if !agentList.contains(agent) { agentList.append(agent) }
            }
        }
        return Selection(hooks: hookList, agents: agentList, local: local)
    }

    /// The work tree the agents' settings live in.
    public func root() throws(InstallError) -> String {
        guard let workTree = location.workTree else {
            throw InstallError("ward install: \(location.gitDir) is a bare repository; run it in a work tree")
        }
        return workTree
    }

    /// The agents whose folder (`.claude`, `.codex`, `.gemini`, `.cursor`) the work tree has.
    public func agentsWithFolders() -> [AgentTarget] {
        guard let root = location.workTree else { return [] }
        return AgentTarget.allCases.filter { agent in
            agent != .copilot && FileSystem.isDirectory(root + "/" + Path.parent("/" + agent.file(local: false)))
        }
    }

    /// The agents whose settings files hold ward's hooks now.
    public func agentsInstalled(local: Bool) -> [AgentTarget] {
        guard let root = location.workTree else { return [] }
        return AgentTarget.allCases.filter { agent in
            guard let bytes = FileOps.read(root + "/" + agent.file(local: local)) else { return false }
            let settings = AgentSettings(agent: agent, ward: ward)
            let text = String(decoding: bytes, as: UTF8.self)
            return (try? settings.parse(text, file: "")).map { !settings.wardProjection($0).isEmpty } ?? false
        }
    }

    public func install(_ selection: Selection) throws(InstallError) -> [InstallChange] {
        guard ward.hasPrefix("/"), FileOps.isExecutable(ward) else {
            throw InstallError("ward install: the ward executable \(ward) does not exist; install ward first")
        }
        var changes = try GitHookInstaller(hooksDir: location.hooksDir, ward: ward).install(selection.hooks)
        for agent in selection.agents {
            let path = try root() + "/" + agent.file(local: selection.local)
            let settings = AgentSettings(agent: agent, ward: ward)
            let existing = FileOps.read(path).map { String(decoding: $0, as: UTF8.self) }
            guard let text = try settings.installing(into: existing, file: path) else {
                changes.append(InstallChange(path, .unchanged, agent.title))
                continue
            }
            try FileOps.writeAtomically(path, Array(text.utf8), mode: FileOps.mode(path) ?? 0o644)
            changes.append(InstallChange(path, existing == nil ? .created : .updated, agent.title))
        }
        return changes
    }

    public func uninstall(_ selection: Selection) throws(InstallError) -> [InstallChange] {
        var changes = try GitHookInstaller(hooksDir: location.hooksDir, ward: ward).uninstall(selection.hooks)
        for agent in selection.agents {
            let path = try root() + "/" + agent.file(local: selection.local)
            guard let bytes = FileOps.read(path) else {
                changes.append(InstallChange(path, .absent, agent.title))
                continue
            }
            let settings = AgentSettings(agent: agent, ward: ward)
            guard let text = try settings.removing(from: String(decoding: bytes, as: UTF8.self), file: path) else {
                changes.append(InstallChange(path, .absent, "\(agent.title): no ward hook in it"))
                continue
            }
            if text.isEmpty {
                try FileOps.remove(path)
                changes.append(InstallChange(path, .removed, "\(agent.title): it held only ward's hooks"))
            } else {
                try FileOps.writeAtomically(path, Array(text.utf8), mode: FileOps.mode(path) ?? 0o644)
                changes.append(InstallChange(path, .updated, "\(agent.title): ward's hooks taken out"))
            }
        }
        return changes
    }
}
