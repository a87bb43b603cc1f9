import Base
public import Policy

/// Where `ward policy import commitlint` finds a commitlint configuration, and how it adds
/// the translated `commits` keys to `ward.json` without rewriting the rest of the file.
public enum CommitlintConfig {
    /// A message for `ward policy import: …`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// A configuration: its path, text, and whether the text is YAML.
    public struct Source: Sendable, Equatable {
        public var path: String
        public var text: String
        public var yaml: Bool
    }

    static let candidates = [".commitlintrc", ".commitlintrc.json", ".commitlintrc.yaml", ".commitlintrc.yml"]
    static let javaScript = [
        "commitlint.config.js", "commitlint.config.cjs", "commitlint.config.mjs", "commitlint.config.ts",
        ".commitlintrc.js", ".commitlintrc.cjs", ".commitlintrc.mjs", ".commitlintrc.ts",
    ]

    /// The file `given`, else the first of `.commitlintrc{,.json,.yaml,.yml}` in `root`, else
    /// `package.json`'s `commitlint` key; JavaScript configurations are refused with what to do.
    public static func locate(_ given: String?, root: String) throws(Failure) -> Source {
        func read(_ path: String) -> String? {
            FileSystem.readFile(path, limit: 1 << 20).map { String(decoding: $0, as: UTF8.self) }
        }
        if let given {
            if javaScript.contains(where: { given.hasSuffix("/" + $0) }) { throw javaScriptError(given) }
            guard let text = read(given) else { throw Failure("cannot read \(given)") }
            return Source(path: given, text: text, yaml: isYAML(given, text))
        }
        for name in candidates {
            let path = root + "/" + name
            if let text = read(path) { return Source(path: path, text: text, yaml: isYAML(path, text)) }
        }
        if let text = read(root + "/package.json"),
            case .object(let members)? = try? JSONParser.parse(text, json5: true),
            let config = members.last(where: { $0.key == "commitlint" })
        {
            return Source(
                path: root + "/package.json", text: CommitlintImport.serialize(config.value.value), yaml: false)
        }
        if let js = javaScript.first(where: { FileSystem.isRegularFile(root + "/" + $0) }) {
            throw javaScriptError(root + "/" + js)
        }
        throw Failure(
            "no commitlint configuration in \(root) (.commitlintrc, .commitlintrc.json, .commitlintrc.yaml, .commitlintrc.yml, package.json \"commitlint\"); name the FILE"
        )
    }

    static func javaScriptError(_ path: String) -> Failure {
        Failure(
            "\(path) is JavaScript, which ward does not run; write its rules as .commitlintrc.json (or set commits.rules in ward.json by hand)"
        )
    }

    /// `.commitlintrc` without an extension is JSON when it starts with `{`, else YAML.
    public static func isYAML(_ path: String, _ text: String) -> Bool {
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { return true }
        if path.hasSuffix(".json") { return false }
        return text.drop(while: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).first != "{"
    }

    /// `text` (a ward.json object, nil for none) with `"commits": COMMITS` added before its
    /// closing brace, everything else as written; refused when it already has `commits`.
    public static func inserting(commits: String, into text: String?, file: String) throws(Failure) -> String {
        let entry = "\"commits\": \(commits)"
        guard let text else { return "{\n  \(entry)\n}\n" }
        guard case .object(let members)? = try? JSONParser.parse(text, json5: true) else {
            throw Failure("\(file) is not a JSON object; fix it first (ward policy validate)")
        }
        if members.contains(where: { $0.key == "commits" }) {
            throw Failure(
                "\(file) already has \"commits\"; print the keys without --write and merge them by hand")
        }
        guard let close = text.lastIndex(of: "}") else { throw Failure("\(file) is not a JSON object") }
        let separator = members.isEmpty ? "" : ","
        var head = String(text[..<close])
        while head.last == " " || head.last == "\n" || head.last == "\r" || head.last == "\t" { head.removeLast() }
        return head + separator + "\n  " + entry + "\n" + text[close...]
    }

    /// Adds `"commits": COMMITS` to the ward.json at `target` and validates the result.
    public static func addCommits(_ commits: String, to target: String) throws(Failure) {
        let existing: String?
        switch FileSystem.read(target, limit: PolicyLoader.fileLimit) {
        case .missing: existing = nil
        case .failed(let code): throw Failure("\(target): cannot be read (\(Errno(rawValue: code).description))")
        case .tooLarge: throw Failure("\(target) is too large")
        case .contents(let bytes): existing = String(decoding: bytes, as: UTF8.self)
        }
        let text = try inserting(commits: commits, into: existing, file: target)
        guard FileSystem.writeFile(target, Array(text.utf8)) else { throw Failure("cannot write \(target)") }
        if let first = PolicyLoader.validateAll(file: target).first {
            throw Failure("\(target) does not validate after the import: \(first.description)")
        }
    }
}
