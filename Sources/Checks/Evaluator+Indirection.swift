import Base
internal import Shell

/// Indirection: program names computed at run time, scripts the same line writes and then runs,
/// commands run on another machine, and moves and copies that destroy.
extension Evaluator {
    // MARK: - Program names from substitutions

    /// Resolves a program word that holds a command substitution, when its output is known:
    /// `$(echo rm)`, `` `printf rm` ``, `$(which rm)`, `$(command -v rm)`, `$(brew --prefix)/bin/x`
    /// (the name after the last `/` is literal). Returns the word's expansion unchanged otherwise.
    mutating func resolveProgramWord(_ word: Word, state: State) -> [Arg] {
        let exp = expander(state)
        var text = ""
        var subs = word.substitutions.makeIterator()
        var splits = false
        for part in word.parts {
            switch part {
            case .literal(let s, _):
                text += s
            case .tilde:
                return programBySuffix(word, fallback: exp.expand(word))
            case .parameter(let name, _, _):
                let one = Word(parts: [part], raw: "$" + name)
                guard let v = exp.expand(one).first?.known else {
                    return programBySuffix(word, fallback: exp.expand(word))
                }
                text += v
            case .commandSubstitution(let quoted):
                guard let node = subs.next(), let out = substitutionOutput(node, state: state) else {
                    return programBySuffix(word, fallback: exp.expand(word))
                }
                var o = Substring(out)
                while o.last == "\n" { o = o.dropLast() }
                text += o
                if !quoted { splits = true }
            default:
                return programBySuffix(word, fallback: exp.expand(word))
            }
        }
        note("the program name is computed: \(word.raw) → \(text)")
        if splits {
            return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map {
                Arg(literal: String($0))
            }
        }
        return [Arg(literal: text)]
    }

    /// `$(…)/bin/name`: the program's name is the literal after the last `/`.
    func programBySuffix(_ word: Word, fallback: [Arg]) -> [Arg] {
        guard case .literal(let s, _) = word.parts.last, let slash = s.lastIndex(of: "/") else { return fallback }
        let name = String(s[s.index(after: slash)...])
        guard !name.isEmpty, !name.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else { return fallback }
        var a = Arg(literal: "/(computed)/" + name)
        a.knownPrefix = ""
        return [a] + fallback.dropFirst()
    }

    /// The text a substitution prints, when it is known: `echo`/`printf` of literals, or the path
    /// of a program looked up with `which`, `command -v` or `type -P`.
    func substitutionOutput(_ node: Node, state: State) -> String? {
        var n = node
        while case .subshell(let inner) = n { n = inner }
        guard case .command(let cmd) = n else {
            if case .pipeline = n, case .literal(let t) = output(of: n, state: state, input: .none) { return t }
            return nil
        }
        let args = cmd.words.flatMap { expander(state).expand($0) }
        guard let p = args.first?.known.map(Self.programName) else { return nil }
        let rest = args.dropFirst().compactMap(\.known).filter { !$0.hasPrefix("-") }
        switch p {
        case "which", "whereis":
            return rest.first.map { "/usr/bin/" + $0 }
        case "command", "type":
            guard args.dropFirst().contains(where: { $0.known == "-v" || $0.known == "-P" || $0.known == "-p" })
            else { return nil }
            return rest.first.map { "/usr/bin/" + $0 }
        case "pyenv", "rbenv", "nodenv", "goenv", "jenv", "asdf", "mise", "rtx", "xcrun":
            // `pyenv which python`, `xcrun --find clang`: the path of the program named last.
            guard rest.first == "which" || args.contains(where: { $0.known == "--find" || $0.known == "-f" }),
                let name = rest.last, name != "which"
            else { return nil }
            return "/usr/bin/" + name
        default:
            if case .literal(let t) = output(of: n, state: state, input: .none) { return t }
            return nil
        }
    }

    /// Options that make an unknown program dangerous enough to ask about.
    static let riskyWords: Set<String> = [
        "-rf", "-fr", "-Rf", "-rF", "-fR", "-RF", "-FR", "--force", "--hard", "-delete", "--no-verify", "--mirror",
        "/", "~", "/*", "drop", "DROP", "destroy",
    ]

    /// A program known only at run time: its substitutions were checked; when it comes from a
    /// substitution, or its arguments look destructive, the line asks.
    mutating func checkUnknownProgram(_ argv: [Arg], text: String) {
        guard let head = argv.first else { return }
        let fromSubstitution = head.text.contains("$(") || head.text.contains("`")
        let risky = argv.dropFirst().contains { a in
            guard let t = a.known else { return false }
            return Self.riskyWords.contains(t) || t == context.home
        }
        if fromSubstitution || risky {
            report(
                "shell-unknown-input", matched: text,
                detail: "the program (\(head.text)) is only known when the line runs")
        } else {
            note("program only known at run time (\(head.text)): its substitutions were checked")
        }
    }

