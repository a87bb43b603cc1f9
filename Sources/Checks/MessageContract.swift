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

    public init(policy: CommitPolicy, rules: [Rule] = Policy.builtin.commands.rules) {
        self.policy = policy
        var levels: [String: MessageFinding.Level] = [:]
        for rule in rules where rule.category == "commits" {
            levels[rule.id] = rule.decision == .deny || rule.decision == .ask ? .error : .warning
        }
        self.levels = levels
    }

    public init(_ policy: Policy) {
        self.init(policy: policy.commits, rules: policy.commands.rules)
    }

    public var headerMaxLength: Int { policy.headerMaxLength ?? (policy.profile == .plain ? 72 : 100) }
    public var bodyMaxLineLength: Int { policy.bodyMaxLineLength ?? 100 }
    public var footerMaxLineLength: Int { policy.footerMaxLineLength ?? 100 }

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
            return MessageReport(findings: [emptyFinding()])
        }
        return check(cleaned)
    }

    /// Judges a message as git stores it. With `commentPrefix`, lines starting with it are
    /// comments, as commitlint's `--edit` reads them.
    public func check(_ message: String, commentPrefix: String? = nil) -> MessageReport {
        if message.unicodeScalars.allSatisfy(CommitMessageCleanup.isGitSpace) {
            return MessageReport(findings: [emptyFinding()])
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
        return MessageReport(findings: findings.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    func level(_ id: String) -> MessageFinding.Level { levels[id] ?? .error }

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
            let scope = policy.scopeRequired ? "(scope)" : "[(scope)]"
            return "type\(scope)[!]: subject, type one of \(policy.types.joined(separator: ", "))"
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
        // header-max-length (JavaScript length: UTF-16 code units)
        if header.utf16.count > headerMaxLength {
            out.append(
                finding(
                    "header-max-length", line, headerMaxLength + 1,
                    "the header is \(header.utf16.count) characters long", "at most \(headerMaxLength) characters"))
        }
        // type-empty, type-case, type-enum
        if let type = c.type {
            let lowered = type.lowercased()
            if type != lowered && !(type.first.map { $0 >= "0" && $0 <= "9" } ?? false) {
                out.append(finding("type-case", line, 1, "the type '\(type)' is not lower-case", "'\(lowered)'"))
            }
            if !policy.types.contains(type) {
                out.append(
                    finding(
                        "type-enum", line, 1, "the type '\(type)' is not allowed",
                        "one of \(policy.types.joined(separator: ", "))"))
            }
        } else {
            out.append(finding("type-empty", line, 1, "the header has no type", shape))
        }
        // scope-empty, scope-enum
        let scopeColumn = (c.type?.count ?? 0) + 2
        if let scope = c.scope {
            if !policy.scopes.isEmpty {
                let parts = splitScopes(scope)
                let bad = parts.filter { !policy.scopes.contains($0) }
                if !bad.isEmpty {
                    out.append(
                        finding(
                            "scope-enum", line, scopeColumn,
                            "the scope '\(bad.joined(separator: ", "))' is not allowed",
                            "one of \(policy.scopes.joined(separator: ", "))"))
                }
            }
        } else if policy.scopeRequired, c.type != nil {
            let allowed = policy.scopes.isEmpty ? "a scope" : "one of \(policy.scopes.joined(separator: ", "))"
            out.append(
                finding(
                    "scope-empty", line, scopeColumn - 1, "the header has no scope",
                    "type(scope): subject with \(allowed)"))
        }
        // subject-empty
        let subjectColumn = subjectStart(header)
        if c.subject == nil {
            out.append(finding("subject-empty", line, subjectColumn, "the header has no subject", shape))
        }
        // subject-case
        if let subject = c.subject, violatesSubjectCase(subject) {
            let expected =
                policy.subjectCase == .lowerCase
                ? "a lower-case subject"
                : "a subject that is not sentence-case, start-case, pascal-case or upper-case, e.g. '\(lowerFirst(subject))'"
            out.append(
                finding("subject-case", line, subjectColumn, "the subject '\(subject)' has the wrong case", expected))
        }
        // subject-full-stop (commitlint looks at the whole header)
        let colon = header.firstIndex(of: ":").map { header.distance(from: header.startIndex, to: $0) } ?? 0
        if !(colon > 0 && colon == header.count - 1), header.hasSuffix("."), !header.hasSuffix("...") {
            out.append(
                finding(
                    "subject-full-stop", line, max(header.count, 1), "the header ends with a full stop",
                    "no '.' at the end"))
        }
        out += bodyAndFooterFindings(c, raw: raw)
        return out
    }

    /// The 1-based column where the subject starts (after `: `), or the header's end.
    func subjectStart(_ header: String) -> Int {
        if let range = header.firstRange(of: ": ") {
            return header.distance(from: header.startIndex, to: range.upperBound) + 1
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
        let input = MessageContract.removingQuoted(subject)
        switch policy.subjectCase {
        case .any:
            return false
        case .lowerCase:
            return !(input.isEmpty || input.lowercased() == input)
        case .conventional:
            // never sentence-case, start-case, pascal-case, upper-case (@commitlint/ensure `case`):
            // each of the last three implies an upper-case first letter, which is sentence-case.
            if input.isEmpty { return true }
            if let c = input.first, c.uppercased() == String(c) { return true }
            return input.uppercased() == input
        }
    }

    /// The subject without its quoted parts (`` `x` ``, `"x"`, `'x'`), trimmed: names in quotes keep their case.
    static func removingQuoted(_ s: String) -> String {
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
        // `@commitlint/to-lines`: the raw message split at `\r?\n`, untrimmed.
        let rawLines = ConventionalCommit.splitLines(raw)
        if let body = c.body, !body.isEmpty {
            // body-leading-blank: the raw message's second line must be empty.
            if rawLines.count < 2 || rawLines[1] != "" {
                out.append(
                    finding(
                        "body-leading-blank", 2, 1, "no blank line between the header and the body",
                        "an empty second line"))
            }
            out += lengthFindings("body-max-line-length", c.bodyLines, limit: bodyMaxLineLength, what: "body")
        }
        if let first = c.footerLines.first {
            // footer-leading-blank as commitlint 21 computes it: the raw line before the first raw
            // line equal to the footer's first line (JavaScript's `slice(offset - 1)[0]`).
            let offset = rawLines.firstIndex(of: first.text) ?? -1
            let index = offset - 1 >= 0 ? offset - 1 : max(rawLines.count + offset - 1, 0)
            let leading = index < rawLines.count ? rawLines[index] : nil
            if leading != "" {
                out.append(
                    finding(
                        "footer-leading-blank", first.line, 1, "no blank line before the footer",
                        "an empty line before the footer"))
            }
            out += lengthFindings("footer-max-line-length", c.footerLines, limit: footerMaxLineLength, what: "footer")
        }
        return out
    }

    /// `@commitlint/ensure` `max-line-length`: a line with a URL (`\bhttps?://\S+`) passes whatever
    /// its length, as since commitlint 20.
    func lengthFindings(_ id: String, _ lines: [(text: String, line: Int)], limit: Int, what: String)
        -> [MessageFinding]
    {
        lines.filter { $0.text.utf16.count > limit && !MessageContract.containsURL($0.text) }.map {
            finding(
                id, $0.line, limit + 1, "a \(what) line is \($0.text.utf16.count) characters long",
                "at most \(limit) characters per line (lines with a URL are exempt)")
        }
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
