internal import CGit2

/// Turns a libgit2 `int` result into a thrown `GitError` when it is negative.
///
/// `git_error_last()` is thread-local and only meaningful right after the failing call, so it
/// is read here, synchronously, before anything else can call into libgit2.
@discardableResult
func check(_ code: Int32, _ function: String) throws(GitError) -> Int32 {
    guard code < 0 else { return code }
    var message = ""
    if let last = git_error_last(), let text = last.pointee.message {
        message = String(cString: text)
    }
    throw GitError(code: GitError.Code(rawValue: code), function: function, message: message)
}

/// Copies a borrowed C string into a Swift `String`, repairing invalid UTF-8.
func copyString(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}

/// Copies a borrowed C string into bytes, for paths that must round-trip exactly.
func copyBytes(_ pointer: UnsafePointer<CChar>?) -> [UInt8] {
    guard let pointer else { return [] }
    var length = 0
    while pointer[length] != 0 { length += 1 }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        Array(UnsafeBufferPointer(start: $0, count: length))
    }
}

/// Removes one trailing `/` from a directory path libgit2 returns (`/repo/.git/` → `/repo/.git`).
func trimmingTrailingSlash(_ path: String) -> String {
    guard path.count > 1, path.hasSuffix("/") else { return path }
    return String(path.dropLast())
}
