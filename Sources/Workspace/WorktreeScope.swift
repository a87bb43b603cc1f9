import Base
import Policy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A worktree's own scope, stored in its git admin directory (`<gitDir>/ward/scope.json`).
///
/// `ward scope set GLOB…` writes it. It lives where agents cannot write (the git dir is in the
/// protected set), applies only to that worktree, and intersects with `ward.json`'s scope.
public enum WorktreeScope {
    /// The file for the checkout whose git dir is `gitDir`.
    public static func path(gitDir: String) -> String { gitDir + "/ward/scope.json" }

    /// The layer for the file's text: `{"allow": ["Sources/Auth/**"]}`.
    public static func layer(text: String, file: String) throws(PolicyError) -> PolicyLayer {
        let root = try JSONParser.parseFile(text, file: file)
        guard case .object(let members) = root.value, members.count == 1, members[0].key == "allow",
            case .array(let items) = members[0].value.value
        else {
            throw PolicyError(file: file, line: root.line, path: "", message: "expected {\"allow\": [globs]}")
        }
        var globs: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let g) = item.value else {
                throw PolicyError(file: file, line: item.line, path: "allow[\(i)]", message: "expected a string")
            }
            do {
                _ = try ScopePattern(g)
            } catch {
                throw PolicyError(file: file, line: item.line, path: "allow[\(i)]", message: error.description)
            }
            globs.append(g)
        }
        var layer = PolicyLayer(kind: .local, file: file)
        var scope = ScopeLayer()
        scope.allow = globs
        layer.scope = scope
        return layer
    }

    /// The JSON text for a list of globs, one per line.
    public static func text(for globs: [String]) -> String {
        "{\"allow\": [\n" + globs.map { "  " + JSONWriter.quote($0) }.joined(separator: ",\n") + "\n]}\n"
    }

    /// Writes the worktree's scope atomically (a temporary file renamed over the old one).
    public static func write(_ globs: [String], gitDir: String) throws(ScopeFileError) {
        let dir = gitDir + "/ward"
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw ScopeFileError(path: dir, operation: "create", code: errno)
        }
        let target = path(gitDir: gitDir)
        let temp = target + ".tmp.\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw ScopeFileError(path: temp, operation: "open", code: errno) }
        do {
            try FileDescriptor(rawValue: fd).writeAll(Array(text(for: globs).utf8))
            close(fd)
        } catch {
            close(fd)
            unlink(temp)
            throw ScopeFileError(path: temp, operation: "write", code: error.rawValue)
        }
        guard rename(temp, target) == 0 else {
            let e = errno
            unlink(temp)
            throw ScopeFileError(path: target, operation: "rename", code: e)
        }
    }

    /// Removes the worktree's scope; nothing to do when there is none.
    public static func clear(gitDir: String) throws(ScopeFileError) {
        let target = path(gitDir: gitDir)
        if unlink(target) != 0 && errno != ENOENT {
            throw ScopeFileError(path: target, operation: "remove", code: errno)
        }
    }
}

/// The worktree's scope file could not be written, with the path and the system's reason.
public struct ScopeFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var code: Int32
    public var description: String {
        "ward: cannot \(operation) \(path): \(Errno(rawValue: code))"
    }
}
