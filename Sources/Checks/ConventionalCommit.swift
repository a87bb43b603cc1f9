import Base

/// A commit message split the way commitlint sees it: header, type, scope, subject, body, footer.
///
/// This reproduces `conventional-commits-parser` with the options commitlint's `config-conventional`
/// uses (the `conventional-changelog-conventionalcommits` preset, `fieldPattern` off): leading and
/// trailing newlines trimmed, lines split at `\r?\n`, everything from a `#` scissors line cut, comment
/// lines (when a comment prefix is given) and `gpg:` lines dropped; the first line is the header;
/// the body runs until the first `BREAKING CHANGE` note or the first line with an issue reference
/// (`#12`, `closes #12`), and everything from there is the footer.
public struct ConventionalCommit: Sendable, Equatable {
    /// The first line, with its 1-based line number in the raw text; nil when there is none.
    public var header: String?
    public var headerLine = 1
    public var type: String?
    public var scope: String?
    public var subject: String?
    /// Whether the header has the `!` of a breaking change.
    public var breaking = false
    public var body: String?
    public var footer: String?
    /// The 1-based raw line number of each body and footer line, in order.
    public var bodyLines: [(text: String, line: Int)] = []
    public var footerLines: [(text: String, line: Int)] = []

    public static func == (a: ConventionalCommit, b: ConventionalCommit) -> Bool {
        a.header == b.header && a.type == b.type && a.scope == b.scope && a.subject == b.subject
            && a.body == b.body && a.footer == b.footer && a.breaking == b.breaking
    }

    /// Whether nothing was found at all (commitlint then skips the message as empty).
    public var isEmpty: Bool { header == nil && body == nil && footer == nil }

    public static func parse(_ raw: String, commentPrefix: String?) -> ConventionalCommit {
        var commit = ConventionalCommit()
        // Trimming new lines, counting the lines removed at the front so positions stay raw.
        var scalars = Substring(raw).unicodeScalars
        var firstLine = 1
        while let f = scalars.first, f == "\n" || f == "\r" {
            if f == "\n" { firstLine += 1 }
            scalars = scalars.dropFirst()
        }
        while let l = scalars.last, l == "\n" || l == "\r" { scalars = scalars.dropLast() }
        var lines: [(text: String, line: Int)] = []
        for (i, piece) in splitLines(String(scalars)).enumerated() {
            lines.append((piece, firstLine + i))
        }
        if let cut = lines.firstIndex(where: { $0.text == "# " + CommitMessageCleanup.scissorsText }) {
            lines.removeSubrange(cut...)
        }
        lines.removeAll { line in
            if let prefix = commentPrefix, !prefix.isEmpty, line.text.unicodeScalars.starts(with: prefix.unicodeScalars)
            {
                return true
            }
            return isGPGLine(line.text)
        }
        guard !lines.isEmpty else { return commit }
        let head = lines.removeFirst()
        if !head.text.isEmpty {
            commit.header = head.text
            commit.headerLine = head.line
            if let parts = matchHeader(head.text) {
                commit.type = parts.type.isEmpty ? nil : parts.type
                commit.scope = parts.scope.flatMap { $0.isEmpty ? nil : $0 }
                commit.subject = parts.subject.isEmpty ? nil : parts.subject
                commit.breaking = parts.breaking
            }
        }
        var inBody = true
        var inNote = false
        var body: String?
        var footer: String?
        for line in lines {
            if isNote(line.text) {
                inBody = false
                inNote = true
                footer = appendLine(footer, line.text)
                commit.footerLines.append(line)
                continue
            }
            if inNote || !inBody || hasReference(line.text) {
                // After a note, lines with references end the note but stay in the footer.
                if hasReference(line.text) { inNote = false }
                inBody = false
                footer = appendLine(footer, line.text)
                commit.footerLines.append(line)
                continue
            }
            body = appendLine(body, line.text)
            commit.bodyLines.append(line)
        }
        commit.body = body.map { String($0.trimming(where: isNewLine)) }
        commit.footer = footer.map { String($0.trimming(where: isNewLine)) }
        return commit
    }

    /// `appendLine` of the parser: an empty accumulator is falsy, so leading empty lines vanish.
    /// `\r` or `\n`, what conventional-commits-parser trims from a body and a footer.
    static func isNewLine(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }

    static func appendLine(_ source: String?, _ line: String) -> String {
        if let source, !source.isEmpty { return source + "\n" + line }
        return line
    }

    /// Splits at `\r?\n`, as `split(/\r?\n/)` does.
    static func splitLines(_ s: String) -> [String] {
        CommitMessageCleanup.lines(s).map { line in
            var u = Substring(line).unicodeScalars
            if u.last == "\r" { u = u.dropLast() }
            return String(u)
        }
    }

