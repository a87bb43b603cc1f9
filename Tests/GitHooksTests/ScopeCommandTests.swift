import Commands
import Foundation
import GitHooks
import Testing
import Workspace

/// `ward scope set|clear` as values, in a real repository: the scope file, the lines printed,
/// and the warning when nothing is left writable.
@Suite struct ScopeCommandTests {
    @Test func setWritesTheScopeAndWarnsWhenNothingStaysWritable() throws {
        let repo = try SiteRepository(wardJSON: #"{"scope": {"allow": ["src/**"]}}"#, commits: ["feat: one"])
        let env = repo.sandbox.environment()
        let set = try ScopeCommand.set(["src/auth/**"], directory: repo.root, environment: env)
        #expect(set == ScopeCommand.Outcome(line: "scope of \(repo.root): src/auth/**", warning: nil))
        let file = WorktreeScope.path(gitDir: repo.root + "/.git")
        #expect(
            FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) }
                == WorktreeScope.text(for: ["src/auth/**"]))

        let disjoint = try ScopeCommand.set(["docs/**"], directory: repo.root, environment: env)
        #expect(disjoint.warning?.hasPrefix("ward scope set: warning: ") == true)
        #expect(disjoint.warning?.hasSuffix("; widen one of the lists") == true)

        #expect(try ScopeCommand.clear(directory: repo.root, environment: env) == "scope of \(repo.root) cleared")
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try ScopeCommand.clear(directory: repo.root, environment: env) == "scope of \(repo.root) cleared")
    }

    @Test func noGlobABadGlobOrNoRepositoryIsRefused() throws {
        let repo = try SiteRepository(commits: ["feat: one"])
        let env = repo.sandbox.environment()
        func usage(_ globs: [String]) -> String? {
            do {
                _ = try ScopeCommand.set(globs, directory: repo.root, environment: env)
                return nil
            } catch {
                guard case .usage(let text) = error else { return nil }
                return text
            }
        }
        #expect(usage([])?.hasPrefix("ward scope set: give at least one glob") == true)
        #expect(usage(["src/[a"])?.hasPrefix("ward scope set: ") == true)
        #expect {
            try ScopeCommand.clear(directory: repo.sandbox.path, environment: env)
        } throws: { error in
            guard case .configuration(let text) = error as? CommandError else { return false }
            return text == "ward scope clear: \(repo.sandbox.path) is not inside a git repository"
        }
    }
}
