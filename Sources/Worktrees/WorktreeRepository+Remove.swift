import Base
import Policy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one removal did.
public struct RemoveResult: Sendable, Equatable {
    public var name: String
    public var path: String
    public var branch: String?
    /// `refs/ward/trash/<branch>` when the tip was saved there.
    public var savedRef: String?
    /// Whether the branch was deleted (`--delete-branch`, tip unchanged).
    public var deletedBranch: Bool
    /// How many symbolic links were unlinked before the delete.
    public var linksUnlinked: Int
    public var notes: [String]
}

/// Why a worktree's work would be lost by removing it.
public struct WorkAtRisk: Sendable, Equatable {
    public var staged = 0
    public var unstaged = 0
    public var untracked = 0
    /// Commits of the tip that no other branch, remote-tracking branch or tag has.
    public var unpushed = 0

    public var isEmpty: Bool { staged + unstaged + untracked + unpushed == 0 }
    public var isDirty: Bool { staged + unstaged + untracked > 0 }

    /// `2 staged, 1 untracked, 3 commits on no other branch or remote`.
    public var summary: String {
        var parts: [String] = []
        if staged > 0 { parts.append("\(staged) staged") }
        if unstaged > 0 { parts.append("\(unstaged) unstaged") }
        if untracked > 0 { parts.append("\(untracked) untracked") }
        if unpushed > 0 {
            parts.append("\(unpushed) commit\(unpushed == 1 ? "" : "s") on no other branch or remote")
        }
        return parts.joined(separator: ", ")
    }
}

/// A removal in progress, journaled in `<commonDir>/ward/removals/<id>.json` before anything
/// moves, so that a removal killed in any phase is completed by the next `remove` or `prune`.
struct RemovalJournal: Equatable {
    var id: String
    var name: String
    var path: String
    var adminDir: String
    var trash: String
    var branch: String?
    var tip: String?
    var deleteBranch: Bool

    var json: String {
        var w = JSONWriter()
        w.object { w in
            for (key, value) in [
                ("id", id), ("name", name), ("path", path), ("adminDir", adminDir), ("trash", trash),
            ] {
                w.member(key, value)
            }
            w.member("branch", branch)
            w.member("tip", tip)
            w.member("deleteBranch", deleteBranch)
        }
        return w.string + "\n"
    }

    static func read(_ file: String) -> RemovalJournal? {
        guard let text = Disk.readText(file), let v = try? JSONParser.parse(text), let id = v["id"]?.stringValue,
            let path = v["path"]?.stringValue, let admin = v["adminDir"]?.stringValue,
            let trash = v["trash"]?.stringValue
        else { return nil }
        return RemovalJournal(
            id: id, name: v["name"]?.stringValue ?? id, path: path, adminDir: admin, trash: trash,
            branch: v["branch"]?.stringValue, tip: v["tip"]?.stringValue,
            deleteBranch: v["deleteBranch"]?.boolValue ?? false)
    }
}

extension WorktreeRepository {
    /// The phases of a removal, in order; tests stop after one to stand for a `kill -9` there.
    enum RemovalPhase: Int, Comparable {
        case journaled, renamed, adminPruned, linksUnlinked, deleted
        static func < (a: RemovalPhase, b: RemovalPhase) -> Bool { a.rawValue < b.rawValue }
    }

    /// Removes the worktree `name` safely (see `checkLinkage` and `workAtRisk`): refuses dirty or
    /// unpushed work without `force`; with `force` (or `deleteBranch`) saves the tip under
    /// `refs/ward/trash/<branch>` first; renames the folder into `.ward-trash` beside it, prunes
    /// the admin entry, unlinks every link, then deletes, never following a link or crossing a
    /// file system.
    public func remove(_ name: String, force: Bool = false, deleteBranch: Bool = false) throws(WorktreeError)
        -> RemoveResult
    {
        try remove(name, force: force, deleteBranch: deleteBranch, stopAfter: nil)
    }

