public import GitHooks
public import Workspace

/// Which files a gate run takes: the staged ones (the default, as at pre-commit), every tracked
/// file, files given by path, or what a range of commits changes.
public enum GateFileSelection: Sendable, Equatable {
    case staged
    case allFiles
    case files([String])
    /// `BASE..HEAD` (or `..HEAD` from the root), as `ward check range` takes it.
    case range(String)
}

extension GateInput {
    /// The files `selection` names in the work tree `root` of `location`, with their staged blob ids.
    public static func select(
        _ selection: GateFileSelection, root: String, location: RepositoryLocation, environment env: [String: String]
    ) throws(GateError) -> [GateInput] {
        switch selection {
        case .allFiles:
            return try allFiles(in: root, environment: env)
        case .files(let paths):
            return try given(paths, in: root, environment: env)
        case .range(let range):
            let sides = try? RangeCommand.parse(range)
            guard let (base, head) = sides else { throw GateError("expected --range BASE..HEAD, found '\(range)'") }
            do {
                return staged(try GitCommand.changes(base, head, in: root, environment: env))
            } catch {
                throw GateError(
                    "git cannot compare \(base.map { $0 + "..." } ?? "the root to ")\(head) (see its message above); check the names, or fetch them first"
                )
            }
        case .staged:
            do {
                return staged(try GitCLIFacts(directory: root, environment: env, location: location).stagedChanges())
            } catch {
                throw GateError(error.description)
            }
        }
    }
}
