import Commands
import Testing

/// What `Dispatch.request` answered, as a value tests can compare.
enum Answer: Equatable {
    case show(String)
    case missing(String)
    case run([String], [String])
    case usage(String)
    case other(String)
}

func answer(_ words: [String]) -> Answer {
    do {
        switch try Dispatch.request(["ward"] + words) {
        case .show(let text): return .show(text)
        case .missing(let text): return .missing(text)
        case .run(let spec, let rest): return .run(spec.path, Array(rest))
        }
    } catch {
        return error.status == .usage ? .usage(error.message) : .other(error.message)
    }
}

func spec(_ path: [String]) throws -> CommandSpec {
    try #require(CommandTable.all.first { $0.path == path })
}

@Suite struct DispatchTests {
    @Test func listsTheCommandsWhenNoneIsGiven() {
        #expect(answer([]) == .missing(Help.top))
    }

    @Test(arguments: [["--help"], ["-h"], ["help"]])
    func showsTheTopHelp(_ words: [String]) {
        #expect(answer(words) == .show(Help.top))
    }

    @Test(arguments: [["version"], ["--version"]])
    func showsTheVersion(_ words: [String]) {
        #expect(answer(words) == .show("ward \(Dispatch.version)"))
        #expect(Dispatch.version == WardVersion.string)
    }

    @Test(arguments: [
        ["help", "check", "range"], ["check", "range", "--help"], ["check", "range", "-h"],
        ["check", "range", "main..HEAD", "--help"], ["check", "range", "--json", "-h"],
    ])
    func showsACommandsHelpInEveryForm(_ words: [String]) throws {
        #expect(answer(words) == .show(Help.text(try spec(["check", "range"]))))
    }

    @Test func runsAHelpFlagAfterDoubleDashAsAnArgument() {
        #expect(answer(["check", "command", "--", "--help"]) == .run(["check", "command"], ["--", "--help"]))
    }

    @Test func listsAGroupsCommands() throws {
        guard case .missing(let group) = answer(["hook"]) else {
            Issue.record("ward hook should list its subcommands")
            return
        }
        #expect(group.hasPrefix("Usage: ward hook <subcommand>\n\n"))
        for name in ["hook claude", "hook codex", "hook gemini", "hook cursor", "hook pre-commit", "hook pre-push"] {
            #expect(group.contains("  " + name), "\(name) in \(group)")
        }
        #expect(!group.contains("check range"))
        #expect(answer(["hook", "--help"]) == .show(group))
        #expect(answer(["hook", "-h"]) == .show(group))
        #expect(answer(["help", "hook"]) == .show(group))
    }

    @Test(arguments: [
        (["hook", "claud"], "ward: unknown command 'hook claud'; did you mean 'ward hook claude'?; see 'ward --help'"),
        (["chek"], "ward: unknown command 'chek'; did you mean 'ward check'?; see 'ward --help'"),
        (["polcy", "show"], "ward: unknown command 'polcy show'; did you mean 'ward policy show'?; see 'ward --help'"),
        (["help", "explian"], "ward: unknown command 'explian'; did you mean 'ward explain'?; see 'ward --help'"),
        (["frobnicate"], "ward: unknown command 'frobnicate'; see 'ward --help'"),
        (["scope", "wipe"], "ward: unknown command 'scope wipe'; see 'ward --help'"),
    ])
    func refusesAnUnknownCommandWithTheClosestKnownOne(_ words: [String], message: String) {
        #expect(answer(words) == .usage(message))
    }

