import Base

/// Parses the text of `.orchestrator/policy/blocked-commands.json`, the blocked-command list of the agent
/// orchestration plugins ward replaces, as deny rules (DESIGN.md §4, zero-config adoption).
///
/// Accepted shapes, because the plugins in the wild differ:
/// - an array of entries: `["rm -rf /", "terraform destroy"]`;
/// - an object with `blocked`, `commands` or `patterns` (several are concatenated in that
///   order; other top-level keys are ignored): `{"blocked": [...]}`.
///
/// An entry is a string, or an object with `pattern` or `command` (the text), and optionally
/// `reason`, `id`, `alternative` and `regex`; other keys are ignored (the file is another
/// tool's format). The text is matched as a literal substring of a simple command's raw text
/// (regex-escaped) unless the entry says `"regex": true`. Each entry becomes a deny rule in
/// category `orchestration` with the id `blocked-command-N` (N counts entries from 1), or the
/// entry's `id` when it is kebab-case and not already taken by another rule.
///
/// Blocking only tightens, so these rules apply even though the file is agent-editable.
/// Errors (malformed JSON, an empty text, a wrong type, an invalid regex) name the file and line.
public enum BlockedCommands {
    /// The layer for the file's `text`; `file` is the name used in messages and rule sources;
    /// `takenIDs` are the ids of rules already defined by earlier layers.
    public static func layer(text: String, file: String, takenIDs: Set<String>) throws(PolicyError) -> PolicyLayer {
        var errors: [PolicyError] = []
        let layer = layer(text: text, file: file, takenIDs: takenIDs, errors: &errors)
        if let first = errors.first { throw first }
        return layer
    }

    /// The layer, with every error in the file appended to `errors` (a syntax error or a wrong
    /// shape of the whole file stops there; a bad entry is left out and the others are read).
    public static func layer(text: String, file: String, takenIDs: Set<String>, errors: inout [PolicyError])
        -> PolicyLayer
    {
        var layer = PolicyLayer(kind: .orchestration, file: file)
        let entries: [(path: String, value: JSONValue.Located)]
        do throws(PolicyError) {
            entries = try self.entries(try JSONParser.parseFile(text, file: file), file: file, errors: &errors)
        } catch {
            errors.append(error)
            return layer
        }
        var taken = takenIDs
        for (n, entry) in entries.enumerated() {
            do throws(PolicyError) {
                let rule = try rule(entry.value, path: entry.path, number: n + 1, file: file, taken: taken)
                taken.insert(rule.id)
                layer.rules.append(rule)
            } catch {
                errors.append(error)
            }
        }
        return layer
    }

    /// The entries of the file, each with its key path.
    static func entries(_ root: JSONValue.Located, file: String, errors: inout [PolicyError]) throws(PolicyError)
        -> [(path: String, value: JSONValue.Located)]
    {
        var entries: [(path: String, value: JSONValue.Located)] = []
        switch root.value {
        case .array(let items):
            for (i, item) in items.enumerated() { entries.append(("[\(i)]", item)) }
        case .object(let members):
            var found = false
            for key in ["blocked", "commands", "patterns"] {
                guard let member = members.last(where: { $0.key == key }) else { continue }
                found = true
                guard case .array(let items) = member.value.value else {
                    errors.append(
                        PolicyError(
                            file: file, line: member.value.line, path: key,
                            message: "expected an array, found \(member.value.value.typeName)"))
                    continue
                }
                for (i, item) in items.enumerated() { entries.append(("\(key)[\(i)]", item)) }
            }
            guard found else {
                throw PolicyError(
                    file: file, line: root.line, path: "",
                    message: "expected an array of commands, or an object with 'blocked', 'commands' or 'patterns'")
            }
        default:
            throw PolicyError(
                file: file, line: root.line, path: "",
                message: "expected an array or an object, found \(root.value.typeName)")
        }
        return entries
    }

    static func rule(_ value: JSONValue.Located, path: String, number: Int, file: String, taken: Set<String>)
        throws(PolicyError) -> Rule
    {
        func fail(_ at: JSONValue.Located, _ p: String, _ message: String) -> PolicyError {
            PolicyError(file: file, line: at.line, path: p, message: message)
        }
        func string(_ key: String, in members: [(key: String, value: JSONValue.Located)]) throws(PolicyError) -> String?
        {
            guard let member = members.last(where: { $0.key == key }) else { return nil }
            guard case .string(let s) = member.value.value else {
                throw fail(member.value, "\(path).\(key)", "expected a string, found \(member.value.value.typeName)")
            }
            return s
        }
        var text: String
        var reason: String?
        var alternative: String?
        var id: String?
        var isRegex = false
        switch value.value {
        case .string(let s):
            text = s
        case .object(let members):
            var given = try string("pattern", in: members)
            if given == nil { given = try string("command", in: members) }
            guard let t = given else {
                throw fail(value, path, "a blocked command needs 'pattern' or 'command'")
            }
            text = t
            reason = try string("reason", in: members)
            alternative = try string("alternative", in: members)
            id = try string("id", in: members)
            if let flag = members.last(where: { $0.key == "regex" }) {
                guard case .bool(let b) = flag.value.value else {
                    throw fail(
                        flag.value, "\(path).regex", "expected true or false, found \(flag.value.value.typeName)")
                }
                isRegex = b
            }
        default:
            throw fail(value, path, "expected a string or an object, found \(value.value.typeName)")
        }
        text = String(text.trimmingSpaces)
        guard !text.isEmpty else { throw fail(value, path, "an empty blocked command would match every command") }
        let pattern: String
        if isRegex {
            do {
                _ = try Regex(text)
            } catch {
                throw fail(value, path, "not a valid regular expression: \(error)")
            }
            pattern = text
        } else {
            pattern = regexEscaped(text)
        }
        let ruleID: String
        if let id, isKebabCase(id), !taken.contains(id) {
            ruleID = id
        } else {
            ruleID = "blocked-command-\(number)"
        }
        let given = reason.map { String($0.trimmingSpaces) } ?? ""
        return Rule(
            id: ruleID, category: "orchestration", decision: .deny,
            reason: given.isEmpty ? "'\(text)' is listed in \(file)" : given,
            alternative: alternative ?? "ask a person to run it, or remove it from \(file)",
            match: RuleMatch(pattern: pattern), source: "\(file):\(value.line)")
    }

    /// `text` with every regular-expression metacharacter escaped, so it matches literally.
    static func regexEscaped(_ text: String) -> String { text.backslashEscaping("\\^$.|?*+()[]{}") }

    static func isKebabCase(_ s: String) -> Bool {
        guard let first = s.utf8.first, first >= 0x61 && first <= 0x7A else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
