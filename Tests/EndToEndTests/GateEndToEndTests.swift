import Foundation
import TestSupport
import Testing

/// Quality gates through the built binaries and real git hooks (issue 9).
@Suite struct GateEndToEndTests {
    static let gates = #"""
        {"gates": {
          "no-bad": {"run": "! grep -l BAD {files}", "files": ["**/*.txt"]},
          "advisory": {"run": "exit 4", "required": false, "stages": ["pre-commit"]},
          "conflicts": {"builtin": "conflict-markers"},
          "no-x-pushed": {"run": "for f in {files}; do [ \"$f\" != x.txt ] || exit 5; done", "stages": ["pre-push"]}
        }}
        """#

    static func repository() throws -> Sandbox {
        let box = try UserReportTests.hooked(branch: "feat/7-gates")
        box.write("ward.json", gates)
        try box.git.git("add", "ward.json", in: "repo")
        try box.git.git("commit", "-q", "--no-verify", "-m", "chore: add gates", in: "repo")
        return box
    }

    @Test func aFailingRequiredGateStopsTheCommitAndAnAdvisoryOneOnlyWarns() throws {
        let box = try Self.repository()
        box.write("a.txt", "BAD\n")
        try box.git.git("add", "a.txt", in: "repo")
        let refused = try box.git.run("git", ["commit", "-q", "-m", "feat: add a"], in: "repo")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("no-bad"), "\(refused.stderr)")
        #expect(refused.stderr.contains("commit stopped by a required gate"))

        box.write("a.txt", "good\n")
        try box.git.git("add", "a.txt", in: "repo")
        let passed = try box.git.run("git", ["commit", "-q", "-m", "feat: add a"], in: "repo")
        #expect(passed.status == 0, "\(passed.stderr)")
        #expect(passed.stderr.contains("advisory"), "the advisory failure is shown: \(passed.stderr)")
    }

    @Test func theHookJudgesTheStagedContentAndLeavesTheWorkTreeAlone() throws {
        let box = try Self.repository()
        box.write("a.txt", "good\n")
        try box.git.git("add", "a.txt", in: "repo")
        box.write("a.txt", "BAD but not staged\n")
        box.write("untracked.txt", "BAD and untracked\n")
        let statusBefore = try box.git.git("status", "--porcelain", in: "repo")
        let result = try box.git.run("git", ["commit", "-q", "-m", "feat: add a"], in: "repo")
        #expect(result.status == 0, "the gate saw the staged 'good', not the work tree: \(result.stderr)")
        #expect(try String(contentsOfFile: box.repo + "/a.txt", encoding: .utf8) == "BAD but not staged\n")
        #expect(try String(contentsOfFile: box.repo + "/untracked.txt", encoding: .utf8) == "BAD and untracked\n")
        #expect(try box.git.git("show", "HEAD:a.txt", in: "repo") == "good")
        let statusAfter = try box.git.git("status", "--porcelain", in: "repo")
        #expect(
            statusAfter.contains("M a.txt") && statusAfter.contains("?? untracked.txt"),
            "\(statusBefore) / \(statusAfter)")
    }

    @Test func gateRunReportsAsTextJSONAndJUnitAndCachesGreenResults() throws {
        let box = try Self.repository()
        box.write("a.txt", "good\n")
        try box.git.git("add", "a.txt", in: "repo")
        let junit = box.dir.appending("junit.xml")
        let json = try box.ward(["gate", "run", "no-bad", "--json", "--junit", junit])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any]
        #expect(object?["ok"] as? Bool == true)
        let gates = object?["gates"] as? [[String: Any]] ?? []
        #expect(gates.first?["name"] as? String == "no-bad")
        #expect(gates.first?["status"] as? String == "passed")
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<testcase") && xml.contains("no-bad"))
        let again = try box.ward(["gate", "run", "no-bad"])
        #expect(again.stdout.contains("cached"), "\(again.stdout)")
        let list = try box.ward(["gate", "list"])
        #expect(list.stdout.contains("no-bad") && list.stdout.contains("ward.json"))
    }

    @Test func wardSkipIsPrintedAndAudited() throws {
        let box = try Self.repository()
        box.write("a.txt", "BAD\n")
        try box.git.git("add", "a.txt", in: "repo")
        let result = try box.git.run(
            "git", ["commit", "-q", "-m", "feat: add a"], in: "repo", environment: ["WARD_SKIP": "no-bad"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("WARD_SKIP"))
        let log = try box.ward(["log", "--rule", "gate-skipped"])
        #expect(log.stdout.contains("gate-skipped"), "\(log.stdout)\(log.stderr)")
    }

    @Test func prePushGatesSeeThePushedFiles() throws {
        let box = try Self.repository()
        let remote = try box.git.makeBareRepository()
        try box.git.git("remote", "add", "origin", remote, in: "repo")
        try box.git.git("push", "-q", "--no-verify", "origin", "HEAD:main", in: "repo")
        try box.git.git("fetch", "-q", "origin", in: "repo")
        box.write("x.txt", "x\n")
        try box.git.git("add", "x.txt", in: "repo")
        try box.git.git("commit", "-q", "--no-verify", "-m", "feat: add x\n\nRefs #7", in: "repo")
        let push = try box.git.run("git", ["push", "-q", "origin", "feat/7-gates"], in: "repo")
        #expect(push.status != 0)
        #expect(push.stderr.contains("no-x-pushed"), "\(push.stderr)")
        #expect(push.stderr.contains("push stopped by a required gate"))
    }
}
