import Base
internal import Shell

/// Wrappers: programs that run another program given in their arguments.
extension Evaluator {
    /// Handles `program` when it is a wrapper, evaluating what it wraps. Returns false otherwise.
    mutating func dispatchWrapper(_ program: String, _ args: [Arg], state: inout State, input: Input, text: String)
        -> Bool
    {
        switch program {
        case "sudo", "doas", "run0":
            unwrapSudo(program, args, state: &state, input: input, text: text)
        case "env":
            unwrapEnv(args, state: &state, input: input, text: text)
        case "nice":
            unwrap(
                args, valueOptions: ["-n", "--adjustment"], digitsOption: true, state: &state, input: input, text: text)
        case "ionice":
            unwrap(
                args, valueOptions: ["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"], state: &state,
                input: input, text: text)
        case "nohup", "unbuffer", "caffeinate", "setsid", "chronic", "catchsegv":
            unwrap(args, valueOptions: [], state: &state, input: input, text: text)
        case "time":
            unwrap(args, valueOptions: ["-f", "--format", "-o", "--output"], state: &state, input: input, text: text)
        case "timeout":
            unwrap(
                args, valueOptions: ["-s", "--signal", "-k", "--kill-after"], skipOperands: 1, state: &state,
                input: input, text: text)
        case "stdbuf":
            unwrap(
                args, valueOptions: ["-i", "-o", "-e", "--input", "--output", "--error"], state: &state, input: input,
                text: text)
        case "flock":
            unwrap(
                args, valueOptions: ["-w", "--timeout", "-E", "--conflict-exit-code"], skipOperands: 1, state: &state,
                input: input, text: text)
        case "chrt", "taskset":
            unwrap(args, valueOptions: [], skipOperands: 1, state: &state, input: input, text: text)
        case "command":
            let scan = OptionScan(args, permute: false)
            if scan.has("-v", "-V") {
                note("command -v/-V only looks the program up")
                return true
            }
            unwrap(args, valueOptions: [], state: &state, input: input, text: text)
        case "builtin", "exec":
            unwrap(args, valueOptions: program == "exec" ? ["-a"] : [], state: &state, input: input, text: text)
        case "busybox", "toybox":
            guard let applet = args.first, applet.known != "--list", applet.known != "--help" else { return true }
            evaluateArgv(args, state: &state, input: input, text: text)
        case "watch":
            let rest = skipOptions(args, valueOptions: ["-n", "--interval", "-d", "--differences", "-q", "--equexit"])
            if OptionScan(args, permute: false).has("-x", "--exec") {
                evaluateArgv(rest, state: &state, input: input, text: text)
            } else {
                runShellText(rest, state: &state, what: "watch", text: text)
            }
        case "xargs":
            unwrapXargs(args, state: &state, input: input, text: text)
        case "parallel":
            unwrapParallel(args, state: &state, input: input, text: text)
        case "su":
            unwrapSu(args, state: &state, text: text)
        case "npx", "bunx", "pnpx":
            unwrap(
                args, valueOptions: ["-p", "--package", "--node-options", "-c", "--call"], state: &state, input: input,
                text: text)
        case "sail":
            evaluateArgv(args, state: &state, input: input, text: text)
        default:
            return unwrapRunner(program, args, state: &state, input: input, text: text)
        }
        return true
    }

    /// The words after which each runner names the program it runs. A switch, not a static
    /// dictionary: this is asked for every program on the hook path, where a dictionary would be
    /// built (and every key hashed) in each hook process.
    static func runWords(_ program: String) -> [String]? {
        switch program {
        case "npm": return ["exec", "x"]
        case "pnpm": return ["exec", "dlx"]
        case "yarn": return ["dlx", "exec", "run"]
        case "bun": return ["x"]
        case "bundle": return ["exec"]
        case "poetry", "uv", "pipenv", "pdm", "hatch", "rye", "pixi": return ["run"]
        default: return nil
        }
    }

