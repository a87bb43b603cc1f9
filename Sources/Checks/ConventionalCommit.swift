import Base

/// A commit message split the way commitlint sees it: header, type, scope, subject, body, footer.
///
/// This reproduces `conventional-commits-parser` 7.1.2 with the options commitlint's
/// `config-conventional` uses (the `conventional-changelog-conventionalcommits` preset,
/// `fieldPattern` off): leading and trailing newlines trimmed, lines split at `\r?\n`; with a
/// comment prefix (the commit-msg hook's file, commitlint's `--edit`) everything from the scissors
/// line is cut and comment lines dropped, without one (stored history, `--from`/`--to`) neither;
/// `gpg:` lines dropped always. The first line is the header, matched against the breaking-header
/// pattern first (`type(scope)!: subject`), then the plain one. The body runs until the first
/// trailer-like line (`Token: value`, `Token #n`, `BREAKING CHANGE: ...`, at the start of the line)
/// and everything from there is the footer. Linear in the message's length.
public struct ConventionalCommit: Sendable, Equatable {
    /// The first line, with its 1-based line number in the raw text; nil when there is none.
    public var header: String?
    public var headerLine = 1
    public var type: String?
    public var scope: String?
    public var subject: String?
    /// Whether the header has the `!` of a breaking change.
    public var breaking = false
    /// The body's lines joined, nil when there are none (built on demand: bodies can be long).
    public var body: String? { bodyLines.isEmpty ? nil : bodyLines.map(\.text).joined(separator: "\n") }
    public var footer: String? { footerLines.isEmpty ? nil : footerLines.map(\.text).joined(separator: "\n") }
    /// The 1-based raw line number of each body and footer line, in order.
    public var bodyLines: [(text: String, line: Int)] = []
    public var footerLines: [(text: String, line: Int)] = []

    public static func == (a: ConventionalCommit, b: ConventionalCommit) -> Bool {
        a.header == b.header && a.type == b.type && a.scope == b.scope && a.subject == b.subject
            && a.body == b.body && a.footer == b.footer && a.breaking == b.breaking
    }

    /// Whether nothing was found at all (commitlint then skips the message as empty).
    public var isEmpty: Bool { header == nil && bodyLines.isEmpty && footerLines.isEmpty }

    public static func parse(_ raw: String, commentPrefix: String?) -> ConventionalCommit {
        var commit = ConventionalCommit()
        // One pass over the UTF-8 bytes (every separator is ASCII): new lines trimmed at both ends,
        // counting the lines removed at the front so positions stay raw, then split at `\r?\n`.
        let bytes = Array(raw.utf8)
        var start = 0
        var firstLine = 1
        while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D {
            if bytes[start] == 0x0A { firstLine += 1 }
            start += 1
        }
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        var lines: [(text: String, line: Int)] = []
        var lineStart = start
        var number = firstLine
        func add(_ upTo: Int) {
            let stop = upTo > lineStart && bytes[upTo - 1] == 0x0D ? upTo - 1 : upTo
            lines.append((String(decoding: bytes[lineStart..<stop], as: UTF8.self), number))
        }
        var i = start
        while i < end {
            if bytes[i] == 0x0A {
                add(i)
                lineStart = i + 1
                number += 1
            }
            i += 1
        }
        if start < end || bytes.isEmpty == false { add(end) }
        if let prefix = commentPrefix, !prefix.isEmpty {
            let scissors = prefix + " " + CommitMessageCleanup.scissorsText
            if let cut = lines.firstIndex(where: { $0.text == scissors }) {
                lines.removeSubrange(cut...)
            }
            lines.removeAll { $0.text.unicodeScalars.starts(with: prefix.unicodeScalars) || isGPGLine($0.text) }
        } else {
            lines.removeAll { isGPGLine($0.text) }
        }
        guard !lines.isEmpty else { return commit }
        let head = lines[0]
        if !head.text.isEmpty {
            commit.header = head.text
            commit.headerLine = head.line
            if let parts = matchHeader(head.text, breaking: true) ?? matchHeader(head.text, breaking: false) {
                commit.type = parts.type.isEmpty ? nil : parts.type
                commit.scope = parts.scope.flatMap { $0.isEmpty ? nil : $0 }
                commit.subject = parts.subject.isEmpty ? nil : parts.subject
                commit.breaking = parts.breaking
            }
        }
        var inFooter = false
        for line in lines.dropFirst() {
            if !inFooter, mayStartFooter(line.text), isNote(line.text) || isFooterToken(line.text) { inFooter = true }
            if inFooter {
                commit.footerLines.append(line)
            } else {
                commit.bodyLines.append(line)
            }
        }
        commit.bodyLines = trimmedLines(commit.bodyLines)
        commit.footerLines = trimmedLines(commit.footerLines)
        return commit
    }

