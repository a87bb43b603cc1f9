import Checks
import Commands
import Findings
import Foundation
import GitFacts
import GitHooks
import TestSupport
import Testing
import Workspace

/// LibgitFacts' history answers, checked against git's own in the same repository.
@Suite struct LibgitHistoryTests {
    static let commits = ["m1", "m2", "m3", "m4", "m5", "m6", "f1", "f2"]

    @Test func answersAncestryAsGitDoes() throws {
        let history = try History()
        let facts = try history.libgit()
        for a in Self.commits {
            for b in Self.commits {
                let git = try history.succeeds("merge-base", "--is-ancestor", history.id(b), history.id(a))
                // git counts a commit as its own ancestor; isDescendant does not.
                let expected = git && a != b
                #expect(try facts.isDescendant(history.id(a), of: history.id(b)) == expected, "\(a) of \(b)")
            }
        }
    }

    @Test func findsTheMergeBaseGitFinds() throws {
        let history = try History()
        let facts = try history.libgit()
        for a in Self.commits {
            for b in Self.commits {
                let git = try history.git("merge-base", history.id(a), history.id(b))
                #expect(try facts.mergeBase(history.id(a), history.id(b)) == git, "\(a) \(b)")
            }
        }
        // m3 and f1 share m2, the commit feat/1-x started from.
        #expect(try facts.mergeBase(history.id("m3"), history.id("f1")) == history.id("m2"))
    }

    @Test(arguments: [
        ("m6", ["m2"]), ("m6", []), ("f2", ["m5"]), ("m5", ["f1"]), ("m5", ["m3", "f1"]), ("f2", ["m4"]),
    ])
    func walksTheCommitsRevListLists(_ tip: String, hiding: [String]) throws {
        let history = try History()
        let facts = try history.libgit()
        let walk = try facts.commits(
            from: [history.id(tip)], hiding: hiding.map(history.id), hidingGlobs: [], limit: 1000)
        let expected = try history.git(["rev-list", history.id(tip)] + hiding.map { "^" + history.id($0) })
            .split(separator: "\n").map(String.init)
        #expect(Set(walk.ids) == Set(expected))
        #expect(walk.ids.count == expected.count)
        #expect(!walk.truncated)
        // Newest first: no commit comes after one of its parents.
        for (n, commit) in walk.ids.enumerated() {
            let parents = try history.git("rev-list", "--parents", "-n", "1", commit).split(separator: " ").dropFirst()
            for parent in parents {
                if let p = walk.ids.firstIndex(of: String(parent)) { #expect(p > n, "\(parent) before its child") }
            }
        }
    }

    @Test func hidesWhatTheTrackingRefsReach() throws {
        let history = try History()
        let walk = try history.libgit().commits(
            from: [history.id("m6")], hiding: [], hidingGlobs: ["refs/remotes/origin/*"], limit: 1000)
        let expected = try history.git("rev-list", history.id("m6"), "--not", "--remotes=origin")
        #expect(walk.ids == [expected])
        #expect(walk.ids == [history.id("m6")])
    }

    @Test func saysWhenTheWalkStoppedAtItsLimit() throws {
        let history = try History()
        let facts = try history.libgit()
        let total = Int(try history.git("rev-list", "--count", history.id("m6"))) ?? 0
        #expect(total == 8)
        let cut = try facts.commits(from: [history.id("m6")], hiding: [], hidingGlobs: [], limit: 3)
        #expect(cut.ids.count == 3)
        #expect(cut.truncated)
        #expect(cut.ids.first == history.id("m6"))
        let whole = try facts.commits(from: [history.id("m6")], hiding: [], hidingGlobs: [], limit: total)
        #expect(whole.ids.count == total)
        #expect(!whole.truncated)
    }

    @Test(arguments: ["main", "HEAD", "HEAD~1", "v1.0", "light", "origin/main", "feat/1-x", "refs/heads/main"])
    func resolvesRevisionsAsRevParseDoes(_ revision: String) throws {
        let history = try History()
        let expected = try history.git("rev-parse", revision + "^{commit}")
        #expect(try history.libgit().commit(named: revision) == expected)
    }

    @Test func resolvesIDsAndShortIDs() throws {
        let history = try History()
        let facts = try history.libgit()
        let m3 = history.id("m3")
        #expect(try facts.commit(named: m3) == m3)
        #expect(try facts.commit(named: String(m3.prefix(10))) == m3)
        let tree = try history.git("rev-parse", "HEAD^{tree}")
        #expect(try facts.commit(named: tree) == nil)
    }

    @Test(arguments: ["no-such-branch", "main~99", "origin/nope"])
    func refusesAnUnknownRevisionWithoutLibgit2sWords(_ revision: String) throws {
        let history = try History()
        let error = #expect(throws: FactsError.self) { try history.libgit().commit(named: revision) }
        #expect(error?.kind == .unknownRevision)
        #expect(error?.description == "unknown revision '\(revision)'")
    }

    @Test func peelsTagsAndKnowsWhatItHolds() throws {
        let history = try History()
        let facts = try history.libgit()
        #expect(try facts.contains(history.id("tag")))
        #expect(try facts.peeledCommit(history.id("tag")) == history.id("m2"))
        #expect(try facts.peeledCommit(history.id("m4")) == history.id("m4"))
        let blob = try history.git("rev-parse", "HEAD:file.txt")
        #expect(try facts.contains(blob))
        #expect(try facts.peeledCommit(blob) == nil)
        let absent = String(repeating: "ab", count: 20)
        #expect(try !facts.contains(absent))
        #expect(try facts.peeledCommit(absent) == nil)
        #expect(try !facts.contains("not-hex"))
    }

    @Test(arguments: ["m1", "m3", "m5", "f2"])
    func readsTheRawMessage(_ name: String) throws {
        let history = try History()
        let raw = try history.sandbox.run("git", ["cat-file", "commit", history.id(name)], in: "repo").stdout
        let body = try #require(raw.range(of: "\n\n")).upperBound
        #expect(try history.libgit().message(of: history.id(name)) == String(raw[body...]))
    }

    @Test(arguments: [("m3", "m4"), ("m2", "m3"), ("m2", "m6"), ("f2", "m4")])
    func diffsTwoCommitsAsGitDoes(_ from: String, _ to: String) throws {
        let history = try History()
        let raw = try history.sandbox.run(
            "git", ["diff", "--raw", "-z", "-M", "--no-abbrev", history.id(from), history.id(to)], in: "repo")
        let expected = try GitCommand.parseRaw(raw.stdoutBytes)
        let changes = try history.libgit().changes(from: history.id(from), to: history.id(to))
        #expect(
            changes.sorted { $0.newPathString < $1.newPathString }
                == expected.sorted { $0.newPathString < $1.newPathString })
        if from == "m3" {
            #expect(changes.map(\.status) == ["R"])
            #expect(changes.first?.oldPathString == "docs/guide.md")
            #expect(changes.first?.newPathString == "docs/manual.md")
        }
    }

