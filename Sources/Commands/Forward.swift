import Base
import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hands every command the front does not answer to `ward-git`, the libgit2-backed half.
public enum Forward {
    /// The directory of the running executable (`/proc/self/exe` resolved), or nil.
    public static func executableDirectory() -> String? {
        let path = FileSystem.realpath("/proc/self/exe") ?? FileSystem.realpath(CommandLine.arguments.first ?? "")
        guard let path, let slash = path.lastIndex(of: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Replaces this process with `ward-git` (wraps `execv(3)`): argv, stdin, stdout, stderr and
    /// the environment pass through unchanged. Returns only when that is impossible.
    public static func execWardGit(_ arguments: [String]) -> CommandError {
        guard let directory = executableDirectory() else {
            return .configuration("ward: cannot find ward's own executable to locate ward-git; reinstall ward")
        }
        let target = directory + "/ward-git"
        guard access(target, X_OK) == 0 else {
            return .configuration("ward: ward-git not found next to \(directory)/ward; reinstall ward")
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        execv(target, argv)
        let code = errno
        return .configuration("ward: cannot run \(target): \(Errno(rawValue: code).description); reinstall ward")
    }
}
