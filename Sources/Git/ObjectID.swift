internal import CGit2

/// A git object id as its 40-digit lowercase hex spelling.
///
/// A value type rather than a `git_oid` so it can leave the `Git` target, be compared, hashed,
/// printed and sent across threads.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    /// The full hex id, lowercase.
    public let hex: String

    /// Accepts a full 40-digit hex id (SHA-1, the only object format libgit2 1.5 knows).
    public init?(hex: String) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 40,
            lower.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        self.hex = lower
    }

    /// Formats a borrowed `git_oid` (`git_oid_tostr`).
    init(_ oid: UnsafePointer<git_oid>) {
        var buffer = [CChar](repeating: 0, count: 41)
        let text = buffer.withUnsafeMutableBufferPointer { out -> String in
            guard let base = out.baseAddress, let result = git_oid_tostr(base, out.count, oid) else { return "" }
            return String(cString: result)
        }
        self.hex = text
    }

    /// The first seven digits, as git abbreviates by default.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    /// The C value (`git_oid_fromstr`), for calls that take an id.
    func withOID<R>(_ function: String, _ body: (UnsafePointer<git_oid>) throws(GitError) -> R) throws(GitError) -> R {
        var oid = git_oid()
        try check(git_oid_fromstr(&oid, hex), "git_oid_fromstr")
        return try body(&oid)
    }
}
