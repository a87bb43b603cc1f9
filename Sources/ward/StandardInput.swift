import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads standard input to its end with `read(2)`.
enum StandardInput {
    /// All of stdin, keeping at most `limit` bytes but reading on to the end regardless.
    ///
    /// Agents write the whole payload before they read the answer; a hook that stops reading
    /// early can leave the agent blocked on a full pipe or failing with `EPIPE`. Keeping
    /// `limit` bytes (one more than the hook evaluates) is enough to know the input was too large.
    static func readAll(limit: Int) -> [UInt8] {
        let (kept, ended, _) = FileSystem.readDescriptor(0, initialCapacity: 1 << 16, keep: limit)
        // Over the limit: read on to the end, discarding.
        if !ended {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return read(0, base, buffer.count)
                }
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    break
                }
                if n == 0 { break }
            }
        }
        return kept
    }
}
