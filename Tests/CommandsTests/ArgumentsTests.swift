import Base
import Commands
import Testing

/// A command with every kind of option the parser knows.
let demo = CommandSpec(
    ["demo"], .front, arguments: "[ARG...]", summary: "a command for tests",
    options: [
        .json, .cwd, OptionSpec("--rule", value: "ID", repeats: true, "only this rule"),
        OptionSpec("--limit", value: "N", "at most N"), OptionSpec("-m", value: "TEXT", "the message"),
    ])

func parse(_ words: [String], _ spec: CommandSpec = demo) throws(CommandError) -> Arguments {
    try Arguments(words[...], for: spec)
}

/// The usage error `words` make, or nil when they parse.
func usageError(_ words: [String], _ spec: CommandSpec = demo) -> String? {
    do {
        _ = try parse(words, spec)
        return nil
    } catch {
        return error.status == .usage ? error.message : "not a usage error: \(error.message)"
    }
}

@Suite struct ArgumentsTests {
    @Test func readsFlagsValuesAndPositionals() throws {
        let args = try parse(["a", "--json", "--cwd", "dir", "b", "--limit=3", "-m", "feat: x"])
        #expect(args.positionals == ["a", "b"])
        #expect(args.flag("--json"))
        #expect(!args.flag("--rule"))
        #expect(args.value("--cwd") == "dir")
        #expect(args.value("--limit") == "3")
        #expect(args.value("-m") == "feat: x")
        #expect(args.value("--rule") == nil)
    }

    @Test(arguments: [["--cwd=dir"], ["--cwd", "dir"]])
    func takesAValueInlineOrAsTheNextWord(_ words: [String]) throws {
        #expect(try parse(words).value("--cwd") == "dir")
    }

    @Test func keepsAnEqualsSignInsideTheValue() throws {
        #expect(try parse(["--cwd=a=b"]).value("--cwd") == "a=b")
    }

    @Test func takesTheNextWordAsTheValueEvenWhenItLooksLikeAnOption() throws {
        #expect(try parse(["--cwd", "--json"]).value("--cwd") == "--json")
        #expect(try !parse(["--cwd", "--json"]).flag("--json"))
    }

    @Test func endsTheOptionsAtDoubleDash() throws {
        let args = try parse(["--json", "--", "--cwd", "-", "--nope"])
        #expect(args.flag("--json"))
        #expect(args.positionals == ["--cwd", "-", "--nope"])
        #expect(args.value("--cwd") == nil)
    }

    @Test func takesALoneDashAsAPositional() throws {
        #expect(try parse(["-"]).positionals == ["-"])
        #expect(try parse(["--json", "-"]).positionals == ["-"])
    }

    @Test func collectsARepeatableOptionInOrder() throws {
        let args = try parse(["--rule", "a", "--rule=b", "--rule", "c"])
        #expect(args.values("--rule") == ["a", "b", "c"])
        #expect(args.value("--rule") == "c")
        #expect(try parse([]).values("--rule").isEmpty)
    }

    @Test(arguments: [
        (["--jsn"], "ward demo: unknown option '--jsn'; did you mean '--json'?; see 'ward demo --help'"),
        (["--limt=3"], "ward demo: unknown option '--limt'; did you mean '--limit'?; see 'ward demo --help'"),
        (["--completely-different"], "ward demo: unknown option '--completely-different'; see 'ward demo --help'"),
        (["-x"], "ward demo: unknown option '-x'; did you mean '-m'?; see 'ward demo --help'"),
        (["--cwd"], "ward demo: --cwd needs a value (--cwd DIR)"),
        (["--cwd="], "ward demo: --cwd needs a value (--cwd DIR)"),
        (["-m"], "ward demo: -m needs a value (-m TEXT)"),
        (["--json=yes"], "ward demo: --json takes no value"),
        (["--cwd", "a", "--cwd", "b"], "ward demo: --cwd given twice"),
        (["--limit=1", "--limit", "2"], "ward demo: --limit given twice"),
    ])
    func refusesWhatTheCommandDoesNotTake(_ words: [String], message: String) {
        #expect(usageError(words) == message)
    }

    @Test func acceptsAFlagGivenTwice() throws {
        #expect(try parse(["--json", "--json"]).flag("--json"))
    }

    @Test(
        arguments: [
            (["--limit", "0"], 0), (["--limit", "25"], 25), ([], nil),
        ] as [([String], Int?)])
    func readsACount(_ words: [String], count: Int?) throws {
        #expect(try parse(words).count("--limit", command: "demo") == count)
    }

    @Test(arguments: ["-1", "x", "3.5", "1e3", " 2"])
    func refusesACountThatIsNotANonNegativeNumber(_ text: String) throws {
        let args = try parse(["--limit", text])
        let error = #expect(throws: CommandError.self) { try args.count("--limit", command: "demo") }
        #expect(error?.message == "ward demo: --limit expects a number, found '\(text)'")
        #expect(error?.status == .usage)
    }

    @Test func refusesMorePositionalsThanTheCommandTakes() throws {
        let args = try parse(["a", "b", "c"])
        #expect(try args.positionals(atMost: 3, command: "demo") == ["a", "b", "c"])
        let error = #expect(throws: CommandError.self) { try args.positionals(atMost: 1, command: "demo") }
        #expect(error?.message == "ward demo: unexpected argument 'b'; see 'ward demo --help'")
    }

    @Test func parsesTheRealCommandsOptions() throws {
        let log = try #require(CommandTable.all.first { $0.name == "log" })
        let args = try parse(["--rule", "git-reset-hard", "--rule", "rm-root-or-home", "--limit", "10", "--json"], log)
        #expect(args.values("--rule") == ["git-reset-hard", "rm-root-or-home"])
        #expect(try args.count("--limit", command: "log") == 10)
        #expect(
            usageError(["--sinc", "2h"], log)
                == "ward log: unknown option '--sinc'; did you mean '--since'?; see 'ward log --help'")
    }
}

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0), ("claud", "claude", 1),
        // Counted in UTF-8 bytes: "é" is two.
        ("hook", "hoko", 2), ("é", "e", 2),
    ])
    func measuresTheEditDistance(_ a: String, _ b: String, distance: Int) {
        #expect(editDistance(a, b) == distance)
        #expect(editDistance(b, a) == distance)
    }

    @Test(
        arguments: [
            ("claud", ["claude", "codex", "gemini"], "claude"),
            ("--jsno", ["--json", "--cwd"], "--json"),
            ("chek", ["check", "explain", "log"], "check"),
            ("hook claud", ["hook claude", "hook codex", "check"], "hook claude"),
            ("ab", ["abc"], "abc"),
            ("a", ["b"], nil),
            ("xyz", ["claude", "codex"], nil),
            ("anything", [], nil),
            ("policy validte", ["policy validate", "policy show"], "policy validate"),
        ] as [(String, [String], String?)])
    func suggestsOnlyWhatLooksLikeATypo(_ word: String, candidates: [String], expected: String?) {
        #expect(Suggestion.closest(to: word, among: candidates) == expected)
    }
}