    func remove(_ name: String, force: Bool, deleteBranch: Bool, stopAfter: RemovalPhase?) throws(WorktreeError)
        -> RemoveResult
    {
        let lock = try RepositoryLock(commonDir: commonDir)
        defer { withExtendedLifetime(lock) {} }
        var notes = completePendingRemovals()
        let entry = try entry(named: name)
        var result = try removeLocked(
            entry, force: force, deleteBranch: deleteBranch, integrated: false, stopAfter: stopAfter)
        notes += result.notes
        result.notes = notes
        return result
    }

    /// The removal itself, under the lock. `integrated`: the branch's work is on the base
    /// (`prune --merged`), so commits on no other branch do not hold it back.
    func removeLocked(
        _ entry: Entry, force: Bool, deleteBranch: Bool, integrated: Bool, stopAfter: RemovalPhase? = nil
    ) throws(WorktreeError) -> RemoveResult {
        let inventory = try checkLinkage(entry)
        var risk = try workAtRisk(entry)
        // --delete-branch deletes the branch ward recorded at add (the manifest's), which an
        // agent may have switched away from; its own commits count too, and its tip is saved.
        let recorded = entry.manifest?.branch ?? entry.branch
        var recordedTip = entry.head
        if let recorded, recorded != entry.branch {
            recordedTip = branchCommit(recorded)
            if deleteBranch, let tip = recordedTip {
                let arguments = [
                    "rev-list", "--count", tip, "--not", "--exclude=" + recorded, "--branches", "--remotes",
                ]
                risk.unpushed += Int(try git.run(arguments + ["--tags"], in: mainRoot).trimmed) ?? 0
            }
        }
        if integrated { risk.unpushed = 0 }
        if !risk.isEmpty && !force {
            throw .refused(
                "ward worktree remove: \(entry.name) has work that would be lost (\(risk.summary)); commit and push it, or give --force (the tip is saved under refs/ward/trash/)",
                rule: "worktree-unsaved-work")
        }
        var notes: [String] = []
        if risk.isDirty && force {
            notes.append("discarded uncommitted work in \(entry.name): \(risk.summary)")
        }
        var savedRef: String?
        let trashDir = Path.parent(entry.path) + "/.ward-trash"
        _ = try Disk.makeDirectories(trashDir)
        // The trash is a real folder (not a link to elsewhere) on the worktree's file system.
        guard let trash = Disk.lstatus(trashDir), trash.isDirectory,
            trash.device == Disk.lstatus(entry.path)?.device
        else {
            throw .refused(
                "ward worktree remove: \(trashDir) is not a folder on the worktree's file system; nothing deleted",
                rule: "worktree-trash")
        }
        // Without --force nothing at risk remains (checked above), so the tip needs saving only
        // with --force, or when prune --merged removes a branch whose commits are on no branch.
        if let tip = entry.head, force || integrated {
            let ref = "refs/ward/trash/" + (entry.branch ?? "detached/\(entry.id)")
            try git.run(
                ["update-ref", "--create-reflog", "-m", "ward worktree remove \(entry.name)", ref, tip], in: mainRoot)
            savedRef = ref
        }
        if deleteBranch, force, let recorded, recorded != entry.branch, let tip = recordedTip {
            try git.run(
                [
                    "update-ref", "--create-reflog", "-m", "ward worktree remove \(entry.name)",
                    "refs/ward/trash/" + recorded, tip,
                ],
                in: mainRoot)
        }
        let journal = RemovalJournal(
            id: entry.id, name: entry.name, path: entry.path, adminDir: entry.adminDir,
            trash: trashDir + "/\(entry.id).\(getpid()).\(time(nil))", branch: recorded, tip: recordedTip,
            deleteBranch: deleteBranch)
        _ = try Disk.makeDirectories(removalsDir)
        let journalFile = removalsDir + "/\(entry.id).json"
        try Disk.writeAtomically(journalFile, journal.json)
        if stopAfter == .journaled { return partial(entry, savedRef, inventory) }
        guard rename(entry.path, journal.trash) == 0 else {
            let code = Errno.current
            unlink(journalFile)
            throw .failed(
                "ward worktree remove: cannot move \(entry.path) into \(trashDir): \(code); nothing was deleted")
        }
        return try finish(journal, journalFile: journalFile, savedRef: savedRef, notes: notes, stopAfter: stopAfter)
    }

