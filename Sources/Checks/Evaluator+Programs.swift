import Base
internal import Policy
internal import Shell

/// Interpreters, database clients and platform CLIs.
extension Evaluator {
    static func isInterpreter(_ program: String) -> Bool {
        if program.hasPrefix("python") || program.hasPrefix("pypy") {
            return program.dropFirst(program.hasPrefix("pypy") ? 4 : 6).allSatisfy { $0.isNumber || $0 == "." }
        }
        return ["node", "nodejs", "deno", "bun", "ruby", "perl", "php", "lua", "osascript"].contains(program)
    }

    mutating func checkInterpreter(_ program: String, _ args: [Arg], state: inout State, input: Input, text: String) {
        let codeFlags: Set<String> =
            program.hasPrefix("python") || program.hasPrefix("pypy")
            ? ["-c"] : program == "php" ? ["-r"] : ["-e", "-E", "--eval", "-p", "--print"]
        var i = 0
        var code: Arg?
        var hasScript = false
        var script: Arg?
        while i < args.count {
            let a = args[i]
            i += 1
            guard let t = a.known else {
                hasScript = true
                break
            }
            if codeFlags.contains(t) {
                code = i < args.count ? args[i] : nil
                break
            }
            // Combined flags ending in the code flag: `python -uc CODE`, `perl -le CODE`.
            if t.hasPrefix("-"), !t.hasPrefix("--"), t.count > 2, let last = t.last,
                codeFlags.contains("-" + String(last))
            {
                code = i < args.count ? args[i] : nil
                break
            }
            if t.hasPrefix("-") {
                if ["-m", "-W", "-X", "-r", "--require", "-I", "--import"].contains(t) { i += 1 }
                if t == "-m" {
                    // A module is not checked, except the tools that are modules too
                    // (`python -m django flush`).
                    if i - 1 < args.count, let module = args[i - 1].known, module == "django" || module == "alembic" {
                        _ = checkTool(
                            module == "django" ? "django-admin" : module, Array(args[i...]), state: &state,
                            input: input, text: text)
                    }
                    return
                }
                continue
            }
            hasScript = true
            script = a
            break
        }
        if let code {
            guard let c = code.known else {
                report("shell-unknown-input", matched: text, detail: "\(program) code known only at run time")
                return
            }
            scanCode(c, language: program, state: &state, text: text)
            return
        }
        if hasScript {
            guard let script else { return }
            if let written = writtenFile(script, state: state) {
                runWrittenScript(written, name: script.text, language: program, state: &state, text: text)
            } else if let name = script.known.map(Self.programName), Self.isToolProgram(name) {
                // `python manage.py flush`, `php artisan migrate:fresh`, `ruby bin/rails db:drop`.
                _ = checkTool(name, Array(args[i...]), state: &state, input: input, text: text)
            }
            return
        }
        switch input {
        case .literal(let c): scanCode(c, language: program, state: &state, text: text)
        case .unknown(.download(let what)): report("download-exec", matched: what + " | " + program)
        case .unknown(.decoded(let what)): report("decode-exec", matched: what + " | " + program)
        default: break
        }
    }