    static let runnerValueOptions: Set<String> = [
        "--with", "--python", "-p", "--env-file", "--extra", "--group", "--directory", "--project", "--package",
        "-w", "--workspace", "-C", "--dir", "--filter", "-F", "--cwd", "-e", "--environment",
    ]

    /// pnpm's and yarn's own commands; any other first word is a package's program.
    static let packageManagerCommands: Set<String> = [
        "add", "install", "i", "update", "up", "upgrade", "remove", "rm", "uninstall", "link", "unlink", "import",
        "rebuild", "prune", "fetch", "patch", "audit", "list", "ls", "outdated", "why", "publish", "unpublish",
        "pack", "run", "test", "start", "store", "init", "env", "setup", "server", "config", "deploy",
        "licenses", "create", "info", "cache", "global", "workspace", "workspaces", "npm", "set", "version",
    ]

    /// Package managers and environment tools that run a program: `yarn prisma …`, `pnpm exec`,
    /// `npm exec`, `bundle exec`, `uv run`, `poetry run`. False when the words are the tool's own
    /// command (`npm publish`), which the tool rules decide.
    mutating func unwrapRunner(_ program: String, _ args: [Arg], state: inout State, input: Input, text: String)
        -> Bool
    {
        guard let words = Self.runWords(program) else { return false }
        let valueOptions = Self.runnerValueOptions
        guard let i = args.firstIndex(where: { $0.known.map { !$0.hasPrefix("-") } ?? true }), let w = args[i].known
        else { return false }
        if words.contains(w) {
            unwrap(Array(args[(i + 1)...]), valueOptions: valueOptions, state: &state, input: input, text: text)
            return true
        }
        // pnpm and yarn run a package's programs by name (`yarn prisma migrate reset`).
        if program == "pnpm" || program == "yarn", !Self.packageManagerCommands.contains(w) {
            evaluateArgv(Array(args[i...]), state: &state, input: input, text: text)
            return true
        }
        if program == "yarn", w == "npm" {
            // `yarn npm unpublish`
            evaluateArgv(Array(args[i...]), state: &state, input: input, text: text)
            return true
        }
        return false
    }

    /// Skips leading options of a wrapper; options in `valueOptions` take the next word.
    func skipOptions(_ args: [Arg], valueOptions: Set<String>, digitsOption: Bool = false) -> [Arg] {
        var i = 0
        while i < args.count, let t = args[i].known, t.hasPrefix("-"), t.count > 1 {
            i += 1
            if t == "--" { break }
            if digitsOption, t.dropFirst().allSatisfy(\.isNumber) { continue }
            let name = t.split(separator: "=", maxSplits: 1).first.map(String.init) ?? t
            if t.contains("=") { continue }
            if valueOptions.contains(name) {
                i += 1
                continue
            }
            // A short option with its value attached (`-n19`, `-oL`).
            if !t.hasPrefix("--"), t.count > 2, valueOptions.contains(String(t.prefix(2))) { continue }
        }
        return Array(args[min(i, args.count)...])
    }

    /// Evaluates what follows a wrapper's options. An option the wrapper's table does not know may
    /// take a value, so both readings are evaluated.
    mutating func unwrap(
        _ args: [Arg], valueOptions: Set<String>, digitsOption: Bool = false, skipOperands: Int = 0,
        state: inout State, input: Input, text: String
    ) {
        var rest = skipOptions(args, valueOptions: valueOptions, digitsOption: digitsOption)
        rest = Array(rest.dropFirst(min(skipOperands, rest.count)))
        evaluateArgv(rest, state: &state, input: input, text: text)
    }

