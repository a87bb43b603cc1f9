import Base

/// Deletes and other file-system destruction, decided on resolved paths.
extension Evaluator {
    /// A delete target after resolution.
    enum Target {
        case path(String)
        /// The contents of a folder, from a glob like `dir/*`.
        case contents(String)
        /// Only known at run time.
        case unknown(String)
        /// A file `find` found; `find`'s own rule decides.
        case findResult
    }

    func resolveTarget(_ a: Arg, state: State) -> Target {
        switch a.kind {
        case .findResult: return .findResult
        case .unknown: return .unknown(a.text)
        case .known:
            let t = a.text
            guard let cwd = state.cwd ?? (t.hasPrefix("/") ? "/" : nil) else { return .unknown(t) }
            if a.glob {
                // The folder before the first glob segment; `.*` also matches `..`.
                var dirParts: [Substring] = []
                let segments = t.split(separator: "/", omittingEmptySubsequences: false)
                for seg in segments {
                    if seg.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
                        let base =
                            (t.hasPrefix("/") ? "/" : "") + dirParts.filter { !$0.isEmpty }.joined(separator: "/")
                        let dir = Path.absolute(base.isEmpty ? "." : base, relativeTo: cwd)
                        if seg.hasPrefix(".") { return .path(Path.absolute("..", relativeTo: dir)) }
                        return .contents(dir)
                    }
                    dirParts.append(seg)
                }
            }
            return .path(Path.absolute(t, relativeTo: cwd))
        }
    }

    var tempRoots: [String] {
        policy.commands.tempRoots.map { root in
            if root == "$TMPDIR" || root == "${TMPDIR}" { return tmpDir }
            return root
        }
    }

    func isTempRoot(_ path: String) -> Bool { tempRoots.contains(path) }
    func isUnderTempRoot(_ path: String) -> Bool { tempRoots.contains { Path.isStrictlyWithin(path, $0) } }

    /// Whether a path inside the repository lies in a regenerable folder (`node_modules`, `build/x`).
    func isRegenerable(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/")
        for entry in policy.commands.regenerable {
            if entry.contains("/") {
                let e = entry.hasSuffix("/") ? String(entry.dropLast()) : entry
                if relative == e || relative.hasPrefix(e + "/") || Glob.matches(e, relative) { return true }
            } else if parts.contains(where: { String($0) == entry || Glob.matches(entry, String($0)) }) {
                return true
            }
        }
        return false
    }

    /// The options of `rm`, `unlink` and `rmdir`, the one table both the delete rules and the
    /// scope's write targets read: none takes a separate value (`rm --interactive=WHEN` and
    /// `--preserve-root=all` carry theirs after `=`), so every other word is a target.
    static func scanRemoval(_ args: [Arg]) -> OptionScan {
        OptionScan(args)
    }

    mutating func checkRemove(_ program: String, _ args: [Arg], state: State, text: String) {
        if isHelp(args) { return }
        let s = Self.scanRemoval(args)
        let recursive = program == "rm" && s.has("-r", "-R", "--recursive")
        var targets = s.operands
        if program == "rmdir" {
            // rmdir only removes empty folders; only protected ones matter.
            for a in targets {
                if case .path(let p) = resolveTarget(a, state: state) { checkProtectedDelete(p, text: text) }
            }
            return
        }
        if targets.isEmpty { return }
        if !recursive {
            for a in targets {
                switch resolveTarget(a, state: state) {
                case .path(let p):
                    if isUnderTempRoot(p) { continue }
                    if isSystem(p) && !Self.isAlwaysWritable(p) {
                        report("rm-system-path", matched: text, detail: p, path: p)
                    } else {
                        checkProtectedDelete(p, text: text)
                    }
                case .contents(let dir):
                    if isSystem(dir) && !isUnderTempRoot(dir) && !isTempRoot(dir) {
                        report("rm-system-path", matched: text, detail: dir + "/*", path: dir)
                    } else if let gitDir = context.gitDir, Path.isWithin(dir, gitDir) {
                        checkProtectedDelete(dir, text: text)
                    }
                default: continue
                }
            }
            return
        }
        targets = targets.filter { $0.known != "" }
        for a in targets {
            classifyRecursiveDelete(resolveTarget(a, state: state), text: text)
        }
    }

    mutating func checkProtectedDelete(_ path: String, text: String) {
        if let what = ProtectedPaths.match(path, context: context) {
            report("tamper-hook-files", matched: text, detail: "protected: \(what)", path: path)
        }
    }

    /// Decides a recursive delete of one target.
    mutating func classifyRecursiveDelete(_ target: Target, text: String) {
        var path: String
        var contentsOnly = false
        switch target {
        case .findResult: return
        case .unknown(let raw):
            report("rm-unknown-target", matched: text, detail: "target '\(raw)'")
            return
        case .path(let p): path = p
        case .contents(let d):
            path = d
            contentsOnly = true
        }
        let home = context.home
        note("recursive delete of \(contentsOnly ? path + "/*" : path)")
        if path == "/" || path == home || Path.isWithin(home, path) || path == "/home" || path == "/Users"
            || Path.parent(path) == "/home" || Path.parent(path) == "/Users"
        {
            report("rm-root-or-home", matched: text, detail: contentsOnly ? "everything in \(path)" : path, path: path)
            return
        }
        if let root = context.repositoryRoot {
            if path == root || Path.isStrictlyWithin(root, path) {
                report(
                    "rm-recursive-repo-root", matched: text, detail: contentsOnly ? "everything in \(path)" : path,
                    path: path)
                return
            }
            for dir in [context.gitDir, context.commonDir].compactMap({ $0 }) where Path.isWithin(path, dir) {
                report("rm-recursive-repo-root", matched: text, detail: "git's own data: \(path)", path: path)
                return
            }
            if let rel = Path.relative(path, to: root) {
                if rel.lowercased() == ".git" || rel.lowercased().hasPrefix(".git/") {
                    report("rm-recursive-repo-root", matched: text, detail: "git's own data: \(path)", path: path)
                    return
                }
                if ProtectedPaths.match(path, context: context) != nil {
                    checkProtectedDelete(path, text: text)
                    return
                }
                if isRegenerable(rel) {
                    note("  \(rel) is regenerable: allowed")
                    return
                }
                report(
                    "rm-recursive-in-repo", matched: text, detail: contentsOnly ? "everything in \(rel)" : rel,
                    path: path)
                return
            }
        }
        if isUnderTempRoot(path) || (contentsOnly && isTempRoot(path)) {
            note("  under a temp root: allowed")
            return
        }
        report(
            "rm-recursive-outside-repo", matched: text, detail: contentsOnly ? "everything in \(path)" : path,
            path: path)
    }

    // MARK: - find

    mutating func checkFind(_ args: [Arg], state: inout State, text: String) {
        var i = 0
        // Leading options -H -L -P -D debugopts -Olevel.
        while i < args.count, let t = args[i].known, ["-H", "-L", "-P"].contains(t) || t.hasPrefix("-O") || t == "-D" {
            i += t == "-D" ? 2 : 1
        }
        var roots: [Arg] = []
        while i < args.count {
            let t = args[i].known ?? args[i].text
            if t.hasPrefix("-") || t == "(" || t == "!" || t == ")" || t == "," { break }
            roots.append(args[i])
            i += 1
        }
        if roots.isEmpty { roots = [Arg(literal: ".")] }
        let filters: Set<String> = [
            "-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", "-lname", "-ilname",
        ]
        let noValue: Set<String> = [
            "-delete", "-print", "-print0", "-ls", "-prune", "-quit", "-true", "-false", "-depth", "-d", "-mount",
            "-xdev",
            "-noleaf", "-ignore_readdir_race", "-noignore_readdir_race", "-daystart", "-follow", "-empty",
            "-executable",
            "-readable", "-writable", "-nouser", "-nogroup", "-a", "-and", "-o", "-or", "-not", "-help", "--help",
            "-version", "--version",
        ]
        var filtered = false
        var deletes = false
        // Whether the files find finds are written or deleted (-delete, -exec rm/sed -i/mv …):
        // then they fall under the scope, as folders of the start points.
        var writesFound = false
        // The -name filters: when every one names a regenerable folder, find deletes no work.
        var names: [String] = []
        while i < args.count {
            let t = args[i].known ?? args[i].text
            i += 1
            if t == "--help" || t == "-help" || t == "--version" || t == "-version" { return }
            if filters.contains(t) {
                filtered = true
                if t == "-name" || t == "-iname" { names.append(i < args.count ? args[i].known ?? "*" : "*") }
                if t != "-name" && t != "-iname" { names.append("*") }
                i += 1
                continue
            }
            if t == "-delete" {
                deletes = true
                writesFound = true
                continue
            }
            if ["-exec", "-execdir", "-ok", "-okdir"].contains(t) {
                var inner: [Arg] = []
                while i < args.count, args[i].known != ";", args[i].known != "+" {
                    inner.append(args[i].known == "{}" ? .findResult : args[i])
                    i += 1
                }
                i += 1
                if let p = innerProgram(inner), p == "rm" || p == "unlink" || p == "shred" || p == "rmdir" {
                    deletes = true
                }
                if let p = innerProgram(inner),
                    let at = inner.firstIndex(where: { $0.known.map(Self.programName) == p }),
                    writeTargets(p, Array(inner[(at + 1)...])).contains(where: { $0.arg.kind == .findResult })
                {
                    writesFound = true
                }
                var innerState = state
                evaluateArgv(inner, state: &innerState, input: .none, text: text)
                continue
            }
            if noValue.contains(t) || t == "(" || t == ")" || t == "!" || t == "," { continue }
            if t.hasPrefix("-") { i += 1 }  // a test or action with one value
        }
        // After find's own rules, so that their more specific verdict comes first.
        defer {
            if writesFound, names.isEmpty || !names.allSatisfy({ !$0.contains("*") && isRegenerable($0) }) {
                checkScope(
                    roots.map {
                        WriteTarget(
                            arg: $0, isDirectory: true, childName: WriteTarget.anyName, intoFolder: true,
                            deletes: deletes)
                    }, state: state, text: text)
            }
        }
        guard deletes else { return }
        if !filtered {
            report("find-delete", matched: text)
            return
        }
        for r in roots {
            if case .path(let p) = resolveTarget(r, state: state), let home = Optional(context.home),
                p == "/" || p == home || isSystem(p)
            {
                report("find-delete", matched: text, detail: "below \(p)", path: p)
            }
        }
    }

    /// The program an -exec runs, through wrappers like env/sudo/busybox.
    func innerProgram(_ argv: [Arg]) -> String? {
        var i = 0
        while i < argv.count, let t = argv[i].known {
            let p = Self.programName(t)
            if ["env", "sudo", "command", "busybox", "nice", "nohup", "doas", "time", "builtin"].contains(p)
                || t.hasPrefix("-") || t.contains("=")
            {
                i += 1
                continue
            }
            return p
        }
        return nil
    }

    // MARK: - dd, chmod

    mutating func checkDD(_ args: [Arg], text: String) {
        for a in args {
            guard let t = a.known, t.hasPrefix("of=") else { continue }
            let target = String(t.dropFirst(3))
            if target.hasPrefix("/dev/") && !Self.isAlwaysWritable(target) {
                report("dd-device", matched: text, detail: target, path: target)
            } else if isSystem(target) && !Self.isAlwaysWritable(target) {
                report("redirect-system-file", matched: text, detail: target, path: target)
            }
        }
    }

    /// Whether a chmod mode lets everyone write: octal with the others' write bit (777, 0666),
    /// or symbolic `a+w`, `o+w`, `+w` (umask aside), `a=rwx`.
    static func grantsWorldWrite(_ mode: String) -> Bool {
        if !mode.isEmpty, mode.allSatisfy({ $0 >= "0" && $0 <= "7" }), let last = mode.last,
            let bits = Int(String(last)), mode.count >= 3
        {
            return bits & 2 != 0
        }
        for clause in mode.split(separator: ",") {
            guard let op = clause.firstIndex(where: { $0 == "+" || $0 == "=" }) else { continue }
            let who = clause[..<op]
            let perms = clause[clause.index(after: op)...]
            if perms.contains("w") && (who.contains("a") || who.contains("o")) { return true }
        }
        return false
    }

    mutating func checkChmod(_ program: String, _ args: [Arg], state: State, text: String) {
        let s = OptionScan(args, longWithValue: ["--reference", "--from"])
        guard s.has("-R", "--recursive") else { return }
        // The mode (chmod) or owner (chown/chgrp) comes first, unless --reference names it.
        let operands = s.has("--reference") ? s.operands : Array(s.operands.dropFirst())
        let mode = s.has("--reference") ? nil : s.operands.first?.known
        for a in operands {
            guard case .path(let p) = resolveTarget(a, state: state) else { continue }
            // All homes, one user's home, and the mount roots; a project below a home is work.
            let homes = ["/home", "/Users"]
            if p == "/" || p == context.home || Path.isWithin(context.home, p) || isSystem(p)
                || homes.contains(p) || homes.contains(Path.parent(p)) || ["/mnt", "/media", "/nix"].contains(p)
            {
                report("chmod-system-recursive", matched: text, detail: p, path: p)
            } else if program == "chmod", let m = mode, Self.grantsWorldWrite(m),
                p == context.repositoryRoot || (context.repositoryRoot.map { Path.isWithin($0, p) } ?? false)
            {
                report("chmod-repo-world-writable", matched: text, detail: "\(m) on \(p)", path: p)
            }
        }
    }
}