    /// Scans interpreter code for shell-outs and deletes, and evaluates what they do.
    mutating func scanCode(_ code: String, language: String, state: inout State, text: String) {
        note("scanning \(language) code")
        let shellCalls = [
            "os.system", "os.popen", "subprocess.run", "subprocess.call", "subprocess.Popen", "subprocess.check_call",
            "subprocess.check_output", "subprocess.getoutput", "subprocess.getstatusoutput", "execSync", "spawnSync",
            "exec",
            "execFileSync", "spawn", "system", "Kernel.system", "Kernel.exec", "IO.popen", "Open3.capture2",
            "Open3.popen3",
            "shell_exec", "passthru", "proc_open", "popen", "qx", "do shell script",
        ]
        let recursiveDeletes = [
            "shutil.rmtree", "rmtree", "remove_tree", "FileUtils.rm_rf", "FileUtils.rm_r", "FileUtils.remove_dir",
            "FileUtils.remove_entry", "rm_rf", "fs.rmSync", "fs.rm", "fs.rmdirSync", "rmSync", "Deno.remove",
            "fs.promises.rm",
        ]
        let fileDeletes = [
            "os.remove", "os.unlink", "os.rmdir", "os.removedirs", "Path.unlink", ".unlink", "fs.unlinkSync",
            "fs.unlink", "File.delete", "FileUtils.rm", "unlink",
        ]
        let bytes = Array(code.utf8)
        for (name, kind) in shellCalls.map({ ($0, 0) }) + recursiveDeletes.map({ ($0, 1) })
            + fileDeletes.map({ ($0, 2) })
        {
            for argument in Self.callArguments(of: name, in: bytes) {
                switch kind {
                case 0:
                    if let s = argument {
                        note("\(language) runs a shell command: \(Verdict.excerpt(s, limit: 100))")
                        parseAndEvaluate(s, state: &state, input: .none, matched: text)
                    } else {
                        report(
                            "shell-unknown-input", matched: text,
                            detail: "\(language) runs a command built at run time (\(name))")
                    }
                case 1:
                    if let s = argument {
                        classifyRecursiveDelete(resolveTarget(Arg(literal: s), state: state), text: text)
                    } else {
                        report("rm-unknown-target", matched: text, detail: "\(name) of a path built at run time")
                    }
                default:
                    if let s = argument {
                        checkRemove("rm", [Arg(literal: s)], state: state, text: text)
                    }
                }
            }
        }
        // Backticks and %x{} run shell commands in Ruby and Perl.
        if language == "ruby" || language == "perl" {
            var inside = false
            var current: [UInt8] = []
            for b in bytes {
                if b == 0x60 {
                    if inside {
                        parseAndEvaluate(
                            String(decoding: current, as: UTF8.self), state: &state, input: .none, matched: text)
                    }
                    inside.toggle()
                    current.removeAll()
                } else if inside {
                    current.append(b)
                }
            }
        }
    }

    /// The first argument of each call of `name` in code: its string value, or nil when it is not a
    /// literal. A list of literals (`['rm', '-rf', '/']`) is joined with spaces.
    static func callArguments(of name: String, in code: [UInt8]) -> [String?] {
        let n = Array(name.utf8)
        var out: [String?] = []
        var i = 0
        while i + n.count <= code.count {
            guard code[i..<(i + n.count)].elementsEqual(n) else {
                i += 1
                continue
            }
            // Whole identifier only.
            if i > 0, let p = Optional(code[i - 1]), (p >= 0x41 && p <= 0x5A) || (p >= 0x61 && p <= 0x7A) || p == 0x5F {
                i += 1
                continue
            }
            var j = i + n.count
            if j < code.count,
                (code[j] >= 0x41 && code[j] <= 0x5A) || (code[j] >= 0x61 && code[j] <= 0x7A) || code[j] == 0x5F
            {
                i += 1
                continue
            }
            while j < code.count, code[j] == 0x20 { j += 1 }
            var parenthesised = false
            if j < code.count, code[j] == 0x28 || code[j] == 0x7B {
                parenthesised = true
                j += 1
            }
            while j < code.count, code[j] == 0x20 { j += 1 }
            guard j < code.count else { break }
            if !parenthesised && !(code[j] == 0x22 || code[j] == 0x27 || code[j] == 0x5B) {
                i = j
                continue
            }
            if code[j] == 0x5B {  // list of literals
                var k = j + 1
                var parts: [String] = []
                var allLiteral = true
                while k < code.count, code[k] != 0x5D {
                    if code[k] == 0x22 || code[k] == 0x27 {
                        let (s, end) = readQuoted(code, k)
                        parts.append(s)
                        k = end
                    } else if code[k] == 0x2C || code[k] == 0x20 {
                        k += 1
                    } else {
                        allLiteral = false
                        k += 1
                    }
                }
                out.append(allLiteral ? parts.joined(separator: " ") : nil)
                i = k
                continue
            }
            if code[j] == 0x22 || code[j] == 0x27 || code[j] == 0x60 {
                let (s, end) = readQuoted(code, j)
                // Concatenation or interpolation makes it dynamic.
                var k = end
                while k < code.count, code[k] == 0x20 { k += 1 }
                if k < code.count, code[k] == 0x2B || code[k] == 0x25 || s.contains("${") || s.contains("#{") {
                    out.append(nil)
                } else {
                    out.append(s)
                }
                i = end
                continue
            }
            out.append(nil)
            i = j
        }
        return out
    }

    static func readQuoted(_ code: [UInt8], _ start: Int) -> (String, Int) {
        let q = code[start]
        var k = start + 1
        var s: [UInt8] = []
        while k < code.count, code[k] != q {
            if code[k] == 0x5C, k + 1 < code.count {
                s.append(code[k + 1])
                k += 2
                continue
            }
            s.append(code[k])
            k += 1
        }
        return (String(decoding: s, as: UTF8.self), k + 1)
    }

    // MARK: - Databases

