import Base
import Policy
import Workspace

/// The defaults of `ward worktree add`: `ward.json`'s `worktrees` key (local.json after it), then
/// `.claude/session-plugin.json` of the main checkout, then ward's own.
///
/// From `session-plugin.json`: `worktreesPath` (the root), `defaultBranch` (the base),
/// `layout.envFiles` (files to copy), `layout.nodeModules` (true, a folder or folders to link;
/// with `layout.parts`, each part's `node_modules` too), `pythonVenv` (true or a folder to link),
/// and `teams.NAME.ownsPaths` (the scope `--team NAME` records). `ward.json` wins where both say.
public struct WorktreeSettings: Sendable, Equatable {
    /// The absolute folder worktrees go in; default `<main checkout>/../<repo>.worktrees`.
    public var root: String
    /// The base of new branches; nil: the main checkout's current branch.
    public var base: String?
    /// Folders of the main checkout linked into each new worktree (relative paths).
    public var link: [String]
    /// Globs of files copied from the main checkout (relative paths).
    public var copy: [String]
    /// Whether new worktrees are locked.
    public var lock: Bool
    /// `teams.NAME.ownsPaths` of `session-plugin.json`.
    public var teams: [String: [String]]

    public init(
        root: String, base: String? = nil, link: [String] = [], copy: [String] = [], lock: Bool = false,
        teams: [String: [String]] = [:]
    ) {
        self.root = root
        self.base = base
        self.link = link
        self.copy = copy
        self.lock = lock
        self.teams = teams
    }

    /// The settings for the repository whose main checkout is `mainRoot`, read from the policy
    /// layers of `location` (the checkout the command runs in).
    public static func load(mainRoot: String, location: RepositoryLocation) throws(WorktreeError) -> WorktreeSettings {
        let repoName = Path.basename(mainRoot)
        var settings = WorktreeSettings(root: Path.parent(mainRoot) + "/" + repoName + ".worktrees")
        let plugin = mainRoot + "/.claude/session-plugin.json"
        if let text = Disk.readText(plugin) {
            let value: JSONValue
            do {
                value = try JSONParser.parse(text)
            } catch {
                throw .usage("ward worktree: \(plugin): \(error.description)")
            }
            settings.apply(sessionPlugin: value, mainRoot: mainRoot)
        }
        let layers: [PolicyLayer]
        do {
            layers = try PolicyLoader.layers(repository: location)
        } catch {
            throw .usage("ward worktree: the policy cannot be used: \(error.description)")
        }
        for layer in layers {
            guard let value = layer.reserved["worktrees"] else { continue }
            let policy = WorktreesPolicy(validated: value)
            if let root = policy.root { settings.root = Path.absolute(root, relativeTo: mainRoot) }
            if let base = policy.base { settings.base = base }
            if let link = policy.link { settings.link = link }
            if let copy = policy.copy { settings.copy = copy }
            if let lock = policy.lock { settings.lock = lock }
        }
        return settings
    }

    mutating func apply(sessionPlugin value: JSONValue, mainRoot: String) {
        if let path = value["worktreesPath"]?.stringValue, !path.isEmpty {
            root = Path.absolute(path, relativeTo: mainRoot)
        }
        if let branch = value["defaultBranch"]?.stringValue, !branch.isEmpty { base = branch }
        let layout = value["layout"]
        func list(_ v: JSONValue?, default folder: String) -> [String] {
            switch v {
            case .bool(true): return [folder]
            case .string(let s) where !s.isEmpty: return [s]
            case .array(let items): return items.compactMap(\.value.stringValue)
            default: return []
            }
        }
        copy = list(layout?["envFiles"] ?? value["envFiles"], default: ".env")
        var folders = list(layout?["nodeModules"] ?? value["nodeModules"], default: "node_modules")
        if !folders.isEmpty, let parts = layout?["parts"]?.arrayValue {
            for part in parts {
                guard let path = part["path"]?.stringValue, !path.isEmpty, path != "." else { continue }
                folders.append(path + "/node_modules")
            }
        }
        folders += list(value["pythonVenv"] ?? layout?["pythonVenv"], default: ".venv")
        link = folders.filter { !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") }
        if case .object(let members) = value["teams"] {
            for (name, team) in members {
                if let paths = team.value["ownsPaths"]?.arrayValue?.compactMap(\.stringValue) { teams[name] = paths }
            }
        }
    }
}
