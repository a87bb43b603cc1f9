import Base
import Checks
import Policy
import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One worktree to add.
public struct AddRequest: Sendable, Equatable {
    public var name: String
    public var branch: String
    public var issue: Int?
    /// The base ref; nil for the settings' default.
    public var base: String?
    public var scope: [String]
    public var team: String?
    /// Folders to link; nil for the settings' default.
    public var link: [String]?
    /// Globs of files to copy; nil for the settings' default.
    public var copy: [String]?
    public var lock: Bool?

    public init(
        name: String, branch: String, issue: Int? = nil, base: String? = nil, scope: [String] = [],
        team: String? = nil, link: [String]? = nil, copy: [String]? = nil, lock: Bool? = nil
    ) {
        self.name = name
        self.branch = branch
        self.issue = issue
        self.base = base
        self.scope = scope
        self.team = team
        self.link = link
        self.copy = copy
        self.lock = lock
    }
}

/// What one add made.
public struct AddResult: Sendable, Equatable {
    public var manifest: WorktreeManifest
    /// Things worth saying that did not stop the add: a link source missing, a file not overwritten.
    public var notes: [String]
}

extension WorktreeRepository {
    /// Adds one worktree under the repository's lock; on any failure everything it created
    /// (folder, admin entry, branch, parent folders) is removed again and the error thrown.
    public func add(_ request: AddRequest, policy: Policy? = nil) throws(WorktreeError) -> AddResult {
        try WorktreeNames.validateName(request.name)
        try WorktreeNames.validateBranch(request.branch)
        if let policy {
            let verdict = BranchContract(policy: policy).checkName(request.branch)
            if verdict.decision > .warn {
                throw .usage("ward worktree add: \(verdict.message)")
            }
        }
        var scope = request.scope
        if let team = request.team {
            guard let owned = settings.teams[team] else {
                let known = settings.teams.keys.sorted().joined(separator: ", ")
                throw .usage(
                    "ward worktree add: no team '\(team)' in .claude/session-plugin.json"
                        + (known.isEmpty ? "" : " (teams: \(known))"))
            }
            scope += owned
        }
        for glob in scope {
            do {
                _ = try ScopePattern(glob)
            } catch {
                throw .usage("ward worktree add: --scope '\(glob)': \(error.description)")
            }
        }
        let lock = try RepositoryLock(commonDir: commonDir)
        defer { withExtendedLifetime(lock) {} }
        completePendingRemovals()
        return try addLocked(request, scope: scope)
    }

    private func addLocked(_ request: AddRequest, scope: [String]) throws(WorktreeError) -> AddResult {
        let base = request.base ?? defaultBase()
        guard let baseCommit = git.commit(base, in: mainRoot) else {
            throw .usage("ward worktree add: the base '\(base)' names no commit")
        }
        let root = Path.normalize(settings.root)
        let path = root + "/" + request.name
        // A root inside the main checkout (an orchestrator's `.worktrees/`) works, but must not be
        // the checkout itself or inside its git dir; it is excluded so git status stays quiet.
        if Path.isWithin(root, commonDir) || root == mainRoot {
            throw .usage("ward worktree add: the worktrees root \(root) is the main checkout or inside its git dir")
        }
        let insideRoot = Path.isWithin(root, mainRoot) ? Path.relative(root, to: mainRoot) : nil
        if Disk.exists(path) {
            throw .refused("ward worktree add: \(path) already exists; choose another name", rule: "worktree-exists")
        }
        let taken = entries()
        if let other = taken.first(where: { $0.name == request.name || $0.id == request.name }) {
            throw .refused(
                "ward worktree add: a worktree named '\(request.name)' exists (\(other.path))", rule: "worktree-exists")
        }
        if branchCommit(request.branch) != nil {
            throw .refused(
                "ward worktree add: the branch '\(request.branch)' exists; give another --branch or remove the old one",
                rule: "worktree-branch-exists")
        }
        var made: [String] = []
        var created = false
        func rollback() {
            if created {
                // The admin entry that names the new folder (found before the folder goes), then
                // the folder: it holds the links just made, and the teardown unlinks them first.
                let admin = entries().first { $0.path == path }?.adminDir
                try? Teardown.remove(path)
                if let admin { try? Teardown.remove(admin) }
                if branchCommit(request.branch) != nil {
                    git.attempt(["update-ref", "-d", "refs/heads/" + request.branch], in: mainRoot).ignored()
                }
            }
            for folder in made.reversed() { rmdir(folder) }
        }
        do throws(WorktreeError) {
            made = try Disk.makeDirectories(root)
            created = true
            var arguments = ["worktree", "add", "--quiet", "--no-track", "-b", request.branch]
            if request.lock ?? settings.lock { arguments += ["--lock", "--reason", "ward worktree: \(request.name)"] }
            arguments += ["--", path, baseCommit]
            try git.run(arguments, in: mainRoot)
            guard let id = adminID(of: path) else {
                throw .failed("ward worktree add: git made \(path) but its .git file names no admin entry")
            }
            let admin = commonDir + "/worktrees/" + id
            var notes: [String] = []
            let links = try makeLinks(request.link ?? settings.link, in: path, notes: &notes)
            let copies = try copyFiles(request.copy ?? settings.copy, into: path, notes: &notes)
            if !scope.isEmpty {
                do {
                    try WorktreeScope.write(scope, gitDir: admin)
                } catch {
                    throw .failed(error.description)
                }
            }
            let manifest = WorktreeManifest(
                name: request.name, path: path, branch: request.branch, base: base, baseCommit: baseCommit,
                links: links, copies: copies, scope: scope, team: request.team, issue: request.issue,
                created: Disk.now())
            try manifest.write(adminDir: admin)
            try exclude(links.map(\.path) + (insideRoot.map { [$0 + "/"] } ?? []))
            if let insideRoot {
                notes.append("the worktrees root \(insideRoot)/ lies inside the main checkout (excluded from git)")
            }
            return AddResult(manifest: manifest, notes: notes)
        } catch {
            rollback()
            throw error
        }
    }

