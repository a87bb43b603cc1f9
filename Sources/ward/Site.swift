import AgentHooks
import Checks
import Policy
import Workspace

/// Where a command runs: the directory, its repository and the effective policy there.
struct Site {
    var cwd: String
    var repository: RepositoryLocation?
    var loaded: LoadedPolicy
    var context: GuardContext

    /// Locates the repository around `directory` (or the process's directory) and loads its policy.
    static func load(directory: String?, _ invocation: Invocation) throws(FrontError) -> Site {
        let raw = directory ?? invocation.currentDirectory
        let cwd = FileSystem.resolveThroughExistingAncestor(
            FileSystem.normalize(raw, relativeTo: invocation.currentDirectory))
        if directory != nil, !FileSystem.isDirectory(cwd) {
            throw .usage("ward: --cwd \(raw): no such directory")
        }
        let repository = RepositoryLocator.locate(from: cwd, environment: invocation.environment)
        let loaded: LoadedPolicy
        do {
            loaded = try PolicyLoader.load(repository: repository, environment: invocation.environment)
        } catch {
            throw .configuration("ward: \(error.description)")
        }
        let context = GuardContext(cwd: cwd, repository: repository, environment: invocation.environment)
        return Site(cwd: cwd, repository: repository, loaded: loaded, context: context)
    }
}

/// Small argument-parsing helpers shared by the front's commands.
enum Arguments {
    /// Splits `--cwd DIR` / `--cwd=DIR`, `--json`, `--limit N` and positionals; `--` ends options.
    struct Parsed {
        var cwd: String?
        var json = false
        var limit: Int?
        var positionals: [String] = []
    }

    static func parse(_ words: ArraySlice<String>, command: String, allowing options: Set<String>)
        throws(FrontError) -> Parsed
    {
        var parsed = Parsed()
        var iterator = Array(words).makeIterator()
        var optionsDone = false
        while let word = iterator.next() {
            if optionsDone || word == "-" || !word.hasPrefix("-") {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" {
                optionsDone = true
                continue
            }
            var name = word
            var inline: String?
            if let eq = word.firstIndex(of: "="), word.hasPrefix("--") {
                name = String(word[..<eq])
                inline = String(word[word.index(after: eq)...])
            }
            guard options.contains(name) else {
                throw .usage("ward: \(command): unknown option '\(name)'; see 'ward \(command) --help'")
            }
            func value() throws(FrontError) -> String {
                if let inline { return inline }
                guard let next = iterator.next() else { throw .usage("ward: \(command): \(name) needs a value") }
                return next
            }
            switch name {
            case "--json": parsed.json = true
            case "--cwd": parsed.cwd = try value()
            case "--limit":
                let text = try value()
                guard let n = Int(text), n >= 0 else {
                    throw .usage("ward: \(command): --limit expects a number, found '\(text)'")
                }
                parsed.limit = n
            default: break
            }
        }
        return parsed
    }
}