    mutating func unwrapSudo(_ program: String, _ args: [Arg], state: inout State, input: Input, text: String) {
        let valueOptions: Set<String> = [
            "-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "--user", "--group", "--host", "--prompt",
            "--chdir", "--role", "--type", "--other-user", "--command-timeout", "--close-from",
        ]
        let flags = OptionScan(
            Array(args.prefix { $0.known?.hasPrefix("-") ?? false }),
            shortWithValue: ["u", "g", "h", "p", "C", "D", "r", "t", "U", "T"])
        let rest = skipOptions(args, valueOptions: valueOptions)
        if flags.has("-s", "-i", "--shell", "--login"), !rest.isEmpty {
            // `sudo -s CMD` runs CMD through the shell.
            runShellText(rest, state: &state, what: "\(program) -s", text: text)
            return
        }
        var inner = state
        if let dir = flags.value("-D", "--chdir")?.known, let cwd = state.cwd {
            inner.cwd = Path.absolute(dir, relativeTo: cwd)
        }
        evaluateArgv(rest, state: &inner, input: input, text: text)
    }

    mutating func unwrapEnv(_ args: [Arg], state: inout State, input: Input, text: String) {
        var i = 0
        var inner = state
        var unknownOption = false
        var clearsEnvironment: String?
        while i < args.count, let t = args[i].known {
            if t == "--" {
                i += 1
                break
            }
            if t == "-" || t == "-i" || t == "-0" || t == "-v" || t == "--ignore-environment" || t == "--null"
                || t == "--debug"
            {
                if t == "-" || t == "-i" || t == "--ignore-environment" { clearsEnvironment = t }
                i += 1
                continue
            }
            if t == "-S" || t == "--split-string" || t.hasPrefix("-S") || t.hasPrefix("--split-string=") {
                // `env -S 'a b c'` splits its argument into words and runs them.
                var value: String?
                if t == "-S" || t == "--split-string" {
                    value = i + 1 < args.count ? args[i + 1].known : nil
                    i += 2
                } else {
                    value = t.hasPrefix("-S") ? String(t.dropFirst(2)) : String(t.dropFirst("--split-string=".count))
                    i += 1
                }
                guard let value else {
                    report("shell-unknown-input", matched: text, detail: "env -S with a value known only at run time")
                    return
                }
                let words = EnvSplit.split(value).map { Arg(literal: $0) }
                // The split words may hold assignments and more options: read them as env's own.
                unwrapEnv(words + args[min(i, args.count)...], state: &inner, input: input, text: text)
                return
            }
            if t == "-u" || t == "--unset", i + 1 < args.count, AgentMarkers.isGuarded(args[i + 1].text) {
                report("tamper-ward-env", matched: "env \(t) \(args[i + 1].text)")
            } else if t.hasPrefix("--unset=") || (t.hasPrefix("-u") && t.count > 2) {
                let name = t.hasPrefix("--unset=") ? String(t.dropFirst(8)) : String(t.dropFirst(2))
                if AgentMarkers.isGuarded(name) { report("tamper-ward-env", matched: "env \(t)") }
            }
            if t == "-u" || t == "-C" || t == "-P" || t == "--unset" || t == "--chdir" {
                if t == "-C" || t == "--chdir", i + 1 < args.count, let dir = args[i + 1].known, let cwd = inner.cwd {
                    inner.cwd = Path.absolute(dir, relativeTo: cwd)
                }
                i += 2
                continue
            }
            if t.hasPrefix("--unset=") || t.hasPrefix("-u") || t.hasPrefix("-P") {
                i += 1
                continue
            }
            if t.hasPrefix("-C") || t.hasPrefix("--chdir=") {
                let dir = t.hasPrefix("-C") ? String(t.dropFirst(2)) : String(t.dropFirst(8))
                if let cwd = inner.cwd { inner.cwd = Path.absolute(dir, relativeTo: cwd) }
                i += 1
                continue
            }
            if t.hasPrefix("-") && t.count > 1 {
                unknownOption = true
                i += 1
                continue
            }
            if let eq = t.firstIndex(of: "="), t[..<eq].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                eq != t.startIndex
            {
                let name = String(t[..<eq])
                if AgentMarkers.isGuarded(name) { report("tamper-ward-env", matched: "env \(t)") }
                i += 1
                continue
            }
            break
        }
        let rest = Array(args[min(i, args.count)...])
        evaluateArgv(rest, state: &inner, input: input, text: text)
        // An empty environment drops the agent markers git's hooks read, so a commit would pass
        // as a person's (after the command's own verdict, which names the more specific rule).
        if let clearsEnvironment, let program = rest.first?.known, Path.basename(program) == "git" {
            report("tamper-ward-env", matched: "env \(clearsEnvironment) git")
        }
        if unknownOption, rest.count > 1 {
            // The unknown option may have taken the next word as its value.
            var again = state
            evaluateArgv(Array(rest.dropFirst()), state: &again, input: input, text: text)
        }
    }

