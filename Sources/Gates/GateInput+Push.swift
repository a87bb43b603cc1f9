public import Checks
public import GitHooks

extension GateInput {
    /// The files a push's commits change, for the gates of stage `pre-push`: from the remote's
    /// old tip (or, for a new branch, its merge base with the default branch, local or
    /// `remote`'s) to each pushed tip, each path once. With no base to compare with, every
    /// tracked file of the work tree `root`. Deletions push no files.
    public static func pushed(
        _ updates: [RefUpdate], remote: String, root: String?, environment: [String: String],
        facts: some RepositoryFacts
    ) -> [GateInput] {
        let defaults = [
            "refs/heads/main", "refs/heads/master", "refs/remotes/\(remote)/main", "refs/remotes/\(remote)/master",
        ]
        var seen = Set<String>()
        var inputs: [GateInput] = []
        for update in updates where !update.isDeletion {
            guard let tip = try? facts.peeledCommit(update.localID) else { continue }
            var base: String?
            if !update.isCreation, (try? facts.contains(update.remoteID)) == true {
                base = try? facts.peeledCommit(update.remoteID)
            } else {
                for name in defaults {
                    guard let id = try? facts.commit(named: name), let merged = try? facts.mergeBase(id, tip) else {
                        continue
                    }
                    base = merged
                    break
                }
            }
            let changes: [GateInput]
            if let base, let found = try? facts.changes(from: base, to: tip) {
                changes = staged(found)
            } else if let root, let all = try? allFiles(in: root, environment: environment) {
                changes = all
            } else {
                continue
            }
            for input in changes where seen.insert(input.path).inserted { inputs.append(input) }
        }
        return inputs
    }
}
