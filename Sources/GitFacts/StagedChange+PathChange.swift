import Git
public import Workspace

extension PathChange {
    /// A libgit2 change as `git diff --raw` would report it.
    init(_ change: StagedChange) {
        let letter: Character
        switch change.status {
        case .added: letter = "A"
        case .modified: letter = "M"
        case .deleted: letter = "D"
        case .renamed: letter = "R"
        case .copied: letter = "C"
        case .typechange: letter = "T"
        case .conflicted: letter = "U"
        }
        self.init(
            status: letter, oldPath: change.oldPath, newPath: change.newPath, newMode: change.newMode,
            newBlob: change.newObjectID?.hex)
    }
}
