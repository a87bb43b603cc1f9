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

    public init(status: Status, oldPath: [UInt8], newPath: [UInt8]) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
    }

    public var oldPathString: String { String(decoding: oldPath, as: UTF8.self) }
    public var newPathString: String { String(decoding: newPath, as: UTF8.self) }
}
