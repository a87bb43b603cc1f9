import Base

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The POSIX calls the worktree commands make, each without following a final symbolic link
/// unless its name says so.
enum Disk {
    /// What `lstat(2)` finds at a path.
    struct Status {
        var mode: UInt32
        var device: UInt64
        var inode: UInt64
        var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
        var isSymbolicLink: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFLNK) }
        var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
    }

    /// `lstat(2)`; nil when nothing is there (or it cannot be read).
    static func lstatus(_ path: String) -> Status? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return Status(mode: UInt32(st.st_mode), device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// `stat(2)`, following links; nil when nothing is there.
    static func status(_ path: String) -> Status? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Status(mode: UInt32(st.st_mode), device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    static func exists(_ path: String) -> Bool { lstatus(path) != nil }

    /// The folders of `path` that `mkdir -p` would create, created; the list (outermost first)
    /// is what a rollback removes.
    static func makeDirectories(_ path: String) throws(WorktreeError) -> [String] {
        var missing: [String] = []
        var current = Path.normalize(path)
        while !exists(current), current != "/" {
            missing.append(current)
            current = Path.parent(current)
        }
        var made: [String] = []
        for folder in missing.reversed() {
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                let code = Errno.current
                for done in made.reversed() { rmdir(done) }
                throw .failed("ward: cannot create \(folder): \(code)")
            }
            made.append(folder)
        }
        return made
    }

    /// A file's bytes as text, or nil when it is missing or not a regular file.
    static func readText(_ path: String, limit: Int = 1 << 20) -> String? {
        guard let st = lstatus(path), st.isRegularFile else { return nil }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count < limit {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `text` to `path` through a temporary file renamed over it, with `mode`.
    static func writeAtomically(_ path: String, _ text: String, mode: mode_t = 0o644) throws(WorktreeError) {
        let temp = path + ".tmp.\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .failed("ward: cannot write \(temp): \(Errno.current)") }
        do {
            try FileDescriptor(rawValue: fd).writeAll(Array(text.utf8))
            close(fd)
        } catch {
            close(fd)
            unlink(temp)
            throw .failed("ward: cannot write \(temp): \(error)")
        }
        guard rename(temp, path) == 0 else {
            let code = Errno.current
            unlink(temp)
            throw .failed("ward: cannot rename \(temp) to \(path): \(code)")
        }
    }

    /// Copies the regular file `source` to `target`, which must not exist (`O_EXCL`: never
    /// overwrites), with mode 0600. Returns false when `target` already exists.
    static func copyExclusive(_ source: String, to target: String) throws(WorktreeError) -> Bool {
        let input = open(source, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard input >= 0 else { throw .failed("ward: cannot read \(source): \(Errno.current)") }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if output < 0 {
            if errno == EEXIST { return false }
            throw .failed("ward: cannot create \(target): \(Errno.current)")
        }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .failed("ward: cannot read \(source): \(Errno.current)") }
            if n == 0 { break }
            do {
                try FileDescriptor(rawValue: output).writeAll(Array(buffer[0..<n]))
            } catch {
                throw .failed("ward: cannot write \(target): \(error)")
            }
        }
        fchmod(output, 0o600)
        return true
    }

    /// The target a symbolic link holds (`readlink(2)`), or nil.
    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let n = readlink(path, &buffer, 4096)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The names in a folder, without `.` and `..`, sorted; empty when it cannot be read.
    static func names(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.prefix { $0 != 0 }
                return String(decoding: bytes, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The `d_type` values of `readdir(3)` the teardown reads (`DT_UNKNOWN`, `DT_DIR`, `DT_LNK`).
    enum EntryType {
        static let unknown: UInt8 = 0
        static let directory: UInt8 = 4
        static let link: UInt8 = 10
    }

    /// The entry's `d_type` (`DT_UNKNOWN` where the platform has no such field).
    static func entryType(_ entry: UnsafeMutablePointer<dirent>) -> UInt8 {
        #if os(Linux) || canImport(Darwin)
            return UInt8(entry.pointee.d_type)
        #else
            return EntryType.unknown
        #endif
    }

    /// The names in a folder with their `d_type`, without `.` and `..`; empty when it cannot be read.
    static func typedNames(in directory: String) -> [(name: String, type: UInt8)] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [(name: String, type: UInt8)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append((name, entryType(entry))) }
        }
        return names
    }

    /// The UTC time now as ISO 8601 (`2026-01-31T12:00:00Z`).
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// The real path of an existing file or folder (`realpath(3)`), or nil.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
