import Base
import Commands
import Policy
import Workspace

/// `ward policy import commitlint [FILE] [--write]`: a commitlint configuration as ward.json keys.
enum ImportCommand {
    static let candidates = [".commitlintrc", ".commitlintrc.json", ".commitlintrc.yaml", ".commitlintrc.yml"]
    static let javaScript = [
        "commitlint.config.js", "commitlint.config.cjs", "commitlint.config.mjs", "commitlint.config.ts",
        ".commitlintrc.js", ".commitlintrc.cjs", ".commitlintrc.mjs", ".commitlintrc.ts",
    ]

    static func commitlint(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        let positionals = try args.positionals(atMost: 2, command: "policy import")
        guard positionals.first == "commitlint" else {
            throw .usage(
                "ward policy import: expected 'commitlint' (the only format ward imports), e.g. 'ward policy import commitlint'"
            )
        }
        let directory = invocation.absolute(args.value("--cwd") ?? ".")
        let root =
            RepositoryLocator.locate(from: directory, environment: invocation.environment)?.workTree ?? directory
        let (path, text, yaml) = try source(
            positionals.count > 1 ? invocation.absolute(positionals[1]) : nil, root: root)
        let result: CommitlintImport.Result
        do {
            result = try translate(path: path, text: text, yaml: yaml)
        } catch {
            throw .configuration("ward policy import: \(error.description)")
        }
        for note in result.notes { Output.err("ward: \(path): \(note)") }
        guard let commits = result.commits else {
            Output.err("ward: \(path): nothing to import: ward's defaults are config-conventional's")
            return .ok
        }
        guard args.flag("--write") else {
            Output.out("{\n  \"commits\": \(commits)\n}")
            return .ok
        }
        let target = root + "/ward.json"
        try write(commits, to: target)
        Output.out("ward: wrote commits to \(target) (from \(path))")
        return .ok
    }

    /// The configuration's path, text, and whether it is YAML.
    static func source(_ given: String?, root: String) throws(CommandError) -> (String, String, Bool) {
        func read(_ path: String) -> String? {
            FileSystem.readFile(path, limit: 1 << 20).map { String(decoding: $0, as: UTF8.self) }
        }
        if let given {
            if javaScript.contains(where: { given.hasSuffix("/" + $0) }) { throw javaScriptError(given) }
            guard let text = read(given) else { throw .configuration("ward policy import: cannot read \(given)") }
            return (given, text, isYAML(given, text))
        }
        for name in candidates {
            let path = root + "/" + name
            if let text = read(path) { return (path, text, isYAML(path, text)) }
        }
        if let text = read(root + "/package.json"),
            case .object(let members)? = try? JSONParser.parse(text, json5: true),
            let config = members.last(where: { $0.key == "commitlint" })
        {
            return (root + "/package.json", CommitlintImport.serialize(config.value.value), false)
        }
        if let js = javaScript.first(where: { FileSystem.isRegularFile(root + "/" + $0) }) {
            throw javaScriptError(root + "/" + js)
        }
        throw .configuration(
            "ward policy import: no commitlint configuration in \(root) (.commitlintrc, .commitlintrc.json, .commitlintrc.yaml, .commitlintrc.yml, package.json \"commitlint\"); name the FILE"
        )
    }

    static func javaScriptError(_ path: String) -> CommandError {
        .configuration(
            "ward policy import: \(path) is JavaScript, which ward does not run; write its rules as .commitlintrc.json (or set commits.rules in ward.json by hand)"
        )
    }

    /// `.commitlintrc` without an extension is JSON when it starts with `{`, else YAML.
    static func isYAML(_ path: String, _ text: String) -> Bool {
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { return true }
        if path.hasSuffix(".json") { return false }
        return text.drop(while: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).first != "{"
    }

    static func translate(path: String, text: String, yaml: Bool) throws(PolicyError) -> CommitlintImport.Result {
        try CommitlintImport.translate(text, yaml: yaml, file: path)
    }

    /// Adds `"commits": ...` to ward.json, keeping the rest of the file as written.
    static func write(_ commits: String, to target: String) throws(CommandError) {
        let entry = "\"commits\": \(commits)"
        var text: String
        switch FileSystem.read(target, limit: PolicyLoader.fileLimit) {
        case .missing:
            text = "{\n  \(entry)\n}\n"
        case .failed(let code):
            throw .configuration("ward policy import: \(target): cannot be read (\(Errno(rawValue: code).description))")
        case .tooLarge:
            throw .configuration("ward policy import: \(target) is too large")
        case .contents(let bytes):
            text = String(decoding: bytes, as: UTF8.self)
            guard case .object(let members)? = try? JSONParser.parse(text, json5: true) else {
                throw .configuration(
                    "ward policy import: \(target) is not a JSON object; fix it first (ward policy validate)")
            }
            if members.contains(where: { $0.key == "commits" }) {
                throw .configuration(
                    "ward policy import: \(target) already has \"commits\"; print the keys without --write and merge them by hand"
                )
            }
            guard let close = text.lastIndex(of: "}") else {
                throw .configuration("ward policy import: \(target) is not a JSON object")
            }
            let separator = members.isEmpty ? "" : ","
            var head = String(text[..<close])
            while head.last == " " || head.last == "\n" || head.last == "\r" || head.last == "\t" { head.removeLast() }
            text = head + separator + "\n  " + entry + "\n" + text[close...]
        }
        guard FileSystem.writeFile(target, Array(text.utf8)) else {
            throw .configuration("ward policy import: cannot write \(target)")
        }
        let errors = PolicyLoader.validateAll(file: target)
        if let first = errors.first {
            throw .configuration(
                "ward policy import: \(target) does not validate after the import: \(first.description)")
        }
    }
}
