/// The exit statuses of ordinary commands (DESIGN.md §12). Git hooks use the same ones.
enum ExitStatus: Int32 {
    /// Everything checked passed; warnings may have been printed.
    case ok = 0
    /// A check ran and failed.
    case checkFailed = 1
    /// Bad usage or a configuration that cannot be used.
    case usage = 2
    /// A bug or an environment ward cannot work in.
    case internalError = 3
}

/// Why a command could not do its job; `main` prints it as one line and maps it to a status.
enum CommandError: Error {
    /// Bad arguments: printed with a pointer to `--help`, exit 2.
    case usage(String)
    /// A configuration or environment problem the user can fix, exit 2.
    case configuration(String)
    /// Something that should not happen, exit 3.
    case internalError(String)

    var status: ExitStatus {
        switch self {
        case .usage, .configuration: return .usage
        case .internalError: return .internalError
        }
    }

    var message: String {
        switch self {
        case .usage(let m), .configuration(let m), .internalError(let m): return m
        }
    }
}
