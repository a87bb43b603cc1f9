import GitHooks
import Workspace

/// `RepositoryFacts` answered from in-memory values: a commit graph, references, remotes, the
/// staged changes, blobs and configuration.
///
/// A test double of a narrow protocol: the answers follow git's meaning of each fact (the
/// real-repository suite in GitFactsTests checks LibgitFacts against git itself), so the
/// checkpoints can be tested with tables of values.
struct FakeFacts: RepositoryFacts {
    struct Commit: Sendable, Equatable {
        var parents: [String]
        var message: String
    }

    /// Commit id → parents and message. A parent that is not a key is a missing object (the
    /// boundary of a shallow clone), and walking into it throws `.missingObject`.
    var commits: [String: Commit] = [:]
    /// Full reference name (`refs/heads/main`, `refs/remotes/origin/main`, `HEAD`) → object id.
    var refs: [String: String] = [:]
    /// Annotated tag object id → the object it tags.
    var tags: [String: String] = [:]
    var remotes: [String] = []
    var staged: [PathChange] = []
    var blobs: [String: [UInt8]] = [:]
    var configuration: [String: String] = [:]
    var isShallow = false
    /// `"from..to"` → the changes between the two commits' trees.
    var diffs: [String: [PathChange]] = [:]
    /// An error every history walk throws, to test how callers report it.
    var walkError: FactsError?

    /// Adds a commit whose first parent is `parent` (none for a root commit).
    mutating func commit(_ id: String, parent: String? = nil, _ message: String) {
        commits[id] = Commit(parents: parent.map { [$0] } ?? [], message: message)
    }

    func stagedChanges() throws(FactsError) -> [PathChange] { staged }

    func indexEntryCount() throws(FactsError) -> Int { staged.count }

    func blob(_ id: String, limit: Int) -> [UInt8]? { blobs[id].map { Array($0.prefix(limit)) } }

    func config(_ key: String) -> String? { configuration[key] }

    func commit(named revision: String) throws(FactsError) -> String? {
        let candidates = [revision, "refs/heads/" + revision, "refs/tags/" + revision, "refs/remotes/" + revision]
        for name in candidates {
            if let id = refs[name] { return try peeledCommit(id) }
        }
        if commits[revision] != nil || tags[revision] != nil || blobs[revision] != nil {
            return try peeledCommit(revision)
        }
        throw FactsError(.unknownRevision, "unknown revision '\(revision)'")
    }

    func contains(_ id: String) throws(FactsError) -> Bool {
        commits[id] != nil || tags[id] != nil || blobs[id] != nil
    }

    func peeledCommit(_ id: String) throws(FactsError) -> String? {
        if commits[id] != nil { return id }
        if let target = tags[id] { return try peeledCommit(target) }
        return nil
    }

    /// `commit`'s ancestors, itself excluded; at a parent that is not here, throws when `strict`,
    /// else stops there (as a walk's hidden side does).
    func ancestors(of commit: String, strict: Bool = true) throws(FactsError) -> Set<String> {
        var seen: Set<String> = []
        var queue = [commit]
        while let next = queue.popLast() {
            guard let node = commits[next] else {
                if strict { throw FactsError(.missingObject, "object \(next) is not in this clone") }
                seen.remove(next)
                continue
            }
            for parent in node.parents where seen.insert(parent).inserted {
                queue.append(parent)
            }
        }
        return seen
    }

    func isDescendant(_ commit: String, of ancestor: String) throws(FactsError) -> Bool {
        try ancestors(of: commit).contains(ancestor)
    }

    func mergeBase(_ one: String, _ two: String) throws(FactsError) -> String? {
        let first = try ancestors(of: one).union([one])
        // Breadth first from `two`: the nearest common ancestor.
        var queue = [two]
        var seen: Set<String> = [two]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            if first.contains(next) { return next }
            for parent in commits[next]?.parents ?? [] where seen.insert(parent).inserted {
                queue.append(parent)
            }
        }
        return nil
    }

    func commits(from tips: [String], hiding: [String], hidingGlobs: [String], limit: Int) throws(FactsError)
        -> (ids: [String], truncated: Bool)
    {
        if let walkError { throw walkError }
        var hidden: Set<String> = []
        var hideTips = hiding.filter { commits[$0] != nil }
        for glob in hidingGlobs {
            hideTips += try referenceNames(matching: glob).compactMap { refs[$0] }
        }
        for tip in hideTips {
            hidden.formUnion(try ancestors(of: tip, strict: false))
            hidden.insert(tip)
        }
        // Newest first: a commit comes before its parents (depth-first, children first).
        var order: [String] = []
        var visited: Set<String> = []
        func visit(_ id: String) throws(FactsError) {
            guard !hidden.contains(id), visited.insert(id).inserted else { return }
            guard let node = commits[id] else {
                throw FactsError(.missingObject, "object \(id) is not in this clone")
            }
            order.append(id)
            for parent in node.parents { try visit(parent) }
        }
        for tip in tips { try visit(tip) }
        return (Array(order.prefix(limit)), order.count > limit)
    }

    func message(of commit: String) throws(FactsError) -> String {
        guard let node = commits[commit] else {
            throw FactsError(.missingObject, "object \(commit) is not in this clone")
        }
        return node.message
    }

    func changes(from: String, to: String) throws(FactsError) -> [PathChange] {
        if let walkError { throw walkError }
        return diffs["\(from)..\(to)"] ?? []
    }

    func referenceNames(matching glob: String) throws(FactsError) -> [String] {
        refs.keys.filter { name in
            glob.hasSuffix("*") ? name.hasPrefix(glob.dropLast()) : name == glob
        }.sorted()
    }

    func remoteNames() throws(FactsError) -> [String] { remotes }
}

/// A 40-digit commit id made from a short name, so tables read `id("c2")` and failures show it.
func id(_ name: String) -> String {
    let hex = name.utf8.map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
    }.joined()
    return String((hex + String(repeating: "e", count: 40)).prefix(40))
}
