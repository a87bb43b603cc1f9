import Base

/// The built-in protected set (DESIGN.md §4): files through which an agent could switch ward or
/// git's hooks off. Writes to them are denied wherever they come from.
public enum ProtectedPaths {
    /// Paths relative to the repository root, as globs; matched case-insensitively, since
    /// `.GIT/hooks` and `.git/hooks` are the same folder on macOS and Windows file systems.
    public static let repositoryGlobs: [String] = [
        ".git", ".git/**", "ward.json", ".claude/settings.json", ".claude/settings.local.json",
        ".claude/settings*.json", ".claude/wave-scope.json", ".claude/session-plugin.json", ".codex/**",
        ".gemini/settings.json", ".cursor/hooks.json", ".github/hooks/**", ".orchestrator/policy/**", ".husky/**",
    ]

    /// `repositoryGlobs` lower-cased, as UTF-8 bytes: made once, matched against every path.
    static let lowercasedGlobs: [(glob: String, bytes: [UInt8])] = repositoryGlobs.map {
        ($0, Array($0.lowercased().utf8))
    }

    /// The glob of `repositoryGlobs` that a repository-relative path matches: one of ward's own
    /// files (the policy, the agents' hook settings), as opposed to a path the scope protects.
    public static func wardFile(_ relativePath: String) -> String? {
        let lower = Array(relativePath.lowercased().utf8)
        return lowercasedGlobs.first { Glob.matches($0.bytes, lower) }?.glob
    }

    /// Whether `path` (absolute, normalised) is protected in this context; returns what matched.
    public static func match(_ path: String, context: GuardContext, hooksDir: String? = nil) -> String? {
        let lowerPath = path.lowercased()
        for dir in [context.gitDir, context.commonDir, hooksDir ?? context.hooksDir].compactMap({ $0 }) {
            if Path.isWithin(path, dir) || Path.isWithin(lowerPath, dir.lowercased()) {
                return dir
            }
        }
        guard let root = context.repositoryRoot, let rel = Path.relative(path, to: root) else { return nil }
        return wardFile(rel)
    }
}
