public import Workspace

/// One file a gate may look at: its repository-relative path and, when the index holds it, the
/// blob id and mode that say exactly which content it is.
public struct GateInput: Sendable, Equatable, Hashable {
    /// `/`-separated, relative to the repository root.
    public var path: String
    /// The blob id (hex) of the content the gate checks; nil when it is not known (a path given
    /// on the command line that the index does not hold): such a gate reads the work tree and
    /// is never cached.
    public var blob: String?
    /// git's mode (`0o100644`, `0o100755`, `0o120000` for a symbolic link); 0 when unknown.
    public var mode: UInt32

    public init(path: String, blob: String? = nil, mode: UInt32 = 0) {
        self.path = path
        self.blob = blob
        self.mode = mode
    }

    /// The inputs of a commit being made: what `stagedChanges()` adds, modifies, renames, copies
    /// or changes the type of, on its new path; deletions and unmerged entries have no content.
    public static func staged(_ changes: [PathChange]) -> [GateInput] {
        changes.compactMap { change in
            guard change.status != "D", change.status != "U", let blob = change.newBlob else { return nil }
            return GateInput(path: change.newPathString, blob: blob, mode: change.newMode)
        }
    }

    /// Every file of the index (`--all-files`): `git ls-files --stage -z` in `root`. Gitlinks
    /// (submodules) are left out: they are commits, not files a gate can read.
    public static func allFiles(in root: String, environment: [String: String]) throws(GateError) -> [GateInput] {
        let out = try GitQuery.run(["ls-files", "--stage", "-z"], in: root, environment: environment)
        return parseStage(out)
    }

    /// The inputs of `--files F...`: each path as given (relative to the repository root), with
    /// the index's blob id when the index holds it and the work tree has no other content for it.
    /// Paths the index lacks, or whose work-tree file differs, keep `blob == nil`.
    public static func given(_ paths: [String], in root: String, environment: [String: String]) throws(GateError)
        -> [GateInput]
    {
        guard !paths.isEmpty else { return [] }
        let indexed = parseStage(
            try GitQuery.run(
                ["ls-files", "--stage", "-z", "--"] + paths.map { ":(literal)" + $0 }, in: root,
                environment: environment))
        let dirty = Set(
            try GitQuery.paths(
                ["diff", "--name-only", "-z", "--no-renames", "--"] + paths.map { ":(literal)" + $0 }, in: root,
                environment: environment))
        var byPath: [String: GateInput] = [:]
        for input in indexed where !dirty.contains(input.path) { byPath[input.path] = input }
        return paths.map { byPath[$0] ?? GateInput(path: $0) }
    }

    /// Parses `git ls-files --stage -z`: `MODE SP ID SP STAGE TAB PATH NUL`; only stage 0 (merged)
    /// entries of files and symbolic links.
    static func parseStage(_ bytes: [UInt8]) -> [GateInput] {
        var inputs: [GateInput] = []
        for record in bytes.split(separator: 0) {
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let fields = record[record.startIndex..<tab].split(separator: UInt8(ascii: " "))
            guard fields.count == 3, fields[2].elementsEqual("0".utf8),
                let mode = UInt32(String(decoding: fields[0], as: UTF8.self), radix: 8), mode != 0o160000
            else { continue }
            inputs.append(
                GateInput(
                    path: String(decoding: record[(tab + 1)...], as: UTF8.self),
                    blob: String(decoding: fields[1], as: UTF8.self), mode: mode))
        }
        return inputs
    }
}