    @Test func listsReferencesAndRemotes() throws {
        let history = try History()
        let facts = try history.libgit()
        let expected = try history.git("for-each-ref", "--format=%(refname)", "refs/remotes/origin/")
            .split(separator: "\n").map(String.init).sorted()
        #expect(try facts.referenceNames(matching: "refs/remotes/origin/*") == expected)
        #expect(expected.contains("refs/remotes/origin/main"))
        #expect(try facts.referenceNames(matching: "refs/heads/main") == ["refs/heads/main"])
        #expect(try facts.referenceNames(matching: "refs/heads/nope").isEmpty)
        #expect(try facts.remoteNames() == ["origin"])
        #expect(!facts.isShallow)
    }

    /// The pre-push checkpoint over libgit2's answers: what the remote has is hidden.
    @Test func checksAPushOfMainOverTheRealHistory() throws {
        let history = try History()
        let site = GitSite(directory: history.root, environment: history.sandbox.environment())
        let push = RefUpdate(
            localRef: "refs/heads/main", localID: history.id("m6"), remoteRef: "refs/heads/main",
            remoteID: history.id("m5"))
        let (report, outcome) = try PrePush.check([push], remote: "origin", site: site, facts: try history.libgit())
        #expect(report.findings.map(\.ruleID) == ["protected-branch-push"])
        #expect(outcome.checked == 1)
        let rewrite = RefUpdate(
            localRef: "refs/heads/main", localID: history.id("m4"), remoteRef: "refs/heads/main",
            remoteID: history.id("m5"))
        let (forced, _) = try PrePush.check([rewrite], remote: "origin", site: site, facts: try history.libgit())
        #expect(forced.findings.map(\.ruleID) == ["protected-branch-force-push"])
    }

    @Test func checksARangeOverTheRealHistory() throws {
        let history = try History()
        let site = GitSite(directory: history.root, environment: history.sandbox.environment())
        let (report, outcome) = try RangeCommand.check("v1.0..HEAD", site: site, facts: try history.libgit())
        // m3…m6, f1 and f2; the merge commit's message is git's own, so it passes.
        #expect(outcome.checked == 6)
        #expect(report.ok, "\(report.findings)")
        let error = #expect(throws: CommandError.self) {
            try RangeCommand.check("nope..HEAD", site: site, facts: try history.libgit())
        }
        #expect(error?.message.contains("unknown revision 'nope'") == true)
        #expect(error?.message.contains("git_") == false, "\(String(describing: error))")
    }
}

/// A `git clone --depth 1`: the history a range needs is not there.
@Suite struct ShallowCloneTests {
    func shallowClone() throws -> (History, String) {
        let history = try History()
        try history.sandbox.git(
            "clone", "-q", "--depth", "1", "--no-single-branch", "file://" + history.root, "shallow")
        return (history, history.sandbox.absolute("shallow"))
    }

    @Test func knowsItIsShallow() throws {
        let (history, clone) = try shallowClone()
        let location = try #require(RepositoryLocator.locate(from: clone, environment: history.sandbox.environment()))
        let facts = try LibgitFacts(location: location, indexPath: nil)
        #expect(facts.isShallow)
        #expect(try !facts.contains(history.id("m5")))
    }

    @Test func saysToFetchTheHistoryARangeNeeds() throws {
        let (history, clone) = try shallowClone()
        let site = GitSite(directory: clone, environment: history.sandbox.environment())
        let location = try #require(site.location)
        let facts = try LibgitFacts(location: location, indexPath: nil)
        let error = #expect(throws: CommandError.self) {
            try RangeCommand.check("origin/feat/1-x..HEAD", site: site, facts: facts)
        }
        #expect(error?.status == .usage)
        let message = error?.message ?? ""
        #expect(message.contains("git fetch --unshallow"), "\(message)")
        #expect(message.contains("origin/feat/1-x..HEAD"))
        #expect(!message.contains("git_"), "\(message)")
    }
}