    mutating func unwrapSu(_ args: [Arg], state: inout State, text: String) {
        let scan = OptionScan(
            args, shortWithValue: ["c", "s", "g", "G", "w"],
            longWithValue: ["--command", "--shell", "--group", "--supp-group", "--whitelist-environment"])
        if let cmd = scan.value("-c", "--command") {
            runShellText([cmd], state: &state, what: "su -c", text: text)
        }
    }

    /// Runs text through a shell: `eval`, `watch`, `sudo -s`, `su -c`. Arguments are joined with spaces.
    mutating func runShellText(_ args: [Arg], state: inout State, what: String, text: String) {
        guard !args.isEmpty else { return }
        if args.contains(where: { $0.kind != .known }) {
            if args.contains(where: { $0.text.contains("curl") || $0.text.contains("wget") }) {
                report("download-exec", matched: text)
            } else {
                report("shell-unknown-input", matched: text, detail: "\(what) of text known only at run time")
            }
            return
        }
        let script = args.map(\.text).joined(separator: " ")
        note("\(what) runs: \(Verdict.excerpt(script, limit: 120))")
        parseAndEvaluate(script, state: &state, input: .none, matched: text)
    }

    mutating func parseAndEvaluate(_ script: String, state: inout State, input: Input, matched: String) {
        do {
            let tree = try Parser.parse(script)
            var inner = state
            evaluate(tree, state: &inner, input: input)
        } catch {
            report(
                "parse-error", matched: Verdict.excerpt(matched, limit: 80), detail: "inner command: \(error.message)")
        }
    }

    // MARK: - Shells

    mutating func checkShell(_ program: String, _ args: [Arg], state: inout State, input: Input, text: String) {
        var i = 0
        var commandMode = false
        var readsStdin = false
        while i < args.count, let t = args[i].known, t.hasPrefix("-") || t.hasPrefix("+") {
            i += 1
            if t == "--" || t == "-" { break }
            if ["--rcfile", "--init-file", "-o", "+o", "-O", "+O"].contains(t) {
                i += 1
                continue
            }
            if t.hasPrefix("--") { continue }
            if t.dropFirst().contains("c") { commandMode = true }
            if t.dropFirst().contains("s") { readsStdin = true }
        }
        let rest = Array(args[min(i, args.count)...])
        if commandMode {
            guard let script = rest.first else {
                checkShellStdin(program, input: input, state: &state, text: text)
                return
            }
            guard let s = script.known else {
                if script.text.contains("curl") || script.text.contains("wget") {
                    report("download-exec", matched: text)
                } else if script.text.contains("base64") || script.text.contains("xxd") {
                    report("decode-exec", matched: text)
                } else {
                    report(
                        "shell-unknown-input", matched: text,
                        detail: "\(program) -c with a script known only at run time")
                }
                return
            }
            note("\(program) -c runs: \(Verdict.excerpt(s, limit: 120))")
            parseAndEvaluate(s, state: &state, input: input, matched: text)
            return
        }
        if let file = rest.first, !readsStdin {
            if file.kind == .unknown, file.text.contains("<(") {
                if file.text.contains("curl") || file.text.contains("wget") {
                    report("download-exec", matched: text)
                } else if file.text.contains("base64") {
                    report("decode-exec", matched: text)
                } else {
                    report("shell-unknown-input", matched: text, detail: "\(program) runs generated code")
                }
            } else if let script = writtenFile(file, state: state) {
                runWrittenScript(script, name: file.text, language: "sh", state: &state, text: text)
            } else {
                note("\(program) runs the script file \(file.text): its contents are not checked")
            }
            return
        }
        checkShellStdin(program, input: input, state: &state, text: text)
    }