    @Test(arguments: CommandTable.all.filter(\.planned))
    func refusesAPlannedCommandAsUsage(_ planned: CommandSpec) {
        #expect(
            answer(planned.path) == .usage("ward: '\(planned.name)' is not implemented in ward \(Dispatch.version) yet")
        )
        #expect(answer(["help"] + planned.path) == .show(Help.text(planned)))
    }

    @Test func picksTheLongestMatchingPath() {
        #expect(answer(["check", "range", "main..HEAD"]) == .run(["check", "range"], ["main..HEAD"]))
        #expect(answer(["check", "--json"]) == .run(["check"], ["--json"]))
        #expect(answer(["check"]) == .run(["check"], []))
        #expect(answer(["hook", "pre-push", "origin", "url"]) == .run(["hook", "pre-push"], ["origin", "url"]))
    }

    @Test func takesAnUnknownWordAfterAGroupCommandAsATypo() {
        guard case .usage(let message) = answer(["check", "rnage"]) else {
            Issue.record("'ward check rnage' should be a usage error")
            return
        }
        #expect(
            message.hasPrefix("ward: unknown command 'check rnage'; did you mean 'ward check range'?"), "\(message)")
    }

    @Test func passesWordsOfACommandWithArgumentsThrough() {
        #expect(answer(["explain", "git-reset-hard"]) == .run(["explain"], ["git-reset-hard"]))
        #expect(answer(["log", "--limit", "5"]) == .run(["log"], ["--limit", "5"]))
    }
}

@Suite struct HelpTests {
    @Test(arguments: CommandTable.all)
    func listsEveryOptionOfTheCommand(_ spec: CommandSpec) throws {
        let text = Help.text(spec)
        #expect(text.hasPrefix("Usage: ward \(spec.synopsis)\n\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let options = try #require(lines.firstIndex(of: "Options:"))
        let rows = lines.dropFirst(options + 1).prefix { !$0.isEmpty }
        #expect(rows.count == spec.options.count + 1, "\(rows)")
        for option in spec.options {
            #expect(rows.contains { $0.hasPrefix("  " + option.usage + " ") && $0.hasSuffix("  " + option.help) })
            #expect(spec.synopsis.contains("[\(option.usage)]"))
        }
        #expect(rows.contains { $0.hasPrefix("  -h, --help ") && $0.hasSuffix("  show this help") })
        // Every help text starts in the same column.
        let starts = Set(
            zip(rows, spec.options.map(\.help) + ["show this help"]).map { row, help in row.count - help.count })
        #expect(starts.count == 1, "\(rows)")
        if !spec.exitStatus.isEmpty { #expect(text.hasSuffix("\n\nExit status: " + spec.exitStatus)) }
        if !spec.details.isEmpty { #expect(text.contains(spec.details)) }
        #expect(text.contains("Not implemented in ward") == spec.planned)
    }

    @Test(arguments: CommandTable.all)
    func describesEveryRow(_ spec: CommandSpec) {
        #expect(!spec.path.isEmpty)
        #expect(!spec.summary.isEmpty)
        #expect(!spec.summary.hasSuffix("."))
        #expect(spec.options.allSatisfy { $0.name.hasPrefix("-") && !$0.help.isEmpty })
        #expect(Set(spec.options.map(\.name)).count == spec.options.count, "an option listed twice")
        #expect(spec.planned || !spec.exitStatus.isEmpty, "\(spec.name) says how it exits")
    }

    @Test func namesEveryCommandOnce() {
        let names = CommandTable.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(CommandTable.all.contains { $0.binary == .front })
        #expect(CommandTable.all.contains { $0.binary == .git })
    }

    @Test func listsEveryCommandInTheTopHelp() {
        let top = Help.top
        for spec in CommandTable.all {
            #expect(top.contains("  \(spec.synopsis)"), "\(spec.name)")
            let note = spec.planned ? "(not yet) " : ""
            #expect(top.contains(note + spec.summary), "\(spec.name)")
        }
        #expect(top.hasPrefix("ward \(Dispatch.version): "))
    }

    @Test func alignsTheOptionsOfACommand() {
        let text = Help.text(demo)
        #expect(
            text.hasSuffix(
                """
                Options:
                  --json      print JSON (one schema for every command; see the README)
                  --cwd DIR   run as if in DIR (default: the current directory)
                  --rule ID   only this rule
                  --limit N   at most N
                  -m TEXT     the message
                  -h, --help  show this help
                """))
        #expect(
            text.hasPrefix(
                "Usage: ward demo [--json] [--cwd DIR] [--rule ID] [--limit N] [-m TEXT] [ARG...]\n\nA command for tests."
            ))
    }
}