    /// The parser's `appendLine` then `trimNewLines`: leading empty lines vanish (an empty
    /// accumulator is falsy), trailing ones and a final `\r` are trimmed.
    static func trimmedLines(_ lines: [(text: String, line: Int)]) -> [(text: String, line: Int)] {
        guard let first = lines.firstIndex(where: { !$0.text.isEmpty }) else { return [] }
        var out = Array(lines[first...])
        while let last = out.last, last.text.unicodeScalars.allSatisfy({ $0 == "\r" }) { out.removeLast() }
        if var last = out.popLast() {
            var u = Substring(last.text).unicodeScalars
            while u.last == "\r" { u = u.dropLast() }
            last.text = String(u)
            out.append(last)
        }
        return out
    }

    /// Splits at `\r?\n`, as `split(/\r?\n/)` does; on UTF-8 bytes, since both are ASCII.
    static func splitLines(_ s: String) -> [String] {
        lineRanges(s).map { String(s[$0]) }
    }

    /// The ranges of the lines of `s` split at `\r?\n`: the `\n` and a `\r` before it excluded.
    static func lineRanges(_ s: String) -> [Range<String.Index>] {
        var s = s
        s.makeContiguousUTF8()
        let utf8 = s.utf8
        let offsets: [Range<Int>] =
            utf8.withContiguousStorageIfAvailable { buffer in
                var out: [Range<Int>] = []
                var start = 0
                for i in 0..<buffer.count where buffer[i] == 0x0A {
                    out.append(start..<(i > start && buffer[i - 1] == 0x0D ? i - 1 : i))
                    start = i + 1
                }
                out.append(start..<buffer.count)
                return out
            } ?? []
        let base = utf8.startIndex
        return offsets.map { utf8.index(base, offsetBy: $0.lowerBound)..<utf8.index(base, offsetBy: $0.upperBound) }
    }

