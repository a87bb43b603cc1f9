import Base
import Workspace

/// What installing or uninstalling did to one file, as a line for the person who ran it.
public struct InstallChange: Sendable, Equatable {
    public enum Action: String, Sendable {
        case created, updated, unchanged, chained, removed, restored, absent
    }

    public var path: String
    public var action: Action
    public var note: String

    public init(_ path: String, _ action: Action, _ note: String = "") {
        self.path = path
        self.action = action
        self.note = note
    }

    /// `created  .git/hooks/pre-commit (the hook that was there runs first)`.
    public func line(relativeTo root: String?) -> String {
        let shown = root.flatMap { Path.relative(path, to: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? path
        return "\(action.rawValue)\(String(repeating: " ", count: max(1, 10 - action.rawValue.count)))\(shown)"
            + (note.isEmpty ? "" : " (\(note))")
    }
}

/// Writes ward's shims into the hooks folder git uses, and takes them out again.
///
/// The folder is the one git runs hooks from: `core.hooksPath` when set (husky's `.husky/`),
/// else the common git dir's `hooks`, shared by every linked worktree. A hook that was there
/// is renamed to `<hook>.pre-ward` (a rename keeps its bytes and mode) and the shim runs it
/// first; uninstalling renames it back, so the folder is byte for byte what it was.
public struct GitHookInstaller: Sendable {
    /// The hooks folder git uses.
    public var hooksDir: String
    /// The absolute path of the `ward` executable the shims call.
    public var ward: String

    public init(hooksDir: String, ward: String) {
        self.hooksDir = hooksDir
        self.ward = ward
    }

    /// Installs the shims for `hooks` (names from `HookShim.hooks`); running it again changes nothing.
    public func install(_ hooks: [String]) throws(InstallError) -> [InstallChange] {
        try FileOps.makeDirectories(hooksDir)
        var changes: [InstallChange] = []
        for hook in hooks {
            let path = hooksDir + "/" + hook
            let previous = path + HookShim.previousSuffix
            let shim = Array(HookShim.render(hook: hook, ward: ward).utf8)
            switch FileSystem.kind(path) {
            case .missing:
                try FileOps.writeAtomically(path, shim, mode: 0o755)
                changes.append(InstallChange(path, .created))
            default:
                let current = FileOps.read(path) ?? []
                if HookShim.isShim(String(decoding: current, as: UTF8.self)) {
                    if current == shim {
                        changes.append(InstallChange(path, .unchanged))
                    } else {
                        try FileOps.writeAtomically(path, shim, mode: FileOps.mode(path) ?? 0o755)
                        changes.append(InstallChange(path, .updated, "now calls \(ward)"))
                    }
                    continue
                }
                guard FileSystem.kind(previous) == .missing else {
                    throw InstallError(
                        "ward install: \(path) is not ward's shim and \(previous) exists already; move one of them away and run 'ward install' again"
                    )
                }
                try FileOps.move(path, previous)
                do {
                    try FileOps.writeAtomically(path, shim, mode: 0o755)
                } catch {
                    try? FileOps.move(previous, path)
                    throw error
                }
                let note =
                    FileOps.isExecutable(previous)
                    ? "the hook that was there is kept as \(hook)\(HookShim.previousSuffix) and runs first"
                    : "the hook that was there is kept as \(hook)\(HookShim.previousSuffix); it is not executable, so git did not run it and the shim does not either"
                changes.append(InstallChange(path, .chained, note))
            }
        }
        return changes
    }

    /// Removes ward's shims for `hooks` and puts back what was there before.
    public func uninstall(_ hooks: [String]) throws(InstallError) -> [InstallChange] {
        var changes: [InstallChange] = []
        for hook in hooks {
            let path = hooksDir + "/" + hook
            let previous = path + HookShim.previousSuffix
            guard let current = FileOps.read(path), HookShim.isShim(String(decoding: current, as: UTF8.self)) else {
                changes.append(
                    InstallChange(
                        path, .absent, FileSystem.kind(path) == .missing ? "no hook" : "not ward's shim; left as it is")
                )
                continue
            }
            if FileSystem.kind(previous) != .missing {
                try FileOps.move(previous, path)
                changes.append(InstallChange(path, .restored, "the hook that was there before ward"))
            } else {
                try FileOps.remove(path)
                changes.append(InstallChange(path, .removed))
            }
        }
        return changes
    }
}
