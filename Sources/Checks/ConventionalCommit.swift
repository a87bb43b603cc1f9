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
    public var body: String? { bodyRanges.isEmpty ? nil : bodyLines.map(\.text).joined(separator: "\n") }
    public var footer: String? { footerRanges.isEmpty ? nil : footerLines.map(\.text).joined(separator: "\n") }
    /// Each body and footer line with its 1-based raw line number, in order (built on demand).
    public var bodyLines: [(text: String, line: Int)] { bodyRanges.map(line) }
    public var footerLines: [(text: String, line: Int)] { footerRanges.map(line) }

    /// The message's UTF-8 bytes, and the body and footer lines as byte ranges of it: the
    /// contract measures lines without making a string of each.
    var bytes: [UInt8] = []
    var bodyRanges: [LineRange] = []
    var footerRanges: [LineRange] = []

    /// One line: its bytes (`\r\n`'s `\r` excluded) and its 1-based raw line number.
    struct LineRange: Sendable {
        var start: Int
        var end: Int
        var line: Int
        var count: Int { end - start }
    }

    func line(_ r: LineRange) -> (text: String, line: Int) {
        (String(decoding: bytes[r.start..<r.end], as: UTF8.self), r.line)
    }

    public static func == (a: ConventionalCommit, b: ConventionalCommit) -> Bool {
        a.header == b.header && a.type == b.type && a.scope == b.scope && a.subject == b.subject
            && a.body == b.body && a.footer == b.footer && a.breaking == b.breaking
    }

    /// Whether nothing was found at all (commitlint then skips the message as empty).
    public var isEmpty: Bool { header == nil && bodyRanges.isEmpty && footerRanges.isEmpty }

    public static func parse(_ raw: String, commentPrefix: String?) -> ConventionalCommit {
        var commit = ConventionalCommit()
        // One pass over the UTF-8 bytes (every separator is ASCII): new lines trimmed at both ends,
        // counting the lines removed at the front so positions stay raw, then split at `\r?\n`.
        // Lines stay byte ranges; only the header becomes a string here.
        let bytes = Array(raw.utf8)
        commit.bytes = bytes
        var start = 0
        var firstLine = 1
        while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D {
            if bytes[start] == 0x0A { firstLine += 1 }
            start += 1
        }
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        var lines: [LineRange] = []
        lines.reserveCapacity(min(bytes.count / 32 + 4, 4096))
        var lineStart = start
        var number = firstLine
        func add(_ upTo: Int) {
            let stop = upTo > lineStart && bytes[upTo - 1] == 0x0D ? upTo - 1 : upTo
            lines.append(LineRange(start: lineStart, end: stop, line: number))
        }
        bytes.withUnsafeBufferPointer { buffer in
            let region = UnsafeBufferPointer(rebasing: buffer[..<end])
            while let newline = ByteScan.firstIndex(of: 0x0A, in: region, from: lineStart) {
                add(newline)
                lineStart = newline + 1
                number += 1
            }
        }
        if start < end || bytes.isEmpty == false { add(end) }
        func equal(_ r: LineRange, _ text: [UInt8]) -> Bool {
            r.count == text.count && bytes[r.start..<r.end].elementsEqual(text)
        }
        if let prefix = commentPrefix, !prefix.isEmpty {
            let scissors = Array((prefix + " " + CommitMessageCleanup.scissorsText).utf8)
            if let cut = lines.firstIndex(where: { equal($0, scissors) }) {
                lines.removeSubrange(cut...)
            }
            // A UTF-8 prefix of whole scalars is a prefix of the scalars.
            let comment = Array(prefix.utf8)
            lines.removeAll {
                ($0.count >= comment.count && bytes[$0.start..<($0.start + comment.count)].elementsEqual(comment))
                    || isGPGLine(bytes, $0)
            }
        } else {
            lines.removeAll { isGPGLine(bytes, $0) }
        }
        guard let head = lines.first else { return commit }
        commit.headerLine = head.line
        if head.count > 0 {
            let text = String(decoding: bytes[head.start..<head.end], as: UTF8.self)
            commit.header = text
            let u = Array(bytes[head.start..<head.end])
            // The breaking-header pattern needs a `!` (most headers have none).
            let mayBreak = u.contains(UInt8(ascii: "!"))
            if let parts = (mayBreak ? matchHeader(u, breaking: true) : nil) ?? matchHeader(u, breaking: false) {
                commit.type = parts.type.isEmpty ? nil : parts.type
                commit.scope = parts.scope.flatMap { $0.isEmpty ? nil : $0 }
                commit.subject = parts.subject.isEmpty ? nil : parts.subject
                commit.breaking = parts.breaking
            }
        }
        // The body runs until the first trailer-like line; everything from there is the footer.
        var footerStart = lines.count
        for k in 1..<lines.count where mayStartFooter(bytes, lines[k]) {
            let line = bytes[lines[k].start..<lines[k].end]
            // An ASCII line's bytes are its scalars; others are decoded.
            let u =
                line.allSatisfy { $0 < 0x80 }
                ? line.map { Unicode.Scalar($0) } : Array(String(decoding: line, as: UTF8.self).unicodeScalars)
            if isNote(u) || isFooterToken(u) {
                footerStart = k
                break
            }
        }
        commit.bodyRanges = trimmed(bytes, lines[min(1, lines.count)..<footerStart])
        commit.footerRanges = trimmed(bytes, lines[footerStart...])
        return commit
    }

    /// The parser's `appendLine` then `trimNewLines`: leading empty lines vanish (an empty
    /// accumulator is falsy), trailing ones and a final `\r` are trimmed.
    static func trimmed(_ bytes: [UInt8], _ lines: ArraySlice<LineRange>) -> [LineRange] {
        guard let first = lines.firstIndex(where: { $0.count > 0 }) else { return [] }
        var out = Array(lines[first...])
        while let last = out.last, bytes[last.start..<last.end].allSatisfy({ $0 == 0x0D }) { out.removeLast() }
        if var last = out.popLast() {
            while last.end > last.start, bytes[last.end - 1] == 0x0D { last.end -= 1 }
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

    /// `gpg:` after JavaScript white space at the start of the line.
    static func isGPGLine(_ bytes: [UInt8], _ r: LineRange) -> Bool {
        // Fast path: an ASCII first byte that is no space and no `g` decides at once.
        guard r.count > 0 else { return false }
        var i = r.start
        while i < r.end, bytes[i] == 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0D) { i += 1 }
        // An ASCII byte after the ASCII spaces decides; a non-ASCII one may be a Unicode space.
        if i == r.end { return false }
        if bytes[i] < 0x80 {
            return r.end - i >= 4 && bytes[i] == UInt8(ascii: "g") && bytes[i + 1] == UInt8(ascii: "p")
                && bytes[i + 2] == UInt8(ascii: "g") && bytes[i + 3] == UInt8(ascii: ":")
        }
        var u = Substring(decoding: bytes[r.start..<r.end], as: UTF8.self).unicodeScalars
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
    static func matchHeader(_ u: [UInt8], breaking: Bool) -> HeaderParts? {
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

    /// A cheap test before the two below, without allocating and without reading the whole line:
    /// both need a token at the start of the line, a run of `[\w-]` followed by `:`, by white
    /// space and `#`, or `BREAKING` and a space; or the `* ` of a note with a `:`. Lines of prose
    /// and list items fail within their first word.
    static func mayStartFooter(_ bytes: [UInt8], _ r: LineRange) -> Bool {
        guard r.count > 0 else { return false }
        if bytes[r.start] == UInt8(ascii: "*") { return bytes[r.start..<r.end].contains(UInt8(ascii: ":")) }
        var i = r.start
        while i < r.end, isASCIIWordOrDash(bytes[i]) { i += 1 }
        guard i > r.start, i < r.end else { return false }
        // After the token: `:` (a trailer or a note), or white space then `#` (`Closes #12`), or
        // `BREAKING` then a space (`BREAKING CHANGE: ...`). A non-ASCII byte may be a Unicode
        // space: the full tests decide.
        if bytes[i] == UInt8(ascii: ":") || bytes[i] >= 0x80 { return true }
        guard bytes[i] == 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0D) else { return false }
        if i - r.start == 8, bytes[r.start..<i].elementsEqual("BREAKING".utf8, by: { $0 & 0xDF == $1 }) { return true }
        while i < r.end, bytes[i] == 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0D) { i += 1 }
        return i < r.end && (bytes[i] == UInt8(ascii: "#") || bytes[i] >= 0x80)
    }

    static func isASCIIWordOrDash(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
    }

    /// The note regex of conventional-commits-parser 7.1.2 with the preset's keywords:
    /// `^(?:\*\s+)?(BREAKING CHANGE|BREAKING-CHANGE):\s*(.*)`, case-insensitive.
    static func isNote(_ u: [Unicode.Scalar]) -> Bool {
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
    static func isFooterToken(_ u: [Unicode.Scalar]) -> Bool {
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