    static func isGPGLine(_ line: String) -> Bool {
        // Fast path: an ASCII first byte that is no space and no `g` decides at once.
        if let b = line.utf8.first, b < 0x80, b != UInt8(ascii: "g"), b != 0x20, !(b >= 0x09 && b <= 0x0D) {
            return false
        }
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

    /// `^(\w*)(?:\((.*)\))?!?: (.*)$`, or with `breaking` the preset's breaking-header pattern
    /// `^(\w*)(?:\((.*)\))?!: (.*)$`, which the parser tries first: so in `feat(api)!: add x (y): z`
    /// the scope is `api`. JavaScript's `\w` (ASCII) and `.` (no line terminators).
    ///
    /// Every character the patterns name is ASCII, so the match runs on UTF-8 bytes; `\u2028` and
    /// `\u2029` (E2 80 A8/A9) are the line terminators `.` refuses besides `\r` and `\n`.
    static func matchHeader(_ header: String, breaking: Bool) -> HeaderParts? {
        let u = Array(header.utf8)
        for (k, b) in u.enumerated() {
            if b == 0x0A || b == 0x0D { return nil }
            if b == 0xE2, k + 2 < u.count, u[k + 1] == 0x80, u[k + 2] == 0xA8 || u[k + 2] == 0xA9 { return nil }
        }
        func text(_ r: Range<Int>) -> String { String(decoding: u[r], as: UTF8.self) }
        var i = 0
        while i < u.count, isASCIIWord(u[i]) { i += 1 }
        func tail(from k: Int) -> (Bool, Int)? {
            var k = k
            var bang = false
            if k < u.count, u[k] == UInt8(ascii: "!") {
                bang = true
                k += 1
            }
            guard bang || !breaking, k + 1 < u.count, u[k] == UInt8(ascii: ":"), u[k + 1] == 0x20 else { return nil }
            return (bang, k + 2)
        }
        if i < u.count, u[i] == UInt8(ascii: "(") {
            // Greedy `(.*)`: the last ')' after which the rest of the pattern matches.
            var close = u.count - 1
            while close > i {
                if u[close] == UInt8(ascii: ")"), let (bang, subject) = tail(from: close + 1) {
                    return HeaderParts(
                        type: text(0..<i), scope: text((i + 1)..<close), breaking: bang,
                        subject: text(subject..<u.count))
                }
                close -= 1
            }
            return nil
        }
        guard let (bang, subject) = tail(from: i) else { return nil }
        return HeaderParts(type: text(0..<i), scope: nil, breaking: bang, subject: text(subject..<u.count))
    }

    static func isASCIIWord(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }

    // MARK: notes and footer tokens

    /// A cheap test before the two below, without allocating: both need a `:` or a `#` on the line.
    ///
    /// Both also need a token at the start of the line: a run of `[\w-]` followed by `:` or a space
    /// (`BREAKING CHANGE` starts with such a run too), or the `* ` of a note. Lines of prose and
    /// list items fail on their first bytes.
    static func mayStartFooter(_ line: String) -> Bool {
        let utf8 = line.utf8
        guard let first = utf8.first else { return false }
        if first == UInt8(ascii: "*") { return utf8.contains(UInt8(ascii: ":")) }
        var i = utf8.startIndex
        while i < utf8.endIndex, isASCIIWordOrDash(utf8[i]) { i = utf8.index(after: i) }
        guard i > utf8.startIndex, i < utf8.endIndex else { return false }
        let next = utf8[i]
        guard next == UInt8(ascii: ":") || next == 0x20 || (next >= 0x09 && next <= 0x0D) || next >= 0x80 else {
            return false
        }
        return utf8.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "#") }
    }

    static func isASCIIWordOrDash(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
    }

    /// The note regex of conventional-commits-parser 7.1.2 with the preset's keywords:
    /// `^(?:\*\s+)?(BREAKING CHANGE|BREAKING-CHANGE):\s*(.*)`, case-insensitive.
    static func isNote(_ line: String) -> Bool {
        let u = Array(line.unicodeScalars)
        var p = 0
        if u.count > 1, u[0] == "*", JavaScriptCharacterClasses.isSpace(u[1]) {
            p = 1
            while p < u.count, JavaScriptCharacterClasses.isSpace(u[p]) { p += 1 }
        }
        for keyword in ["BREAKING CHANGE", "BREAKING-CHANGE"] {
            if let end = matchesIgnoringCase(u, at: p, keyword), end < u.count, u[end] == ":" { return true }
        }
        return false
    }

    /// The footer-token regex of conventional-commits-parser 7.1.2 with issue prefix `#`:
    /// `^(?:BREAKING CHANGE|[\w-]+)(?::\s+|\s+#).+`, case-insensitive: a git-trailer-like line
    /// (`Refs: #12`, `Signed-off-by: A <a@b>`, `Closes #12`) starting at the beginning of the line.
    static func isFooterToken(_ line: String) -> Bool {
        let u = Array(line.unicodeScalars)
        var starts: [Int] = []
        if let end = matchesIgnoringCase(u, at: 0, "BREAKING CHANGE") { starts.append(end) }
        var run = 0
        while run < u.count, JavaScriptCharacterClasses.isWord(u[run]) || u[run] == "-" { run += 1 }
        if run > 0 { starts.append(run) }
        return starts.contains { separatorThenText(u, at: $0) }
    }

    /// `(?::\s+|\s+#).+` at `p`, with the backtracking a regular expression does.
    static func separatorThenText(_ u: [Unicode.Scalar], at p: Int) -> Bool {
        let space = JavaScriptCharacterClasses.isSpace
        let terminator = JavaScriptCharacterClasses.isLineTerminator
        if p < u.count, u[p] == ":" {
            // `\s+` takes at least one space, `.+` then needs one character that is no line terminator.
            var q = p + 1
            while q < u.count, space(u[q]) {
                if q + 1 < u.count, !terminator(u[q + 1]) { return true }
                q += 1
            }
            return false
        }
        var m = p
        while m < u.count, space(u[m]) { m += 1 }
        return m > p && m + 1 < u.count && u[m] == "#" && !terminator(u[m + 1])
    }

    /// The index after `keyword` when `u` has it at `p`, ASCII letters compared without case.
    static func matchesIgnoringCase(_ u: [Unicode.Scalar], at p: Int, _ keyword: String) -> Int? {
        var i = p
        for k in keyword.unicodeScalars {
            guard i < u.count else { return nil }
            let c = u[i]
            let folded = c >= "a" && c <= "z" ? Unicode.Scalar(c.value - 32) ?? c : c
            guard folded == k else { return nil }
            i += 1
        }
        return i
    }
}
