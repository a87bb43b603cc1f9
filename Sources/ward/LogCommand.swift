import Checks
import Workspace

/// `ward log [--limit N] [--json]`: the audit log of the repository here.
enum LogCommand {
    static let help = """
        Usage: ward log [--cwd DIR] [--limit N] [--json]

        Shows the audit log (every denied, asked and warned verdict, overrides and unknown
        agent tools): <commonDir>/ward/audit.jsonl in a repository, else the user's state folder.
        Human output is one line per record: time, decision, rule, subject. --json prints the
        stored JSON lines. --limit N shows the last N records (default 50).

        Exit status: 0, or 2 for a usage error.
        """

    static func run(_ words: ArraySlice<String>, _ invocation: Invocation) throws(FrontError) -> ExitStatus {
        let args = try Arguments.parse(words, command: "log", allowing: ["--limit", "--json", "--cwd"])
        guard args.positionals.isEmpty else { throw .usage("ward: log takes no arguments") }
        let directory = FileSystem.normalize(args.cwd ?? ".", relativeTo: invocation.currentDirectory)
        let repository = RepositoryLocator.locate(from: directory, environment: invocation.environment)
        let path = AuditLog.path(repository: repository, environment: invocation.environment)
        let lines = AuditLog.read(path: path, limit: args.limit ?? 50)
        if args.json {
            if !lines.isEmpty { Output.out(lines.joined(separator: "\n")) }
            return .ok
        }
        if lines.isEmpty {
            Output.err("ward: no audit records in \(path)")
            return .ok
        }
        var out: [String] = []
        for line in lines {
            guard let record = AuditRecord(jsonLine: line) else {
                out.append("(unreadable) \(Verdict.excerpt(line, limit: 160))")
                continue
            }
            var text =
                "\(record.time)  \(record.decision)  \(record.ruleID)  \(Verdict.excerpt(record.subject, limit: 160))"
            if let agent = record.agent { text += "  [\(agent)]" }
            out.append(text)
        }
        Output.out(out.joined(separator: "\n"))
        return .ok
    }
}
