import Base
public import Policy

/// `ward policy validate [FILE]`: the file it checks (FILE, else the repository's `ward.json`),
/// every error in it, and what the command prints.
public struct PolicyValidation: Sendable {
    /// Why there is nothing to validate: a usage error (no FILE outside a work tree) or a file
    /// that is missing or cannot be read.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var isUsage: Bool
        public var description: String
    }

    /// The absolute path checked.
    public var path: String
    /// Every error, in file order; empty when the file is valid.
    public var errors: [PolicyError]

    /// Validates `given` (relative to `currentDirectory`), or the `ward.json` of the work tree
    /// around `currentDirectory`.
    public init(file given: String?, currentDirectory: String, environment: [String: String]) throws(Failure) {
        if let given {
            path = Path.absolute(given, relativeTo: currentDirectory)
        } else {
            let repository = RepositoryLocator.locate(from: currentDirectory, environment: environment)
            guard let workTree = repository?.workTree else {
                throw Failure(
                    isUsage: true,
                    description:
                        "ward: policy validate: not inside a repository with a work tree; name the FILE to check")
            }
            path = workTree + "/ward.json"
        }
        switch FileSystem.read(path, limit: PolicyLoader.fileLimit) {
        case .missing: throw Failure(isUsage: false, description: "ward: \(path): no such file")
        case .failed(let code):
            throw Failure(
                isUsage: false, description: "ward: \(path): cannot be read (\(Errno(rawValue: code).description))")
        case .contents, .tooLarge: break
        }
        errors = PolicyLoader.validateAll(file: path)
    }

    public var ok: Bool { errors.isEmpty }

    /// stdout: `PATH: valid`, or one `ward: FILE:LINE: key: what` line per error.
    public var lines: [String] {
        ok ? ["\(path): valid"] : errors.map { "ward: \($0.description)" }
    }

    /// stderr after the errors: how many there are; nil when the file is valid.
    public var summary: String? {
        ok ? nil : "ward: \(path): \(errors.count) error\(errors.count == 1 ? "" : "s")"
    }
}