    // MARK: - Environment set-up

    /// Tools whose output is shell assignments meant for `eval`, with the subcommand that prints
    /// them ("" when the tool prints them without one).
    static let environmentSetup: [String: Set<String>] = [
        "ssh-agent": ["", "-s", "-c"], "direnv": ["export", "hook"], "brew": ["shellenv"],
        "pyenv": ["init", "virtualenv-init"], "rbenv": ["init"], "nodenv": ["init"], "goenv": ["init"],
        "jenv": ["init"], "plenv": ["init"], "phpenv": ["init"], "fnm": ["env"], "zoxide": ["init"],
        "starship": ["init"], "mise": ["activate", "env", "hook-env"], "rtx": ["activate"], "opam": ["env"],
        "conda": ["shell.bash", "shell.zsh", "shell.fish"], "keychain": ["--eval"], "dircolors": [""],
        "atuin": ["init"], "mcfly": ["init"], "thefuck": ["--alias"], "luarocks": ["path"], "gpg-agent": ["--daemon"],
        "rustup": ["completions"], "pixi": ["shell-hook"], "devbox": ["shellenv"], "nix": ["print-dev-env"],
        "oh-my-posh": ["init"], "fzf": ["--bash", "--zsh", "--fish"], "register-python-argcomplete": [""],
        "op": ["signin"], "minikube": ["docker-env", "podman-env"], "docker-machine": ["env"], "hub": ["alias"],
        "frum": ["init"], "pay-respects": ["bash", "zsh", "fish"], "jump": ["shell"], "nodenv-init": [""],
        "swiftenv": ["init"], "scmpuff": ["init"], "kubectx": [], "aws-vault": ["export"], "pipx": ["ensurepath"],
    ]

    /// `eval "$(ssh-agent -s)"`, `source <(kubectl completion bash)`: each argument is one
    /// substitution of a known set-up tool, or of a tool printing its shell completion.
    func isEnvironmentSetup(_ cmd: SimpleCommand) -> Bool {
        guard cmd.words.count >= 2, case .literal(let first, _) = cmd.words[0].parts.first,
            cmd.words[0].parts.count == 1,
            first == "eval" || first == "source" || first == "."
        else { return false }
        // eval runs all its words; source runs its first, the rest are the script's arguments.
        let operands = first == "eval" ? Array(cmd.words.dropFirst()) : [cmd.words[1]]
        for word in operands {
            let parts = word.significantParts
            let subs = word.substitutions.isEmpty && cmd.words.count == 2 ? cmd.substitutions : word.substitutions
            guard parts.count == 1, subs.count == 1 else { return false }
            switch parts[0] {
            case .commandSubstitution where first == "eval": break
            case .processSubstitution where first != "eval": break
            default: return false
            }
            var node = subs[0]
            while case .subshell(let inner) = node { node = inner }
            guard case .command(let c) = node, c.substitutions.isEmpty,
                let program = c.words.first?.literal.map(Self.programName)
            else { return false }
            let rest = c.words.dropFirst().compactMap(\.literal)
            guard rest.count == c.words.count - 1 else { return false }
            // `kubectl completion bash`, `gh completion -s zsh`, `pip completion --bash`.
            if rest.prefix(2).contains(where: { $0.contains("completion") }) { continue }
            guard let subcommands = Self.environmentSetup[program] else { return false }
            let sub = rest.first ?? ""
            // A tool without subcommands (`dircolors -b`) prints assignments whatever its options.
            if !(subcommands.contains(sub) || subcommands.contains("") && (sub.isEmpty || sub.hasPrefix("-"))) {
                return false
            }
        }
        return true
    }

    // MARK: - Scripts written, then run

    /// The absolute path a written or run file is filed under; nil when it cannot be known.
    func writtenKey(_ a: Arg, state: State) -> String? {
        guard let t = a.known, let cwd = state.cwd ?? (t.hasPrefix("/") ? "/" : nil) else { return nil }
        return Path.absolute(t, relativeTo: cwd)
    }

    /// Files a command's output redirections write, with the text when it is known.
    mutating func recordWrittenFiles(_ cmd: SimpleCommand, state: State, input: Input) {
        let targets = cmd.redirections.filter {
            ($0.op == .output || $0.op == .append || $0.op == .clobber || $0.op == .outputAndError
                || $0.op == .appendOutputAndError) && ($0.fd == nil || $0.fd == 1)
        }
        guard !targets.isEmpty else { return }
        let content: String?
        if case .literal(let t) = output(of: .command(cmd), state: state, input: input) {
            content = t
        } else {
            content = nil
        }
        for r in targets {
            guard let arg = expander(state).expand(r.target).first, let key = writtenKey(arg, state: state) else {
                continue
            }
            if Self.isAlwaysWritable(key) { continue }
            if r.op == .append || r.op == .appendOutputAndError, let before = writtenFiles[key] {
                writtenFiles[key] = .some(before.flatMap { b in content.map { b + $0 } })
            } else {
                writtenFiles[key] = .some(content)
            }
        }
    }

