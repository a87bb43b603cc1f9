import Checks
import Policy
import Workspace

/// `ward check command [--cwd DIR] [--json] CMD`: the command guard's verdict on one command line.
enum CheckCommandCommand {
    static let help = """
        Usage: ward check command [--cwd DIR] [--json] CMD

        Checks one shell command line (CMD is a single argument; '-' reads it from stdin) with
        the command guard and the policy of the repository around DIR (default: here).
        Prints the verdict ('allow', or the rule, reason and safer alternative).

        Options:
          --cwd DIR   evaluate as if the command ran in DIR
          --json      print {decision, rule, reason, matched, alternative, findings[]}

        Exit status: 0 allow or warn, 1 deny or ask, 2 usage or policy error.
        """

    static func run(_ words: ArraySlice<String>, _ invocation: Invocation) throws(FrontError) -> ExitStatus {
        let args = try Arguments.parse(words, command: "check command", allowing: ["--cwd", "--json"])
        let command = try commandText(args.positionals, name: "check command")
        let site = try Site.load(directory: args.cwd, invocation)
        let evaluation = CommandGuard(policy: site.loaded.policy).evaluation(
            of: command, in: site.context, trace: false)
        let verdict = evaluation.verdict
        if args.json {
            var out = "{" + VerdictJSON.members(verdict)
            out +=
                ",\"findings\":["
                + evaluation.findings.map { "{" + VerdictJSON.members($0) + "}" }.joined(separator: ",")
            out += "]}"
            Output.out(out)
        } else {
            Output.out(verdict.decision == .allow ? "allow" : verdict.message)
        }
        return verdict.decision > .warn ? .checkFailed : .ok
    }

    /// The one CMD argument, or stdin for `-`.
    static func commandText(_ positionals: [String], name: String) throws(FrontError) -> String {
        guard positionals.count == 1, let only = positionals.first else {
            throw .usage(
                positionals.isEmpty
                    ? "ward: \(name): missing CMD; quote the command line as one argument, or pass '-' to read it from stdin"
                    : "ward: \(name): expected one CMD argument, found \(positionals.count); quote the whole command line"
            )
        }
        if only == "-" {
            return String(decoding: StandardInput.readAll(limit: CommandGuard.maxCommandBytes + 1), as: UTF8.self)
        }
        return only
    }
}

/// A verdict's JSON members, shared by `check command --json` and `explain`.
enum VerdictJSON {
    static func members(_ v: Verdict) -> String {
        [
            ("decision", v.decision.rawValue), ("rule", v.ruleID), ("reason", v.reason), ("matched", v.matched),
            ("alternative", v.alternative),
        ].map { JSONValue.quote($0.0) + ":" + JSONValue.quote($0.1) }.joined(separator: ",")
    }
}
