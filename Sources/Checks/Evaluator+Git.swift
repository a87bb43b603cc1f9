import Base

/// Git: global options, then the subcommands that destroy work or switch hooks off.
extension Evaluator {
    mutating func checkGit(_ args: [Arg], state: inout State, text: String) {
        var i = 0
        var inner = state
        var aliases: [String: String] = [:]
        func noteAlias(_ a: Arg) {
            guard let t = a.known, t.lowercased().hasPrefix("alias."), let eq = t.firstIndex(of: "=") else { return }
            aliases[String(t[t.index(t.startIndex, offsetBy: 6)..<eq])] = String(t[t.index(after: eq)...])
        }
        // Global options before the subcommand.
        while i < args.count, let t = args[i].known, t.hasPrefix("-") {
            i += 1
            switch t {
            case "--":
                break
            case "-C":
                if i < args.count {
                    if let d = args[i].known, let cwd = inner.cwd {
                        inner.cwd = Path.absolute(d, relativeTo: cwd)
                    } else {
                        inner.cwd = nil
                    }
                }
                i += 1
                continue
            case "-c":
                if i < args.count {
                    checkGitConfigOverride(args[i], text: text)
                    noteAlias(args[i])
                }
                i += 1
                continue
            case "--git-dir", "--work-tree", "--namespace", "--exec-path", "--super-prefix", "--config-env",
                "--list-cmds":
                if t == "--config-env", i < args.count { checkGitConfigOverride(args[i], text: text) }
                i += 1
                continue
            case "-v", "--version", "-h", "--help", "--html-path", "--man-path", "--info-path":
                note("git \(t): information only")
                return
            default:
                if t.hasPrefix("-C") && t.count > 2 {
                    if let cwd = inner.cwd { inner.cwd = Path.absolute(String(t.dropFirst(2)), relativeTo: cwd) }
                } else if t.hasPrefix("-c") && t.count > 2 {
                    checkGitConfigOverride(Arg(literal: String(t.dropFirst(2))), text: text)
                    noteAlias(Arg(literal: String(t.dropFirst(2))))
                } else if t.hasPrefix("--config-env=") {
                    checkGitConfigOverride(Arg(literal: String(t.dropFirst("--config-env=".count))), text: text)
                }
                continue
            }
            if t == "--" { break }
        }
        guard i < args.count else { return }
        guard let sub = args[i].known else {
            note("git subcommand only known at run time")
            return
        }
        let rest = Array(args[(i + 1)...])
        if let alias = aliases[sub] ?? gitAliases[sub], !Self.gitCommands.contains(sub) {
            expandGitAlias(sub, alias, rest: rest, state: &inner, text: text)
            return
        }
        if rest.contains(where: { $0.known == "--help" || $0.known == "-h" })
            && !rest.contains(where: { $0.known == "--" })
        {
            note("git \(sub) --help: information only")
            return
        }
        note("git \(sub)")
        checkScope(gitWriteTargets(sub, rest), state: inner, text: text)
        let start = findings.count
        defer { noteMisses(on: "git \(sub)", since: start) }
        switch sub {
        case "reset":
            let s = OptionScan(rest)
            if s.has("--hard", "--merge") { report("git-reset-hard", matched: text) }
        case "checkout":
            checkGitCheckout(rest, text: text)
        case "switch":
            let s = OptionScan(
                rest, shortWithValue: ["c", "C"],
                longWithValue: ["--create", "--force-create", "--orphan", "--conflict"])
            if s.has("-f", "--force", "--discard-changes") { report("git-switch-discard", matched: text) }
            if let b = s.value("-C", "--force-create")?.known, isProtectedBranch(b) {
                report("git-branch-force-protected", matched: text, detail: "branch '\(b)'")
            }
        case "restore":
            let s = OptionScan(
                rest, shortWithValue: ["s"], longWithValue: ["--source", "--pathspec-from-file", "--conflict"])
            let staged = s.has("-S", "--staged")
            let worktree = s.has("-W", "--worktree")
            if (!staged || worktree) && (!s.operands.isEmpty || s.has("--pathspec-from-file")) {
                report("git-restore-worktree", matched: text)
            }
        case "clean":
            let s = OptionScan(rest, shortWithValue: ["e"], longWithValue: ["--exclude"])
            if s.has("-f", "--force") && !s.has("-n", "--dry-run", "-i", "--interactive") {
                report("git-clean-force", matched: text)
            }
        case "branch":
            let s = OptionScan(
                rest, shortWithValue: ["u", "t"],
                longWithValue: [
                    "--set-upstream-to", "--contains", "--no-contains", "--merged", "--no-merged", "--points-at",
                    "--format", "--sort", "--color", "--column",
                ])
            if s.has("-D") || (s.has("-d", "--delete") && s.has("-f", "--force")) {
                report("git-branch-force-delete", matched: text)
            } else if s.has("-f", "--force", "-M", "-C") || (s.has("-m", "--move", "-c", "--copy") && s.has("-f")) {
                // `git branch -f main X` moves main; `-M old main` overwrites it.
                let moving = s.has("-M", "-C", "-m", "--move", "-c", "--copy")
                let name = moving ? s.operands.last : s.operands.first
                if let n = name?.known, isProtectedBranch(n) {
                    report("git-branch-force-protected", matched: text, detail: "branch '\(n)'")
                }
            }
        case "rm":
            let s = OptionScan(rest, longWithValue: ["--pathspec-from-file"])
            if s.has("-f", "--force") && !s.has("--cached", "-n", "--dry-run") {
                report("git-rm-force", matched: text)
            }
        case "submodule":
            let words = Self.commandWords(rest, valueOptions: [])
            if words.first == "deinit", OptionScan(rest).has("-f", "--force") {
                report("git-submodule-deinit-force", matched: text)
            } else if let at = rest.firstIndex(where: { $0.known == "foreach" }) {
                // `git submodule foreach [--recursive] CMD`: CMD runs through the shell in each.
                let command = rest[(at + 1)...].drop { $0.known?.hasPrefix("-") ?? false }
                if !command.isEmpty {
                    runShellText(Array(command), state: &inner, what: "git submodule foreach", text: text)
                }
            }
        case "stash":
            if let action = rest.first?.known, action == "drop" || action == "clear" {
                report("git-stash-drop", matched: text)
            }
        case "filter-branch", "filter-repo":
            report("git-filter-branch", matched: text)
        case "update-ref":
            if OptionScan(rest).has("-d", "--delete") { report("git-update-ref-delete", matched: text) }
        case "reflog":
            if let action = rest.first?.known, action == "expire" || action == "delete" {
                report("git-reflog-expire", matched: text)
            }
        case "gc":
            let s = OptionScan(rest)
            if let v = s.values["--prune"]?.last?.known, v == "now" || v == "all" {
                report("git-gc-prune-now", matched: text)
            }
        case "prune":
            if !OptionScan(rest).has("-n", "--dry-run") { report("git-gc-prune-now", matched: text) }
        case "worktree":
            if rest.first?.known == "remove" {
                let s = OptionScan(Array(rest.dropFirst()))
                if s.has("-f", "--force") { report("git-worktree-remove-force", matched: text) }
            }
        case "commit":
            let s = OptionScan(
                rest, shortWithValue: ["m", "F", "c", "C", "t", "u", "S"],
                longWithValue: [
                    "--message", "--file", "--reuse-message", "--reedit-message", "--template", "--author", "--date",
                    "--fixup", "--squash", "--trailer", "--cleanup", "--pathspec-from-file",
                ])
            if s.has("-n", "--no-verify") { report("tamper-no-verify", matched: text) }
        case "merge", "rebase", "cherry-pick", "revert", "am", "pull":
            let s = OptionScan(rest, shortWithValue: ["m", "F", "s", "X", "S"])
            if s.has("--no-verify") { report("tamper-no-verify", matched: text) }
        case "push":
            checkGitPush(rest, state: inner, text: text)
        case "config":
            checkGitConfig(rest, text: text)
        default:
            break
        }
    }

