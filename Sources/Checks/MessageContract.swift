import Base
public import Policy

/// The commit-message contract: a message in, findings out. Pure.
///
/// The `conventional` profile is commitlint's `config-conventional`, rule for rule, at its levels
/// (errors fail, `body-leading-blank` and `footer-leading-blank` warn), with its default ignores.
/// The `plain` profile asks for a non-empty subject, length limits and a blank second line.
/// Levels come from the rules of `policy/rules/contracts.json` (deny is an error, warn a warning).
public struct MessageContract: Sendable {
    public var policy: CommitPolicy
    /// Rule id → level, from the policy's rules; ids missing here are errors.
    public var levels: [String: MessageFinding.Level]
    /// The rules `commands.disable` switches off.
    public var disabled: Set<String>

    public init(policy: CommitPolicy, rules: [Rule] = Policy.builtin.commands.rules, disabled: [String] = []) {
        self.policy = policy
        var levels: [String: MessageFinding.Level] = [:]
        for rule in rules where rule.category == "commits" {
            levels[rule.id] = rule.decision == .deny || rule.decision == .ask ? .error : .warning
        }
        self.levels = levels
        self.disabled = Set(disabled)
    }

    public init(_ policy: Policy) {
        self.init(policy: policy.commits, rules: policy.commands.rules, disabled: policy.commands.disable)
    }

    public var headerMaxLength: Int {
        setting("header-max-length")?.number ?? policy.headerMaxLength ?? (policy.profile == .plain ? 72 : 100)
    }
    public var bodyMaxLineLength: Int { setting("body-max-line-length")?.number ?? policy.bodyMaxLineLength ?? 100 }
    public var footerMaxLineLength: Int {
        setting("footer-max-line-length")?.number ?? policy.footerMaxLineLength ?? 100
    }

    /// Judges the file a commit-msg hook received: git's cleanup first, then the contract.
    ///
    /// A file with no content at all fails (`message-empty`: only `--allow-empty-message` gets
    /// that far); one that is empty only because the cleanup strips its comment lines passes,
    /// because git aborts that commit itself.
    public func checkHookFile(_ raw: String, cleanup: CommitMessageCleanup.Mode, commentPrefix: String) -> MessageReport
    {
        let cleaned = CommitMessageCleanup.clean(raw, mode: cleanup, commentPrefix: commentPrefix)
        let hasContent = raw.unicodeScalars.contains { !CommitMessageCleanup.isGitSpace($0) }
        if cleaned.unicodeScalars.allSatisfy(CommitMessageCleanup.isGitSpace) {
            if hasContent { return MessageReport(skipped: "empty after git's cleanup; git aborts the commit itself") }
            return MessageReport(findings: isOff("message-empty") ? [] : [emptyFinding()])
        }
        return check(cleaned)
    }

    /// Judges a commit of history as `commitlint --from/--to` reads it (`check range`, pre-push,
    /// CI): each message comes from `git log --format=%B%n…`, so with one more new line at its end
    /// (which only the `footer-leading-blank` fallback can see), and a message that is only
    /// whitespace is not linted at all.
    public func checkStored(_ message: String) -> MessageReport {
        if message.unicodeScalars.allSatisfy(JavaScriptCharacterClasses.isSpace) {
            return MessageReport(skipped: "empty message, ignored as commitlint does")
        }
        return check(message + "\n")
    }

