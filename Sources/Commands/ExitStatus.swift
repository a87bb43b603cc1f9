/// The exit statuses of ordinary commands and git hooks (DESIGN.md §12), shared by `ward` and
/// `ward-git` so both binaries answer the same way.
///
/// Agent hooks do not use these: they answer in their agent's protocol and always exit 0.
public enum ExitStatus: Int32, Sendable {
    /// Allowed, or only warnings.
    case ok = 0
    /// A check ran and failed: deny and ask count as failed.
    case checkFailed = 1
    /// Bad usage, or a configuration (policy file, missing `ward-git`) that cannot be used.
    case usage = 2
    /// A bug or an environment ward cannot work in.
    case internalError = 3
    /// Stopped by Ctrl-C (SIGINT) or SIGTERM, as shells report it (128 + 2).
    case interrupted = 130
}

/// Why a command could not do its job; `main` prints it as one line and maps it to a status.
public enum CommandError: Error, Sendable {
    /// Bad arguments, exit 2.
    case usage(String)
    /// A configuration or environment problem the user can fix, exit 2.
    case configuration(String)
    /// Something that should not happen, exit 3.
    case internalError(String)

    public var status: ExitStatus {
        switch self {
        case .usage, .configuration: return .usage
        case .internalError: return .internalError
        }
    }

    public var message: String {
        switch self {
        case .usage(let m), .configuration(let m), .internalError(let m): return m
        }
    }
}

/// ward's version, in one place for both binaries.
public enum WardVersion {
    public static let string = "0.1.0"
}