    mutating func checkGitConfigOverride(_ arg: Arg, text: String) {
        let t = (arg.known ?? arg.text).lowercased()
        if t.hasPrefix("core.hookspath") { report("tamper-hooks-path", matched: text) }
    }

    mutating func checkGitConfig(_ rest: [Arg], text: String) {
        let s = OptionScan(
            rest, shortWithValue: ["f", "t"], longWithValue: ["--file", "--blob", "--type", "--default", "--comment"])
        guard let key = s.operands.first else { return }
        if let k = key.known, k.lowercased().hasPrefix("alias."), s.operands.count >= 2 {
            // `git config alias.x '!…' && git x`: the alias runs later on this line.
            let value = s.operands[1...].map { $0.known ?? $0.text }.joined(separator: " ")
            gitAliases[String(k.dropFirst(6))] = value
        }
        guard (key.known ?? key.text).lowercased() == "core.hookspath" else { return }
        let reading = s.has("--get", "--get-all", "--get-regexp", "-l", "--list", "--show-origin") && !s.has("--unset")
        if reading || (s.operands.count == 1 && !s.has("--unset", "--unset-all", "--replace-all", "--add")) { return }
        report("tamper-hooks-path", matched: text)
    }

    mutating func checkGitCheckout(_ rest: [Arg], text: String) {
        let s = OptionScan(
            rest, shortWithValue: ["b", "B"],
            longWithValue: ["--orphan", "--conflict", "--pathspec-from-file"])
        if s.has("-f", "--force") {
            report("git-checkout-discard", matched: text, detail: "--force")
            return
        }
        if let b = s.value("-B")?.known, isProtectedBranch(b) {
            report("git-branch-force-protected", matched: text, detail: "branch '\(b)'")
        }
        if s.has("--pathspec-from-file") || !s.afterDoubleDash.isEmpty {
            report("git-checkout-discard", matched: text)
            return
        }
        let creates = s.has("-b", "-B", "--orphan")
        let operands = s.operands
        if creates || s.has("--detach", "-p", "--patch") { return }
        if operands.count >= 2 {
            report("git-checkout-discard", matched: text, detail: "a ref followed by paths")
            return
        }
        if let only = operands.first {
            let t = only.known ?? only.text
            // git expands pathspec globs itself, so a quoted `'*.swift'` is a path too.
            if t == "." || t == ".." || t.hasSuffix("/") || t.hasPrefix("./") || t.hasPrefix(":") || only.glob
                || t.hasPrefix("../") || t.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" })
            {
                report("git-checkout-discard", matched: text, detail: "'\(t)' is a path")
            }
        }
    }

