/// One path that differs between HEAD and the index.
public struct StagedChange: Equatable, Hashable, Sendable {
    /// What happened to the path (`git_delta_t`).
    public enum Status: String, Equatable, Hashable, Sendable {
        case added, modified, deleted, renamed, copied, typechange
        /// An unmerged path (conflict stages in the index).
        case conflicted
    }

    public var status: Status
    /// The path in HEAD; for an added file, the same as `newPath`.
    public var oldPath: [UInt8]
    /// The path in the index; for a deleted file, the same as `oldPath`.
    public var newPath: [UInt8]
    /// The file mode in the index (`0o120000` for a symbolic link); 0 for a deletion.
    public var newMode: UInt32
    /// The blob in the index; nil for a deletion.
    public var newObjectID: ObjectID?

    public init(status: Status, oldPath: [UInt8], newPath: [UInt8], newMode: UInt32 = 0, newObjectID: ObjectID? = nil) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
        self.newMode = newMode
        self.newObjectID = newObjectID
    }

    /// Whether the index records a symbolic link at `newPath`.
    public var isSymbolicLink: Bool { newMode & 0o170000 == 0o120000 }

    public var oldPathString: String { String(decoding: oldPath, as: UTF8.self) }
    public var newPathString: String { String(decoding: newPath, as: UTF8.self) }
}
