import Base

/// The `worktrees` key of `ward.json`: defaults for `ward worktree add`.
///
/// ```json
/// "worktrees": {
///   "root": "../app.worktrees",          // where worktrees go (relative to the main checkout)
///   "base": "main",                       // the base of new branches
///   "link": ["node_modules", ".venv"],    // folders of the main checkout linked into each worktree
///   "copy": [".env", ".env.*"],           // files copied (never overwriting, mode 0600)
///   "lock": false                         // lock new worktrees against 'git worktree prune'
/// }
/// ```
public struct WorktreesPolicy: Sendable, Equatable {
    public var root: String?
    public var base: String?
    public var link: [String]?
    public var copy: [String]?
    public var lock: Bool?

    public init(
        root: String? = nil, base: String? = nil, link: [String]? = nil, copy: [String]? = nil, lock: Bool? = nil
    ) {
        self.root = root
        self.base = base
        self.link = link
        self.copy = copy
        self.lock = lock
    }

    public static let keys = ["root", "base", "link", "copy", "lock"]

    /// Reads and validates the key's value: an object of the keys above, each of its type; a
    /// `link` entry must be a relative folder inside the repository.
    public static func parse(_ value: JSONValue.Located, file: String) throws(PolicyError) -> WorktreesPolicy {
        func fail(_ at: JSONValue.Located, _ path: String, _ message: String) -> PolicyError {
            PolicyError(file: file, line: at.line, path: path, message: message)
        }
        guard case .object(let members) = value.value else {
            throw fail(value, "worktrees", "expected an object, found \(value.value.typeName)")
        }
        var policy = WorktreesPolicy()
        func string(_ v: JSONValue.Located, _ path: String) throws(PolicyError) -> String {
            guard case .string(let s) = v.value, !s.isEmpty else {
                throw fail(v, path, "expected a non-empty string, found \(v.value.typeName)")
            }
            return s
        }
        func strings(_ v: JSONValue.Located, _ path: String) throws(PolicyError) -> [String] {
            guard case .array(let items) = v.value else {
                throw fail(v, path, "expected an array of strings, found \(v.value.typeName)")
            }
            var out: [String] = []
            for (i, item) in items.enumerated() { out.append(try string(item, "\(path)[\(i)]")) }
            return out
        }
        for (key, v) in members {
            let path = "worktrees.\(key)"
            switch key {
            case "root": policy.root = try string(v, path)
            case "base": policy.base = try string(v, path)
            case "link":
                let folders = try strings(v, path)
                for (i, folder) in folders.enumerated()
                where folder.hasPrefix("/") || folder.split(separator: "/").contains("..") {
                    throw fail(v, "\(path)[\(i)]", "expected a folder inside the repository, relative to its root")
                }
                policy.link = folders
            case "copy": policy.copy = try strings(v, path)
            case "lock":
                guard case .bool(let b) = v.value else {
                    throw fail(v, path, "expected a boolean, found \(v.value.typeName)")
                }
                policy.lock = b
            default:
                let near = keys.min { editDistance($0, key) < editDistance($1, key) }
                let hint = near.map { editDistance($0, key) <= 2 ? " (did you mean '\($0)'?)" : "" } ?? ""
                throw fail(v, path, "unknown key '\(key)'\(hint); known: \(keys.joined(separator: ", "))")
            }
        }
        return policy
    }

    /// The value of an already validated key (`PolicyLayer.reserved["worktrees"]`).
    public init(validated value: JSONValue) {
        root = value["root"]?.stringValue
        base = value["base"]?.stringValue
        link = value["link"]?.arrayValue?.compactMap(\.stringValue)
        copy = value["copy"]?.arrayValue?.compactMap(\.stringValue)
        lock = value["lock"]?.boolValue
    }
}
