import Base
internal import Policy
internal import Shell

/// Walks a parsed command line, tracking the working directory and literal variables, and
/// reports every rule that matches. One evaluator per command line.
struct Evaluator {
    struct State {
        /// The working directory, nil once a `cd` went somewhere unknown.
        var cwd: String?
        /// Shell variables the line set to known values.
        var variables: [String: String]
        /// The positional parameters after `set -- …`; nil when the line did not set them.
        var positional: [Arg]? = nil
    }

    /// What a command reads on standard input.
    enum Input: Equatable {
        case none
        /// Known text: a here-document, here-string or the output of `echo`/`printf` of literals.
        case literal(String)
        /// Unknown text, with where it came from.
        case unknown(Source)
    }

    enum Source: Equatable {
        case other
        /// Paths `find` printed, below these folders (absolute).
        case found([String])
        case download(String)
        case decoded(String)
    }

    struct Finding {
        var ruleID: String
        var matched: String
        var detail: String?
        /// The path the finding is about, for path-scoped overrides.
        var path: String?
    }

    let policy: Policy
    let context: GuardContext
    let tracing: Bool
    var findings: [Finding] = []
    var trace: [String] = []
    var overridden: [String] = []
    var depth = 0
    static let maxDepth = 24
    /// Checks the files commands write; nil when the scope's globs do not compile.
    let scopeGuard: ScopeGuard?
    /// Files this command line writes before it may run them (`echo … > x.sh && sh x.sh`), by
    /// absolute path: their text when known, nil when not. Files outlive subshells.
    var writtenFiles: [String: String?] = [:]
    /// Git aliases the line defines (`git config alias.x …`), by name.
    var gitAliases: [String: String] = [:]
    /// Shell aliases the line defines (`alias x='…'`), by name.
    var shellAliases: [String: String] = [:]
    /// Files of `writtenFiles` that a download wrote.
    var downloads: Set<String> = []

    init(policy: Policy, context: GuardContext, tracing: Bool, scopeGuard: ScopeGuard?) {
        self.policy = policy
        self.context = context
        self.tracing = tracing
        self.scopeGuard = scopeGuard
    }

    mutating func note(_ line: @autoclosure () -> String) {
        if tracing { trace.append(line()) }
    }

    mutating func report(_ ruleID: String, matched: String, detail: String? = nil, path: String? = nil) {
        findings.append(Finding(ruleID: ruleID, matched: matched, detail: detail, path: path))
        note("  → \(ruleID)\(detail.map { ": " + $0 } ?? "")")
    }

    /// Notes, when tracing, each built-in rule checked on `command` (a program or `git SUB`) that
    /// reported nothing since finding number `start`, with what it would have needed.
    mutating func noteMisses(on command: String, since start: Int) {
        guard tracing else { return }
        for entry in RuleConditions.considered(on: command)
        where !findings[start...].contains(where: { $0.ruleID == entry.id }) {
            trace.append("  · \(entry.id): not matched: it needs \(entry.needs)")
        }
    }

    /// The findings as verdicts, after `disable` and overrides.
    mutating func verdicts() -> [Verdict] {
        var out: [Verdict] = []
        for f in findings {
            if policy.isDisabled(f.ruleID) {
                overridden.append("\(f.ruleID) disabled by policy: \(f.matched)")
                continue
            }
            if let o = policy.overrides.first(where: { o in
                o.rule == f.ruleID
                    && (o.paths.isEmpty
                        || f.path.map { p in o.paths.contains { Glob.matches(expandRoot($0), p) } } ?? false)
            }) {
                overridden.append("\(f.ruleID) overridden (\(o.reason), \(o.source)): \(f.matched)")
                continue
            }
            let rule =
                policy.rule(f.ruleID)
                ?? Rule(id: f.ruleID, category: "internal", decision: .deny, reason: "blocked by ward", alternative: "")
            var v = Verdict.rule(rule, matched: f.matched, detail: f.detail)
            if f.ruleID.hasPrefix("scope-"), let scopeGuard { v = v.applying(scopeGuard.mode) }
            out.append(v)
        }
        return out
    }

    func expandRoot(_ pattern: String) -> String {
        if pattern.hasPrefix("~/") { return context.home + pattern.dropFirst() }
        if pattern.hasPrefix("$HOME/") { return context.home + pattern.dropFirst(5) }
        return pattern
    }

    var tmpDir: String { context.tmpDir ?? "/tmp" }

    func expander(_ state: State) -> Expander {
        Expander(
            home: context.home, tmpDir: tmpDir, cwd: state.cwd, variables: state.variables,
            positional: state.positional)
    }

