import Base
import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why an installation step could not be done: what, where, what to do.
public struct InstallError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The few file operations installation needs, over POSIX: atomic replacement, renames that
/// keep a file's bytes and mode, folders created on the way.
enum FileOps {
    /// The permission bits of `path`, nil when it does not exist.
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    static func isExecutable(_ path: String) -> Bool {
        access(path, X_OK) == 0 && FileSystem.isRegularFile(path)
    }

    /// Creates `path` and its missing parents.
    static func makeDirectories(_ path: String) throws(InstallError) {
        if FileSystem.isDirectory(path) { return }
        let parent = Path.parent(path)
        if parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw InstallError("ward install: cannot create the folder \(path): \(Errno.current.description)")
        }
    }

    /// Replaces `path` with `bytes` atomically: a temporary file in the same folder, flushed,
    /// then renamed over it, so a reader (git, an agent) sees the old file or the new, never half.
    static func writeAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(InstallError) {
        try makeDirectories(Path.parent(path))
        let temporary = path + ".ward-tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw InstallError("ward install: cannot write \(path): \(Errno.current.description)")
        }
        do {
            try FileDescriptor(rawValue: fd).writeAll(bytes)
        } catch {
            FileDescriptor(rawValue: fd).close()
            unlink(temporary)
            throw InstallError("ward install: cannot write \(path): \(error.description)")
        }
        fchmod(fd, mode)
        fsync(fd)
        FileDescriptor(rawValue: fd).close()
        guard rename(temporary, path) == 0 else {
            let error = Errno.current
            unlink(temporary)
            throw InstallError("ward install: cannot replace \(path): \(error.description)")
        }
    }

    static func move(_ from: String, _ to: String) throws(InstallError) {
        guard rename(from, to) == 0 else {
            throw InstallError("ward: cannot rename \(from) to \(to): \(Errno.current.description)")
        }
    }

    static func remove(_ path: String) throws(InstallError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw InstallError("ward uninstall: cannot remove \(path): \(Errno.current.description)")
        }
    }

    static func read(_ path: String) -> [UInt8]? {
        FileSystem.readFile(path, limit: 16 << 20)
    }
}