    mutating func checkSQLClient(_ program: String, _ args: [Arg], input: Input, text: String) {
        var statements: [String] = []
        var dynamic = false
        // Each client's options that take a value; mysql's -p takes its password only attached
        // (`-psecret`), a bare -p prompts.
        let shortWithValue: Set<Character>
        switch program {
        case "mysql", "mariadb", "mycli": shortWithValue = ["e", "h", "u", "D", "P", "S"]
        case "clickhouse-client": shortWithValue = ["q", "h", "u", "d"]
        case "cqlsh": shortWithValue = ["e", "u", "p", "k", "f"]
        case "sqlcmd": shortWithValue = ["Q", "q", "S", "U", "P", "d", "i", "o"]
        case "snowsql": shortWithValue = ["q", "a", "u", "d", "s", "w", "r", "f"]
        default: shortWithValue = ["c", "d", "U", "h", "p", "f", "v", "o", "F", "P", "T", "L", "R"]
        }
        let s = OptionScan(
            args, shortWithValue: shortWithValue,
            longWithValue: [
                "--command", "--execute", "--dbname", "--username", "--host", "--port", "--file", "--user",
                "--database", "--cmd", "--query", "--password",
            ])
        for key in ["-c", "--command", "-e", "--execute", "--cmd", "-q", "-Q", "--query"]
        where shortWithValue.contains(key.last ?? " ") || key.hasPrefix("--") {
            for v in s.values[key] ?? [] {
                if let t = v.known { statements.append(t) } else { dynamic = true }
            }
        }
        if program == "sqlite3" || program == "duckdb" {
            for v in s.operands.dropFirst() {
                if let t = v.known { statements.append(t) } else { dynamic = true }
            }
        }
        if case .literal(let body) = input { statements.append(body) }
        for sql in statements {
            if let what = Self.destructiveSQL(sql) {
                report("sql-destructive", matched: text, detail: what)
                return
            }
        }
        if dynamic { note("\(program): SQL only known at run time is not checked") }
    }

    /// The first destructive statement in SQL text: DROP, TRUNCATE, or DELETE without WHERE.
    static func destructiveSQL(_ sql: String) -> String? {
        for statement in sql.split(separator: ";") {
            // Comment lines (`-- note`) and parentheses do not change what runs.
            let code = statement.split(separator: "\n").filter { !$0.trimmingWhitespace().hasPrefix("--") }
                .joined(separator: "\n")
            let words = code.uppercased().split(whereSeparator: {
                $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "("
            })
            guard let first = words.first else { continue }
            switch first {
            case "DROP":
                if words.count > 1,
                    [
                        "TABLE", "DATABASE", "SCHEMA", "VIEW", "INDEX", "USER", "ROLE", "COLLECTION", "OWNED",
                        "MATERIALIZED", "SEQUENCE", "TABLESPACE", "KEYSPACE", "FOREIGN", "TEMPORARY",
                    ].contains(String(words[1]))
                {
                    return String(statement.trimmingWhitespace())
                }
            case "ALTER":
                if let d = words.firstIndex(of: "DROP"), d + 1 < words.count, words[d + 1] != "CONSTRAINT",
                    words[d + 1] != "DEFAULT", words[d + 1] != "NOT", words[d + 1] != "INDEX"
                {
                    return String(statement.trimmingWhitespace())
                }
            case "TRUNCATE":
                return String(statement.trimmingWhitespace())
            case "DELETE":
                if !words.contains("WHERE") { return String(statement.trimmingWhitespace()) }
            default:
                continue
            }
        }
        return nil
    }

    mutating func checkRedis(_ args: [Arg], input: Input, text: String) {
        for a in args {
            if let t = a.known?.uppercased(), t == "FLUSHALL" || t == "FLUSHDB" {
                report("redis-flush", matched: text)
                return
            }
        }
        if case .literal(let body) = input,
            body.uppercased().contains("FLUSHALL") || body.uppercased().contains("FLUSHDB")
        {
            report("redis-flush", matched: text)
            return
        }
        // DEL/UNLINK of keys only known at run time: `redis-cli --scan … | xargs redis-cli del`.
        let words = Self.commandWords(
            args, valueOptions: ["-h", "-p", "-a", "-n", "-u", "--user", "--pass", "--pattern"])
        if let i = words.firstIndex(where: { ["DEL", "UNLINK"].contains($0.uppercased()) }),
            words[(i + 1)...].contains(where: { $0 == "\u{0}" || $0.contains("*") }) || i + 1 == words.count
        {
            report("redis-delete-keys", matched: text, detail: "\(words[i]) of keys found at run time")
        }
    }

