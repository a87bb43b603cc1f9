import Base
import Policy

/// What `ward worktree add` made, kept in the worktree's git admin directory
/// (`<commonDir>/worktrees/<id>/ward/worktree.json`): agents cannot write there (the git dir is
/// protected), and it goes away with the admin entry.
public struct WorktreeManifest: Sendable, Equatable {
    /// One linked folder: where the link is (relative to the worktree) and what it points at.
    public struct Link: Sendable, Equatable {
        public var path: String
        public var target: String
    }

    public var name: String
    public var path: String
    public var branch: String
    public var base: String
    public var baseCommit: String
    public var links: [Link]
    /// The copied files, relative to the worktree.
    public var copies: [String]
    public var scope: [String]
    public var team: String?
    public var issue: Int?
    public var created: String

    /// The manifest as one JSON object (as stored, without the final newline).
    public var jsonText: String { String(json.dropLast()) }

    static func path(adminDir: String) -> String { adminDir + "/ward/worktree.json" }

    var json: String {
        var w = JSONWriter()
        w.object { w in
            w.member("name", name)
            w.member("path", path)
            w.member("branch", branch)
            w.member("base", base)
            w.member("baseCommit", baseCommit)
            w.key("links")
            w.array { w in
                for link in links {
                    w.object { w in
                        w.member("path", link.path)
                        w.member("target", link.target)
                    }
                }
            }
            w.member("copies", strings: copies)
            w.member("scope", strings: scope)
            w.member("team", team)
            w.key("issue")
            if let issue { w.number(issue) } else { w.null() }
            w.member("created", created)
        }
        return w.string + "\n"
    }

    func write(adminDir: String) throws(WorktreeError) {
        _ = try Disk.makeDirectories(adminDir + "/ward")
        try Disk.writeAtomically(Self.path(adminDir: adminDir), json)
    }

    /// The manifest in `adminDir`, or nil when there is none or it does not read.
    static func read(adminDir: String) -> WorktreeManifest? {
        guard let text = Disk.readText(path(adminDir: adminDir)), let value = try? JSONParser.parse(text),
            let name = value["name"]?.stringValue, let path = value["path"]?.stringValue,
            let branch = value["branch"]?.stringValue
        else { return nil }
        let links = (value["links"]?.arrayValue ?? []).compactMap { item -> Link? in
            guard let p = item["path"]?.stringValue, let t = item["target"]?.stringValue else { return nil }
            return Link(path: p, target: t)
        }
        var issue: Int?
        if case .number(let n) = value["issue"] { issue = Int(n) }
        return WorktreeManifest(
            name: name, path: path, branch: branch, base: value["base"]?.stringValue ?? "",
            baseCommit: value["baseCommit"]?.stringValue ?? "", links: links,
            copies: value["copies"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            scope: value["scope"]?.arrayValue?.compactMap(\.stringValue) ?? [], team: value["team"]?.stringValue,
            issue: issue, created: value["created"]?.stringValue ?? "")
    }
}