    static func isGPGLine(_ line: String) -> Bool {
        var u = Substring(line).unicodeScalars
        while let f = u.first, JavaScriptCharacterClasses.isSpace(f) { u = u.dropFirst() }
        return u.starts(with: "gpg:".unicodeScalars)
    }

    // MARK: header

    struct HeaderParts {
        var type: String
        var scope: String?
        var breaking: Bool
        var subject: String
    }

    /// `^(\w*)(?:\((.*)\))?!?: (.*)$`, with JavaScript's `\w` (ASCII) and `.` (no line terminators).
    static func matchHeader(_ header: String) -> HeaderParts? {
        let u = Array(header.unicodeScalars)
        if u.contains(where: JavaScriptCharacterClasses.isLineTerminator) { return nil }
        var i = 0
        while i < u.count, JavaScriptCharacterClasses.isWord(u[i]) { i += 1 }
        let type = String(String.UnicodeScalarView(u[0..<i]))
        func tail(from k: Int) -> (Bool, String)? {
            var k = k
            var bang = false
            if k < u.count, u[k] == "!" {
                bang = true
                k += 1
            }
            guard k + 1 < u.count, u[k] == ":", u[k + 1] == " " else { return nil }
            return (bang, String(String.UnicodeScalarView(u[(k + 2)...])))
        }
        if i < u.count, u[i] == "(" {
            // Greedy `(.*)`: the last ')' after which the rest of the pattern matches.
            var close = u.count - 1
            while close > i {
                if u[close] == ")", let (bang, subject) = tail(from: close + 1) {
                    let scope = String(String.UnicodeScalarView(u[(i + 1)..<close]))
                    return HeaderParts(type: type, scope: scope, breaking: bang, subject: subject)
                }
                close -= 1
            }
            return nil
        }
        guard let (bang, subject) = tail(from: i) else { return nil }
        return HeaderParts(type: type, scope: nil, breaking: bang, subject: subject)
    }

    // MARK: notes and references

    static let noteKeywords = ["breaking change", "breaking-change"]
    static let referenceActions = [
        "close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved",
    ]

    /// `^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*)`, case-insensitive.
    static func isNote(_ line: String) -> Bool {
        var u = Substring(line).unicodeScalars
        while let f = u.first, JavaScriptCharacterClasses.isSpace(f) || f == "|" || f == "*" { u = u.dropFirst() }
        let lower = String(u).lowercased()
        for keyword in noteKeywords where lower.hasPrefix(keyword) {
            let rest = lower.unicodeScalars.dropFirst(keyword.unicodeScalars.count)
            if let f = rest.first, f == ":" || JavaScriptCharacterClasses.isSpace(f) { return true }
        }
        return false
    }

    /// Whether a line holds an issue reference as the parser finds them: after an action keyword
    /// (`closes #12`) when the line has one, else anywhere (`#12`, `org/repo#12`).
    static func hasReference(_ line: String) -> Bool {
        let u = Array(line.lowercased().unicodeScalars)
        var sentences: [ArraySlice<Unicode.Scalar>] = []
        var i = 0
        while i < u.count {
            var matched = false
            for keyword in referenceActions {
                let k = Array(keyword.unicodeScalars)
                guard i + k.count <= u.count, Array(u[i..<(i + k.count)]) == k else { continue }
                var j = i + k.count
                guard j < u.count, JavaScriptCharacterClasses.isSpace(u[j]) else { continue }
                while j < u.count, JavaScriptCharacterClasses.isSpace(u[j]) { j += 1 }
                // Lazy `(.*?)` up to the next keyword or the end.
                var end = j
                while end < u.count, !startsWithAction(u, at: end) { end += 1 }
                sentences.append(u[j..<end])
                i = end
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        if sentences.isEmpty { sentences = [u[...]] }
        return sentences.contains(where: containsIssueReference)
    }

    static func startsWithAction(_ u: [Unicode.Scalar], at i: Int) -> Bool {
        referenceActions.contains { keyword in
            let k = Array(keyword.unicodeScalars)
            return i + k.count <= u.count && Array(u[i..<(i + k.count)]) == k
        }
    }

    /// `#` followed by `[\w-]*\d+`.
    static func containsIssueReference(_ u: ArraySlice<Unicode.Scalar>) -> Bool {
        var i = u.startIndex
        while i < u.endIndex {
            if u[i] == "#" {
                var j = i + 1
                var digit = false
                while j < u.endIndex, JavaScriptCharacterClasses.isWord(u[j]) || u[j] == "-" {
                    if u[j] >= "0" && u[j] <= "9" { digit = true }
                    j += 1
                }
                if digit { return true }
            }
            i += 1
        }
        return false
    }
}
