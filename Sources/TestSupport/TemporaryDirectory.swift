import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh directory for one test, removed with everything in it when the value goes away.
///
/// Tests own their files (STYLE.md): no shared fixtures, no `chdir`. Created with `mkdtemp`
/// under `$TMPDIR` (or `/tmp`), and its `path` is the `realpath`, so tests can compare it with
/// the symlink-free paths `Workspace` returns. Removal walks the tree with `lstat` and unlinks
/// symlinks instead of following them, so a test that plants a link to `/` or `$HOME` can
/// never make the cleanup delete anything outside this directory.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute, symlink-free path.
    public let path: String

    /// Creates `<base>/<prefix>.XXXXXX`; `base` defaults to `$TMPDIR`, else `/tmp`, and must exist.
    public init(prefix: String = "ward-test", base: String? = nil) throws {
        let base = base ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/" + prefix + ".XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buf -> String? in
            guard let base = buf.baseAddress, let result = mkdtemp(base) else { return nil }
            return String(cString: result)
        }
        guard let made else {
            throw TestSupportError(
                "cannot create a temporary directory under \(base): \(String(cString: strerror(errno)))")
        }
        path = realPath(made) ?? made
    }

    deinit {
        Self.removeTree(path)
    }

    /// `path/relative`.
    public func appending(_ relative: String) -> String {
        relative.isEmpty ? path : path + "/" + relative
    }

    /// Deletes `root` and everything below it without following symlinks; directories are
    /// made writable first so that tests may drop permissions on what they create.
    static func removeTree(_ root: String) {
        var st = stat()
        guard lstat(root, &st) == 0 else { return }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            unlink(root)
            return
        }
        chmod(root, 0o700)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for name in names where name != "." && name != ".." {
            removeTree(root + "/" + name)
        }
        rmdir(root)
    }
}

/// A helper in `TestSupport` failed: what and why, in one line.
public struct TestSupportError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// `realpath(3)`: the absolute path with symlinks resolved, or nil when it does not exist.
public func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}
