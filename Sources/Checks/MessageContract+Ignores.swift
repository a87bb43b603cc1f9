import Base

extension MessageContract {
    /// commitlint's default ignores (`@commitlint/is-ignored`): what git and hosting services write
    /// themselves. Returns a short name for the kind of message, or nil.
    ///
    /// The first two patterns carry JavaScript's `m` flag upstream, so a `Merge branch 'x'` or
    /// `Merge tag 'x'` line anywhere in the message counts, as it does in commitlint.
    public static func defaultIgnore(_ message: String) -> String? {
        func has(_ line: Substring.UnicodeScalarView, _ prefix: String) -> Bool {
            line.starts(with: prefix.unicodeScalars)
        }
        // Only lines starting with "Merge " can match the multi-line patterns: most messages have none.
        if containsMergeWord(message) {
            for line in Substring(message).unicodeScalars.split(
                omittingEmptySubsequences: false, whereSeparator: JavaScriptCharacterClasses.isLineTerminator)
            where has(line, "Merge ") {
                // /^((Merge pull request)|(Merge (.*?) into (.*?)|(Merge branch (.*?)))(?:\r?\n)*$)/m
                if has(line, "Merge pull request") { return "merge commit" }
                if has(line, "Merge branch ") { return "merge commit" }
                if String(line).dropFirst(6).contains(" into ") { return "merge commit" }
                // /^(Merge tag (.*?))(?:\r?\n)*$/m
                if has(line, "Merge tag ") { return "merge commit" }
            }
        }
        let first = firstLine(message)
        if first.hasPrefix("Revert ") || first.hasPrefix("revert ") { return "revert commit" }
        if first.hasPrefix("Reapply ") || first.hasPrefix("reapply ") { return "reapply commit" }
        for marker in ["amend!", "fixup!", "squash!"] where message.hasPrefix(marker) { return "\(marker) commit" }
        if isSemverMessage(message) { return "version commit" }
        // /^(Merged (.*?)(in|into) (.*)|Merged PR (.*): (.*))/
        if first.hasPrefix("Merged ") {
            let rest = first.dropFirst(7)
            if rest.contains("in ") || rest.contains("into ") { return "merge commit" }
            if first.hasPrefix("Merged PR "), first.dropFirst(10).contains(": ") { return "merge commit" }
        }
        if first.hasPrefix("Merge remote-tracking branch") { return "merge commit" }
        if first.hasPrefix("Automatic merge") { return "merge commit" }
        if first.hasPrefix("Auto-merged "), first.dropFirst(12).contains(" into ") { return "merge commit" }
        return nil
    }