    /// Judges a message as git stores it. With `commentPrefix`, lines starting with it are
    /// comments, as commitlint's `--edit` reads them.
    public func check(_ message: String, commentPrefix: String? = nil) -> MessageReport {
        if message.unicodeScalars.allSatisfy(CommitMessageCleanup.isGitSpace) {
            return MessageReport(findings: isOff("message-empty") ? [] : [emptyFinding()])
        }
        if let kind = MessageContract.defaultIgnore(message) {
            return MessageReport(skipped: "\(kind), ignored as commitlint does")
        }
        let parsed = ConventionalCommit.parse(message, commentPrefix: commentPrefix)
        if parsed.isEmpty {
            return MessageReport(skipped: "empty after comment lines are removed")
        }
        var findings: [MessageFinding]
        switch policy.profile {
        case .conventional: findings = conventionalFindings(parsed, raw: message)
        case .plain: findings = plainFindings(parsed, raw: message)
        }
        findings += trailerFindings(message)
        findings.removeAll { isOff($0.ruleID) }
        return MessageReport(findings: findings.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    func level(_ id: String) -> MessageFinding.Level {
        switch setting(id)?.level {
        case .warning?: return .warning
        case .error?: return .error
        default: return levels[id] ?? .error
        }
    }

    /// Whether `commits.rules` turns the rule off.
    /// Whether `commits.rules` turns the rule off, or `commands.disable` lists it.
    func isOff(_ id: String) -> Bool { setting(id)?.level == .off || (!disabled.isEmpty && disabled.contains(id)) }

    /// The rule's `commits.rules` setting. Most policies set none: the rules are then not hashed
    /// for each of the dozen questions a message asks.
    func setting(_ id: String) -> CommitRuleSetting? { policy.rules.isEmpty ? nil : policy.rules[id] }

    /// Whether the rule's condition is `never`, from `commits.rules` or the rule's default.
    func negated(_ id: String, default fallback: CommitRuleSetting.Condition) -> Bool {
        (setting(id)?.condition ?? fallback) == .never
    }

    /// A case rule's cases and condition, from `commits.rules` or the default.
    func cases(_ id: String, default fallback: ([String], Bool)) -> ([String], Bool) {
        guard let s = setting(id) else { return fallback }
        // A level alone (`"subject-case": "warning"`) keeps the rule's own condition and cases.
        return (s.names ?? fallback.0, s.condition.map { $0 == .never } ?? fallback.1)
    }

    /// The allowed types: `type-enum`'s value, else `commits.types`.
    public var types: [String] { setting("type-enum")?.names ?? policy.types }
    /// The allowed scopes: `scope-enum`'s value, else `commits.scopes`.
    public var scopes: [String] { setting("scope-enum")?.names ?? policy.scopes }
    /// Whether a scope is required: `scope-empty` set to `never`, else `commits.scopeRequired`.
    var scopeRequired: Bool {
        guard let s = setting("scope-empty") else { return policy.scopeRequired }
        return (s.condition ?? .never) == .never
    }

    func finding(_ id: String, _ line: Int, _ column: Int, _ message: String, _ expected: String) -> MessageFinding {
        MessageFinding(ruleID: id, level: level(id), line: line, column: column, message: message, expected: expected)
    }

    func emptyFinding() -> MessageFinding {
        finding("message-empty", 1, 1, "the message is empty", shape)
    }

    /// The header's expected shape, for messages.
    var shape: String {
        switch policy.profile {
        case .plain: return "a subject line of at most \(headerMaxLength) characters, a blank line, then the body"
        case .conventional:
            let scope = scopeRequired ? "(scope)" : "[(scope)]"
            return "type\(scope)[!]: subject, type one of \(types.joined(separator: ", "))"
        }
    }

    // MARK: conventional

    func conventionalFindings(_ c: ConventionalCommit, raw: String) -> [MessageFinding] {
        var out: [MessageFinding] = []
        let header = c.header ?? ""
        let line = c.headerLine
        // header-trim
        if !header.isEmpty {
            let starts = header.unicodeScalars.first.map(JavaScriptCharacterClasses.isSpace) ?? false
            let ends = header.unicodeScalars.last.map(JavaScriptCharacterClasses.isSpace) ?? false
            if starts || ends {
                let what =
                    starts && ends
                    ? "the header is surrounded by whitespace"
                    : starts ? "the header starts with whitespace" : "the header ends with whitespace"
                let column = starts ? 1 : header.trimmingSpaces.count + 1
                out.append(finding("header-trim", line, column, what, "no spaces or tabs around the first line"))
            }
        }
        // header-max-length (JavaScript length: UTF-16 code units). `ensure.maxLength` fails a null
        // header: the parser has none when the first line left after dropping `gpg:` lines is empty.
        if c.header == nil {
            out.append(
                finding(
                    "header-max-length", line, 1, "the message has no header (its first line is empty)",
                    "a header on the first line"))
        } else if header.utf16.count > headerMaxLength {
            out.append(
                finding(
                    "header-max-length", line, headerMaxLength + 1,
                    "the header is \(header.utf16.count) characters long", "at most \(headerMaxLength) characters"))
        }
        // type-empty, type-case, type-enum
        if let type = c.type {
            if negated("type-empty", default: .never) == false {
                out.append(finding("type-empty", line, 1, "the type '\(type)' must be empty", "no type"))
            }
            let (typeCases, typeNever) = cases("type-case", default: (["lower-case"], false))
            if !typeCases.isEmpty, caseFails(type, typeCases, never: typeNever) {
                let expected = (typeNever ? "not " : "") + typeCases.joined(separator: " or ")
                let message =
                    typeCases == ["lower-case"] && !typeNever
                    ? "the type '\(type)' is not lower-case" : "the type '\(type)' has the wrong case"
                out.append(
                    finding(
                        "type-case", line, 1, message,
                        typeCases == ["lower-case"] && !typeNever ? "'\(type.lowercased())'" : expected))
            }
            let typeNeverList = negated("type-enum", default: .always)
            if typeNeverList == types.contains(type) {
                out.append(
                    finding(
                        "type-enum", line, 1, "the type '\(type)' is not allowed",
                        (typeNeverList ? "none of " : "one of ") + types.joined(separator: ", ")))
            }
        } else if negated("type-empty", default: .never) {
            out.append(finding("type-empty", line, 1, "the header has no type", shape))
        }
        // scope-empty, scope-enum
        let scopeColumn = (c.type?.count ?? 0) + 2
        if let scope = c.scope {
            let scopeNever = negated("scope-enum", default: .always)
            if !scopes.isEmpty {
                let parts = splitScopes(scope)
                let bad =
                    scopeNever
                    ? (scopes.contains(scope) ? [scope] : parts.filter { scopes.contains($0) })
                    : (scopes.contains(scope) ? [] : parts.filter { !scopes.contains($0) })
                if !bad.isEmpty {
                    out.append(
                        finding(
                            "scope-enum", line, scopeColumn,
                            "the scope '\(bad.joined(separator: ", "))' is not allowed",
                            (scopeNever ? "none of " : "one of ") + scopes.joined(separator: ", ")))
                }
            }
            if let s = setting("scope-empty"), s.condition == .always {
                out.append(
                    finding("scope-empty", line, scopeColumn, "the header has a scope", "type: subject, no scope"))
            }
        } else if scopeRequired {
            // commitlint's scope-empty fails on a missing scope even when the header has no type.
            let allowed = scopes.isEmpty ? "a scope" : "one of \(scopes.joined(separator: ", "))"
            out.append(
                finding(
                    "scope-empty", line, scopeColumn - 1, "the header has no scope",
                    "type(scope): subject with \(allowed)"))
        }
        // subject-empty
        var subjectColumn: Int { subjectStart(header) }
        let subjectNever = negated("subject-empty", default: .never)
        if c.subject == nil, subjectNever {
            out.append(finding("subject-empty", line, subjectColumn, "the header has no subject", shape))
        } else if let subject = c.subject, !subjectNever {
            out.append(
                finding("subject-empty", line, subjectColumn, "the subject '\(subject)' must be empty", "no subject"))
        }
        // subject-case
        if let subject = c.subject, violatesSubjectCase(subject) {
            out.append(
                finding(
                    "subject-case", line, subjectColumn, "the subject '\(subject)' has the wrong case",
                    subjectCaseExpected(subject)))
        }
        // subject-full-stop (commitlint looks at the whole header)
        let stop = setting("subject-full-stop")?.names?.first ?? "."
        // `raw.indexOf(':')` against `raw.length - 1`, in code units as JavaScript counts them:
        // a header whose only colon is its last character (and not its first) is left alone.
        let colon = header.utf8.firstIndex(of: UInt8(ascii: ":"))
        let endsAtFirstColon =
            colon.map { $0 != header.utf8.startIndex && header.utf8.index(after: $0) == header.utf8.endIndex } ?? false
        if !endsAtFirstColon {
            // `input[input.length - 1] === value`: one UTF-16 unit, so a longer or empty value never matches.
            let hasStop = stop.utf16.count == 1 && header.utf16.last == stop.utf16.first && !header.hasSuffix("...")
            if negated("subject-full-stop", default: .never) {
                if hasStop {
                    out.append(
                        finding(
                            "subject-full-stop", line, max(header.count, 1), "the header ends with '\(stop)'",
                            "no '\(stop)' at the end"))
                }
            } else if !hasStop {
                out.append(
                    finding(
                        "subject-full-stop", line, max(header.count, 1), "the header does not end with '\(stop)'",
                        "a '\(stop)' at the end"))
            }
        }
        out += bodyAndFooterFindings(c, raw: raw)
        return out
    }

    /// The 1-based column where the subject starts (after `: `), or the header's end.
    func subjectStart(_ header: String) -> Int {
        let utf8 = header.utf8
        var i = utf8.startIndex
        while let colon = utf8[i...].firstIndex(of: UInt8(ascii: ":")) {
            let next = utf8.index(after: colon)
            if next < utf8.endIndex, utf8[next] == 0x20 {
                return header.distance(from: header.startIndex, to: utf8.index(after: next)) + 1
            }
            i = next
        }
        return header.count + 1
    }

    /// commitlint splits multiple scopes at `/`, `\` and `,` (with an optional space).
    func splitScopes(_ scope: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var chars = Substring(scope)
        while let ch = chars.first {
            chars = chars.dropFirst()
            if ch == "/" || ch == "\\" || ch == "," {
                parts.append(current)
                current = ""
                if ch == ",", chars.first == " " { chars = chars.dropFirst() }
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        return parts
    }

    func lowerFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }

    /// `subject-case`: commitlint only checks subjects that start with a cased letter (Ll, Lu, Lt).
    func violatesSubjectCase(_ subject: String) -> Bool {
        guard let first = subject.unicodeScalars.first,
            [.lowercaseLetter, .uppercaseLetter, .titlecaseLetter].contains(first.properties.generalCategory)
        else { return false }
        let (list, never) = subjectCases
        return !list.isEmpty && caseFails(subject, list, never: never)
    }

    /// The cases `subject-case` names, and whether the subject must be in none of them.
    var subjectCases: (cases: [String], never: Bool) {
        let fallback: ([String], Bool)
        switch policy.subjectCase {
        case .conventional: fallback = (["sentence-case", "start-case", "pascal-case", "upper-case"], true)
        case .lowerCase: fallback = (["lower-case"], false)
        case .any: fallback = ([], false)
        }
        return cases("subject-case", default: fallback)
    }

    func subjectCaseExpected(_ subject: String) -> String {
        let (list, never) = subjectCases
        if never, list == ["sentence-case", "start-case", "pascal-case", "upper-case"] {
            return
                "a subject that is not sentence-case, start-case, pascal-case or upper-case, e.g. '\(lowerFirst(subject))'"
        }
        if !never, list == ["lower-case"] { return "a lower-case subject" }
        return "a subject that is \(never ? "not " : "")\(list.joined(separator: never ? " nor " : " or "))"
    }

    /// commitlint's case rules: with `always`, one of the cases must match; with `never`, none may.
    func caseFails(_ input: String, _ list: [String], never: Bool) -> Bool {
        let stripped = MessageContract.removingQuoted(input)
        let matched = list.contains { TextCase.matches(stripped: stripped, $0) }
        return never ? matched : !matched
    }

    /// The subject without its quoted parts (`` `x` ``, `"x"`, `'x'`), trimmed: names in quotes keep their case.
    static func removingQuoted(_ s: String) -> String {
        func isQuote(_ b: UInt8) -> Bool { b == 0x60 || b == 0x22 || b == 0x27 }
        let quoted =
            s.utf8.withContiguousStorageIfAvailable { $0.contains(where: isQuote) } ?? s.utf8.contains(where: isQuote)
        if !quoted {
            // Nothing to trim either (the usual subject): the text itself, not a copy.
            if let first = s.utf8.first, let last = s.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
                return s
            }
            return s.trimmingSpaces
        }
        // ASCII text (the usual subject): every byte is a character of its own, so the same walk
        // runs on bytes.
        if let ascii = s.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if isQuote(bytes[i]), let close = bytes[(i + 1)...].firstIndex(of: bytes[i]) {
                    i = close + 1
                    continue
                }
                kept.append(bytes[i])
                i += 1
            }
            var start = 0
            var end = kept.count
            while start < end, kept[start] == 0x20 || (kept[start] >= 0x09 && kept[start] <= 0x0D) { start += 1 }
            while end > start, kept[end - 1] == 0x20 || (kept[end - 1] >= 0x09 && kept[end - 1] <= 0x0D) { end -= 1 }
            return String(decoding: kept[start..<end], as: UTF8.self)
        }), let ascii {
            return ascii
        }
        var out = ""
        var rest = Substring(s)
        while let ch = rest.first {
            if ch == "`" || ch == "\"" || ch == "'", let close = rest.dropFirst().firstIndex(of: ch) {
                rest = rest[rest.index(after: close)...]
                continue
            }
            out.append(ch)
            rest = rest.dropFirst()
        }
        return out.trimmingSpaces
    }

    // MARK: body and footer

    func bodyAndFooterFindings(_ c: ConventionalCommit, raw: String) -> [MessageFinding] {
        var out: [MessageFinding] = []
        if !c.bodyRanges.isEmpty {
            // body-leading-blank: the raw message's second line (`@commitlint/to-lines`) must be empty.
            let second = MessageContract.rawLine(c.bytes, at: 1)
            let blank = second?.isEmpty == true
            if negated("body-leading-blank", default: .always) ? blank : !blank {
                let never = negated("body-leading-blank", default: .always)
                out.append(
                    finding(
                        "body-leading-blank", 2, 1,
                        never
                            ? "a blank line between the header and the body"
                            : "no blank line between the header and the body",
                        never ? "the body right after the header" : "an empty second line"))
            }
            out += lengthFindings("body-max-line-length", c, c.bodyRanges, limit: bodyMaxLineLength, what: "body")
        }
        if let first = c.footerRanges.first {
            // footer-leading-blank as commitlint 21 computes it: the raw line before the first raw
            // line equal to the footer's first line (JavaScript's `slice(offset - 1)[0]`).
            // The footer's first line is `toLines(footer)[0]`: the footer's lines are joined with `\n`,
            // so a first line ending in `\r` (from `\r\r\n`) loses that `\r` to the `\r?\n` split.
            let end = first.end > first.start && c.bytes[first.end - 1] == 0x0D ? first.end - 1 : first.end
            let leading = MessageContract.rawLineBefore(c.bytes, firstEqualTo: c.bytes[first.start..<end])
            let never = negated("footer-leading-blank", default: .always)
            let empty = leading?.isEmpty == true
            if never ? empty : !empty {
                out.append(
                    finding(
                        "footer-leading-blank", first.line, 1,
                        never ? "a blank line before the footer" : "no blank line before the footer",
                        never ? "the footer right after the body" : "an empty line before the footer"))
            }
            out += lengthFindings(
                "footer-max-line-length", c, c.footerRanges, limit: footerMaxLineLength, what: "footer")
        }
        return out
    }

    /// The bytes of the raw line at `index` (0-based) of `@commitlint/to-lines` (`split(/\r?\n/)`), or nil.
    static func rawLine(_ bytes: [UInt8], at index: Int) -> ArraySlice<UInt8>? {
        var start = 0
        for _ in 0..<index {
            guard let newline = ByteScan.firstIndex(of: 0x0A, in: bytes, from: start) else { return nil }
            start = newline + 1
        }
        var end = ByteScan.firstIndex(of: 0x0A, in: bytes, from: start) ?? bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<end]
    }

    /// `rawLines.slice(rawLines.indexOf(line) - 1)[0]`, comparing code units as JavaScript does
    /// (UTF-8 bytes compare as the code units do): the line before the first equal one; the
    /// last line when the first line is equal; the one before the last when none is.
    static func rawLineBefore(_ bytes: [UInt8], firstEqualTo target: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var previous: Range<Int>?
        var start = 0
        var firstLineMatched = false
        while true {
            let newline = ByteScan.firstIndex(of: 0x0A, in: bytes, from: start) ?? bytes.count
            let end = newline > start && bytes[newline - 1] == 0x0D ? newline - 1 : newline
            let line = start..<end
            if !firstLineMatched, end - start == target.count, bytes[line].elementsEqual(target) {
                if let previous { return bytes[previous] }
                firstLineMatched = true
            }
            if newline >= bytes.count {
                // The last line: `slice(-1)[0]` when the first line matched, else `slice(-2)[0]`.
                return firstLineMatched ? bytes[line] : bytes[previous ?? line]
            }
            previous = line
            start = newline + 1
        }
    }

    /// `@commitlint/ensure` `max-line-length`: a line with a URL (`\bhttps?://\S+`) passes whatever
    /// its length, as since commitlint 20. A line of at most `limit` UTF-8 bytes has at most as many
    /// UTF-16 code units, so only longer lines become strings.
    func lengthFindings(
        _ id: String, _ c: ConventionalCommit, _ lines: [ConventionalCommit.LineRange], limit: Int, what: String
    ) -> [MessageFinding] {
        var out: [MessageFinding] = []
        for r in lines where r.count > limit {
            let (text, line) = c.line(r)
            let length = text.utf16.count
            guard length > limit, !MessageContract.containsURL(text) else { continue }
            out.append(
                finding(
                    id, line, limit + 1, "a \(what) line is \(length) characters long",
                    "at most \(limit) characters per line (lines with a URL are exempt)"))
        }
        return out
    }

    /// `/\bhttps?:\/\/\S+/`: `http://` or `https://` after a non-word character (or at the start),
    /// followed by at least one non-space character.
    static func containsURL(_ line: String) -> Bool {
        let u = Array(line.unicodeScalars)
        var i = 0
        while i + 7 < u.count {
            if u[i] == "h", i == 0 || !JavaScriptCharacterClasses.isWord(u[i - 1]), u[i + 1] == "t", u[i + 2] == "t",
                u[i + 3] == "p"
            {
                var j = i + 4
                if u[j] == "s" { j += 1 }
                if j + 3 < u.count, u[j] == ":", u[j + 1] == "/", u[j + 2] == "/",
                    !JavaScriptCharacterClasses.isSpace(u[j + 3])
                {
                    return true
                }
            }
            i += 1
        }
        return false
    }

    // MARK: plain

    func plainFindings(_ c: ConventionalCommit, raw: String) -> [MessageFinding] {
        var out: [MessageFinding] = []
        let header = c.header ?? ""
        if header.trimmingSpaces.isEmpty {
            out.append(finding("subject-empty", c.headerLine, 1, "the first line is empty", shape))
        } else if header.unicodeScalars.first.map(JavaScriptCharacterClasses.isSpace) == true
            || header.unicodeScalars.last.map(JavaScriptCharacterClasses.isSpace) == true
        {
            out.append(
                finding(
                    "header-trim", c.headerLine, 1, "the first line has whitespace around it",
                    "no spaces or tabs around the first line"))
        }
        if header.count > headerMaxLength {
            out.append(
                finding(
                    "header-max-length", c.headerLine, headerMaxLength + 1,
                    "the first line is \(header.count) characters long", "at most \(headerMaxLength) characters"))
        }
        let lines = raw.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1, !lines[1].allSatisfy({ $0 == "\r" }), !lines[1].isEmpty {
            var f = finding(
                "body-leading-blank", 2, 1, "the second line is not empty",
                "a blank line between the subject and the body")
            f.level = .error
            out.append(f)
        }
        for (i, line) in lines.enumerated().dropFirst(2) where line.count > bodyMaxLineLength {
            out.append(
                finding(
                    "body-max-line-length", i + 1, bodyMaxLineLength + 1,
                    "a body line is \(line.count) characters long", "at most \(bodyMaxLineLength) characters per line"))
        }
        return out
    }

    // MARK: trailers

    func trailerFindings(_ message: String) -> [MessageFinding] {
        guard !policy.requiredTrailers.isEmpty else { return [] }
        let present = MessageContract.trailerKeys(message)
        let lineCount = message.split(separator: "\n", omittingEmptySubsequences: false).count
        return policy.requiredTrailers.filter { !present.contains($0.lowercased()) }.map {
            finding(
                "trailer-exists", max(lineCount, 1), 1, "the trailer '\($0)' is missing",
                "a last paragraph with '\($0): ...'")
        }
    }

    /// The lower-cased keys of the message's trailers: `Key: value` lines of its last paragraph.
    public static func trailerKeys(_ message: String) -> Set<String> {
        let lines = ConventionalCommit.splitLines(message)
        var paragraph: [String] = []
        for line in lines.reversed() {
            if line.trimmingSpaces.isEmpty {
                if paragraph.isEmpty { continue }
                break
            }
            paragraph.append(line)
        }
        var keys: Set<String> = []
        for line in paragraph {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            if !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                keys.insert(key.lowercased())
            }
        }
        return keys
    }
}

extension String {
    /// `String.prototype.trim`, which commitlint applies to headers and messages.
    var trimmingSpaces: String { String(trimming(where: JavaScriptCharacterClasses.isSpace)) }
}