    private func partial(_ entry: Entry, _ savedRef: String?, _ inventory: Teardown.Inventory) -> RemoveResult {
        RemoveResult(
            name: entry.name, path: entry.path, branch: entry.branch, savedRef: savedRef, deletedBranch: false,
            linksUnlinked: 0, notes: ["stopped early (test)"])
    }

    /// The phases after the rename: prune the admin entry, unlink the links, delete, delete the
    /// branch when asked and unchanged, drop the journal. Also what completes an interrupted removal.
    private func finish(
        _ journal: RemovalJournal, journalFile: String, savedRef: String?, notes: [String],
        stopAfter: RemovalPhase? = nil
    ) throws(WorktreeError) -> RemoveResult {
        var notes = notes
        func stopped(links: Int = 0) -> RemoveResult {
            RemoveResult(
                name: journal.name, path: journal.path, branch: journal.branch, savedRef: savedRef,
                deletedBranch: false, linksUnlinked: links, notes: ["stopped early (test)"])
        }
        if stopAfter == .renamed { return stopped() }
        // The admin entry goes only when it still names the folder that moved away.
        let gitdir = Disk.readText(journal.adminDir + "/gitdir").map { String($0.trimmingWhitespace()) }
        if gitdir == journal.path + "/.git", !Disk.exists(journal.path) {
            try Teardown.remove(journal.adminDir)
        }
        if stopAfter == .adminPruned { return stopped() }
        let inventory = try Teardown.inventory(journal.trash)
        if let mount = inventory.mounts.first {
            throw .refused(
                "ward worktree: \(mount) is a mount point in \(journal.trash); unmount it, then run 'ward worktree prune'",
                rule: "worktree-mount-point")
        }
        try Teardown.unlinkLinks(inventory)
        if stopAfter == .linksUnlinked { return stopped(links: inventory.links.count) }
        try Teardown.deleteTree(journal.trash)
        rmdir(Path.parent(journal.trash))
        if stopAfter == .deleted { return stopped(links: inventory.links.count) }
        var deleted = false
        if journal.deleteBranch, let branch = journal.branch, let tip = journal.tip {
            let result = git.attempt(["update-ref", "-d", "refs/heads/" + branch, tip], in: mainRoot)
            if result.succeeded {
                deleted = true
            } else {
                notes.append("kept the branch \(branch): its tip is no longer \(String(tip.prefix(12)))")
            }
        }
        unlink(journalFile)
        return RemoveResult(
            name: journal.name, path: journal.path, branch: journal.branch, savedRef: savedRef, deletedBranch: deleted,
            linksUnlinked: inventory.links.count, notes: notes)
    }

    /// Completes every journaled removal that was interrupted; the caller holds the lock.
    /// Returns one note per removal completed.
    @discardableResult
    func completePendingRemovals() -> [String] {
        var notes: [String] = []
        for file in Disk.names(in: removalsDir) where file.hasSuffix(".json") {
            let path = removalsDir + "/" + file
            guard let journal = RemovalJournal.read(path) else { continue }
            if !Disk.exists(journal.trash) && Disk.exists(journal.path) {
                // Killed before the rename: nothing moved; the worktree is intact.
                unlink(path)
                notes.append("an interrupted removal of \(journal.name) had not started; the worktree is intact")
                continue
            }
            do {
                _ = try finish(journal, journalFile: path, savedRef: nil, notes: [])
                notes.append("completed the interrupted removal of \(journal.name)")
            } catch {
                notes.append("could not complete the interrupted removal of \(journal.name): \(error.description)")
            }
        }
        return notes
    }