    /// `curl -o x.sh URL`, `wget -O x.sh URL`: the file holds a download, run later on the line.
    mutating func recordDownloads(_ program: String, _ args: [Arg], state: State) {
        for t in writeTargets(program, args) where t.childName == nil {
            guard let key = writtenKey(t.arg, state: state) else { continue }
            writtenFiles[key] = .some(nil)
            downloads.insert(key)
        }
    }

    /// The script this line wrote at `a`: `.some(text)`, `.some(nil)` when its text is unknown,
    /// nil when the line did not write it.
    func writtenFile(_ a: Arg, state: State) -> String?? {
        guard let key = writtenKey(a, state: state) else { return nil }
        return writtenFiles[key]
    }

    /// Runs a script the line wrote: its text is evaluated; an unknown text asks.
    mutating func runWrittenScript(
        _ script: String?, name: String, language: String, state: inout State, text: String
    ) {
        let key = writtenKey(Arg(literal: name), state: state)
        guard let script else {
            if let key, downloads.contains(key) {
                report("download-exec", matched: text, detail: "\(name) was downloaded by this command line")
                return
            }
            report(
                "shell-unknown-input", matched: text,
                detail: "\(name) was written by this command line with text only known when it runs")
            return
        }
        note("\(name) was written by this line; its text runs")
        if language == "sh" {
            parseAndEvaluate(script, state: &state, input: .none, matched: text)
        } else {
            scanCode(script, language: language, state: &state, text: text)
        }
    }

    // MARK: - ssh

    /// `ssh HOST CMD…` runs CMD on another machine: it is checked as `bash -c` there, where no
    /// path of the local repository applies.
    mutating func checkSSH(_ args: [Arg], state: inout State, input: Input, text: String) {
        let s = OptionScan(
            args, shortWithValue: Set("BbcDEeFIiJLlmOoPpQRSWw"), permute: false)
        var remote = Array(s.operands.dropFirst())
        if remote.first?.known == "--" { remote.removeFirst() }
        guard !remote.isEmpty else {
            // Without a command the remote shell reads its commands from standard input.
            switch input {
            case .literal(let script):
                evaluateElsewhere(script, on: "the host \(s.operands.first?.text ?? "")", text: text)
            case .unknown(.other), .unknown(.found):
                report(
                    "shell-unknown-input", matched: text,
                    detail: "ssh runs commands from standard input on the remote host")
            case .unknown(.download(let what)):
                report("download-exec", matched: what + " | ssh")
            case .unknown(.decoded(let what)):
                report("decode-exec", matched: what + " | ssh")
            case .none:
                note("ssh without a remote command: an interactive session")
            }
            return
        }
        guard remote.allSatisfy({ $0.kind == .known }) else {
            report("shell-unknown-input", matched: text, detail: "ssh runs a remote command only known at run time")
            return
        }
        let script = remote.map(\.text).joined(separator: " ")
        evaluateElsewhere(script, on: "the host \(s.operands[0].text)", text: text)
    }

    /// Evaluates a command line that runs on another machine or in a container: no path of the
    /// local repository applies there, so deletes of absolute paths are judged as outside it.
    mutating func evaluateElsewhere(_ script: String, on place: String, text: String) {
        note("runs on \(place): \(Verdict.excerpt(script, limit: 120))")
        let remoteContext = GuardContext(cwd: "/home/(remote)", home: "/home/(remote)", tmpDir: "/tmp")
        var remoteEvaluator = Evaluator(policy: policy, context: remoteContext, tracing: tracing, scopeGuard: nil)
        remoteEvaluator.depth = depth
        var remoteState = State(cwd: nil, variables: [:])
        do {
            let tree = try Parser.parse(script)
            remoteEvaluator.evaluate(tree, state: &remoteState, input: .none)
        } catch {
            report("parse-error", matched: Verdict.excerpt(text, limit: 80), detail: "remote command: \(error.message)")
            return
        }
        for f in remoteEvaluator.findings {
            findings.append(
                Finding(
                    ruleID: f.ruleID, matched: text,
                    detail: f.detail.map { "on \(place): " + $0 } ?? "on \(place)", path: nil))
        }
        trace += remoteEvaluator.trace
    }

    // MARK: - rsync, mv

