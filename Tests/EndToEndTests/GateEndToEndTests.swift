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

    /// Runs `ward ARGS` on a real terminal (util-linux `script` gives it a pseudo-terminal);
    /// what the terminal received, standard output and standard error together.
    static func onTerminal(_ box: Sandbox, _ args: [String], environment extra: [String: String] = [:]) throws
        -> ProcessResult
    {
        let command = ([try Binaries.ward] + args).map { "'" + $0 + "'" }.joined(separator: " ")
        return try runProcess(
            "script", ["-qec", command, "/dev/null"], cwd: box.repo,
            environment: box.environment(["TERM": "xterm"].merging(extra) { $1 }), timeout: 60)
    }

    @Test func progressIsALiveLineOnATerminalAndPlainLinesInPipesAndCI() throws {
        let box = try Self.repository()
        box.write("a.txt", "good\n")
        try box.git.git("add", "a.txt", in: "repo")
        let run = ["gate", "run", "no-bad", "--no-cache"]

        let piped = try box.ward(run)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stderr.contains("ward: gate no-bad started (1 file)"), "\(piped.stderr)")
        #expect(piped.stderr.contains("ward: gate no-bad passed in "), "\(piped.stderr)")
        #expect(!piped.stderr.contains("\u{1B}") && !piped.stdout.contains("\u{1B}"))
        #expect(piped.stdout.contains("no-bad  passed"), "the report stays on standard output: \(piped.stdout)")

        let terminal = try Self.onTerminal(box, run)
        #expect(terminal.status == 0, "\(terminal.stdout)")
        #expect(
            terminal.stdout.contains("\r\u{1B}[Kward: 0 of 1 done · running no-bad 0.0s"),
            "a live line on a terminal: \(terminal.stdout.debugDescription)")
        #expect(terminal.stdout.contains("\r\u{1B}[Kgate "), "the line is wiped before the report")
        #expect(!terminal.stdout.contains("started (1 file)"))

        let ci = try Self.onTerminal(box, run, environment: ["CI": "true"])
        #expect(ci.stdout.contains("ward: gate no-bad started (1 file)"), "\(ci.stdout.debugDescription)")
        #expect(!ci.stdout.contains("\u{1B}[K"), "CI logs get plain lines even on a terminal")

        let off = try box.ward(run + ["--progress", "off"])
        #expect(off.status == 0 && off.stderr.isEmpty, "\(off.stderr)")
        let typo = try box.ward(run + ["--progress", "fancy"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("--progress takes live, plain or off, not 'fancy'"), "\(typo.stderr)")
    }

    @Test func theCommitHookShowsPlainProgressToAPipe() throws {
        let box = try Self.repository()
        box.write("a.txt", "good\n")
        try box.git.git("add", "a.txt", in: "repo")
        let commit = try box.git.run("git", ["commit", "-q", "-m", "feat: add a"], in: "repo")
        #expect(commit.status == 0, "\(commit.stderr)")
        #expect(commit.stderr.contains("ward: gate no-bad started (1 file)"), "\(commit.stderr)")
        #expect(!commit.stderr.contains("\u{1B}"))
    }

    @Test func aRangeFromTheRootTakesEveryFileAndABadRangeSaysWhichSides() throws {
        let box = try Self.repository()
        box.write("a.txt", "BAD\n")
        try box.git.git("add", "a.txt", in: "repo")
        try box.git.git("commit", "-q", "--no-verify", "-m", "feat: add a", in: "repo")
        let root = try box.ward(["gate", "run", "no-bad", "--range", "..HEAD", "--progress", "off"])
        #expect(root.status == 1, "every file of HEAD, a.txt included: \(root.stdout)\(root.stderr)")
        #expect(root.stdout.contains("a.txt"), "\(root.stdout)")
        let bad = try box.ward(["gate", "run", "no-bad", "--range", "nope..HEAD"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("git cannot compare nope...HEAD"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("Optional"))
    }
}
