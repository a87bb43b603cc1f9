import Base
import Policy

/// Finds the repository around a directory the way git does, with a few file reads.
///
/// The agent-hook path runs on every tool call and must not load libgit2 or spawn `git`
/// (DESIGN.md §11), yet it needs the work tree, the git dir, the common dir, the branch and the
/// hooks folder. All of these are plain files: `.git` (a directory, or a file `gitdir: PATH`
/// for linked worktrees and submodules), `commondir`, `HEAD`, `refs/heads/…`, `packed-refs`
/// and `config`. This type reads exactly those, following git's `setup.c`.
///
/// Not covered, and left to libgit2 where it matters: the reftable ref backend, `[include]` in
/// config files, `safe.directory` ownership checks, `GIT_DISCOVERY_ACROSS_FILESYSTEM`.
public enum RepositoryLocator {
    /// Files read here (`HEAD`, `.git`, `commondir`, `gitdir`, config) are tiny; anything larger
    /// is not what git wrote.
    static let smallFileLimit = 1 << 20
    /// `packed-refs` can be large in big repositories; beyond this a branch is assumed to exist.
    static let packedRefsLimit = 256 << 20

    /// The repository containing `directory`, or nil when there is none.
    ///
    /// Honours `GIT_DIR`, `GIT_WORK_TREE`, `GIT_COMMON_DIR` and `GIT_CEILING_DIRECTORIES` from
    /// `environment` (git hooks run with `GIT_DIR` set; relative values are taken against
    /// `directory`). Without `GIT_DIR` it walks up from `directory`, at each level trying
    /// `DIR/.git` and then `DIR` itself as a git dir (a bare repository, or a directory inside a
    /// `.git` folder). A `.git` that is not a valid repository is skipped and the walk goes on,
    /// so a stale worktree inside a repository still finds the enclosing one: the policy that
    /// applies is then stricter, never absent. A relative `directory` is taken against the
    /// process's working directory.
    ///
    /// `canonical` promises that `directory` is already absolute and resolved
    /// (`FileSystem.resolveThroughExistingAncestor`), which saves resolving it again.
    public static func locate(from directory: String, environment: [String: String], canonical: Bool = false)
        -> RepositoryLocation?
    {
        func env(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let absolute = directory.hasPrefix("/") ? directory : FileSystem.currentDirectory() + "/" + directory
        let start = canonical && absolute == directory ? directory : FileSystem.resolveThroughExistingAncestor(absolute)
        let commonOverride = env("GIT_COMMON_DIR").map { resolve($0, against: start) }
        let workTreeOverride = env("GIT_WORK_TREE").map { resolve($0, against: start) }

        if let explicit = env("GIT_DIR") {
            var gitDir = resolve(explicit, against: start)
            if FileSystem.isRegularFile(gitDir), let target = readGitFile(gitDir) { gitDir = target }
            guard let found = inspect(gitDir: gitDir, commonOverride: commonOverride) else { return nil }
            // git: with GIT_DIR and no other hint, the current directory is the work tree's top.
            let workTree: String?
            if let workTreeOverride {
                workTree = workTreeOverride
            } else if let configured = found.configuredWorkTree {
                workTree = configured
            } else if found.isBareByConfig {
                workTree = nil
            } else {
                workTree = start
            }
            return found.location(workTree: workTree, environment: environment)
        }

        let ceilings = ceilingDirectories(env("GIT_CEILING_DIRECTORIES"))
        var dir = start
        while true {
            let dotGit = dir == "/" ? "/.git" : dir + "/.git"
            var candidate: String?
            // `dir` is resolved, so a `.git` folder that is not a symlink is resolved as well.
            var candidateIsCanonical = false
            switch FileSystem.kind(dotGit) {
            case .directory:
                candidate = dotGit
                candidateIsCanonical = true
            case .regularFile:
                candidate = readGitFile(dotGit)
            case .symbolicLink:
                if FileSystem.isDirectory(dotGit) {
                    candidate = dotGit
                } else if FileSystem.isRegularFile(dotGit) {
                    candidate = readGitFile(dotGit)
                }
            case .missing, .other:
                break
            }
            if let candidate,
                let found = inspect(gitDir: candidate, commonOverride: commonOverride, canonical: candidateIsCanonical)
            {
                let workTree = workTreeOverride ?? (found.isBareByConfig ? nil : dir)
                return found.location(workTree: workTree, environment: environment)
            }
            if let found = inspect(gitDir: dir, commonOverride: commonOverride, canonical: true) {
                return found.location(workTree: workTreeOverride ?? found.workTreeFromInside, environment: environment)
            }
            let parent = Path.parent(dir)
            if dir == "/" || ceilings.contains(parent) { return nil }
            dir = parent
        }
    }

    /// A path from the environment or a file, made absolute against `base` and resolved.
    static func resolve(_ path: String, against base: String) -> String {
        FileSystem.resolveThroughExistingAncestor(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// `GIT_CEILING_DIRECTORIES`: colon-separated absolute paths the walk never climbs into.
    static func ceilingDirectories(_ value: String?) -> Set<String> {
        guard let value else { return [] }
        var out: Set<String> = []
        for part in value.split(separator: ":") where part.hasPrefix("/") {
            let path = String(part)
            out.insert(FileSystem.realpath(path) ?? Path.normalize(path))
        }
        return out
    }

    /// The target of a `.git` file (`gitdir: PATH`, PATH relative to the file's folder), or nil.
    static func readGitFile(_ path: String) -> String? {
        guard let bytes = FileSystem.readFile(path, limit: smallFileLimit) else { return nil }
        let text = String(String(decoding: bytes, as: UTF8.self).trimmingWhitespace())
        guard text.hasPrefix("gitdir: ") else { return nil }
        let target = String(text.dropFirst("gitdir: ".count))
        guard !target.isEmpty else { return nil }
        return resolve(target, against: Path.parent(path))
    }

    /// What is known about a valid git dir before the work tree is decided.
    struct Found {
        var gitDir: String
        var commonDir: String
        var head: Head
        var config: GitConfig

        /// `core.bare`. Like git (`check_repo_format`), a linked worktree ignores the shared
        /// config's `core.bare` and `core.worktree`: a worktree of a bare repository has a work tree.
        var isBareByConfig: Bool { gitDir == commonDir && config.bool("core", "bare") == true }

        /// `core.worktree`, relative values against the git dir.
        var configuredWorkTree: String? {
            guard gitDir == commonDir, let value = config.last("core", "worktree"), let value, !value.isEmpty else {
                return nil
            }
            return resolve(value, against: gitDir)
        }

        /// The work tree when the walk started inside a git dir itself: none for a bare
        /// repository; the parent of a `.git` folder; the folder named by a linked worktree's
        /// `gitdir` file; `core.worktree`; else unknown.
        var workTreeFromInside: String? {
            if isBareByConfig { return nil }
            if Path.basename(gitDir) == ".git" { return Path.parent(gitDir) }
            if gitDir != commonDir, let dotGit = FileSystem.readFile(gitDir + "/gitdir", limit: smallFileLimit) {
                let path = String(String(decoding: dotGit, as: UTF8.self).trimmingWhitespace())
                if !path.isEmpty {
                    return Path.parent(RepositoryLocator.resolve(path, against: gitDir))
                }
            }
            return configuredWorkTree
        }

        func location(workTree: String?, environment: [String: String]) -> RepositoryLocation {
            RepositoryLocation(
                workTree: workTree, gitDir: gitDir, commonDir: commonDir, isBare: isBareByConfig || workTree == nil,
                isLinkedWorktree: gitDir != commonDir, head: head,
                hooks: Deferred { [gitDir, commonDir, config] in
                    RepositoryLocator.hooksDir(
                        gitDir: gitDir, commonDir: commonDir, workTree: workTree, local: config,
                        environment: environment)
                })
        }
    }

    /// `path` as a git dir when it is one (git's `is_git_directory`): a readable `HEAD` that is
    /// a symbolic ref under `refs/` or a commit id, and `objects/` and `refs/` in the common dir.
    /// `canonical` promises that `path` is already resolved.
    static func inspect(gitDir path: String, commonOverride: String?, canonical: Bool = false) -> Found? {
        // HEAD first: at most levels of the walk it is missing, and that costs one failed open.
        guard let headBytes = FileSystem.readFile(path + "/HEAD", limit: 4096),
            let gitDir = canonical ? path : FileSystem.realpath(path)
        else { return nil }
        let commonDir: String
        if let commonOverride {
            commonDir = commonOverride
        } else if let bytes = FileSystem.readFile(gitDir + "/commondir", limit: smallFileLimit) {
            let text = String(String(decoding: bytes, as: UTF8.self).trimmingWhitespace())
            guard !text.isEmpty, let real = FileSystem.realpath(text.hasPrefix("/") ? text : gitDir + "/" + text)
            else { return nil }
            commonDir = real
        } else {
            commonDir = gitDir
        }
        guard FileSystem.isDirectory(commonDir + "/objects"), FileSystem.isDirectory(commonDir + "/refs") else {
            return nil
        }
        guard let head = parseHead(headBytes, gitDir: gitDir, commonDir: commonDir) else { return nil }
        let config =
            FileSystem.readFile(commonDir + "/config", limit: smallFileLimit).map(GitConfig.parse) ?? GitConfig()
        return Found(gitDir: gitDir, commonDir: commonDir, head: head, config: config)
    }

    /// Reads `HEAD`: `ref: refs/heads/X` is `.branch` when the ref exists as a loose file or in
    /// `packed-refs`, else `.unborn`; a 40- or 64-digit hex id is `.detached`; anything else is
    /// not a valid `HEAD`.
    static func parseHead(_ bytes: [UInt8], gitDir: String, commonDir: String) -> Head? {
        let text = String(String(decoding: bytes, as: UTF8.self).trimmingWhitespace())
        if text.hasPrefix("ref:") {
            var ref = Substring(text.dropFirst(4))
            while let f = ref.first, f == " " || f == "\t" { ref = ref.dropFirst() }
            guard ref.hasPrefix("refs/") else { return nil }
            let full = String(ref)
            let name = full.hasPrefix("refs/heads/") ? String(full.dropFirst("refs/heads/".count)) : full
            return refExists(full, gitDir: gitDir, commonDir: commonDir) ? .branch(name) : .unborn(name)
        }
        if isObjectID(text) {
            return .detached(text.lowercased())
        }
        return nil
    }

    /// A full object id: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.
    static func isObjectID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy(isHexDigit)
    }

    static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
    }

    /// Whether a ref exists: loose (per-worktree refs in the git dir, all others in the common
    /// dir) or as an entry of `<commonDir>/packed-refs`.
    static func refExists(_ ref: String, gitDir: String, commonDir: String) -> Bool {
        let perWorktree =
            ref.hasPrefix("refs/bisect/") || ref.hasPrefix("refs/worktree/") || ref.hasPrefix("refs/rewritten/")
        if FileSystem.isRegularFile((perWorktree ? gitDir : commonDir) + "/" + ref) { return true }
        switch FileSystem.read(commonDir + "/packed-refs", limit: packedRefsLimit) {
        case .contents(let bytes): return packedRefs(bytes, contain: ref)
        case .tooLarge: return true
        case .missing, .failed: return false
        }
    }

    /// Whether `packed-refs` has a line `<id> <ref>` (comment `#` and peeled `^` lines skipped).
    static func packedRefs(_ bytes: [UInt8], contain ref: String) -> Bool {
        let needle = Array((" " + ref).utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            let first = bytes[lineStart]
            if first != UInt8(ascii: "#"), first != UInt8(ascii: "^"), end - lineStart > needle.count,
                bytes[(end - needle.count)..<end].elementsEqual(needle)
            {
                return true
            }
            lineStart = lineEnd + 1
        }
        return false
    }

    /// The hooks folder, like `git rev-parse --git-path hooks`: the last `core.hooksPath` of the
    /// system, global, repository and worktree config and `GIT_CONFIG_COUNT` entries; `~/`
    /// expanded with `HOME`; relative values against the work tree (git runs hooks there), or the
    /// git dir of a bare repository. Without it, `<commonDir>/hooks`.
    static func hooksDir(
        gitDir: String, commonDir: String, workTree: String?, local: GitConfig, environment: [String: String]
    ) -> String {
        let config = effectiveConfig(gitDir: gitDir, local: local, environment: environment)
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if let value = config.last("core", "hooksPath"), var value, !value.isEmpty {
            if value == "~" || value.hasPrefix("~/"), let home { value = home + value.dropFirst() }
            return resolve(value, against: workTree ?? gitDir)
        }
        return FileSystem.resolveThroughExistingAncestor(commonDir + "/hooks")
    }

    /// The configuration git reads for the repository at `location` (system, global,
    /// repository, worktree and `GIT_CONFIG_COUNT` entries), read once for several questions.
    public struct Configuration: Sendable {
        let config: GitConfig

        /// A value (`commit.cleanup`, no subsection) as git resolves it, the last entry winning;
        /// a bare key reads as "true".
        public func value(_ key: String) -> String? {
            guard let dot = key.lastIndex(of: ".") else { return nil }
            guard let value = config.last(String(key[..<dot]), String(key[key.index(after: dot)...])) else {
                return nil
            }
            return value ?? "true"
        }

        /// Whether it has `[include]` or `[includeIf]` sections, which this reader does not follow
        /// (libgit2 does).
        public var hasIncludes: Bool {
            config.entries.contains { $0.section == "include" || $0.section == "includeif" }
        }
    }

    /// The configuration git reads for the repository at `location`.
    public static func configuration(of location: RepositoryLocation, environment: [String: String]) -> Configuration {
        let local =
            FileSystem.readFile(location.commonDir + "/config", limit: smallFileLimit).map(GitConfig.parse)
            ?? GitConfig()
        return Configuration(config: effectiveConfig(gitDir: location.gitDir, local: local, environment: environment))
    }

    /// One configuration value for `location` (see `Configuration.value`).
    public static func configValue(_ key: String, of location: RepositoryLocation, environment: [String: String])
        -> String?
    {
        configuration(of: location, environment: environment).value(key)
    }

    /// The configuration git reads for a repository whose own config is `local`.
    static func effectiveConfig(gitDir: String, local: GitConfig, environment: [String: String]) -> GitConfig {
        var config = GitConfig()
        func add(_ path: String) {
            if let bytes = FileSystem.readFile(path, limit: smallFileLimit) {
                config.append(contentsOf: GitConfig.parse(bytes))
            }
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if GitConfig.parseBool(environment["GIT_CONFIG_NOSYSTEM"] ?? "false") != true {
            add(environment["GIT_CONFIG_SYSTEM"] ?? "/etc/gitconfig")
        }
        if let global = environment["GIT_CONFIG_GLOBAL"] {
            if !global.isEmpty { add(global) }
        } else {
            if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
                add(xdg + "/git/config")
            } else if let home {
                add(home + "/.config/git/config")
            }
            if let home { add(home + "/.gitconfig") }
        }
        config.append(contentsOf: local)
        if local.bool("extensions", "worktreeconfig") == true { add(gitDir + "/config.worktree") }
        if let countText = environment["GIT_CONFIG_COUNT"], let count = Int(countText), count > 0 {
            for i in 0..<min(count, 1000) {
                guard let key = environment["GIT_CONFIG_KEY_\(i)"], let dot = key.lastIndex(of: ".") else { continue }
                let section = String(key[..<dot])
                guard !section.contains(".") else { continue }
                config.entries.append(
                    GitConfig.Entry(
                        section: section.lowercased(), subsection: nil, key: key[key.index(after: dot)...].lowercased(),
                        value: environment["GIT_CONFIG_VALUE_\(i)"] ?? ""))
            }
        }
        return config
    }

}