    /// The checks before any removal: the folder's real path is the registered path and lies
    /// under the worktrees root; its `.git` names its admin entry and the entry names it back;
    /// it is not the main worktree, does not hold the current directory, is not locked and has
    /// no mount point under it. Returns its inventory of links.
    func checkLinkage(_ entry: Entry) throws(WorktreeError) -> Teardown.Inventory {
        let name = entry.name
        guard entry.path.hasPrefix("/") else {
            throw .refused(
                "ward worktree remove: \(name): its admin entry names no folder; run 'ward worktree repair'",
                rule: "worktree-admin-mismatch")
        }
        guard let st = Disk.lstatus(entry.path) else {
            throw .refused(
                "ward worktree remove: \(name): \(entry.path) is missing; 'ward worktree prune' drops the entry",
                rule: "worktree-missing")
        }
        guard st.isDirectory, !st.isSymbolicLink else {
            throw .refused(
                "ward worktree remove: \(name): \(entry.path) is not a directory; nothing deleted",
                rule: "worktree-not-directory")
        }
        guard Disk.realPath(entry.path) == entry.path else {
            throw .refused(
                "ward worktree remove: \(name): the real path of \(entry.path) is \(Disk.realPath(entry.path) ?? "?"), not the registered path; nothing deleted",
                rule: "worktree-real-path")
        }
        let root = Disk.realPath(settings.root) ?? Path.normalize(settings.root)
        guard Path.isStrictlyWithin(entry.path, root) else {
            throw .refused(
                "ward worktree remove: \(name): \(entry.path) is not under the worktrees root \(root); remove it with git if you mean to",
                rule: "worktree-outside-root")
        }
        if entry.path == mainRoot || Path.isWithin(mainRoot, entry.path) || Path.isWithin(commonDir, entry.path) {
            throw .refused(
                "ward worktree remove: \(name) is (or holds) the main worktree; it is never removed",
                rule: "worktree-main")
        }
        if Path.isWithin(currentDirectory, entry.path) {
            throw .refused(
                "ward worktree remove: \(name) holds the current directory \(currentDirectory); run it from elsewhere",
                rule: "worktree-current-directory")
        }
        if let reason = entry.locked {
            throw .refused(
                "ward worktree remove: \(name) is locked\(reason.isEmpty ? "" : " (\(reason))"); 'git worktree unlock \(entry.path)' first",
                rule: "worktree-locked")
        }
        let dotGit = entry.path + "/.git"
        guard let dotStatus = Disk.lstatus(dotGit), dotStatus.isRegularFile,
            let text = Disk.readText(dotGit), text.hasPrefix("gitdir: ")
        else {
            throw .refused(
                "ward worktree remove: \(name): \(dotGit) is not a gitdir file; nothing deleted",
                rule: "worktree-admin-mismatch")
        }
        let named = String(text.dropFirst("gitdir: ".count).trimmingWhitespace())
        let namedReal = Disk.realPath(Path.absolute(named, relativeTo: entry.path))
        guard namedReal == (Disk.realPath(entry.adminDir) ?? entry.adminDir) else {
            throw .refused(
                "ward worktree remove: \(name): \(dotGit) points at \(named), not at its admin entry \(entry.adminDir); nothing deleted ('ward worktree repair' fixes a moved worktree)",
                rule: "worktree-admin-mismatch")
        }
        let back = Disk.readText(entry.adminDir + "/gitdir").map { String($0.trimmingWhitespace()) }
        guard back == dotGit else {
            throw .refused(
                "ward worktree remove: \(name): the admin entry points at \(back ?? "nothing"), not \(dotGit); nothing deleted",
                rule: "worktree-admin-mismatch")
        }
        let inventory = try Teardown.inventory(entry.path)
        if let mount = inventory.mounts.first {
            throw .refused(
                "ward worktree remove: \(name): \(mount) is a mount point; unmount it first; nothing deleted",
                rule: "worktree-mount-point")
        }
        return inventory
    }

    /// The work removing `entry` would lose: staged, unstaged and untracked changes (`git
    /// status`; ignored files do not count, as with `git worktree remove`), and commits of its
    /// tip on no other branch, remote-tracking branch or tag.
    public func workAtRisk(_ entry: Entry) throws(WorktreeError) -> WorkAtRisk {
        var risk = try statusCounts(entry.path)
        if let tip = entry.head {
            var arguments = ["rev-list", "--count", tip, "--not"]
            if let branch = entry.branch { arguments.append("--exclude=" + branch) }
            arguments += ["--branches", "--remotes", "--tags"]
            risk.unpushed = Int(try git.run(arguments, in: mainRoot).trimmed) ?? 0
        }
        return risk
    }
}
