import Base
import Git

/// One worktree's health, as `ward worktree list` shows it.
public struct WorktreeHealth: Sendable, Equatable {
    /// One thing wrong, and the command that repairs it.
    public struct Problem: Sendable, Equatable {
        public var rule: String
        public var message: String
        public var repair: String
    }

    public var name: String
    public var path: String
    public var isMain: Bool
    public var branch: String?
    public var head: String?
    public var base: String?
    public var ahead: Int?
    public var behind: Int?
    public var staged: Int?
    public var unstaged: Int?
    public var untracked: Int?
    public var locked: String?
    /// The folder is gone: `git worktree prune` (and `ward worktree prune`) would drop the entry.
    public var prunable: Bool
    public var linksIntact: Bool
    public var envFilesPresent: Bool
    public var problems: [Problem]
}

extension WorktreeRepository {
    /// Every worktree, the main one first, with its health.
    public func list() -> [WorktreeHealth] {
        let repository = try? Repository.open(gitDir: commonDir, workTree: nil)
        var all: [WorktreeHealth] = []
        let mainHead = Disk.readText(commonDir + "/HEAD").map { String($0.trimmingWhitespace()) } ?? ""
        var main = WorktreeHealth(
            name: "(main)", path: mainRoot, isMain: true,
            branch: mainHead.hasPrefix("ref: refs/heads/") ? String(mainHead.dropFirst(16)) : nil,
            head: git.commit("HEAD", in: mainRoot), prunable: false, linksIntact: true, envFilesPresent: true,
            problems: [])
        fillStatus(&main)
        all.append(main)
        for entry in entries().sorted(by: { $0.name < $1.name }) {
            all.append(health(entry, repository: repository))
        }
        return all
    }

    func health(_ entry: Entry, repository: Repository?) -> WorktreeHealth {
        var h = WorktreeHealth(
            name: entry.name, path: entry.path, isMain: false, branch: entry.branch, head: entry.head,
            locked: entry.locked, prunable: false, linksIntact: true, envFilesPresent: true, problems: [])
        func problem(_ rule: String, _ message: String, _ repair: String) {
            h.problems.append(WorktreeHealth.Problem(rule: rule, message: message, repair: repair))
        }
        guard Disk.lstatus(entry.path)?.isDirectory == true else {
            h.prunable = true
            if entry.locked != nil {
                problem(
                    "worktree-missing", "the folder \(entry.path) is missing (locked: kept until unlocked)",
                    "git worktree unlock \(entry.path) && ward worktree prune")
            } else {
                problem("worktree-missing", "the folder \(entry.path) is missing", "ward worktree prune")
            }
            return h
        }
        let dotGit = Disk.readText(entry.path + "/.git").map { String($0.trimmingWhitespace()) } ?? ""
        let named = dotGit.hasPrefix("gitdir: ") ? String(dotGit.dropFirst(8)) : ""
        if Disk.realPath(Path.absolute(named, relativeTo: entry.path)) != Disk.realPath(entry.adminDir) {
            problem(
                "worktree-admin-mismatch", "\(entry.path)/.git does not point back at \(entry.adminDir)",
                "ward worktree repair \(entry.path)")
        }
        fillStatus(&h)
        if let manifest = entry.manifest {
            h.base = manifest.base
            for link in manifest.links {
                let at = entry.path + "/" + link.path
                if Disk.linkTarget(at) != link.target || Disk.status(at)?.isDirectory != true {
                    h.linksIntact = false
                    problem(
                        "worktree-link-broken", "the link \(link.path) → \(link.target) is missing or broken",
                        "ward worktree repair")
                }
            }
            for copy in manifest.copies where !Disk.exists(entry.path + "/" + copy) {
                h.envFilesPresent = false
                problem(
                    "worktree-env-missing", "the env file \(copy) is missing",
                    "cp \(mainRoot)/\(copy) \(entry.path)/\(copy) && chmod 600 \(entry.path)/\(copy)")
            }
        }
        let base = h.base ?? defaultBase()
        h.base = base
        if let repository, let head = entry.head.flatMap(ObjectID.init(hex:)),
            let baseID = git.commit(base, in: mainRoot).flatMap(ObjectID.init(hex:)),
            let counts = try? repository.aheadBehind(head, baseID)
        {
            h.ahead = counts.ahead
            h.behind = counts.behind
        }
        return h
    }

    func fillStatus(_ h: inout WorktreeHealth) {
        guard let counts = try? statusCounts(h.path) else { return }
        h.staged = counts.staged
        h.unstaged = counts.unstaged
        h.untracked = counts.untracked
    }

    /// Staged, unstaged and untracked changes in a worktree (`git status --porcelain -z`).
    func statusCounts(_ path: String) throws(WorktreeError) -> WorkAtRisk {
        var risk = WorkAtRisk()
        let status = try git.run(
            ["status", "--porcelain=v1", "-z", "--untracked-files=normal", "--ignore-submodules=none"], in: path)
        var fields = status.output.split(separator: 0, omittingEmptySubsequences: true)[...]
        while let field = fields.popFirst() {
            guard field.count >= 3 else { continue }
            let x = field[field.startIndex]
            let y = field[field.startIndex + 1]
            if x == UInt8(ascii: "?") {
                risk.untracked += 1
                continue
            }
            if x != UInt8(ascii: " ") { risk.staged += 1 }
            if y != UInt8(ascii: " ") { risk.unstaged += 1 }
            if x == UInt8(ascii: "R") || x == UInt8(ascii: "C") { _ = fields.popFirst() }
        }
        return risk
    }
}
