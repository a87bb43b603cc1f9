import Base
import Git

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `ward worktree prune` did and why it kept what it kept.
public struct PruneResult: Sendable, Equatable {
    /// Interrupted removals completed (one note each).
    public var completed: [String] = []
    /// Admin entries dropped because their folder is gone.
    public var prunedEntries: [String] = []
    /// Folders under the worktrees root that no repository registers.
    public var orphans: [String] = []
    /// Orphans moved (`--orphans`): folder → where it went.
    public var movedOrphans: [String: String] = [:]
    /// Worktrees removed because their branch is integrated (`--merged`).
    public var removed: [RemoveResult] = []
    /// Worktrees kept, with the reason.
    public var kept: [(name: String, reason: String)] = []

    public static func == (a: PruneResult, b: PruneResult) -> Bool {
        a.completed == b.completed && a.prunedEntries == b.prunedEntries && a.orphans == b.orphans
            && a.movedOrphans == b.movedOrphans && a.removed == b.removed
            && a.kept.map(\.name) == b.kept.map(\.name) && a.kept.map(\.reason) == b.kept.map(\.reason)
    }
}

extension WorktreeRepository {
    /// Completes interrupted removals, drops admin entries whose folder is gone (unless locked),
    /// reports orphan folders under the root (moving them into `.ward-trash` with `orphans`), and
    /// with `merged` removes every worktree whose branch is integrated into its base.
    public func prune(merged: Bool = false, orphans: Bool = false) throws(WorktreeError) -> PruneResult {
        let lock = try RepositoryLock(commonDir: commonDir)
        defer { withExtendedLifetime(lock) {} }
        var result = PruneResult()
        result.completed = completePendingRemovals()
        for entry in entries() where Disk.lstatus(entry.path) == nil {
            if entry.locked != nil {
                result.kept.append((entry.name, "its folder \(entry.path) is missing but it is locked"))
                continue
            }
            try Teardown.remove(entry.adminDir)
            result.prunedEntries.append(entry.name)
        }
        let root = Disk.realPath(settings.root) ?? Path.normalize(settings.root)
        let registered = Set(entries().map(\.path))
        for name in Disk.names(in: root) where name != ".ward-trash" {
            let folder = root + "/" + name
            guard Disk.lstatus(folder)?.isDirectory == true, !registered.contains(folder) else { continue }
            if registeredElsewhere(folder) { continue }
            result.orphans.append(folder)
            guard orphans else { continue }
            _ = try Disk.makeDirectories(root + "/.ward-trash")
            let target = root + "/.ward-trash/orphan-\(name).\(time(nil))"
            guard rename(folder, target) == 0 else {
                throw .failed("ward worktree prune: cannot move \(folder) to \(target): \(Errno.current)")
            }
            result.movedOrphans[folder] = target
        }
        if merged {
            let repository: Repository
            do {
                repository = try Repository.open(gitDir: commonDir, workTree: nil)
            } catch {
                throw .failed("ward worktree prune: cannot open \(commonDir): \(error.description)")
            }
            for entry in entries() where Disk.lstatus(entry.path) != nil {
                guard let branch = entry.branch, let tip = entry.head else {
                    result.kept.append((entry.name, "HEAD is detached: no branch to compare"))
                    continue
                }
                let base = entry.manifest?.base ?? defaultBase()
                if entry.manifest?.baseCommit == tip {
                    result.kept.append((entry.name, "\(branch) has no commits of its own yet"))
                    continue
                }
                guard let how = integration(tip: tip, base: base, repository: repository) else {
                    result.kept.append((entry.name, "\(branch) is not merged into \(base)"))
                    continue
                }
                do {
                    var removed = try removeLocked(entry, force: false, deleteBranch: true, integrated: true)
                    removed.notes.insert("\(branch) is in \(base): \(how)", at: 0)
                    result.removed.append(removed)
                } catch {
                    result.kept.append((entry.name, error.description))
                }
            }
        }
        return result
    }

