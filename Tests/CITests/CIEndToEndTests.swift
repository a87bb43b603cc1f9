import Foundation
import TestSupport
import Testing

/// `ward ci` with the built binary against recorded GitHub event payloads and GitLab variables,
/// over real repositories: the exit status and every output format.
@Suite struct CIEndToEndTests {
    static let scoped = "{\"scope\": {\"allow\": [\"src/**\", \"docs/**\"]}}\n"

    @Test(arguments: ["pull_request", "pull_request_target"])
    func aGoodPullRequestPasses(_ event: String) throws {
        let repo = try CIRepo(wardJSON: Self.scoped)
        try repo.branch("feat/7-login", [("feat: add login\n\nRefs #7", ["src/login.swift": "let x = 1\n"])])
        let run = try repo.github(event, values: ["TITLE": "feat: add login", "BODY": "Adds login.\n\nCloses #7"])
        #expect(run.status == 0, "\(run.stdout)\(run.result.stderr)")
        #expect(run.stdout.contains("::group::ward: Commit messages: passed"), "\(run.stdout)")
        #expect(run.stdout.contains("::group::ward: Pull request title: passed"), "\(run.stdout)")
        #expect(!run.stdout.contains("::error"), "\(run.stdout)")
        #expect(!run.stdout.contains("::warning"), "\(run.stdout)")
        #expect(run.stdout.contains("ward ci: pull request #12"), "\(run.stdout)")
        #expect(run.summary.hasPrefix("## ✅ ward: every required check passed"), "\(run.summary)")
        #expect(run.summary.contains("| Commit messages | ✅ passed (1 checked) |"), "\(run.summary)")
        #expect(try sarifProblems(run.files["--sarif"]).isEmpty)
        let sarif = try json(run.files["--sarif"]) as? [String: Any]
        let results = ((sarif?["runs"] as? [[String: Any]])?.first?["results"] as? [Any]) ?? ["missing"]
        #expect(results.isEmpty)
        #expect((try json(run.files["--codequality"]) as? [Any])?.isEmpty == true)
        let junit = try #require(run.files["--junit"])
        #expect(junit.contains("<testsuites name=\"ward ci\""), "\(junit)")
        #expect(junit.contains("failures=\"0\""), "\(junit)")
        #expect(junit.contains("<testsuite name=\"Commit messages\" tests=\"1\" failures=\"0\""), "\(junit)")
    }

    @Test func aBadPullRequestFailsWithAnnotationsSummarySARIFJUnitAndCodeQuality() throws {
        let repo = try CIRepo(wardJSON: Self.scoped)
        try repo.branch(
            "feat/7-login",
            [
                ("added login", ["src/login.swift": "let x = 1\n"]),
                ("feat: write outside, 100%, a:b", ["build/out.txt": "x\n"]),
            ])
        let run = try repo.github("pull_request", values: ["TITLE": "Add login", "BODY": "work in progress"])
        #expect(run.status == 1, "\(run.stdout)\(run.result.stderr)")
        // The message of a bad commit: an error annotation without a file, the commit named.
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let typeEmpty = lines.filter { $0.hasPrefix("::error title=ward type-empty::") }
        #expect(typeEmpty.count == 2, "\(run.stdout)")
        #expect(typeEmpty.contains { $0.contains("commit \(repo.head.prefix(7))") || $0.contains("added login") })
        #expect(typeEmpty.contains { $0.contains("pull request title \"Add login\"") }, "\(run.stdout)")
        // The path outside the scope: an annotation on the file, with GitHub's escaping.
        #expect(
            lines.contains { $0.hasPrefix("::error file=build/out.txt,title=ward scope-outside::") }, "\(run.stdout)")
        #expect(lines.allSatisfy { !$0.hasPrefix("::") || !$0.dropFirst(2).contains("\n") })
        #expect(run.stdout.contains("%0AInstead: "), "\(run.stdout)")
        // The body does not close the branch's issue: a warning.
        #expect(lines.contains { $0.hasPrefix("::warning title=ward pr-closing-reference::") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("::error title=ward commit-issue-link::") }, "\(run.stdout)")
        #expect(run.stdout.contains("::group::ward: Commit messages: 2 errors"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("the job fails\n"), "\(run.stdout)")