    /// The admin entry's id a worktree's `.git` file names (`gitdir: <commonDir>/worktrees/<id>`).
    func adminID(of path: String) -> String? {
        guard let text = Disk.readText(path + "/.git"), text.hasPrefix("gitdir: ") else { return nil }
        let target = String(text.dropFirst("gitdir: ".count).trimmingWhitespace())
        let resolved = Disk.realPath(target) ?? target
        guard Path.parent(resolved) == commonDir + "/worktrees" else { return nil }
        return Path.basename(resolved)
    }

    /// Links each folder of the main checkout into the worktree; a folder the main checkout
    /// lacks is noted and skipped, a path the worktree already has (tracked files) refuses.
    func makeLinks(_ folders: [String], in worktree: String, notes: inout [String]) throws(WorktreeError)
        -> [WorktreeManifest.Link]
    {
        var links: [WorktreeManifest.Link] = []
        for folder in folders {
            let relative = Path.normalize("/" + folder).dropFirst()
            guard !relative.isEmpty, !folder.split(separator: "/").contains("..") else {
                throw .usage("ward worktree add: --link '\(folder)': expected a folder inside the repository")
            }
            let source = mainRoot + "/" + relative
            guard Disk.status(source)?.isDirectory == true else {
                notes.append("not linked: \(relative) (the main checkout has no such folder)")
                continue
            }
            let target = worktree + "/" + relative
            if Disk.exists(target) {
                throw .refused(
                    "ward worktree add: --link \(relative): the worktree already has \(target) (tracked?)",
                    rule: "worktree-link-collision")
            }
            _ = try Disk.makeDirectories(Path.parent(target))
            guard symlink(source, target) == 0 else {
                throw .failed("ward worktree add: cannot link \(target) to \(source): \(Errno.current)")
            }
            links.append(WorktreeManifest.Link(path: String(relative), target: source))
        }
        return links
    }

    /// Copies the files of the main checkout matching each glob (`.env*`, `web/.env.local`) into
    /// the same place in the worktree, never overwriting, with mode 0600. A glob's folder part
    /// is literal; its last part is matched with `fnmatch`.
    func copyFiles(_ globs: [String], into worktree: String, notes: inout [String]) throws(WorktreeError) -> [String] {
        var copied: [String] = []
        for glob in globs {
            let folder = glob.contains("/") ? String(glob[..<(glob.lastIndex(of: "/") ?? glob.startIndex)]) : ""
            let pattern = glob.contains("/") ? Path.basename(glob) : glob
            if folder.hasPrefix("/") || folder.split(separator: "/").contains("..") {
                throw .usage("ward worktree add: --copy '\(glob)': expected a path inside the repository")
            }
            let source = folder.isEmpty ? mainRoot : mainRoot + "/" + folder
            for name in Disk.names(in: source) where fnmatch(pattern, name, 0) == 0 {
                let relative = folder.isEmpty ? name : folder + "/" + name
                guard Disk.lstatus(source + "/" + name)?.isRegularFile == true else { continue }
                guard Disk.status(worktree + "/" + (folder.isEmpty ? "." : folder))?.isDirectory == true else {
                    notes.append("not copied: \(relative) (the worktree has no folder \(folder))")
                    continue
                }
                if try Disk.copyExclusive(source + "/" + name, to: worktree + "/" + relative) {
                    copied.append(relative)
                } else {
                    notes.append("not copied: \(relative) (the worktree has it already; never overwritten)")
                }
            }
        }
        return copied
    }

    /// Adds `/<path>` for each linked folder to the common `info/exclude`, which every worktree
    /// reads (git reads no per-worktree exclude file); without a trailing `/`, so the pattern
    /// matches the link, which git sees as a file.
    func exclude(_ paths: [String]) throws(WorktreeError) {
        guard !paths.isEmpty else { return }
        let file = commonDir + "/info/exclude"
        let text = Disk.readText(file) ?? ""
        let present = Set(text.split(separator: "\n").map { String($0.trimmingWhitespace()) })
        let missing = paths.map { "/" + $0 }.filter { !present.contains($0) }
        guard !missing.isEmpty else { return }
        _ = try Disk.makeDirectories(commonDir + "/info")
        var updated = text
        if !updated.isEmpty && !updated.hasSuffix("\n") { updated += "\n" }
        if !present.contains(Self.excludeHeader) { updated += Self.excludeHeader + "\n" }
        updated += missing.joined(separator: "\n") + "\n"
        try Disk.writeAtomically(file, updated)
    }

    static let excludeHeader = "# ward worktree: folders linked from the main checkout"
}

extension GitCLI.Result {
    /// Marks a result whose failure changes nothing (a best-effort cleanup step).
    func ignored() {}
}