    // MARK: - Platforms

    /// Options of gh and glab that take a value, wherever they stand (`gh -R owner/repo pr merge 5`).
    static let platformValueOptions: Set<String> = [
        "-R", "--repo", "--hostname", "-b", "--body", "-t", "--title", "-m", "--message", "-B", "--base",
        "-H", "--head", "-l", "--label", "-a", "--assignee", "-L", "--limit", "-s", "--state", "-A", "--author",
        "-S", "--search", "-e", "--env", "-o", "--org", "-u", "--user", "--subject", "-F", "--body-file", "-q",
        "--jq", "--template", "-g", "--group", "--match-head-commit", "--author-email", "-y",
    ]

    /// The action words that delete a resource on a platform.
    static let deleteActions: Set<String> = [
        "delete", "remove", "rm", "delete-asset", "item-delete", "field-delete", "revoke", "del",
    ]

    /// Resources whose deletion stays on this machine (aliases, extensions, local config).
    static let localResources: Set<String> = [
        "alias", "extension", "ext", "extensions", "config", "completion", "auth",
    ]

    mutating func checkGH(_ args: [Arg], text: String) {
        if args.contains(where: { $0.known == "--help" || $0.known == "-h" }) { return }
        let words = Self.commandWords(args, valueOptions: Self.platformValueOptions)
        guard let group = words.first else { return }
        let action = words.count > 1 ? words[1] : ""
        let subAction = words.count > 2 ? words[2] : ""
        if group == "pr" && action == "merge" {
            // `--disable-auto` only switches auto-merge off.
            if OptionScan(args).has("--disable-auto") { return }
        }
        if Self.deleteActions.contains(action) || Self.deleteActions.contains(subAction),
            !Self.localResources.contains(group), group != "repo" || action != "delete", group != "release"
        {
            report(
                "gh-delete", matched: text,
                detail: "gh \(group) \(Self.deleteActions.contains(action) ? action : action + " " + subAction)")
            return
        }
        switch (group, action) {
        case ("pr", "merge"): report("gh-pr-merge", matched: text)
        case ("repo", "delete"): report("gh-repo-delete", matched: text)
        case ("release", "delete"), ("release", "delete-asset"): report("gh-release-delete", matched: text)
        case ("api", _):
            let s = OptionScan(
                args, shortWithValue: ["X", "H", "f", "F", "q", "t", "p"],
                longWithValue: [
                    "--method", "--header", "--field", "--raw-field", "--jq", "--template", "--input", "--preview",
                    "--hostname",
                ])
            let method = (s.value("-X", "--method")?.known ?? "GET").uppercased()
            let endpoint = s.operands.dropFirst().first?.known ?? ""
            if method == "DELETE" || (method == "PUT" && (endpoint.contains("merge") || endpoint.contains("/refs"))) {
                report("gh-api-destructive", matched: text, detail: "\(method) \(endpoint)")
            } else if endpoint == "graphql" {
                // A GraphQL mutation that deletes or merges (`deleteRepository`, `mergePullRequest`).
                let fields = ["-f", "-F", "--field", "--raw-field"].flatMap { s.values[$0] ?? [] }.compactMap(\.known)
                for f in fields {
                    let lower = f.lowercased()
                    if lower.contains("mutation"), lower.contains("delete") || lower.contains("merge") {
                        report("gh-api-destructive", matched: text, detail: "a GraphQL mutation that deletes or merges")
                        break
                    }
                }
            }
        default: break
        }
    }

    mutating func checkGlab(_ args: [Arg], text: String) {
        if args.contains(where: { $0.known == "--help" || $0.known == "-h" }) { return }
        let words = Self.commandWords(args, valueOptions: Self.platformValueOptions)
        guard words.count >= 2 else { return }
        switch (words[0], words[1]) {
        case ("mr", "merge"): report("glab-mr-merge", matched: text)
        case ("repo", "delete"): report("glab-repo-delete", matched: text)
        case ("api", _):
            let s = OptionScan(
                args, shortWithValue: ["X", "H", "f", "F"],
                longWithValue: ["--method", "--header", "--field", "--raw-field"])
            if (s.value("-X", "--method")?.known ?? "GET").uppercased() == "DELETE" {
                report("glab-delete", matched: text, detail: "DELETE \(s.operands.dropFirst().first?.known ?? "")")
            }
        default:
            let sub = words.count > 2 ? words[2] : ""
            if Self.deleteActions.contains(words[1]) || Self.deleteActions.contains(sub),
                !Self.localResources.contains(words[0])
            {
                report("glab-delete", matched: text, detail: "glab \(words.prefix(3).joined(separator: " "))")
            }
        }
    }