    /// Whether the folder is a worktree some repository registers: its `.git` file names an
    /// admin entry whose `gitdir` names the folder back.
    func registeredElsewhere(_ folder: String) -> Bool {
        guard let text = Disk.readText(folder + "/.git"), text.hasPrefix("gitdir: ") else { return false }
        let admin = String(text.dropFirst(8).trimmingWhitespace())
        let back = Disk.readText(admin + "/gitdir").map { String($0.trimmingWhitespace()) }
        return back == folder + "/.git"
    }

    /// How `tip` is integrated into `base`, or nil when it is not: an ancestor of the base; a
    /// merge into the base that changes nothing (a squash merge, or the same changes made
    /// again); or a commit of the base since the merge base with the same patch id as the whole
    /// branch (a squash merge followed by other changes to those files).
    func integration(tip: String, base: String, repository: Repository) -> String? {
        guard let tipID = ObjectID(hex: tip), let baseHex = git.commit(base, in: mainRoot),
            let baseID = ObjectID(hex: baseHex)
        else { return nil }
        if tipID == baseID || (try? repository.isDescendant(baseID, of: tipID)) == true {
            return "its tip is in the base's history"
        }
        if let preview = try? repository.previewMerge(ours: baseID, theirs: tipID), let tree = preview.tree,
            tree == (try? repository.treeID(ofCommit: baseID))
        {
            return "merging it into the base changes nothing (squash-merged)"
        }
        guard let mergeBase = try? repository.mergeBase(baseID, tipID) else { return nil }
        let branchDiff = git.attempt(["diff", "--no-color", "--no-ext-diff", mergeBase.hex, tip], in: mainRoot)
        guard branchDiff.succeeded, !branchDiff.output.isEmpty else { return nil }
        let branchID = git.attempt(["patch-id", "--stable"], in: mainRoot, input: branchDiff.output)
        guard let wanted = branchID.trimmed.split(separator: " ").first, !wanted.isEmpty else { return nil }
        let log = git.attempt(
            [
                "log", "-p", "--no-color", "--no-ext-diff", "--no-merges", "--format=commit %H",
                mergeBase.hex + ".." + baseHex,
            ],
            in: mainRoot)
        guard log.succeeded else { return nil }
        let ids = git.attempt(["patch-id", "--stable"], in: mainRoot, input: log.output)
        for line in ids.text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.first == wanted, parts.count > 1 {
                return "commit \(parts[1].prefix(12)) of the base has the same patch id"
            }
        }
        return nil
    }

    /// `git worktree repair` (for moved worktrees, with their new paths), then the links the
    /// manifests record re-created where missing. Returns one line per repair.
    public func repair(paths: [String]) throws(WorktreeError) -> [String] {
        let lock = try RepositoryLock(commonDir: commonDir)
        defer { withExtendedLifetime(lock) {} }
        var lines: [String] = []
        let result = try git.run(["worktree", "repair"] + paths, in: mainRoot)
        for line in (result.text + "\n" + result.error).split(separator: "\n") where !line.isEmpty {
            lines.append(String(line))
        }
        for entry in entries() {
            guard var manifest = entry.manifest, Disk.lstatus(entry.path)?.isDirectory == true else { continue }
            if manifest.path != entry.path {
                lines.append("recorded the new place of \(manifest.name): \(entry.path)")
                manifest.path = entry.path
                try manifest.write(adminDir: entry.adminDir)
            }
            for link in manifest.links {
                let at = entry.path + "/" + link.path
                guard Disk.lstatus(at) == nil, Disk.status(link.target)?.isDirectory == true else { continue }
                guard symlink(link.target, at) == 0 else {
                    throw .failed("ward worktree repair: cannot link \(at) to \(link.target): \(Errno.current)")
                }
                lines.append("re-linked \(at) → \(link.target)")
            }
        }
        return lines
    }
}
