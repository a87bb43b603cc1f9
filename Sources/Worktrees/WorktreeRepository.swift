import Base
import Workspace

/// One repository's worktrees, as the worktree commands see them: the main checkout, the
/// common git dir where the admin entries live, the settings, and git's CLI.
public struct WorktreeRepository: Sendable {
    /// The main checkout's root (real path).
    public var mainRoot: String
    /// The common git dir (real path): `<mainRoot>/.git` for an ordinary repository.
    public var commonDir: String
    /// The checkout the command runs in.
    public var location: RepositoryLocation
    public var settings: WorktreeSettings
    /// The directory the command runs in (real path); `remove` refuses the worktree holding it.
    public var currentDirectory: String
    public var environment: [String: String]
    var git: GitCLI

    /// The repository around `directory`, or `usage` when there is none or it has no main
    /// checkout (a bare repository: worktrees of bare repositories are not supported yet).
    public init(directory: String, environment: [String: String]) throws(WorktreeError) {
        guard let location = RepositoryLocator.locate(from: directory, environment: environment, canonical: true)
        else {
            throw .usage("ward worktree: \(directory) is not inside a git repository")
        }
        let common = Disk.realPath(location.commonDir) ?? location.commonDir
        guard Path.basename(common) == ".git", !location.isBare || location.isLinkedWorktree else {
            throw .usage(
                "ward worktree: \(common) is a bare repository or has a separate git dir; ward worktree needs the main checkout's .git folder"
            )
        }
        self.location = location
        commonDir = common
        mainRoot = Path.parent(common)
        currentDirectory = Disk.realPath(directory) ?? directory
        self.environment = environment
        git = GitCLI(environment: environment)
        settings = try WorktreeSettings.load(mainRoot: mainRoot, location: location)
    }

    /// One registered linked worktree: its admin entry and what git and ward recorded there.
    public struct Entry: Sendable, Equatable {
        /// The admin entry's folder name (`<commonDir>/worktrees/<id>`).
        public var id: String
        public var adminDir: String
        /// The worktree's folder as registered (`gitdir` without its `/.git`).
        public var path: String
        /// The lock reason (`locked` file; empty when locked without one), nil when not locked.
        public var locked: String?
        /// The checked-out branch's short name, nil when detached.
        public var branch: String?
        /// The HEAD commit, nil when unreadable.
        public var head: String?
        public var manifest: WorktreeManifest?

        /// The name commands take: the manifest's, else the admin id.
        public var name: String { manifest?.name ?? id }
    }

    /// Every linked worktree's admin entry, by id.
    public func entries() -> [Entry] {
        let folder = commonDir + "/worktrees"
        var entries: [Entry] = []
        for id in Disk.names(in: folder) {
            let admin = folder + "/" + id
            guard Disk.lstatus(admin)?.isDirectory == true else { continue }
            let gitdir = Disk.readText(admin + "/gitdir").map { String($0.trimmingWhitespace()) } ?? ""
            let path = gitdir.hasSuffix("/.git") ? String(gitdir.dropLast(5)) : gitdir
            let locked = Disk.readText(admin + "/locked").map { String($0.trimmingWhitespace()) }
            let headText = Disk.readText(admin + "/HEAD").map { String($0.trimmingWhitespace()) } ?? ""
            var branch: String?
            var head: String?
            if headText.hasPrefix("ref: refs/heads/") {
                branch = String(headText.dropFirst("ref: refs/heads/".count))
                head = branch.flatMap(branchCommit)
            } else if !headText.isEmpty {
                head = headText
            }
            entries.append(
                Entry(
                    id: id, adminDir: admin, path: path, locked: locked, branch: branch, head: head,
                    manifest: WorktreeManifest.read(adminDir: admin)))
        }
        return entries
    }

    /// The worktree called `name`: by manifest name, admin id, folder name or path.
    public func entry(named name: String) throws(WorktreeError) -> Entry {
        let all = entries()
        let absolute = Path.absolute(name, relativeTo: currentDirectory)
        let real = Disk.realPath(absolute) ?? absolute
        if let found = all.first(where: { $0.manifest?.name == name }) ?? all.first(where: { $0.id == name })
            ?? all.first(where: { Path.basename($0.path) == name })
            ?? all.first(where: { $0.path == real || $0.path == absolute })
        {
            return found
        }
        if real == mainRoot {
            throw .refused(
                "ward worktree: \(mainRoot) is the main worktree; it is never removed", rule: "worktree-main")
        }
        let known = all.map(\.name).sorted().joined(separator: ", ")
        throw .usage("ward worktree: no worktree named '\(name)'" + (known.isEmpty ? "" : " (there are: \(known))"))
    }

    /// The base a new branch starts from when none is given: the settings' base, else the main
    /// checkout's current branch, else HEAD.
    func defaultBase() -> String {
        if let base = settings.base { return base }
        let head = Disk.readText(commonDir + "/HEAD").map { String($0.trimmingWhitespace()) } ?? ""
        if head.hasPrefix("ref: refs/heads/") { return String(head.dropFirst("ref: refs/heads/".count)) }
        return "HEAD"
    }

    /// The commit a local branch points at, read from its loose ref or `packed-refs` (no
    /// process per worktree); `git rev-parse` when neither has it (a symbolic ref, another
    /// ref storage). Nil when the branch does not exist.
    func branchCommit(_ branch: String) -> String? {
        func isHex(_ text: Substring) -> Bool {
            text.utf8.count == 40 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        }
        let ref = "refs/heads/" + branch
        if let loose = Disk.readText(commonDir + "/" + ref) {
            let value = loose.trimmingWhitespace()
            if isHex(value) { return String(value) }
            return git.commit(ref, in: mainRoot)
        }
        if let packed = Disk.readText(commonDir + "/packed-refs", limit: 64 << 20) {
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                let id = line.prefix(40)
                if isHex(id), line.utf8.count == 41 + ref.utf8.count { return String(id) }
            }
            return nil
        }
        return nil
    }

    /// Where removals in progress are journaled: `<commonDir>/ward/removals`.
    var removalsDir: String { commonDir + "/ward/removals" }
}
