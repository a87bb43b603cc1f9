public import Commands
import Policy
import Workspace

/// `ward scope set|clear`: this worktree's own scope file, in its git admin directory.
public enum ScopeCommand {
    /// What `scope set` prints: the new scope on stdout, and on stderr a warning when it and
    /// `ward.json`'s allow lists leave no path that may be written.
    public struct Outcome: Sendable, Equatable {
        public var line: String
        public var warning: String?

        public init(line: String, warning: String? = nil) {
            self.line = line
            self.warning = warning
        }
    }

    /// Checks every glob, writes them as the scope of the worktree around `directory`, and
    /// reads the policy back to see whether anything is still writable.
    public static func set(_ globs: [String], directory: String, environment: [String: String])
        throws(CommandError) -> Outcome
    {
        guard !globs.isEmpty else {
            throw .usage("ward scope set: give at least one glob, e.g. 'ward scope set \"Sources/Auth/**\"'")
        }
        for g in globs {
            do {
                _ = try ScopePattern(g)
            } catch {
                throw .usage("ward scope set: \(error.description)")
            }
        }
        let repository = try GitSite(directory: directory, environment: environment).repository(for: "scope set")
        do {
            try WorktreeScope.write(globs, gitDir: repository.gitDir)
        } catch {
            throw .configuration(error.description)
        }
        var outcome = Outcome(
            line: "scope of \(repository.workTree ?? repository.gitDir): \(globs.joined(separator: " "))")
        // The new scope intersects with ward.json's: warn when no path is left that may be written.
        let after = GitSite(directory: directory, environment: environment)
        if case .success(let loaded) = after.loaded, let empty = try? loaded.policy.scope.nothingWritable() {
            outcome.warning = "ward scope set: warning: \(empty.description); widen one of the lists"
        }
        return outcome
    }

    /// Removes the scope of the worktree around `directory`; the line `scope clear` prints.
    public static func clear(directory: String, environment: [String: String]) throws(CommandError) -> String {
        let repository = try GitSite(directory: directory, environment: environment).repository(for: "scope clear")
        do {
            try WorktreeScope.clear(gitDir: repository.gitDir)
        } catch {
            throw .configuration(error.description)
        }
        return "scope of \(repository.workTree ?? repository.gitDir) cleared"
    }
}
