import CI
import Findings
import Testing

@Suite struct GitHubEscapingTests {
    @Test func escapesMessagesAndPropertiesAsGitHubsToolkitDoes() {
        #expect(GitHubAnnotations.escapeData("100% done\r\nnext") == "100%25 done%0D%0Anext")
        #expect(GitHubAnnotations.escapeProperty("a,b:c%\n") == "a%2Cb%3Ac%25%0A")
    }

    @Test func annotatesAFileFindingWithLineAndColumn() {
        let f = Finding(
            ruleID: "scope-outside", decision: .deny, message: "outside, really", instead: "move it",
            checkpoint: .ci, path: "dir,x/a:b.txt", line: 3, column: 2)
        #expect(
            GitHubAnnotations.annotation(f)
                == "::error file=dir%2Cx/a%3Ab.txt,line=3,col=2,title=ward scope-outside::outside, really%0AInstead: move it"
        )
        var warn = f
        warn.decision = .warn
        #expect(GitHubAnnotations.annotation(warn)?.hasPrefix("::warning ") == true)
        warn.decision = .allow
        #expect(GitHubAnnotations.annotation(warn) == nil)
    }
}

@Suite struct ClosingReferenceTests {
    @Test(arguments: [
        ("Closes #7", true), ("fixes: #7", true), ("Resolved acme/app#7.", true),
        ("closes https://github.com/acme/app/issues/7", true), ("Refs #7", false), ("Closes #70", false),
        ("see #7, it closes nothing", false), ("FIX #7", true),
    ])
    func knowsGitHubsClosingKeywords(_ text: String, _ closes: Bool) {
        #expect(ClosingReference.closes(text, issue: 7) == closes)
    }
}

@Suite struct CIEventReaderTests {
    @Test func detectsTheProviderOrSaysHow() throws {
        #expect(try CIEventReader.provider(nil, environment: ["GITHUB_ACTIONS": "true"]) == .github)
        #expect(try CIEventReader.provider(nil, environment: ["GITLAB_CI": "true"]) == .gitlab)
        #expect(try CIEventReader.provider("gitlab", environment: ["GITHUB_ACTIONS": "true"]) == .gitlab)
        #expect(throws: CIError.self) { try CIEventReader.provider("jenkins", environment: [:]) }
        #expect(throws: CIError.self) { try CIEventReader.provider(nil, environment: [:]) }
    }

    @Test func readsAGitLabMergeRequestAndAPush() throws {
        let mr = try CIEventReader.read(
            .gitlab,
            environment: [
                "CI_COMMIT_SHA": "b", "CI_MERGE_REQUEST_IID": "4", "CI_MERGE_REQUEST_DIFF_BASE_SHA": "a",
                "CI_MERGE_REQUEST_TITLE": "feat: x", "CI_MERGE_REQUEST_DESCRIPTION": "Closes #1",
                "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "feat/1-x",
            ], readFile: { _ in nil })
        #expect(
            mr
                == CIEvent(
                    provider: .gitlab, kind: .mergeRequest, name: "push", base: "a", head: "b", title: "feat: x",
                    body: "Closes #1", branch: "feat/1-x", number: 4))
        let merged = try CIEventReader.read(
            .gitlab,
            environment: [
                "CI_COMMIT_SHA": "m", "CI_MERGE_REQUEST_IID": "4", "CI_MERGE_REQUEST_DIFF_BASE_SHA": "a",
                "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA": "b", "CI_MERGE_REQUEST_EVENT_TYPE": "merged_result",
            ], readFile: { _ in nil })
        #expect(merged.head == "b")
        let push = try CIEventReader.read(
            .gitlab,
            environment: [
                "CI_COMMIT_SHA": "b", "CI_COMMIT_BEFORE_SHA": String(repeating: "0", count: 40),
                "CI_COMMIT_BRANCH": "fix/2-y", "CI_DEFAULT_BRANCH": "main",
            ], readFile: { _ in nil })
        #expect(push.kind == .newBranch)
        #expect(push.base == nil)
        #expect(push.defaultBranch == "main")
    }

    @Test func namesWhatAGitHubJobLacks() {
        #expect(throws: CIError.self) {
            try CIEventReader.read(.github, environment: ["GITHUB_EVENT_NAME": "push"], readFile: { _ in nil })
        }
        #expect(throws: CIError.self) {
            try CIEventReader.read(
                .github, environment: ["GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": "/e.json"],
                readFile: { _ in Array("{\"pull_request\": {}}".utf8) })
        }
    }
}
