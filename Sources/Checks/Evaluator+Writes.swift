import Base

/// The files a shell command writes, checked against the scope (DESIGN.md §6, issue 3).
extension Evaluator {
    /// A file or folder a command writes (or deletes, or creates).
    struct WriteTarget {
        var arg: Arg
        var isDirectory = false
        /// The folder relative paths resolve against, when not the command's working directory.
        var base: String?
        /// When the target is a folder, the write lands inside it under this name (`cp f dir`
        /// writes `dir/f`); `Self.anyName` when the names are not known (`tar -C dir`).
        var childName: String?
        /// The target is certainly a folder (`-t DIR`, several sources, `tar -C`).
        var intoFolder = false
        /// The command deletes the target (rm, find -delete, git clean, mv's sources): a
        /// regenerable folder may then be outside the scope, since it holds no work.
        var deletes = false

        /// Stands for files whose names only the command knows, written into a folder.
        static let anyName = "(any file)"
    }

    /// What xargs passes on from `find`: paths below find's folders, which the scope checks as
    /// folders, so the unknown argument itself is not asked about.
    static let foundPaths = "(paths found by find)"

    /// The name checked for a file only the command names, inside a folder it writes to.
    static let anyFileName = "ward-any-file"

    /// The files `program` writes, read from its arguments.
    func writeTargets(_ program: String, _ args: [Arg]) -> [WriteTarget] {
        if isHelp(args) { return [] }
        func all(_ list: [Arg], dir: Bool = false) -> [WriteTarget] {
            list.map { WriteTarget(arg: $0, isDirectory: dir) }
        }
        switch program {
        case "tee":
            return all(OptionScan(args).operands)
        case "touch", "truncate", "shred":
            let s = OptionScan(
                args,
                shortWithValue: program == "truncate"
                    ? ["s", "r"] : program == "touch" ? ["d", "r", "t"] : ["n", "s"],
                longWithValue: ["--size", "--reference", "--date", "--iterations", "--random-source"])
            return all(s.operands)
        case "rm", "unlink":
            return all(Self.scanRemoval(args).operands).map { t in
                var t = t
                t.deletes = true
                return t
            }
        case "mkdir", "rmdir":
            let s = OptionScan(args, shortWithValue: ["m"], longWithValue: ["--mode", "--context"])
            return all(s.operands, dir: true).map { t in
                var t = t
                t.deletes = program == "rmdir"
                return t
            }
        case "mkfifo":
            let s = OptionScan(args, shortWithValue: ["m"], longWithValue: ["--mode", "--context"])
            return all(s.operands)
        case "mknod":
            // `mknod NAME TYPE [MAJOR MINOR]`: only NAME is a path.
            let s = OptionScan(args, shortWithValue: ["m"], longWithValue: ["--mode", "--context"])
            return all(Array(s.operands.prefix(1)))
        case "cp", "mv", "install", "ln", "rsync", "scp":
            let s = OptionScan(
                args,
                shortWithValue: program == "install"
                    ? ["m", "o", "g", "t", "S"]
                    : program == "rsync"
                        ? ["e", "f"] : program == "scp" ? ["P", "i", "o", "F", "l", "c", "J", "S"] : ["t", "S"],
                longWithValue: [
                    "--target-directory", "--suffix", "--mode", "--owner", "--group", "--rsh", "--filter", "--exclude",
                    "--include", "--backup-dir", "--reflink", "--sparse", "--preserve", "--no-preserve", "--sort",
                ])
            if program == "install" && s.has("-d", "--directory") { return all(s.operands, dir: true) }
            func isRemote(_ a: Arg) -> Bool {
                guard program == "scp" || program == "rsync", let t = a.known, !t.hasPrefix("/"), !t.hasPrefix(".")
                else {
                    return false
                }
                guard let colon = t.firstIndex(of: ":") else { return false }
                return !t[..<colon].contains("/")
            }
            func childName(_ source: Arg) -> String {
                guard let t = source.known else { return WriteTarget.anyName }
                // rsync's `dir/` copies the folder's contents, not the folder.
                if program == "rsync" && t.hasSuffix("/") { return WriteTarget.anyName }
                var name = t
                if let colon = name.firstIndex(of: ":"), isRemote(source) {
                    name = String(name[name.index(after: colon)...])
                }
                let base = Path.basename(name)
                return base.isEmpty || base == "." || base == ".." ? WriteTarget.anyName : base
            }
            let operands = s.operands
            var out: [WriteTarget] = []
            if let t = s.value("-t", "--target-directory") {
                for source in operands {
                    out.append(WriteTarget(arg: t, childName: childName(source), intoFolder: true))
                }
                if operands.isEmpty {
                    out.append(WriteTarget(arg: t, childName: WriteTarget.anyName, intoFolder: true))
                }
                if program == "mv" { out += all(operands) }
                return out
            }
            guard let dest = operands.last else { return [] }
            if program == "ln" && operands.count == 1 {
                // `ln -s TARGET` creates a link named after TARGET in the current folder.
                if let t = dest.known { return [WriteTarget(arg: Arg(literal: Path.basename(t)))] }
                return [WriteTarget(arg: Arg(unknown: dest.text))]
            }
            if operands.count < 2 || isRemote(dest) { return [] }
            let sources = Array(operands.dropLast())
            for source in sources {
                out.append(WriteTarget(arg: dest, childName: childName(source), intoFolder: sources.count > 1))
            }
            if program == "mv" { out += all(sources) }  // sources are removed
            return out
        case "sed", "gsed":
            let s = OptionScan(
                args, shortWithValue: ["e", "f", "l"], longWithValue: ["--expression", "--file", "--line-length"])
            guard
                s.flags.contains(where: { $0 == "-i" || $0 == "--in-place" })
                    || args.contains(where: { $0.known?.hasPrefix("-i") ?? false })
            else { return [] }
            let hasScript = s.has("-e", "--expression", "-f", "--file")
            return all(Array(s.operands.dropFirst(hasScript ? 0 : 1)))
        case "perl":
            // Perl switches combine (`-pi.bak`, `-lne`); -I, -M, -m, -x, -l, -C and -0 take the
            // rest of their word, -e/-E the next word, and -i (with an optional extension) edits
            // the files in place.
            var inPlace = false
            var hasCode = false
            var operands: [Arg] = []
            var i = 0
            while i < args.count {
                let a = args[i]
                i += 1
                guard let t = a.known, t.hasPrefix("-"), !t.hasPrefix("--"), t.count > 1 else {
                    if a.known == "--" { operands += args[i...]; break }
                    operands.append(a)
                    continue
                }
                for ch in t.dropFirst() {
                    if "IMmxlC0".contains(ch) { break }
                    if ch == "i" { inPlace = true; break }
                    if ch == "e" || ch == "E" {
                        hasCode = true
                        i += 1
                        break
                    }
                }
            }
            guard inPlace else { return [] }
            return all(Array(operands.dropFirst(hasCode ? 0 : 1)))
        case "dd":
            return args.compactMap { a in
                a.known.flatMap { $0.hasPrefix("of=") ? WriteTarget(arg: Arg(literal: String($0.dropFirst(3)))) : nil }
            }
        case "curl":
            let s = OptionScan(
                args,
                shortWithValue: [
                    "o", "d", "H", "X", "u", "A", "e", "F", "T", "w", "x", "b", "c", "K", "E", "m", "r", "y", "Y", "z",
                    "C", "P", "Q", "U",
                ],
                longWithValue: [
                    "--output", "--output-dir", "--data", "--header", "--request", "--user", "--user-agent", "--form",
                    "--upload-file", "--write-out", "--proxy", "--cookie", "--cookie-jar", "--config", "--max-time",
                    "--retry", "--connect-timeout", "--data-raw", "--data-binary", "--url",
                ])
            var out =
                (s.values["-o"] ?? []).map { WriteTarget(arg: $0) }
                + (s.values["--output"] ?? []).map { WriteTarget(arg: $0) }
            if let c = s.value("-c", "--cookie-jar") { out.append(WriteTarget(arg: c)) }
            if s.has("-O", "--remote-name", "--remote-name-all") {
                out.append(
                    WriteTarget(
                        arg: s.value("--output-dir") ?? Arg(literal: "."), childName: WriteTarget.anyName,
                        intoFolder: true))
            }
            return out
        case "wget":
            let s = OptionScan(
                args, shortWithValue: ["O", "P", "o", "a", "e", "U", "t", "T", "w", "i", "l", "A", "R", "D", "X", "I"],
                longWithValue: [
                    "--output-document", "--directory-prefix", "--output-file", "--append-output", "--user-agent",
                    "--tries", "--timeout", "--input-file", "--level",
                ])
            if let o = s.value("-O", "--output-document") { return o.known == "-" ? [] : [WriteTarget(arg: o)] }
            return [
                WriteTarget(
                    arg: s.value("-P", "--directory-prefix") ?? Arg(literal: "."), childName: WriteTarget.anyName,
                    intoFolder: true)
            ]
        case "tar", "bsdtar", "gtar":
            var extract = false
            if let first = args.first?.known, !first.hasPrefix("-"), first.contains("x") { extract = true }
            let s = OptionScan(
                args, shortWithValue: ["C", "f", "T", "X", "b", "H", "K", "N", "g"],
                longWithValue: [
                    "--directory", "--file", "--files-from", "--exclude-from", "--exclude", "--transform", "--format",
                    "--owner", "--group", "--mode", "--newer",
                ])
            extract = extract || s.has("-x", "--extract", "--get")
            guard extract else {
                if s.has("-c", "--create"), let f = s.value("-f", "--file"), f.known != "-" {
                    return [WriteTarget(arg: f)]
                }
                return []
            }
            return [
                WriteTarget(
                    arg: s.value("-C", "--directory") ?? Arg(literal: "."), childName: WriteTarget.anyName,
                    intoFolder: true)
            ]
        case "unzip":
            let s = OptionScan(args, shortWithValue: ["d", "x", "P"])
            if s.has("-l", "-t", "-v", "-Z", "-p") { return [] }
            return [
                WriteTarget(arg: s.value("-d") ?? Arg(literal: "."), childName: WriteTarget.anyName, intoFolder: true)
            ]
        case "patch":
            let s = OptionScan(
                args, shortWithValue: ["o", "i", "p", "d", "r", "B", "D", "F", "V", "Y", "z"],
                longWithValue: ["--output", "--input", "--strip", "--directory", "--reject-file"])
            if s.has("--dry-run") { return [] }
            if let o = s.value("-o", "--output") { return [WriteTarget(arg: o)] }
            if let f = s.operands.first { return [WriteTarget(arg: f)] }
            return [WriteTarget(arg: Arg(unknown: "(the files named in the patch)"))]
        default:
            return []
        }
    }