    mutating func checkShellStdin(_ program: String, input: Input, state: inout State, text: String) {
        switch input {
        case .none:
            note("\(program) without a script: an interactive shell")
        case .literal(let script):
            note("\(program) reads commands from known text")
            parseAndEvaluate(script, state: &state, input: .none, matched: text)
        case .unknown(.download(let what)):
            report("download-exec", matched: what + " | " + program)
        case .unknown(.decoded(let what)):
            report("decode-exec", matched: what + " | " + program)
        case .unknown(.other), .unknown(.found):
            report("shell-unknown-input", matched: text, detail: "\(program) reads commands from standard input")
        }
    }

    // MARK: - xargs and parallel

    mutating func unwrapXargs(_ args: [Arg], state: inout State, input: Input, text: String) {
        let withValue: Set<Character> = ["a", "d", "E", "e", "I", "L", "l", "n", "P", "s"]
        var i = 0
        var replace: String?
        var fromFile = false
        while i < args.count, let t = args[i].known, t.hasPrefix("-"), t.count > 1 {
            i += 1
            if t == "--" { break }
            if t.hasPrefix("--") {
                let name = t.split(separator: "=", maxSplits: 1)[0]
                if [
                    "--arg-file", "--delimiter", "--eof", "--replace", "--max-lines", "--max-args", "--max-procs",
                    "--max-chars", "--process-slot-var",
                ].contains(String(name)), !t.contains("=") {
                    if name == "--replace" { replace = args.indices.contains(i) ? args[i].known : nil }
                    if name == "--arg-file" { fromFile = true }
                    i += 1
                } else if name == "--replace" {
                    replace = t.contains("=") ? String(t.split(separator: "=", maxSplits: 1)[1]) : "{}"
                } else if name == "--arg-file" {
                    fromFile = true
                }
                continue
            }
            if t == "-i" || t.hasPrefix("-i") && t.count > 2 && !t.dropFirst(2).contains("-") {
                replace = t == "-i" ? "{}" : String(t.dropFirst(2))
                continue
            }
            let flag = t[t.index(after: t.startIndex)]
            if withValue.contains(flag) {
                let attached = String(t.dropFirst(2))
                let value = attached.isEmpty ? (args.indices.contains(i) ? args[i].known : nil) : attached
                if attached.isEmpty { i += 1 }
                if flag == "I" { replace = value }
                if flag == "a" { fromFile = true }
            }
        }
        var command = Array(args[min(i, args.count)...])
        if command.isEmpty { command = [Arg(literal: "echo")] }
        let stdinWords: [[Arg]]
        switch fromFile ? Input.unknown(.other) : input {
        case .literal(let s):
            // Both readings: whitespace-split words, and whole lines.
            let words = s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map {
                Arg(literal: String($0))
            }
            let lines = s.split(separator: "\n").map { Arg(literal: String($0)) }
            stdinWords = [words, lines]
        default:
            if case .unknown(.found) = input, !fromFile {
                // Paths below find's folders, which the scope checks below.
                stdinWords = [[Arg(unknown: Self.foundPaths)]]
            } else {
                stdinWords = [[Arg(unknown: "(xargs input)")]]
            }
        }
        if let replace, let p = innerProgram(command),
            ["bash", "sh", "zsh", "dash", "ksh", "eval", "python", "python3", "node", "perl", "ruby"].contains(p),
            command.contains(where: { $0.known?.contains(replace) ?? false })
        {
            report("shell-unknown-input", matched: text, detail: "xargs builds the code \(p) runs from its input")
        }
        if case .unknown(.found(let roots)) = input, !fromFile, let p = innerProgram(command),
            let at = command.firstIndex(where: { $0.known.map(Self.programName) == p }),
            writeTargets(p, Array(command[(at + 1)...]) + [Arg.findResult]).contains(where: {
                $0.arg.kind == .findResult
            })
        {
            // `find src/web -name '*.js' | xargs rm`: the files are below find's folders.
            let deletes = ["rm", "unlink", "rmdir", "shred"].contains(p)
            checkScope(
                roots.map {
                    WriteTarget(
                        arg: Arg(literal: $0), isDirectory: true, childName: WriteTarget.anyName, intoFolder: true,
                        deletes: deletes)
                }, state: state, text: text)
        }
        for extra in stdinWords {
            var argv: [Arg]
            if let replace, command.contains(where: { $0.known?.contains(replace) ?? false }) {
                argv = command.map { a in
                    guard let t = a.known, t.contains(replace) else { return a }
                    if let first = extra.first, first.kind == .known, extra.count == 1 {
                        return Arg(literal: t.replacingOccurrences(of: replace, with: first.text))
                    }
                    if t == replace, let first = extra.first { return first }
                    return Arg(unknown: t)
                }
            } else {
                argv = command + extra
            }
            var inner = state
            evaluateArgv(argv, state: &inner, input: .unknown(.other), text: text)
        }
    }

