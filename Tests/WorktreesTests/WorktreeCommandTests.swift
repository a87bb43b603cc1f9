import Commands
import Findings
import Testing

@testable import Worktrees

/// `ward worktree add`'s requests and the output model, as values.
@Suite struct WorktreeCommandTests {
    static let template = AddRequest(
        name: "", branch: "", base: "main", scope: ["src/**"], team: nil, link: nil, copy: nil, lock: nil)

    @Test func issuesBecomeBranchesAndNamesWithTheTemplatesOptions() throws {
        let requests = try WorktreeCommand.requests(
            names: [], issues: ["510", "511"], titles: ["Fix the crash on start", "Add dark mode"], branch: nil,
            template: Self.template)
        #expect(requests.map(\.branch) == ["fix/510-fix-the-crash-on-start", "feat/511-add-dark-mode"])
        #expect(requests.map(\.issue) == [510, 511])
        #expect(requests.allSatisfy { $0.base == "main" && $0.scope == ["src/**"] })
        let named = try WorktreeCommand.requests(
            names: ["api"], issues: [], titles: [], branch: "feat/9-api", template: Self.template)
        #expect(named.map(\.name) == ["api"] && named.map(\.branch) == ["feat/9-api"])
    }

    @Test(arguments: [
        ([], ["1"], [], nil as String?, "give one --title per --issue"),
        (["a", "b"], ["1"], ["t"], nil, "give one NAME per --issue"),
        ([], ["1"], ["t"], "x", "--branch and --issue exclude each other"),
        ([], ["one"], ["t"], nil, "--issue 'one': expected an issue number"),
        ([], [], [], nil, "give a NAME, or --issue N --title TEXT"),
        (["a", "b"], [], [], "x", "--branch x names one branch"),
    ])
    func badCombinationsSayWhatToGive(
        names: [String], issues: [String], titles: [String], branch: String?, text: String
    ) {
        #expect {
            _ = try WorktreeCommand.requests(
                names: names, issues: issues, titles: titles, branch: branch, template: Self.template)
        } throws: { error in
            guard case .usage(let message) = error as? CommandError else { return false }
            return message.contains(text)
        }
    }

    @Test func outputRendersJSONOrLinesWithObjectionsOnStderr() {
        let report = Report(
            checkpoint: .worktree, subject: "worktree add a",
            findings: [
                Finding(
                    ruleID: "worktree-exists", decision: .deny, message: "a exists", matched: "a", checkpoint: .worktree
                )
            ])
        let output = WorktreeOutput(
            report: report, members: ["{\"name\":\"a\"}"], lines: ["ward: added b"], echo: true, status: .checkFailed)
        let text = output.rendered(json: false)
        #expect(text.out == ["ward: added b"])
        #expect(text.err.count == 1 && text.err[0].contains("worktree-exists"))
        let json = output.rendered(json: true)
        #expect(json.err.isEmpty && json.out.count == 1)
        #expect(json.out[0].contains("\"worktrees\":[{\"name\":\"a\"}]"), "\(json.out[0])")
        var quiet = output
        quiet.echo = false
        #expect(quiet.rendered(json: false).err.isEmpty)
    }
}
