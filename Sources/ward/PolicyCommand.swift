import Policy
import Workspace

/// `ward policy show [--json]` and `ward policy validate [FILE]`.
enum PolicyCommand {
    static let help = """
        Usage: ward policy show [--cwd DIR] [--json]
               ward policy validate [FILE]

        show      print the effective policy of the repository here (built-in defaults, ward.json,
                  local.json, orchestration files, WARD_MODE) with the source of every value
        validate  check a policy file (default: the repository's ward.json); the file's name says
                  how it is read (ward.json, local.json, CLAUDE.md/AGENTS.md, blocked-commands.json,
                  wave-scope.json)

        Exit status: show 0, or 2 when the policy does not load; validate 0 valid, 1 invalid,
        2 when the file is missing or unreadable.
        """

    static func run(_ words: ArraySlice<String>, _ invocation: Invocation) throws(FrontError) -> ExitStatus {
        guard let sub = words.first else {
            Output.err(help)
            return .usage
        }
        switch sub {
        case "show": return try show(words.dropFirst(), invocation)
        case "validate": return try validate(words.dropFirst(), invocation)
        default: throw .usage("ward: unknown command 'policy \(sub)'; see 'ward policy --help'")
        }
    }

    static func validate(_ words: ArraySlice<String>, _ invocation: Invocation) throws(FrontError) -> ExitStatus {
        let args = try Arguments.parse(words, command: "policy validate", allowing: [])
        guard args.positionals.count <= 1 else { throw .usage("ward: policy validate: expected at most one FILE") }
        let path: String
        if let file = args.positionals.first {
            path = FileSystem.normalize(file, relativeTo: invocation.currentDirectory)
        } else {
            let repository = RepositoryLocator.locate(
                from: invocation.currentDirectory, environment: invocation.environment)
            guard let workTree = repository?.workTree else {
                throw .usage("ward: policy validate: not inside a repository with a work tree; name the FILE to check")
            }
            path = workTree + "/ward.json"
        }
        switch FileSystem.read(path, limit: PolicyLoader.fileLimit) {
        case .missing: throw .configuration("ward: \(path): no such file")
        case .failed(let code):
            throw .configuration("ward: \(path): cannot be read (\(FileSystem.errorMessage(code)))")
        case .contents, .tooLarge: break
        }
        switch PolicyLoader.validate(file: path) {
        case .success:
            Output.out("\(path): valid")
            return .ok
        case .failure(let error):
            Output.out("ward: \(error.description)")
            return .checkFailed
        }
    }

    static func show(_ words: ArraySlice<String>, _ invocation: Invocation) throws(FrontError) -> ExitStatus {
        let args = try Arguments.parse(words, command: "policy show", allowing: ["--json", "--cwd"])
        guard args.positionals.isEmpty else { throw .usage("ward: policy show takes no arguments") }
        let site = try Site.load(directory: args.cwd, invocation)
        let p = site.loaded.policy
        func origin(_ key: String) -> String { p.origins[key] ?? "built-in" }
        let files = ["built-in"] + site.loaded.files
        if args.json {
            func q(_ s: String) -> String { JSONValue.quote(s) }
            func list(_ items: [String]) -> String { "[" + items.map(q).joined(separator: ",") + "]" }
            func valued(_ value: String, _ key: String) -> String {
                "{\"value\":\(value),\"source\":\(q(origin(key)))}"
            }
            var out = "{"
            out += "\"mode\":" + valued(q(p.mode.rawValue), "mode")
            out +=
                ",\"commandMode\":"
                + valued(q(p.commandMode.rawValue), p.commands.mode == nil ? "mode" : "commands.mode")
            out += ",\"protectedBranches\":" + valued(list(p.protectedBranches), "protectedBranches")
            out += ",\"regenerable\":" + valued(list(p.commands.regenerable), "commands.regenerable")
            out += ",\"tempRoots\":" + valued(list(p.commands.tempRoots), "commands.tempRoots")
            out += ",\"disabled\":" + list(p.commands.disable)
            out +=
                ",\"overrides\":["
                + p.overrides.map {
                    "{\"rule\":\(q($0.rule)),\"paths\":\(list($0.paths)),\"reason\":\(q($0.reason)),\"source\":\(q($0.source))}"
                }.joined(separator: ",") + "]"
            out += ",\"loosenings\":" + list(p.loosenings)
            out += ",\"ignored\":" + list(p.ignored)
            out +=
                ",\"rules\":["
                + p.commands.rules.map {
                    "{\"id\":\(q($0.id)),\"category\":\(q($0.category)),\"decision\":\(q($0.decision.rawValue)),"
                        + "\"disabled\":\(p.isDisabled($0.id)),\"reason\":\(q($0.reason)),"
                        + "\"alternative\":\(q($0.alternative)),\"source\":\(q($0.source))}"
                }.joined(separator: ",") + "]"
            out += ",\"files\":" + list(files) + "}"
            Output.out(out)
            return .ok
        }
        var lines: [String] = []
        lines.append("policy files: " + files.joined(separator: ", "))
        lines.append("mode: \(p.mode.rawValue)  (\(origin("mode")))")
        let commandSource = p.commands.mode == nil ? origin("mode") : origin("commands.mode")
        lines.append("commands.mode: \(p.commandMode.rawValue)  (\(commandSource))")
        lines.append(
            "protectedBranches: \(p.protectedBranches.joined(separator: ", "))  (\(origin("protectedBranches")))")
        lines.append(
            "commands.regenerable: \(p.commands.regenerable.joined(separator: ", "))  (\(origin("commands.regenerable")))"
        )
        lines.append(
            "commands.tempRoots: \(p.commands.tempRoots.joined(separator: ", "))  (\(origin("commands.tempRoots")))")
        lines.append(
            "commands.disable: " + (p.commands.disable.isEmpty ? "(none)" : p.commands.disable.joined(separator: ", ")))
        lines.append("overrides:" + (p.overrides.isEmpty ? " (none)" : ""))
        for o in p.overrides {
            let paths = o.paths.isEmpty ? "everywhere" : o.paths.joined(separator: ", ")
            lines.append("  \(o.rule) for \(paths): \(o.reason)  (\(o.source))")
        }
        lines.append("loosenings:" + (p.loosenings.isEmpty ? " (none)" : ""))
        lines += p.loosenings.map { "  " + $0 }
        lines.append("ignored:" + (p.ignored.isEmpty ? " (none)" : ""))
        lines += p.ignored.map { "  " + $0 }
        lines.append("rules (\(p.commands.rules.count)):")
        let width = p.commands.rules.map(\.id.count).max() ?? 0
        for rule in p.commands.rules {
            let pad = String(repeating: " ", count: max(0, width - rule.id.count))
            let state = p.isDisabled(rule.id) ? "disabled" : rule.decision.rawValue
            lines.append(
                "  \(rule.id)\(pad)  \(state)\(String(repeating: " ", count: max(0, 8 - state.count)))  \(rule.source)")
        }
        Output.out(lines.joined(separator: "\n"))
        return .ok
    }
}