    mutating func unwrapParallel(_ args: [Arg], state: inout State, input: Input, text: String) {
        let valueOptions: Set<String> = [
            "-j", "-P", "--jobs", "-S", "--sshlogin", "-I", "-n", "-N", "--max-args", "--joblog", "--delay",
            "--timeout", "--tmpdir", "--results", "-a", "--arg-file",
        ]
        let rest = skipOptions(args, valueOptions: valueOptions)
        var command: [Arg] = []
        var sources: [Arg] = []
        var seenSeparator = false
        for a in rest {
            if a.known == ":::" || a.known == "::::" || a.known == ":::+" {
                seenSeparator = true
                continue
            }
            if seenSeparator { sources.append(a) } else { command.append(a) }
        }
        var values: [Arg]
        if seenSeparator {
            values = sources
        } else if case .literal(let s) = input {
            values = s.split(separator: "\n").map { Arg(literal: String($0)) }
        } else {
            values = [Arg(unknown: "(parallel input)")]
            if command.isEmpty {
                if case .none = input { return }
                report("shell-unknown-input", matched: text, detail: "parallel runs command lines from standard input")
                return
            }
        }
        if command.isEmpty {
            // Each value is a whole command line.
            for v in values {
                var inner = state
                runShellText([v], state: &inner, what: "parallel", text: text)
            }
            return
        }
        for v in values {
            var replaced = false
            var argv = command.map { a -> Arg in
                guard let t = a.known, t.contains("{}") else { return a }
                replaced = true
                if let vt = v.known { return Arg(literal: t.replacingOccurrences(of: "{}", with: vt)) }
                return v
            }
            if !replaced { argv.append(v) }
            var inner = state
            // parallel runs its command through a shell, so a command of one word is a command line.
            if argv.count >= 1, let first = argv.first?.known, first.contains(" ") {
                runShellText(argv, state: &inner, what: "parallel", text: text)
            } else {
                evaluateArgv(argv, state: &inner, input: .unknown(.other), text: text)
            }
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i != u.endIndex {
            var j = i
            var k = 0
            while k < t.count, j != u.endIndex, u[j] == t[k] {
                j = u.index(after: j)
                k += 1
            }
            if k == t.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}

/// The word splitting of `env -S`: blanks separate, quotes group, backslash escapes.
enum EnvSplit {
    static func split(_ s: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escape = false
        for ch in s {
            if escape {
                current.append(ch == "n" ? "\n" : ch == "t" ? "\t" : ch)
                escape = false
                inWord = true
                continue
            }
            if ch == "\\" && quote != "'" {
                escape = true
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
                continue
            }
            if ch == " " || ch == "\t" || ch == "\n" {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
                continue
            }
            current.append(ch)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }
}