    mutating func checkKubectl(_ args: [Arg], text: String) {
        let words = Self.commandWords(args, valueOptions: Self.kubectlValueOptions)
        guard words.first == "delete" else { return }
        let s = OptionScan(args)
        if s.has("--dry-run") && !(s.values["--dry-run"]?.contains { $0.known == "none" } ?? false) { return }
        let resources = words.dropFirst().flatMap {
            $0.split(separator: ",").map { String($0.split(separator: "/")[0]).lowercased() }
        }
        let namespaces: Set<String> = ["namespace", "namespaces", "ns", "project", "projects"]
        let data: Set<String> = [
            "pvc", "pvcs", "persistentvolumeclaim", "persistentvolumeclaims", "pv", "pvs", "persistentvolume",
            "persistentvolumes", "crd", "crds", "customresourcedefinition", "customresourcedefinitions",
        ]
        if resources.contains(where: namespaces.contains) {
            report("kubectl-delete-namespace", matched: text)
        } else if let r = resources.first(where: data.contains) {
            report("kubectl-delete-data", matched: text, detail: r)
        } else if s.has("--all", "-A", "--all-namespaces") {
            report("kubectl-delete-data", matched: text, detail: "--all")
        }
    }

    // MARK: - Repository rules

    /// The repository's own rules (`commands.rules` with `match`), on every simple command.
    mutating func applyRepositoryRules(to tree: Node, text: String) {
        let rules = policy.commands.rules.filter { $0.match != nil }
        guard !rules.isEmpty else { return }
        let commands = tree.simpleCommands
        let exp = Expander(home: context.home, tmpDir: tmpDir, cwd: context.cwd, variables: [:])
        for rule in rules {
            apply(rule, to: commands, text: text, expander: exp)
        }
    }

    /// One repository rule. Apart from `applyRepositoryRules` so that a policy without such rules
    /// (the common case) never touches the Regex types, whose metadata is costly to fetch.
    private mutating func apply(_ rule: Rule, to commands: [SimpleCommand], text: String, expander exp: Expander) {
        guard let m = rule.match else { return }
        var regex: Regex<AnyRegexOutput>?
        if let p = m.pattern { regex = try? Regex(p) }
        if !m.programs.isEmpty {
            var miss: String?
            var matched = false
            for c in commands {
                var argv = c.words.flatMap { exp.expand($0) }
                // Look through the common wrappers.
                while let f = argv.first?.known,
                    ["sudo", "env", "command", "nice", "nohup", "time", "exec", "builtin", "doas"].contains(
                        Self.programName(f))
                {
                    argv.removeFirst()
                    while let g = argv.first?.known, g.hasPrefix("-") || g.contains("=") { argv.removeFirst() }
                }
                guard let p = argv.first?.known, m.programs.contains(Self.programName(p)) else { continue }
                let rest = Array(argv.dropFirst())
                let words = rest.compactMap(\.known).filter { !$0.hasPrefix("-") }
                if !m.subcommand.isEmpty && !words.starts(with: m.subcommand) {
                    miss = miss ?? "it needs the subcommand '\(m.subcommand.joined(separator: " "))'"
                    continue
                }
                let scan = OptionScan(rest)
                if !m.anyOption.isEmpty && !m.anyOption.contains(where: { scan.flags.contains($0) }) {
                    miss = miss ?? "it needs one of the options \(m.anyOption.joined(separator: ", "))"
                    continue
                }
                if !m.anyArgument.isEmpty && !rest.contains(where: { a in m.anyArgument.contains(a.known ?? "") }) {
                    miss = miss ?? "it needs one of the arguments \(m.anyArgument.joined(separator: ", "))"
                    continue
                }
                if let regex, (try? regex.firstMatch(in: c.text)) == nil {
                    miss = miss ?? "it needs text matching /\(m.pattern ?? "")/"
                    continue
                }
                matched = true
                report(rule.id, matched: c.text)
            }
            if !matched {
                let programs = m.programs.joined(separator: ", ")
                note("  · \(rule.id) (\(rule.source)): not matched: \(miss ?? "no command runs \(programs)")")
            }
        } else if let regex, (try? regex.firstMatch(in: text)) != nil {
            report(rule.id, matched: text)
        } else {
            note("  · \(rule.id) (\(rule.source)): not matched: it needs text matching /\(m.pattern ?? "")/")
        }
    }
}