    /// `rsync --delete`/`--remove-source-files` towards another machine or outside the repository.
    mutating func checkRsync(_ args: [Arg], state: State, text: String) {
        let s = OptionScan(
            args, shortWithValue: ["e", "f", "T", "B"],
            longWithValue: [
                "--rsh", "--filter", "--exclude", "--include", "--backup-dir", "--temp-dir", "--partial-dir",
                "--log-file", "--exclude-from", "--include-from", "--files-from", "--password-file", "--chmod",
            ])
        let deletes = s.flags.contains { $0 == "--del" || $0.hasPrefix("--delete") }
        let removesSources = s.has("--remove-source-files")
        guard deletes || removesSources else { return }
        if s.has("-n", "--dry-run", "--list-only") { return }
        guard let dest = s.operands.last, s.operands.count >= 2 else { return }
        func place(_ a: Arg) -> String? {
            guard let t = a.known else { return "a place only known at run time" }
            if t.hasPrefix("rsync://") { return "the remote \(t)" }
            if let colon = t.firstIndex(of: ":"), !t[..<colon].contains("/") { return "the remote \(t)" }
            guard case .path(let p) = resolveTarget(a, state: state) else { return "a place only known at run time" }
            if let root = context.repositoryRoot, Path.isWithin(p, root) { return nil }
            if isUnderTempRoot(p) { return nil }
            return p
        }
        if deletes, let where_ = place(dest) {
            report("rsync-delete", matched: text, detail: "--delete in \(where_)")
            return
        }
        if removesSources {
            for src in s.operands.dropLast() {
                if let where_ = place(src) {
                    report("rsync-delete", matched: text, detail: "--remove-source-files from \(where_)")
                    return
                }
            }
            if let where_ = place(dest) {
                report("rsync-delete", matched: text, detail: "--remove-source-files towards \(where_)")
            }
        }
    }

    /// `mv X /dev/null` destroys X (and, as root, the device).
    mutating func checkMove(_ args: [Arg], state: State, text: String) {
        let s = OptionScan(args, shortWithValue: ["t", "S"], longWithValue: ["--target-directory", "--suffix"])
        let dest = s.value("-t", "--target-directory") ?? (s.operands.count >= 2 ? s.operands.last : nil)
        guard let d = dest, let t = d.known else { return }
        let p = t.hasPrefix("/") ? Path.normalize(t) : (state.cwd.map { Path.absolute(t, relativeTo: $0) } ?? t)
        if p.hasPrefix("/dev/") {
            report("mv-to-device", matched: text, detail: p, path: p)
        }
    }
}

extension Evaluator {
    /// `docker exec C CMD`, `docker run IMAGE CMD`, `kubectl exec POD -- CMD`: CMD runs in a
    /// container, checked like a remote command.
    mutating func checkContainerCommand(_ program: String, _ args: [Arg], text: String) -> Bool {
        var words = args
        var place = "a container"
        switch program {
        case "kubectl", "oc":
            let w = Self.commandWords(args, valueOptions: Self.kubectlValueOptions)
            guard w.first == "exec", let dd = args.firstIndex(where: { $0.known == "--" }) else { return false }
            words = Array(args[(dd + 1)...])
            place = "the pod \(w.dropFirst().first ?? "")"
        default:
            guard let i = args.firstIndex(where: { $0.known.map { !$0.hasPrefix("-") } ?? true }) else { return false }
            var rest = Array(args[(i + 1)...])
            var verb = args[i].known ?? ""
            if verb == "container", let v = rest.first?.known {
                verb = v
                rest.removeFirst()
            }
            guard verb == "exec" || verb == "run" else { return false }
            // Options of exec/run that take a value; the first operand is the container or image.
            let valueOptions: Set<String> = [
                "-e", "--env", "-u", "--user", "-w", "--workdir", "--env-file", "-v", "--volume", "-p", "--publish",
                "--name", "--network", "--entrypoint", "-l", "--label", "--mount", "--platform", "-h", "--hostname",
                "--cpus", "-m", "--memory", "--add-host", "--pull", "--restart", "--device", "--detach-keys",
            ]
            var j = 0
            while j < rest.count, let t = rest[j].known, t.hasPrefix("-") {
                j += 1
                if !t.contains("="), valueOptions.contains(t) { j += 1 }
            }
            guard j < rest.count else { return false }
            place = "the container \(rest[j].text)"
            words = Array(rest[(j + 1)...])
        }
        guard !words.isEmpty else { return false }
        guard words.allSatisfy({ $0.kind == .known }) else {
            note("a command in \(place) with parts known only at run time")
            return true
        }
        // The words are already split: quote them again so the inner parser sees the same argv.
        let script = words.map { Self.shellQuoted($0.text) }.joined(separator: " ")
        evaluateElsewhere(script, on: place, text: text)
        return true
    }

    static func shellQuoted(_ s: String) -> String {
        if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
