import Base
public import Policy

/// What `ward policy show` prints: the policy files, then every value of the effective policy
/// with its source; with `"scopes": {"from": "workspace"}`, the scopes it resolves to in the
/// work tree and each package found, with the file that names it.
public struct PolicyListing: Sendable, Equatable {
    /// `built-in`, then the files read, in layer order.
    public var files: [String]
    public var entries: [PolicyEntry]
    /// The work tree the workspace scopes were read from, and the packages found; nil when the
    /// policy does not take its scopes from the workspace.
    public var workspace: (root: String, packages: [WorkspaceScopes.Package])?

    public init(files: [String], entries: [PolicyEntry], workspace: (String, [WorkspaceScopes.Package])? = nil) {
        self.files = files
        self.entries = entries
        self.workspace = workspace
    }

    public static func == (a: PolicyListing, b: PolicyListing) -> Bool {
        a.files == b.files && a.entries == b.entries && a.workspace?.root == b.workspace?.root
            && a.workspace?.packages == b.workspace?.packages
    }

    /// The listing of `loaded`, its workspace scopes read from the work tree `root`.
    public init(_ loaded: LoadedPolicy, root: String) {
        var policy = loaded.policy
        files = ["built-in"] + loaded.files
        guard policy.commits.scopesFromWorkspace else {
            entries = policy.entries()
            return
        }
        WorkspaceScopes.apply(to: &policy, root: root)
        let packages = WorkspaceScopes.packages(root: root)
        workspace = (root, packages)
        entries = policy.entries()
        // The resolved scopes come from the work tree and the extras; the packages follow the setting.
        if let i = entries.firstIndex(where: { $0.path == "commits.scopes" }) {
            entries[i].source = "the workspace at \(root), and commits.scopes.extra"
        }
        let found =
            packages.isEmpty
            ? [
                PolicyEntry(
                    path: "commits.scopes.workspace", value: .list([]),
                    source: "no \(WorkspaceScopes.declarations) in \(root)")
            ]
            : packages.map { PolicyEntry(path: "commits.scopes.workspace", value: .string($0.name), source: $0.source) }
        let after = entries.firstIndex { $0.path == "commits.scopes.extra" }.map { $0 + 1 } ?? entries.endIndex
        entries.insert(contentsOf: found, at: after)
    }

    /// `policy files: …`, then one `path: value  (source)` line per entry.
    public var text: String {
        (["policy files: " + files.joined(separator: ", ")] + entries.map(\.textLine)).joined(separator: "\n")
    }

    /// `{"files", "entries"}`, and `workspace` (`root`, `packages` with `name`, `directory`,
    /// `manifest`, `listedIn`) when the scopes come from the workspace.
    public var json: String {
        var json = JSONWriter()
        json.object { json in
            json.member("files", strings: files)
            json.key("entries")
            json.array { json in for entry in entries { json.raw(entry.json) } }
            if let workspace {
                json.key("workspace")
                json.object { json in
                    json.member("root", workspace.root)
                    json.member("packages", objects: workspace.packages) { json, p in
                        json.member("name", p.name)
                        json.member("directory", p.directory)
                        json.member("manifest", p.manifest)
                        json.member("listedIn", p.listedIn)
                    }
                }
            }
        }
        return json.string
    }
}