    /// The files a git subcommand writes in the work tree.
    func gitWriteTargets(_ sub: String, _ rest: [Arg]) -> [WriteTarget] {
        switch sub {
        case "checkout", "restore":
            let s = OptionScan(
                rest, shortWithValue: ["b", "B", "s"],
                longWithValue: ["--orphan", "--conflict", "--source", "--pathspec-from-file"])
            if sub == "restore" && s.has("-S", "--staged") && !s.has("-W", "--worktree") { return [] }
            let paths = sub == "checkout" ? s.afterDoubleDash : s.operands
            return paths.map { WriteTarget(arg: $0) }
        case "rm":
            let s = OptionScan(rest, longWithValue: ["--pathspec-from-file"])
            if s.has("--cached") { return [] }
            return s.operands.map { WriteTarget(arg: $0) }
        case "mv":
            return OptionScan(rest).operands.map { WriteTarget(arg: $0) }
        case "clean":
            // git clean deletes untracked files below each path (the whole work tree by default).
            let s = OptionScan(rest, shortWithValue: ["e"], longWithValue: ["--exclude"])
            guard s.has("-f", "--force"), !s.has("-n", "--dry-run") else { return [] }
            let paths = s.operands.isEmpty ? [Arg(literal: ".")] : s.operands
            return paths.map {
                WriteTarget(arg: $0, isDirectory: true, childName: WriteTarget.anyName, intoFolder: true, deletes: true)
            }
        case "apply", "am":
            let s = OptionScan(
                rest, shortWithValue: ["p", "C"],
                longWithValue: ["--directory", "--exclude", "--include", "--whitespace"])
            if s.has("--check", "--stat", "--numstat", "--summary", "--cached") { return [] }
            return [WriteTarget(arg: Arg(unknown: "(the files named in the patch)"))]
        default:
            return []
        }
    }