        #expect(run.summary.hasPrefix("## ❌ ward: "), "\(run.summary)")
        #expect(run.summary.contains("| ❌ | `scope-outside` | `build/out.txt` |"), "\(run.summary)")
        #expect(run.summary.contains("| Scope of the changed paths | ❌ 1 error, 0 warnings |"), "\(run.summary)")

        #expect(try sarifProblems(run.files["--sarif"]).isEmpty, "\(run.files["--sarif"] ?? "")")
        let sarif = try json(run.files["--sarif"]) as? [String: Any]
        let sarifRun = (sarif?["runs"] as? [[String: Any]])?.first ?? [:]
        let results = sarifRun["results"] as? [[String: Any]] ?? []
        let scope = results.first { $0["ruleId"] as? String == "scope-outside" }
        let location = (scope?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "build/out.txt")
        #expect(scope?["level"] as? String == "error")
        #expect(
            results.contains {
                $0["ruleId"] as? String == "pr-closing-reference" && $0["level"] as? String == "warning"
            })
        // GitHub rejects an upload with one result without a location: findings about commits,
        // the title or the body point at ward.json, the policy that sets the contract.
        #expect(results.allSatisfy { ($0["locations"] as? [Any])?.isEmpty == false }, "\(results)")
        let sarifTypeEmpty = results.filter { $0["ruleId"] as? String == "type-empty" }
        #expect(sarifTypeEmpty.count == 2)
        let locations = sarifTypeEmpty.first?["locations"] as? [[String: Any]] ?? []
        let physical = locations.first?["physicalLocation"] as? [String: Any] ?? [:]
        let artifact = physical["artifactLocation"] as? [String: Any] ?? [:]
        #expect(artifact["uri"] as? String == "ward.json")

        let quality = try json(run.files["--codequality"]) as? [[String: Any]] ?? []
        #expect(quality.count == results.count)
        let fingerprints = Set(quality.compactMap { $0["fingerprint"] as? String })
        #expect(fingerprints.count == quality.count)
        let outside = quality.first { $0["check_name"] as? String == "scope-outside" }
        #expect(outside?["severity"] as? String == "major")
        #expect(((outside?["location"] as? [String: Any])?["path"] as? String) == "build/out.txt")
        #expect(((outside?["location"] as? [String: Any])?["lines"] as? [String: Any])?["begin"] as? Int == 1)

        let junit = try #require(run.files["--junit"])
        #expect(junit.contains("<failure message="), "\(junit)")
        #expect(junit.contains("type=\"scope-outside\""), "\(junit)")
        #expect(junit.contains("classname=\"ward.ci.title\""), "\(junit)")
        #expect(junit.components(separatedBy: "<failure ").count - 1 >= 4, "\(junit)")
        #expect(junit.hasSuffix("</testsuites>\n"))
    }

    @Test func aPullRequestThatAddsWardsPolicyPassesWithAReviewFinding() throws {
        let repo = try CIRepo()
        try repo.branch(
            "chore/3-adopt-ward",
            [
                (
                    "chore: add ward policy\n\nRefs #3",
                    ["ward.json": "{}\n", ".claude/settings.json": "{\"hooks\": {}}\n"]
                )
            ])
        let run = try repo.github(
            "pull_request", values: ["TITLE": "chore: add ward policy", "BODY": "Closes #3"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(
            run.stdout.contains(
                "::warning file=ward.json,title=ward policy-change::policy change: needs a person's review"),
            "\(run.stdout)")
        #expect(run.stdout.contains("::warning file=.claude/settings.json,title=ward policy-change::"), "\(run.stdout)")
        #expect(run.stdout.contains("CODEOWNERS"), "\(run.stdout)")
        #expect(run.summary.contains("| ward's own files | ⚠️ 0 errors, 2 warnings |"), "\(run.summary)")
    }

    @Test func aPushChecksBeforeToAfter() throws {
        let repo = try CIRepo()
        try repo.branch("fix/9-crash", [("fix: crash\n\nRefs #9", ["src/a.txt": "a\n"])])
        let before = repo.head
        try repo.sandbox.write("repo/src/b.txt", "b\n")
        try repo.sandbox.git("add", "src/b.txt", in: "repo")
        try repo.sandbox.git("commit", "-q", "-m", "Bad second commit", in: "repo")
        repo.head = try repo.sandbox.git("rev-parse", "HEAD", in: "repo")
        let run = try repo.github("push", values: ["BEFORE": before])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(
            run.stdout.contains("ward ci: push to fix/9-crash \(before.prefix(7))..\(repo.head.prefix(7))"),
            "\(run.stdout)")
        #expect(run.stdout.contains("Commit messages: 2 errors"), "\(run.stdout)")
        #expect(!run.stdout.contains("Pull request title"), "\(run.stdout)")
    }

    @Test func aNewBranchIsCheckedFromWhereItLeavesTheDefaultBranch() throws {
        let repo = try CIRepo()
        try repo.branch("feat/5-new", [("feat: one\n\nRefs #5", [:]), ("feat: two", [:])])
        let run = try repo.github("push", fixture: "github-push-new-branch.json")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("the branch is new; checking from where it leaves origin/main"), "\(run.stdout)")
        #expect(run.summary.contains("| Commit messages | ✅ passed (2 checked) |"), "\(run.summary)")
    }

    @Test func aManualRunOnTheDefaultBranchChecksTheHeadCommitOnly() throws {
        let repo = try CIRepo()
        for message in ["Old habits", "feat: latest"] {
            try repo.sandbox.git("commit", "-q", "--allow-empty", "-m", message, in: "repo")
        }
        repo.head = try repo.sandbox.git("rev-parse", "HEAD", in: "repo")
        let run = try repo.github(
            "workflow_dispatch", env: ["GITHUB_REF_TYPE": "branch", "GITHUB_REF_NAME": "main"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("checking the head commit \(repo.head.prefix(7)) only"), "\(run.stdout)")
        #expect(run.summary.contains("| Commit messages | ✅ passed (1 checked) |"), "\(run.summary)")
    }

    @Test func aDeletedBranchHasNothingToCheck() throws {
        let repo = try CIRepo()
        try repo.branch("feat/5-gone", [("feat: one", [:])])
        let run = try repo.github("push", fixture: "github-push-delete.json")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("nothing to check"), "\(run.stdout)")
    }

    @Test func aMergeGroupChecksTheQueuedCommitsWithoutABranchName() throws {
        let repo = try CIRepo()
        try repo.branch("whatever", [("feat: queued", ["src/q.txt": "q\n"])])
        let run = try repo.github("merge_group")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(!run.stdout.contains("Branch name"), "\(run.stdout)")
        #expect(run.stdout.contains("merge group"), "\(run.stdout)")
    }

    @Test func aNullBodyIsAnEmptyBody() throws {
        let repo = try CIRepo()
        try repo.branch("feat/8-x", [("feat: x\n\nRefs #8", [:])])
        let run = try repo.github(
            "pull_request", fixture: "github-pull_request-null-body.json", values: ["TITLE": "feat: x"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("::warning title=ward pr-closing-reference::"), "\(run.stdout)")
    }

    @Test func theGatesOfStageCIRunOverTheChangedFiles() throws {
        let policy = """
            {"gates": {
              "no-todo": {"run": "sh -c 'if grep -n TODO \\"$@\\"; then exit 1; fi' gate {files}", "stages": ["ci"]},
              "advisory": {"run": "false", "stages": ["ci"], "required": false}
            }}

            """
        let repo = try CIRepo(wardJSON: policy)
        try repo.branch("feat/4-gates", [("feat: add a\n\nRefs #4", ["src/a.txt": "TODO: finish\n"])])
        let run = try repo.github("pull_request", values: ["TITLE": "feat: add a", "BODY": "Closes #4"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("::error title=ward gate-failed::gate 'no-todo' failed"), "\(run.stdout)")
        #expect(run.stdout.contains("::warning title=ward gate-failed::gate 'advisory' failed"), "\(run.stdout)")
        #expect(run.stdout.contains("::group::ward: gate output\n"), "\(run.stdout)")
        #expect(run.stdout.contains("── no-todo: failed (exit 1) ──\n1:TODO: finish"), "\(run.stdout)")
        #expect(run.summary.contains("| Quality gates (stage ci) | ❌ 1 error, 1 warning |"), "\(run.summary)")
        let skipped = try repo.github(
            "pull_request", values: ["TITLE": "feat: add a", "BODY": "Closes #4"], args: ["--no-gates"])
        #expect(skipped.status == 0, "\(skipped.stdout)")
    }

    @Test func aShallowCloneSaysWhatToFetch() throws {
        let repo = try CIRepo()
        try repo.branch("feat/6-deep", [("feat: one", [:]), ("feat: two", [:]), ("feat: three", [:])])
        try repo.sandbox.git("push", "-q", "origin", "feat/6-deep", in: "repo")
        try repo.sandbox.git(
            "clone", "-q", "--depth", "1", "--branch", "feat/6-deep", "file://" + repo.remote, "shallow")
        let shallow = repo.sandbox.absolute("shallow")
        let github = try repo.github(
            "pull_request", values: ["TITLE": "feat: deep", "BODY": "Closes #6"], cwd: shallow)
        #expect(github.status == 2, "\(github.stdout)\(github.result.stderr)")
        #expect(
            github.result.stderr.contains(
                "ward ci: the base commit \(repo.base.prefix(12)) is not in this clone (a shallow clone)"),
            "\(github.result.stderr)")
        #expect(github.result.stderr.contains("fetch-depth: 0"), "\(github.result.stderr)")
        let gitlab = try repo.gitlab("gitlab-merge-request.env", values: ["TITLE": "feat: deep"], cwd: shallow)
        #expect(gitlab.status == 2)
        #expect(gitlab.result.stderr.contains("GIT_DEPTH: 0"), "\(gitlab.result.stderr)")
    }

    @Test func aGitLabMergeRequestWritesCodeQuality() throws {
        let repo = try CIRepo(wardJSON: Self.scoped)
        try repo.branch("feat/2-mr", [("feat: mr\n\nRefs #2", ["lib/x.txt": "x\n"])])
        let run = try repo.gitlab("gitlab-merge-request.env", values: ["TITLE": "feat: mr", "BODY": "Closes #2"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(!run.stdout.contains("::"), "\(run.stdout)")
        #expect(run.stdout.contains("ward: Merge request title: passed"), "\(run.stdout)")
        #expect(run.stdout.contains("lib/x.txt: ward deny [scope-outside]"), "\(run.stdout)")
        #expect(run.stdout.contains("ward ci: merge request #34"), "\(run.stdout)")
        let quality = try json(run.files["--codequality"]) as? [[String: Any]] ?? []
        #expect(quality.count == 1)
        #expect(quality.first?["check_name"] as? String == "scope-outside")
        #expect((quality.first?["description"] as? String)?.contains("src/**") == true)
    }

    @Test func aGitLabPushOfANewBranchComparesWithTheDefaultBranch() throws {
        let repo = try CIRepo()
        try repo.branch("fix/3-gl", [("fix: gl\n\nRefs #3", [:])])
        let run = try repo.gitlab(
            "gitlab-push.env", values: ["BEFORE": "0000000000000000000000000000000000000000"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("leaves origin/main"), "\(run.stdout)")
        #expect(run.stdout.contains("ward ci: new branch fix/3-gl"), "\(run.stdout)")
    }

    @Test func outsideCIItSaysHowToRunIt() throws {
        let repo = try CIRepo()
        let result = try runProcess(
            try Binaries.ward, ["ci"], cwd: repo.root, environment: repo.sandbox.environment(), timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("neither GITHUB_ACTIONS nor GITLAB_CI is set"), "\(result.stderr)")
    }
}