    // MARK: - Tree

    mutating func evaluate(_ node: Node, state: inout State, input: Input) {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            report("parse-error", matched: "", detail: "nested more than \(Self.maxDepth) levels of wrappers")
            return
        }
        switch node {
        case .command(let cmd):
            evaluate(cmd, state: &state, input: input)
        case .sequence(let nodes):
            for n in nodes { evaluate(n, state: &state, input: input) }
        case .subshell(let n):
            var inner = state
            evaluate(n, state: &inner, input: input)
        case .pipeline(let stages):
            var stageInput = input
            for stage in stages {
                var inner = state
                evaluate(stage, state: &inner, input: stageInput)
                stageInput = output(of: stage, state: inner, input: stageInput)
            }
        }
    }

    /// What a pipeline stage writes to its standard output, as far as the guard can know it.
    func output(of node: Node, state: State, input: Input) -> Input {
        guard case .command(let cmd) = node else {
            if case .pipeline(let inner) = node, let last = inner.last {
                return output(of: last, state: state, input: input)
            }
            return .unknown(.other)
        }
        let args = cmd.words.flatMap { expander(state).expand($0) }
        guard let first = args.first?.known else { return .unknown(.other) }
        let program = Self.programName(first)
        let rest = Array(args.dropFirst())
        switch program {
        case "echo", "printf":
            var words = rest
            var escapes = false
            var newline = true
            if program == "echo" {
                while let f = words.first?.known, f.hasPrefix("-"), f.count > 1,
                    f.dropFirst().allSatisfy({ $0 == "e" || $0 == "n" || $0 == "E" })
                {
                    if f.contains("e") { escapes = true }
                    if f.contains("n") { newline = false }
                    words.removeFirst()
                }
            } else if words.first?.known == "--" {
                words.removeFirst()
            }
            let texts = words.compactMap(\.known)
            guard texts.count == words.count else { return .unknown(.other) }
            if program == "printf", let format = texts.first {
                if format == "-v" { return .none }  // printf -v VAR prints nothing
                return .literal(ShellText.printf(format, Array(texts.dropFirst())))
            }
            let joined = texts.joined(separator: " ")
            if escapes {
                let (text, stop) = ShellText.unescape(joined)
                return .literal(text + (newline && !stop ? "\n" : ""))
            }
            return .literal(joined + (newline ? "\n" : ""))
        case "cat" where rest.isEmpty:
            if let r = cmd.redirections.first(where: { $0.op == .hereDocument }), let body = r.hereDocument?.body {
                return .literal(body)
            }
            if let r = cmd.redirections.first(where: { $0.op == .hereString }),
                let t = expander(state).expand(r.target).first?.known
            {
                return .literal(t + "\n")
            }
            return .unknown(.other)
        case "tee":
            // tee passes its input on: what a download wrote is still a download.
            return input
        case "cat", "head", "tail", "sort", "uniq", "grep", "sed", "awk", "cut", "dos2unix":
            // A filter of its input (no file operands for cat) keeps the input's source.
            if program == "cat" && !rest.isEmpty { return .unknown(.other) }
            return input.asUnknownKeepingSource
        case "curl", "wget", "fetch", "http", "https", "aria2c":
            return .unknown(.download(cmd.text))
        case "find", "fd", "fdfind":
            // The start folders: the words before the first expression (fd: after the pattern).
            var roots: [String] = []
            for a in (program == "find" ? rest : Array(rest.dropFirst())) {
                guard let t = a.known else { return .unknown(.other) }
                if t.hasPrefix("-") || t == "(" || t == "!" { break }
                roots.append(t)
            }
            guard let cwd = state.cwd ?? (roots.allSatisfy { $0.hasPrefix("/") } && !roots.isEmpty ? "/" : nil) else {
                return .unknown(.other)
            }
            return .unknown(.found((roots.isEmpty ? ["."] : roots).map { Path.absolute($0, relativeTo: cwd) }))
        case "base64", "base32", "xxd", "openssl", "gpg", "uudecode", "gunzip", "zcat", "rev", "tr":
            return .unknown(.decoded(cmd.text))
        default:
            return .unknown(.other)
        }
    }

    // MARK: - Simple commands

    mutating func evaluate(_ cmd: SimpleCommand, state: inout State, input: Input) {
        note("command: \(Verdict.excerpt(cmd.text, limit: 120))")
        for sub in cmd.substitutions {
            var inner = state
            note("substitution runs first")
            evaluate(sub, state: &inner, input: .none)
        }
        let exp = expander(state)
        var stdin = input
        for r in cmd.redirections {
            for sub in r.target.substitutions {
                var inner = state
                evaluate(sub, state: &inner, input: .none)
            }
            switch r.op {
            case .hereDocument:
                if let doc = r.hereDocument { stdin = .literal(doc.body) }
            case .hereString:
                if let t = exp.expand(r.target).first?.known {
                    stdin = .literal(t + "\n")
                } else {
                    stdin = .unknown(.other)
                }
            case .input:
                stdin = .unknown(.other)
                // `bash < x.sh` after the line wrote x.sh: its text, when known.
                if let arg = exp.expand(r.target).first, let written = writtenFile(arg, state: state),
                    let text = written
                {
                    stdin = .literal(text)
                }
                if r.target.parts.contains(.processSubstitution) {
                    stdin = sourceOfProcessSubstitution(r.target) ?? .unknown(.other)
                }
            default:
                if r.writes { checkWrite(target: r.target, redirection: r, state: state) }
            }
        }
        recordWrittenFiles(cmd, state: state, input: stdin)
        if isEnvironmentSetup(cmd) {
            note("eval of an environment set-up tool's assignments: allowed")
            return
        }
        for a in cmd.assignments where AgentMarkers.isGuarded(a.name) {
            report("tamper-ward-env", matched: "\(a.name)=\(a.value.raw)")
        }
        var args = cmd.words.flatMap { exp.expand($0) }
        if let first = cmd.words.first, args.first?.kind == .unknown {
            args = resolveProgramWord(first, state: state) + Array(args.dropFirst())
        }
        if args.isEmpty {
            // Assignments alone set shell variables for the rest of the line.
            for a in cmd.assignments {
                if let v = exp.expand(a.value).first?.known, exp.expand(a.value).count == 1 {
                    state.variables[a.name] = v
                } else {
                    state.variables[a.name] = nil
                }
            }
            return
        }
        // A program name with blanks in it (`rm$'\t'-rf`) is split, as a person reading it would.
        if let first = args[0].known, first.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let pieces = first.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map {
                Arg(literal: String($0))
            }
            args = pieces + args.dropFirst()
        }
        evaluateArgv(args, state: &state, input: stdin, text: cmd.text)
    }

    /// When a redirection reads from `<(curl …)`, the download is the input.
    func sourceOfProcessSubstitution(_ word: Word) -> Input? {
        for sub in word.substitutions {
            for c in sub.simpleCommands {
                if let p = c.words.first?.literal.map(Self.programName), ["curl", "wget", "fetch"].contains(p) {
                    return .unknown(.download(c.text))
                }
            }
        }
        return nil
    }

    /// The program's name as a rule sees it: basename, without a Windows `.exe`.
    static func programName(_ word: String) -> String {
        var name = Path.basename(word)
        if name.hasSuffix(".exe") { name = String(name.dropLast(4)) }
        return name
    }

    /// Evaluates one command given as expanded arguments; wrappers call back in with what they wrap.
    mutating func evaluateArgv(_ argv: [Arg], state: inout State, input: Input, text: String) {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            report("parse-error", matched: Verdict.excerpt(text, limit: 80), detail: "wrappers nested too deeply")
            return
        }
        guard let head = argv.first else { return }
        guard let first = head.known else {
            checkUnknownProgram(argv, text: text)
            return
        }
        if let alias = shellAliases[first] {
            // An alias defined on this line: its text, then the arguments.
            shellAliases[first] = nil
            defer { shellAliases[first] = alias }
            note("\(first) is an alias for: \(alias)")
            let rest = argv.dropFirst().map { Self.shellQuoted($0.known ?? $0.text) }
            parseAndEvaluate(([alias] + rest).joined(separator: " "), state: &state, input: input, matched: text)
            return
        }
        let program = Self.programName(first)
        let args = Array(argv.dropFirst())
        if first.contains("/"), let script = writtenFile(head, state: state) {
            runWrittenScript(script, name: first, language: "sh", state: &state, text: text)
            return
        }
        if dispatchWrapper(program, args, state: &state, input: input, text: text) { return }
        // Program rules first, so their more specific verdict names a path before the scope does.
        defer { checkScope(writeTargets(program, args), state: state, text: text) }
        let start = findings.count
        defer { if program != "git" { noteMisses(on: program, since: start) } }
        switch program {
        case "git": checkGit(args, state: &state, text: text)
        case "rm", "unlink", "rmdir": checkRemove(program, args, state: state, text: text)
        case "cd", "pushd", "chdir": changeDirectory(args, state: &state)
        case "export", "declare", "typeset", "local", "readonly":
            for a in args {
                guard let t = a.known ?? Optional(a.text) else { continue }
                if AgentMarkers.isGuarded(String(t.prefix { $0 != "=" })) {
                    report("tamper-ward-env", matched: "\(program) \(t)")
                }
                if let eq = t.firstIndex(of: "="), a.kind == .known {
                    state.variables[String(t[..<eq])] = String(t[t.index(after: eq)...])
                }
            }
        case "unset":
            for a in args where AgentMarkers.isGuarded(a.text) { report("tamper-ward-env", matched: "unset \(a.text)") }
        case "ward", "ward-git":
            let words = args.compactMap(\.known)
            if words.count >= 2, words[0] == "scope", words[1] == "set" || words[1] == "clear" {
                report("tamper-ward-scope", matched: text)
            } else if let first = words.first, first == "install" || first == "uninstall" {
                report("tamper-ward-scope", matched: text)
            } else if words.count >= 2, words[0] == "worktree", words[1] == "remove", words.contains("--force") {
                // Like git's: --force discards uncommitted work (ward saves only the branch tip).
                report("git-worktree-remove-force", matched: text)
            } else if words.count >= 2, words[0] == "session", words[1] == "reset" {
                report("tamper-ward-session", matched: text)
            }
        case "find": checkFind(args, state: &state, text: text)
        case "trap":
            // `trap 'CMD' EXIT` runs CMD later in this shell.
            let trapArgs = args.first?.known == "--" ? Array(args.dropFirst()) : args
            if let action = trapArgs.first, action.known != "-", action.known != "-p", action.known != "-l",
                trapArgs.count >= 2
            {
                runShellText([action], state: &state, what: "trap", text: text)
            }
        case "set":
            if let dd = args.firstIndex(where: { $0.known == "--" }) {
                state.positional = Array(args[(dd + 1)...])
            } else if let f = args.first?.known, !f.hasPrefix("-"), !f.hasPrefix("+") {
                state.positional = args
            }
        case "ssh": checkSSH(args, state: &state, input: input, text: text)
        case "alias":
            for a in args {
                guard let t = a.known, let eq = t.firstIndex(of: "=") else { continue }
                shellAliases[String(t[..<eq])] = String(t[t.index(after: eq)...])
            }
        case "rsync": checkRsync(args, state: state, text: text)
        case "mv": checkMove(args, state: state, text: text)
        case "shred": if !isHelp(args) { report("shred", matched: text) }
        case "dd": checkDD(args, text: text)
        case "wipefs": if !isHelp(args) { report("wipefs", matched: text) }
        case "chmod", "chown", "chgrp": checkChmod(program, args, state: state, text: text)
        case "tee":
            checkTee(args, state: state)
            for a in OptionScan(args).operands {
                guard let path = writtenKey(a, state: state) else { continue }
                if case .literal(let t) = input {
                    writtenFiles[path] = .some(t)
                } else {
                    writtenFiles[path] = .some(nil)
                }
            }
        case "gh": checkGH(args, text: text)
        case "glab": checkGlab(args, text: text)
        case "kubectl", "oc":
            if !checkContainerCommand(program, args, text: text) { checkKubectl(args, text: text) }
        case "psql", "mysql", "mariadb", "sqlite3", "cockroach", "duckdb", "mycli", "pgcli", "usql",
            "clickhouse-client",
            "cqlsh", "sqlcmd", "snowsql", "litecli":
            checkSQLClient(program, args, input: input, text: text)
        case "redis-cli", "valkey-cli", "keydb-cli": checkRedis(args, input: input, text: text)
        case "bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "fish", "busybox-sh":
            checkShell(program, args, state: &state, input: input, text: text)
        case "eval":
            runShellText(args, state: &state, what: "eval", text: text)
        case "source", ".":
            if let f = args.first, let script = writtenFile(f, state: state) {
                runWrittenScript(script, name: f.text, language: "sh", state: &state, text: text)
                return
            }
            if let f = args.first, f.kind == .unknown, f.text.contains("<(") || f.text.contains("$(") {
                report("shell-unknown-input", matched: text, detail: "sourcing generated code")
            }
            for a in args where a.text.contains("curl") || a.text.contains("wget") {
                report("download-exec", matched: text)
                break
            }
        default:
            if program == "curl" || program == "wget" {
                recordDownloads(program, args, state: state)
            } else if checkTool(program, args, state: &state, input: input, text: text) {
                // Database, disk and rule-pack tools: decided in Evaluator+Tools.
            } else if program.hasPrefix("mkfs") || program == "mke2fs" || program == "mkswap" || program == "newfs" {
                if !isHelp(args) { report("mkfs", matched: text) }
            } else if Self.isInterpreter(program) {
                checkInterpreter(program, args, state: &state, input: input, text: text)
            } else if program.hasPrefix("git-") && program != "git-lfs" {
                checkGit([Arg(literal: String(program.dropFirst(4)))] + args, state: &state, text: text)
            } else {
                note("  · no built-in command rule looks at \(program) (the scope still checks the files it writes)")
            }
        }
    }

    func isHelp(_ args: [Arg]) -> Bool {
        for a in args {
            guard let t = a.known else { continue }
            if t == "--" { return false }
            if t == "--help" || t == "--version" { return true }
        }
        return false
    }

    mutating func changeDirectory(_ args: [Arg], state: inout State) {
        let operands = args.filter { !($0.known?.hasPrefix("-") ?? false) || $0.known == "-" }
        guard let target = operands.first else {
            state.cwd = context.home
            return
        }
        guard let t = target.known, t != "-", let cwd = state.cwd else {
            state.cwd = nil
            note("cd to a directory only known at run time: relative paths after it are unknown")
            return
        }
        state.cwd = Path.absolute(t, relativeTo: cwd)
        note("cd → \(state.cwd ?? "?")")
    }

    /// Redirections and `tee` that write onto system files or ward's protected files.
    mutating func checkWrite(target: Word, redirection: Redirection?, state: State) {
        let args = expander(state).expand(target)
        guard args.count == 1, let t = args[0].known else {
            checkScope(
                args.map { WriteTarget(arg: $0) }, state: state,
                text: redirection.map { "\($0.op.rawValue)\(target.raw)" } ?? target.raw)
            return
        }
        let matched = redirection.map { "\($0.op.rawValue)\(t)" } ?? t
        checkWritePath(t, state: state, matched: matched)
        if !t.hasPrefix("&") { checkScope([WriteTarget(arg: args[0])], state: state, text: matched) }
    }

    mutating func checkWritePath(_ t: String, state: State, matched: String) {
        if t.hasPrefix("&") { return }
        guard let cwd = state.cwd ?? (t.hasPrefix("/") ? "/" : nil) else { return }
        let path = Path.absolute(t, relativeTo: cwd)
        if Self.isAlwaysWritable(path) { return }
        if isSystem(path) {
            report("redirect-system-file", matched: matched, path: path)
        } else if let what = ProtectedPaths.match(path, context: context) {
            report("tamper-hook-files", matched: matched, detail: "protected: \(what)", path: path)
        }
    }

    static func isAlwaysWritable(_ path: String) -> Bool {
        ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/zero"].contains(path)
            || path.hasPrefix("/dev/fd/")
            || path.hasPrefix("/dev/pts/") || path.hasPrefix("/proc/self/fd/")
    }

    /// A system path outside the repository: a repository under /srv or /root is the user's work.
    func isSystem(_ path: String) -> Bool {
        if let root = context.repositoryRoot, Path.isWithin(path, root) { return false }
        return Self.isSystemPath(path)
    }

    static let systemRoots = [
        "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/boot", "/sys", "/proc", "/dev",
        "/var", "/opt", "/root", "/srv", "/snap", "/System", "/Library", "/Applications", "/private/etc",
        "/private/var", "/Windows",
    ]

    /// System folders where deleting or overwriting breaks the machine. `/var/tmp` and the like are
    /// temp roots and checked before this.
    static func isSystemPath(_ path: String, forWriting: Bool = false) -> Bool {
        if path == "/" { return true }
        for root in systemRoots where Path.isWithin(path, root) {
            if Path.isWithin(path, "/var/tmp") || Path.isWithin(path, "/private/var/tmp")
                || Path.isWithin(path, "/var/folders") || Path.isWithin(path, "/private/var/folders")
            {
                return false
            }
            return true
        }
        return false
    }

    mutating func checkTee(_ args: [Arg], state: State) {
        let scan = OptionScan(args)
        for a in scan.operands {
            guard let t = a.known else { continue }
            checkWritePath(t, state: state, matched: "tee \(t)")
        }
    }
}

extension Evaluator.Input {
    /// After a filter: still from the same source, but no longer known text.
    var asUnknownKeepingSource: Evaluator.Input {
        switch self {
        case .unknown: return self
        case .literal, .none: return .unknown(.other)
        }
    }
}
