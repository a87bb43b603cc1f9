import Base

/// The audit log could not be written: what failed, on which path, and the C library's reason.
///
/// A log that cannot be written never changes a verdict (DESIGN.md §12); callers print this
/// one line on stderr and carry on.
public struct AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or folder that could not be written.
    public var path: String
    /// What was being done: `create the folder`, `open`, `write`, `rotate`.
    public var operation: String
    /// The `errno` value.
    public var code: Int32

    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// `ward: cannot write the audit log /r/.git/ward/audit.jsonl (open: Permission denied)`.
    public var description: String {
        "ward: cannot write the audit log \(path) (\(operation): \(Errno(rawValue: code)))"
    }
}
