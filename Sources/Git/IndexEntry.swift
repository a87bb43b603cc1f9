/// One entry of the index: a path at a stage, with its mode and blob id.
public struct IndexEntry: Equatable, Hashable, Sendable {
    /// The path relative to the work tree, as stored: bytes, because git paths need not be UTF-8.
    public var path: [UInt8]
    /// The file mode (`0o100644`, `0o100755`, `0o120000` symlink, `0o160000` submodule).
    public var mode: UInt32
    /// The blob (or, for a submodule, commit) id.
    public var objectID: ObjectID
    /// 0 normally; 1 (base), 2 (ours), 3 (theirs) during a conflicted merge.
    public var stage: Int

    public init(path: [UInt8], mode: UInt32, objectID: ObjectID, stage: Int) {
        self.path = path
        self.mode = mode
        self.objectID = objectID
        self.stage = stage
    }

    /// The path as a `String`; invalid UTF-8 is repaired with U+FFFD, so use `path` to act on the file.
    public var pathString: String { String(decoding: path, as: UTF8.self) }
}