    mutating func checkGitPush(_ rest: [Arg], state: State, text: String) {
        let s = OptionScan(
            rest, shortWithValue: ["o"],
            longWithValue: ["--repo", "--receive-pack", "--exec", "--push-option", "--signed"])
        if s.has("--no-verify") { report("tamper-no-verify", matched: text) }
        if s.has("-n", "--dry-run") {
            note("git push --dry-run changes nothing")
            return
        }
        let lease = s.flags.contains { $0 == "--force-with-lease" }
        var force = s.has("-f", "--force", "--mirror")
        let delete = s.has("-d", "--delete")
        var refspecs = Array(s.operands.dropFirst())  // the first operand is the remote
        if s.operands.isEmpty || (refspecs.isEmpty && !s.has("--all", "--mirror", "--tags")) {
            // `git push` / `git push origin` pushes the current branch (push.default simple/current).
            refspecs = context.branch.map { [Arg(literal: $0)] } ?? []
        }
        var targets: [(name: String, deleting: Bool, plus: Bool)] = []
        for r in refspecs {
            guard var t = r.known else {
                note("a refspec only known at run time: \(r.text)")
                continue
            }
            var plus = false
            if t.hasPrefix("+") {
                plus = true
                force = true
                t.removeFirst()
            }
            var dst = t
            var deleting = delete
            if let colon = t.firstIndex(of: ":") {
                let src = t[..<colon]
                dst = String(t[t.index(after: colon)...])
                if src.isEmpty { deleting = true }
                if dst.isEmpty { dst = String(src) }
            }
            if dst == "HEAD", let b = context.branch { dst = b }
            for prefix in ["refs/heads/"] where dst.hasPrefix(prefix) { dst = String(dst.dropFirst(prefix.count)) }
            targets.append((dst, deleting, plus))
        }
        if force {
            report("git-push-force", matched: text)
            return
        }
        if s.has("--all") {
            report("git-push-all", matched: text)
        }
        for target in targets where isProtectedBranch(target.name) {
            if target.deleting {
                report("git-push-delete-protected", matched: text, detail: "branch '\(target.name)'")
            } else if lease {
                report("git-push-force-with-lease-protected", matched: text, detail: "branch '\(target.name)'")
            } else {
                report("git-push-protected", matched: text, detail: "branch '\(target.name)'")
            }
        }
    }

    func isProtectedBranch(_ name: String) -> Bool {
        policy.protectedBranches.contains { Glob.matches($0, name) }
    }
}

extension Evaluator {
    /// git's own commands: an alias of the same name is ignored by git.
    static let gitCommands: Set<String> = [
        "add", "am", "apply", "archive", "bisect", "blame", "branch", "bundle", "checkout", "cherry-pick", "clean",
        "clone", "commit", "config", "describe", "diff", "fetch", "filter-branch", "format-patch", "gc", "grep", "init",
        "log", "merge", "mv", "notes", "prune", "pull", "push", "rebase", "reflog", "remote", "replace", "reset",
        "restore", "revert", "rm", "show", "stash", "status", "submodule", "switch", "tag", "update-ref", "worktree",
    ]

    /// Runs a git alias the line defined: `!cmd` through the shell, anything else as git arguments.
    mutating func expandGitAlias(_ name: String, _ value: String, rest: [Arg], state: inout State, text: String) {
        note("git \(name) is an alias for: \(value)")
        if value.hasPrefix("!") {
            let script = String(value.dropFirst())
            let extra = rest.map { $0.known ?? $0.text }
            guard rest.allSatisfy({ $0.kind == .known }) else {
                report(
                    "shell-unknown-input", matched: text,
                    detail: "git alias \(name) runs a shell command with arguments known only at run time")
                return
            }
            parseAndEvaluate(([script] + extra).joined(separator: " "), state: &state, input: .none, matched: text)
            return
        }
        let words = EnvSplit.split(value).map { Arg(literal: $0) }
        // An alias may not expand to itself; aliases of aliases stop at the nesting limit.
        if words.first?.known == name { return }
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            report("parse-error", matched: Verdict.excerpt(text, limit: 80), detail: "git aliases nested too deeply")
            return
        }
        checkGit(words + rest, state: &state, text: text)
    }
}