    /// The text before the first JavaScript line terminator (`\n`, `\r`, U+2028, U+2029), found
    /// in the UTF-8 bytes: U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
    static func firstLine(_ message: String) -> String {
        func end(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D { return i }
                if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    return i
                }
                i += 1
            }
            return i
        }
        let length =
            message.utf8.withContiguousStorageIfAvailable(end) ?? Array(message.utf8).withUnsafeBufferPointer(end)
        return String(message[..<message.utf8.index(message.utf8.startIndex, offsetBy: length)])
    }

    /// Whether `Merge ` occurs anywhere, by a scan of the UTF-8 bytes in place.
    static func containsMergeWord(_ message: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var from = 0
            while let m = ByteScan.firstIndex(of: UInt8(ascii: "M"), in: bytes, from: from) {
                if m + 6 <= bytes.count, bytes[m + 1] == 0x65, bytes[m + 2] == 0x72, bytes[m + 3] == 0x67,
                    bytes[m + 4] == 0x65, bytes[m + 5] == 0x20
                {
                    return true
                }
                from = m + 1
            }
            return false
        }
        if let found = message.utf8.withContiguousStorageIfAvailable(scan) { return found }
        return Array(message.utf8).withUnsafeBufferPointer(scan)
    }

    /// commitlint's `isSemver`: the first line, without a `chore(...):` prefix and a release tool's
    /// `[skip ci]`/`[ci skip]`, is a semantic version (`1.2.3`, `v1.2.3-beta.1`).
    static func isSemverMessage(_ message: String) -> Bool {
        // A version, `chore...:`, or a leading `[skip ci]`/`(skip ci)` marker: anything else is no version.
        guard let lead = message.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }),
            (lead >= 0x30 && lead <= 0x39) || lead == UInt8(ascii: "v")
                || (lead == UInt8(ascii: "c") && message.utf8.starts(with: "chore".utf8))
                || lead == UInt8(ascii: "[") || lead == UInt8(ascii: "(") || lead >= 0x80 || lead < 0x20
        else { return false }
        // `MAJOR.MINOR.PATCH` needs two dots on the first line: most messages have fewer.
        // `c.split("\n").shift()`: the first line ends at `\n` alone, so a CRLF line keeps its `\r` (which
        // the `trim()` below removes). Found in the bytes: Swift's `"\r\n"` is one Character, not a `"\n"`.
        let utf8 = message.utf8
        let newline = utf8.firstIndex(of: 0x0A) ?? utf8.endIndex
        guard utf8[..<newline].lazy.filter({ $0 == UInt8(ascii: ".") }).count >= 2 else { return false }
        let first = String(message[..<newline])
        var s = Substring(first)
        if s.hasPrefix("chore") {
            var rest = s.dropFirst(5)
            if rest.hasPrefix("("), let close = rest.firstIndex(of: ")"), close > rest.index(after: rest.startIndex) {
                rest = rest[rest.index(after: close)...]
            }
            if rest.hasPrefix(":") { s = rest.dropFirst() }
        }
        // After trimming, a version starts with a digit or `v`, a leading skip marker with `[` or
        // `(`: a message such as `chore(deps): update foo to 1.2.3` is decided here.
        if let lead = s.utf8.first(where: { $0 != 0x20 && !($0 >= 0x09 && $0 <= 0x0D) }), lead < 0x80,
            !((lead >= 0x30 && lead <= 0x39) || lead == UInt8(ascii: "v") || lead == UInt8(ascii: "[")
                || lead == UInt8(ascii: "("))
        {
            return false
        }
        var text = removingSkipMarker(String(s), open: "[", close: "]")
        text = removingSkipMarker(text, open: "(", close: ")").trimmingSpaces
        return isSemver(text)
    }

    /// The string without its first `[skip ci]`-like marker: `\[(skip|ci)(-|\s)(ci|skip)\]`, case
    /// ignored (with `(` and `)` for the parenthesised form), as commitlint's `isSemver` removes it.
    static func removingSkipMarker(_ text: String, open: Unicode.Scalar, close: Unicode.Scalar) -> String {
        let u = Array(text.unicodeScalars)
        func word(_ at: Int) -> Int? {
            for w in ["skip", "ci"] {
                let k = Array(w.unicodeScalars)
                guard at + k.count <= u.count else { continue }
                let same = (0..<k.count).allSatisfy { n in
                    let c = u[at + n]
                    return c == k[n] || (c >= "A" && c <= "Z" && c.value + 32 == k[n].value)
                }
                if same { return at + k.count }
            }
            return nil
        }
        for start in u.indices where u[start] == open {
            guard let a = word(start + 1), a < u.count, u[a] == "-" || JavaScriptCharacterClasses.isSpace(u[a]),
                let b = word(a + 1), b < u.count, u[b] == close
            else { continue }
            return String(String.UnicodeScalarView(u[..<start] + u[(b + 1)...]))
        }
        return text
    }

    /// `semver.valid` without `loose`: `v?MAJOR.MINOR.PATCH(-PRERELEASE)?(+BUILD)?`.
    static func isSemver(_ text: String) -> Bool {
        // semver's MAX_LENGTH.
        guard text.utf16.count <= 256 else { return false }
        var s = Substring(text.trimmingSpaces)
        if s.hasPrefix("v") { s = s.dropFirst() }
        var build: Substring?
        if let plus = s.firstIndex(of: "+") {
            build = s[s.index(after: plus)...]
            s = s[..<plus]
        }
        var pre: Substring?
        if let dash = s.firstIndex(of: "-") {
            pre = s[s.index(after: dash)...]
            s = s[..<dash]
        }
        let core = s.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(isNumericIdentifier) else { return false }
        if let pre {
            let ids = pre.split(separator: ".", omittingEmptySubsequences: false)
            guard ids.allSatisfy({ isNumericIdentifier($0) || isAlphanumericIdentifier($0) }) else { return false }
        }
        if let build {
            let ids = build.split(separator: ".", omittingEmptySubsequences: false)
            guard
                ids.allSatisfy({
                    !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                })
            else { return false }
        }
        return true
    }

    /// `0|[1-9]\d*`.
    static func isNumericIdentifier(_ s: Substring) -> Bool {
        guard !s.isEmpty, s.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return false }
        return s == "0" || s.first != "0"
    }

    /// `\d*[a-zA-Z-][a-zA-Z0-9-]*`.
    static func isAlphanumericIdentifier(_ s: Substring) -> Bool {
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            return false
        }
        return s.contains { !($0 >= "0" && $0 <= "9") }
    }
}
