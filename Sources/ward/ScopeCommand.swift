import Checks
import Policy
import Workspace

/// `ward scope set GLOB… | show | clear`: the current worktree's own scope.
enum ScopeCommand {
    static let help = """
        Usage: ward scope set GLOB...
               ward scope show [--cwd DIR] [--json]
               ward scope clear

        set    store the scope of the current worktree: writes (agent file tools, shell writes,
               staged paths at pre-commit) must match one of the globs. It is kept in the
               worktree's git admin directory, where agents cannot write, and intersects with
               the scope of ward.json. Agents may not run 'ward scope set' or 'clear'.
        show   every allow list that applies here (ward.json, local.json, this worktree,
               .claude/wave-scope.json), the protect and outside globs, and the scope's mode
        clear  remove this worktree's own scope

        Globs follow .gitignore: a pattern without a slash matches at any depth, one with a
        slash is anchored at the repository root, '*' stays within a folder, '**' spans
        folders, a trailing '/' matches folders, '!' re-includes.

        Exit status: 0 ok, 2 usage error, a malformed glob or no repository.
        """

    static func run(_ words: ArraySlice<String>, _ invocation: Invocation) throws(FrontError) -> ExitStatus {
        guard let action = words.first else {
            throw .usage("ward: scope: expected set, show or clear; see 'ward scope --help'")
        }
        let rest = words.dropFirst()
        switch action {
        case "set":
            let globs = Array(rest)
            guard !globs.isEmpty else {
                throw .usage("ward: scope set: give at least one glob, e.g. 'ward scope set \"Sources/Auth/**\"'")
            }
            for g in globs {
                do {
                    _ = try ScopePattern(g)
                } catch {
                    throw .usage("ward: scope set: \(error.description)")
                }
            }
            let site = try Site.load(directory: nil, invocation)
            guard let repository = site.repository else { throw .usage("ward: scope set: not inside a git repository") }
            do {
                try WorktreeScope.write(globs, gitDir: repository.gitDir)
            } catch {
                throw .configuration(error.description)
            }
            Output.out("scope of \(repository.workTree ?? repository.gitDir): \(globs.joined(separator: " "))")
            return .ok
        case "clear":
            guard rest.isEmpty else { throw .usage("ward: scope clear takes no arguments") }
            let site = try Site.load(directory: nil, invocation)
            guard let repository = site.repository else {
                throw .usage("ward: scope clear: not inside a git repository")
            }
            do {
                try WorktreeScope.clear(gitDir: repository.gitDir)
            } catch {
                throw .configuration(error.description)
            }
            Output.out("scope of \(repository.workTree ?? repository.gitDir) cleared")
            return .ok
        case "show":
            let args = try Arguments.parse(rest, command: "scope show", allowing: ["--cwd", "--json"])
            let site = try Site.load(directory: args.cwd, invocation)
            let scope = site.loaded.policy.scope
            let mode = (scope.mode ?? site.loaded.policy.mode).rawValue
            if args.json {
                let lists = scope.allow.map { a in
                    "{\"source\":\(JSONValue.quote(a.source)),\"allow\":["
                        + a.globs.map(JSONValue.quote).joined(separator: ",") + "]}"
                }
                Output.out(
                    "{\"mode\":\(JSONValue.quote(mode)),\"allow\":[\(lists.joined(separator: ","))],\"protect\":["
                        + scope.protect.map(JSONValue.quote).joined(separator: ",") + "],\"outside\":["
                        + scope.outside.map(JSONValue.quote).joined(separator: ",") + "]}")
                return .ok
            }
            Output.out("mode: \(mode)")
            if scope.allow.isEmpty {
                Output.out("allow: the whole repository")
            } else {
                for a in scope.allow {
                    Output.out("allow (\(a.source)): \(a.globs.isEmpty ? "nothing" : a.globs.joined(separator: " "))")
                }
            }
            Output.out(
                "protect: \(scope.protect.isEmpty ? "(built-in protected files only)" : scope.protect.joined(separator: " "))"
            )
            Output.out("outside: temp roots\(scope.outside.isEmpty ? "" : ", " + scope.outside.joined(separator: " "))")
            return .ok
        default:
            throw .usage("ward: scope: unknown action '\(action)'; expected set, show or clear")
        }
    }
}

/// `ward check paths [--cwd DIR] [--json] PATH...`: the scope guard's verdict on paths.
enum CheckPathsCommand {
    static let help = """
        Usage: ward check paths [--cwd DIR] [--json] PATH...

        Checks each PATH (relative to DIR, default here) against the scope guard: ward's
        protected files, the allow lists, scope.protect, and paths outside the repository.
        Prints one line per path that is not allowed.

        Exit status: 0 every path may be written (warnings allowed), 1 one may not,
        2 usage or policy error.
        """

    static func run(_ words: ArraySlice<String>, _ invocation: Invocation) throws(FrontError) -> ExitStatus {
        let args = try Arguments.parse(words, command: "check paths", allowing: ["--cwd", "--json"])
        guard !args.positionals.isEmpty else { throw .usage("ward: check paths: give at least one PATH") }
        let site = try Site.load(directory: args.cwd, invocation)
        let scopeGuard: ScopeGuard
        do {
            scopeGuard = try ScopeGuard(
                policy: site.loaded.policy, scope: site.loaded.policy.scope, context: site.context)
        } catch {
            throw .configuration("ward: \(error.description)")
        }
        var failed = false
        var json: [String] = []
        for p in args.positionals {
            let lexical = FileSystem.normalize(p, relativeTo: site.cwd)
            let resolved = FileSystem.resolveThroughExistingAncestor(lexical)
            let verdict = scopeGuard.check(
                write: lexical, resolved: resolved, isDirectory: FileSystem.isDirectory(resolved))
            if verdict.decision > .warn { failed = true }
            if args.json {
                json.append("{\"path\":\(JSONValue.quote(p)),\(VerdictJSON.members(verdict))}")
            } else if verdict.decision != .allow {
                Output.out("\(p): \(verdict.message)")
            }
        }
        if args.json { Output.out("{\"paths\":[\(json.joined(separator: ","))],\"ok\":\(!failed)}") }
        return failed ? .checkFailed : .ok
    }
}
