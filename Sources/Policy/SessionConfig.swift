import Base

/// The `## Session Config` section of a `CLAUDE.md` or `AGENTS.md`, as the agent orchestration
/// plugins ward replaces write it (DESIGN.md §4, zero-config adoption).
///
/// The section is a list of `key: value` lines. Accepted spellings, because people write
/// Markdown by hand: a bullet before the line (`- `, `* `, `+ `), backticks or `**` anywhere
/// around the key or value, quotes around the value, and keys in any case with `_` or spaces for
/// `-`. The section runs from a heading whose text is "Session Config" (any level, any case) to
/// the next heading of the same or a higher level; lines inside code fences are read as entries
/// too (people put the block in a ```` ```yaml ```` fence) but never end the section. Lines
/// without a colon are prose and are skipped. Unknown keys are kept for
/// later features and do not make the section invalid.
public struct SessionConfig: Sendable, Equatable {
    /// One `key: value` line, with its 1-based line number in the file.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        public var line: Int

        public init(key: String, value: String, line: Int) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    /// The entries in file order.
    public var entries: [Entry]
    /// The line of the `Session Config` heading.
    public var headingLine: Int

    public init(entries: [Entry], headingLine: Int) {
        self.entries = entries
        self.headingLine = headingLine
    }

    /// The last entry for `key` (normalised like the file's keys: lower case, `-` separators).
    public subscript(key: String) -> Entry? {
        let wanted = Self.normalizedKey(key)
        return entries.last { $0.key == wanted }
    }

    /// The section of a Markdown text, or nil when it has none.
    public static func parse(markdown text: String) -> SessionConfig? {
        var headingLine: Int?
        var headingLevel = 0
        var entries: [Entry] = []
        var inFence = false
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let stripped = line.drop { $0 == " " || $0 == "\t" }
            if stripped.hasPrefix("```") || stripped.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if !inFence, let (level, title) = heading(stripped) {
                if headingLine != nil {
                    if level <= headingLevel { break }
                } else if title.lowercased() == "session config" {
                    headingLine = lineNumber
                    headingLevel = level
                }
                continue
            }
            guard headingLine != nil, let entry = entry(stripped, line: lineNumber) else { continue }
            entries.append(entry)
        }
        guard let headingLine else { return nil }
        return SessionConfig(entries: entries, headingLine: headingLine)
    }

    /// The policy layer these settings make, of kind `.orchestration`.
    ///
    /// - `enforcement: strict|warn|off` sets the policy's `mode` (enforce, warn, off).
    /// - `allow-destructive-ops: true` sets the command guard's mode to warn: destructive
    ///   commands are reported instead of blocked. `false` (the plugins' default) changes nothing.
    /// - `typecheck-command`, `lint-command`, `test-command` name gates (see `gates(file:)`).
    ///
    /// The file is agent-editable, so `Policy.merging` applies what tightens and records what
    /// loosens as ignored unless `ward.json` sets `honourSessionConfig: true`. A value ward cannot
    /// read is an error naming the line, not a silent default: the person meant something.
    public func layer(file: String) throws(PolicyError) -> PolicyLayer {
        var errors: [PolicyError] = []
        let layer = layer(file: file, errors: &errors)
        if let first = errors.first { throw first }
        return layer
    }

    /// The layer, with every value ward cannot read appended to `errors` (and left out).
    public func layer(file: String, errors: inout [PolicyError]) -> PolicyLayer {
        var layer = PolicyLayer(kind: .orchestration, file: file)
        if let entry = self["enforcement"] {
            if let mode = Mode(enforcement: Self.firstWord(entry.value)) {
                layer.mode = mode
                layer.modeLine = entry.line
            } else {
                errors.append(
                    PolicyError(
                        file: file, line: entry.line, path: "Session Config.enforcement",
                        message: "expected strict, warn or off, found '\(entry.value)'"))
            }
        }
        let gates = gates(file: file)
        if !gates.isEmpty { layer.gates = gates }
        if let entry = self["allow-destructive-ops"] {
            switch Self.firstWord(entry.value).lowercased() {
            case "true", "yes", "on": layer.commandMode = .warn
            case "false", "no", "off": break
            default:
                errors.append(
                    PolicyError(
                        file: file, line: entry.line, path: "Session Config.allow-destructive-ops",
                        message: "expected true or false, found '\(entry.value)'"))
            }
        }
        return layer
    }

    static func normalizedKey(_ key: some StringProtocol) -> String {
        String(key.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
    }

    static func firstWord(_ value: String) -> String {
        String(value.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }

    /// An ATX heading (`## Title ##`): its level and title.
    static func heading(_ line: Substring) -> (Int, String)? {
        let level = line.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = rest.trimmingSpaces
        while title.last == "#" { title = title.dropLast() }
        return (level, String(title.trimmingSpaces))
    }

    /// `- **key**: `value`` and its relatives, or nil for prose.
    static func entry(_ line: Substring, line number: Int) -> Entry? {
        var text = line
        for bullet in ["- ", "* ", "+ "] where text.hasPrefix(bullet) {
            text = text.dropFirst(2)
            break
        }
        let cleaned = String(text).replacingAll("`", with: "").replacingAll("**", with: "")
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let key = cleaned[..<colon].trimmingSpaces
        guard !key.isEmpty,
            key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == " " })
        else { return nil }
        var value = cleaned[cleaned.index(after: colon)...].trimmingSpaces
        if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
            value = value.dropFirst().dropLast()
        }
        return Entry(key: normalizedKey(key), value: String(value), line: number)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: SubSequence { trimming { $0 == " " || $0 == "\t" } }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}
