import Checks
import Foundation
import Gates
import GitFacts
import Testing
import Workspace

/// The files the gates of a pre-push see (`GateInput.pushed`), over libgit2's facts of a real
/// repository: main holds a.txt; feat adds b.txt; the orphan branch `pages` holds only c.txt.
@Suite struct PushedFilesTests {
    struct Pushes {
        let repo: GateTestRepository
        let facts: LibgitFacts
        let main: String
        let feat: String
        let pages: String

        init() throws {
            repo = try GateTestRepository(committed: ["a.txt": "one\n"])
            main = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            try repo.git("switch", "-q", "-c", "feat")
            try repo.write("b.txt", "two\n")
            try repo.git("add", "b.txt")
            try repo.git("commit", "-q", "-m", "feat: b")
            feat = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            try repo.git("switch", "-q", "--orphan", "pages")
            try repo.write("c.txt", "three\n")
            try repo.git("add", "c.txt")
            try repo.git("commit", "-q", "-m", "docs: pages")
            pages = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            let location = try #require(RepositoryLocator.locate(from: repo.root, environment: repo.environment))
            facts = try LibgitFacts(location: location, indexPath: nil)
        }

        func pushed(_ updates: [RefUpdate]) -> [String] {
            GateInput.pushed(
                updates, remote: "origin", root: repo.root, environment: repo.environment, facts: facts
            ).map(\.path)
        }

        func update(_ branch: String, _ tip: String, remote: String = RefUpdate.zero) -> RefUpdate {
            RefUpdate(
                localRef: "refs/heads/" + branch, localID: tip, remoteRef: "refs/heads/" + branch, remoteID: remote)
        }
    }

    @Test func aNewBranchPushesWhatItAddsToTheDefaultBranch() throws {
        let p = try Pushes()
        #expect(p.pushed([p.update("feat", p.feat)]) == ["b.txt"])
    }

    @Test func anUpdatePushesWhatChangedSinceTheRemoteTip() throws {
        let p = try Pushes()
        #expect(p.pushed([p.update("feat", p.feat, remote: p.main)]) == ["b.txt"])
        #expect(p.pushed([p.update("feat", p.feat, remote: p.feat)]) == [], "nothing new")
    }

    @Test func withNoBaseEveryTrackedFileIsPushed() throws {
        let p = try Pushes()
        // pages shares no history with main: the work tree's tracked files (pages is checked out).
        #expect(p.pushed([p.update("pages", p.pages)]) == ["c.txt"])
    }

    @Test func deletionsPushNothingAndEachPathComesOnce() throws {
        let p = try Pushes()
        let gone = RefUpdate(
            localRef: "(delete)", localID: RefUpdate.zero, remoteRef: "refs/heads/old", remoteID: p.main)
        #expect(p.pushed([gone]) == [])
        #expect(p.pushed([p.update("feat", p.feat), p.update("other", p.feat), gone]) == ["b.txt"])
    }
}
