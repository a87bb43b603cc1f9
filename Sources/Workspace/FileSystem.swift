import Base

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small, Foundation-free file-system helpers for the agent-hook path.
///
/// Everything here is a thin wrapper over one or two POSIX calls (`open`/`read`, `stat`,
/// `realpath`), because this code runs on every agent tool call and `FileManager` would pull in
/// full Foundation. Paths are `String`s; failures are `nil`/`false`, or a `ReadOutcome` when the
/// caller must tell "missing" from "unreadable".
public enum FileSystem {
    /// What reading a file gave: its bytes, or why not.
    ///
    /// A missing policy file is fine while an unreadable one must fail closed, so callers that
    /// care need more than an optional.
    public enum ReadOutcome: Sendable, Equatable {
        /// The whole file.
        case contents([UInt8])
        /// No such file (`ENOENT`, or a path component that is not a directory).
        case missing
        /// The file is larger than the limit; nothing is returned so nothing acts on a truncated file.
        case tooLarge
        /// Anything else, with the C `errno` (`EACCES`, `EISDIR`, `EINVAL` for a FIFO or device, ...).
        case failed(Int32)
    }

    /// Reads a whole regular file of at most `limit` bytes (wraps `open(2)`, `fstat(2)`, `read(2)`).
    ///
    /// Opens with `O_NONBLOCK` and refuses anything but a regular file, so a FIFO planted where a
    /// policy file is expected cannot hang the hook.
    public static func read(_ path: String, limit: Int) -> ReadOutcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            return code == ENOENT || code == ENOTDIR ? .missing : .failed(code)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failed(errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .failed(EISDIR) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failed(EINVAL) }
        if Int(st.st_size) > limit { return .tooLarge }
        // Sized from `fstat` plus one byte, so that the end (or a file that grew) is seen.
        let result = readDescriptor(fd, initialCapacity: Int(st.st_size) + 1, keep: limit + 1)
        if result.failure != 0 { return .failed(result.failure) }
        return result.bytes.count > limit ? .tooLarge : .contents(result.bytes)
    }

    /// Reads `fd` until its end, an error, or `keep` bytes, straight into the result: no
    /// zero-filled scratch buffer to copy through. The room starts at `initialCapacity` and
    /// doubles up to `keep`. `ended` says the end was reached; `failure` is the `errno` of a
    /// failed read (`EINTR` and `EAGAIN` are retried).
    public static func readDescriptor(_ fd: Int32, initialCapacity: Int, keep: Int)
        -> (bytes: [UInt8], ended: Bool, failure: Int32)
    {
        var out: [UInt8] = []
        var capacity = max(1, min(initialCapacity, keep))
        var ended = false
        var failure: Int32 = 0
        while !ended, out.count < keep {
            let previous = out
            out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = 0
                guard let base = buffer.baseAddress else { return }
                previous.withUnsafeBufferPointer { old in
                    guard let from = old.baseAddress else { return }
                    base.initialize(from: from, count: old.count)
                    count = old.count
                }
                while count < capacity {
                    let n: Int
                    do throws(Errno) {
                        n = try FileDescriptor(rawValue: fd).read(
                            into: UnsafeMutableRawBufferPointer(start: base + count, count: capacity - count))
                    } catch {
                        if error == .wouldBlock { continue }
                        failure = error.rawValue
                        ended = true
                        return
                    }
                    if n == 0 {
                        ended = true
                        return
                    }
                    count += n
                }
            }
            capacity = min(max(capacity * 2, 4096), keep)
        }
        return (out, ended, failure)
    }

    /// The bytes of a regular file of at most `limit` bytes; nil when it is missing, unreadable,
    /// not a regular file, or larger than `limit`.
    public static func readFile(_ path: String, limit: Int) -> [UInt8]? {
        if case .contents(let bytes) = read(path, limit: limit) { return bytes }
        return nil
    }

    /// Whether something exists at `path`, following symlinks (wraps `stat(2)`).
    public static func fileExists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// What `path` itself is, without following a symlink at its end (`lstat(2)`).
    public enum Kind { case missing, directory, regularFile, symbolicLink, other }

    public static func kind(_ path: String) -> Kind {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// Whether `path` is a directory, following symlinks.
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` is a regular file, following symlinks.
    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// The canonical absolute path, symlinks resolved (wraps `realpath(3)`); nil when it does not exist.
    public static func realpath(_ path: String) -> String? {
        #if canImport(Darwin)
            guard let resolved = Darwin.realpath(path, nil) else { return nil }
        #elseif canImport(Musl)
            guard let resolved = Musl.realpath(path, nil) else { return nil }
        #else
            guard let resolved = Glibc.realpath(path, nil) else { return nil }
        #endif
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The physical path of `path`: the `realpath` of its nearest existing ancestor followed by
    /// the part that does not exist yet, cleaned lexically.
    ///
    /// The guard must compare where a command would really write (`rm -rf link/..`), including
    /// paths that do not exist yet; `..` inside the existing part is resolved by the kernel, so
    /// a symlink followed by `..` lands where the kernel would put it. A relative `path` is
    /// taken from `/`.
    public static func resolveThroughExistingAncestor(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : "/" + path
        if let real = realpath(absolute) { return real }
        var components = absolute.split(separator: "/", omittingEmptySubsequences: true)
        var tail: [Substring] = []
        while !components.isEmpty {
            tail.insert(components.removeLast(), at: 0)
            let prefix = Path.absolute(components: components)
            if let real = realpath(prefix) {
                let joined = Path.absolute(String(Path.absolute(components: tail).dropFirst()), relativeTo: real)
                return realpath(joined) ?? joined
            }
        }
        return Path.normalize(absolute)
    }

    /// The process environment as a dictionary (from `environ`); the first of duplicate names wins,
    /// as with `getenv(3)`.
    ///
    /// Code below the entry points takes the environment as a value so that tests never mutate
    /// the process environment; the executables call this once.
    public static func environmentDictionary() -> [String: String] {
        let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard let table else { return [:] }
        var count = 0
        while table[count] != nil { count += 1 }
        // Sized up front and split on the bytes: this runs on every hook call, and growing the
        // table or searching `Character`s for `=` cost more than the rest of the lookup.
        var out = [String: String](minimumCapacity: count)
        for index in 0..<count {
            guard let pointer = table[index] else { continue }
            let length = strlen(pointer)
            pointer.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                let text = UnsafeBufferPointer(start: bytes, count: length)
                guard let eq = text.firstIndex(of: UInt8(ascii: "=")) else { return }
                let name = String(decoding: UnsafeBufferPointer(rebasing: text[..<eq]), as: UTF8.self)
                if out[name] == nil {
                    out[name] = String(decoding: UnsafeBufferPointer(rebasing: text[(eq + 1)...]), as: UTF8.self)
                }
            }
        }
        return out
    }

    /// The process's working directory (wraps `getcwd(3)`), or `/` when it cannot be read.
    public static func currentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "/" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Writes `bytes` to `path`, replacing what was there (a report file a person asked for);
    /// false when it cannot be written.
    public static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { FileDescriptor(rawValue: fd).close() }
        do {
            try FileDescriptor(rawValue: fd).writeAll(bytes)
            return true
        } catch {
            return false
        }
    }
}