    /// Checks each target against the scope; targets known only at run time ask when an allow
    /// list narrows the scope.
    mutating func checkScope(_ targets: [WriteTarget], state: State, text: String) {
        guard let scopeGuard, !targets.isEmpty else { return }
        for t in targets {
            guard let value = t.arg.known,
                let cwd = t.base ?? state.cwd ?? (t.arg.known?.hasPrefix("/") == true ? "/" : nil)
            else {
                if t.arg.kind == .findResult || t.arg.text == Self.foundPaths { continue }
                if !scopeGuard.scope.allow.isEmpty {
                    report("scope-unknown-path", matched: text, detail: "target '\(t.arg.text)'")
                }
                continue
            }
            var raw = value.hasPrefix("/") ? value : cwd + "/" + value
            var path = Path.absolute(value, relativeTo: cwd)
            // What a verdict names: the path, or `folder/**` for files whose names only the
            // command knows (the placeholder name below is checked, never shown).
            var shown = path
            if let child = t.childName,
                t.intoFolder || value.hasSuffix("/") || value == "." || (context.isDirectory?(raw) ?? false)
            {
                // The write lands inside the folder.
                let folder = path
                raw += "/" + (child == WriteTarget.anyName ? Self.anyFileName : child)
                path = Path.normalize(raw)
                shown = child == WriteTarget.anyName ? (folder == "/" ? "/**" : folder + "/**") : path
            }
            // Symlinks are resolved before `..` is folded, as the kernel does.
            let resolved = context.resolve?(raw)
            // A path another rule already decided (rm, redirections onto system files) is not repeated.
            if findings.contains(where: { $0.path == path }) { continue }
            if let f = scopeGuard.finding(path, resolved: resolved, isDirectory: t.isDirectory) {
                // Regenerable folders (node_modules, build, ...) hold no work: deleting them is
                // fine in any scope, as the delete rules' own messages say.
                if f.ruleID == "scope-outside", t.deletes, let root = context.repositoryRoot,
                    let rel = Path.relative(resolved.map(Path.normalize) ?? path, to: root), !rel.isEmpty,
                    isRegenerable(rel)
                {
                    note("  \(rel) is regenerable: deleting it is outside the scope's concern")
                    continue
                }
                // A symlink's resolution in the detail names the placeholder too.
                let detail = shown == path ? f.detail : f.detail.replacing("/" + Self.anyFileName, with: "/**")
                report(f.ruleID, matched: text, detail: "\(shown): \(detail)", path: path)
            }
        }
    }
}
