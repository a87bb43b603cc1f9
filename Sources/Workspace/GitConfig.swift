/// Just enough of git's config file format to read a few keys (`core.hooksPath`, `core.bare`,
/// `core.worktree`, `extensions.worktreeConfig`) without libgit2 or a `git` process.
///
/// Follows git's own parser (`config.c`): `[section]`, `[section "subsection"]` and the old
/// `[section.subsection]` headers, case-insensitive section and key names, `key = value` and a
/// bare `key` meaning true, `#` and `;` comments outside quotes, double-quoted parts with
/// `\"`, `\\`, `\n`, `\t`, `\b` escapes, a trailing backslash continuing the line, and runs of
/// unquoted inner whitespace kept while trailing whitespace is dropped. Unlike git it is
/// lenient: a line it cannot read is skipped rather than failing, because a guard that reads
/// the config only to find the hooks folder should not stop over a line it does not need.
/// `[include]` and `[includeIf]` are not followed.
struct GitConfig: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        /// Lower-cased section name.
        var section: String
        /// Subsection as written (case-sensitive), nil for none.
        var subsection: String?
        /// Lower-cased key name.
        var key: String
        /// nil for a bare key (`[core] bare`), which git reads as true.
        var value: String?
    }

    var entries: [Entry] = []

    /// The last value of `section.key` (no subsection): `.some(nil)` for a bare key, nil when absent.
    func last(_ section: String, _ key: String) -> String?? {
        let section = section.lowercased()
        let key = key.lowercased()
        for entry in entries.reversed()
        where entry.section == section && entry.subsection == nil && entry.key == key {
            return .some(entry.value)
        }
        return nil
    }

    /// `section.key` read as a git boolean; nil when absent or not a boolean.
    func bool(_ section: String, _ key: String) -> Bool? {
        guard let value = last(section, key) else { return nil }
        return Self.parseBool(value)
    }

    /// Git's boolean spellings: a bare key, `true/yes/on/1`, `false/no/off/0`, or an empty value.
    static func parseBool(_ value: String?) -> Bool? {
        guard let value else { return true }
        switch value.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0", "": return false
        default:
            if let n = Int(value) { return n != 0 }
            return nil
        }
    }

    mutating func append(contentsOf other: GitConfig) {
        entries.append(contentsOf: other.entries)
    }

    /// Parses config text; never fails (see the type's comment).
    static func parse(_ bytes: [UInt8]) -> GitConfig {
        var parser = Parser(bytes: bytes)
        return GitConfig(entries: parser.run())
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var section: String?
        var subsection: String?

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0B || c == 0x0C }
        static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || (c >= 0x30 && c <= 0x39) }

        mutating func skipLine() {
            while let c = peek, c != 0x0A { i += 1 }
        }

        mutating func run() -> [Entry] {
            var out: [Entry] = []
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
            while let c = peek {
                if c == 0x0A || Self.isSpace(c) {
                    i += 1
                } else if c == UInt8(ascii: "#") || c == UInt8(ascii: ";") {
                    skipLine()
                } else if c == UInt8(ascii: "[") {
                    if !parseHeader() {
                        section = nil
                        skipLine()
                    }
                } else if Self.isAlpha(c) {
                    if let entry = parseEntry(), let section {
                        out.append(Entry(section: section, subsection: subsection, key: entry.0, value: entry.1))
                    }
                } else {
                    skipLine()
                }
            }
            return out
        }

        /// `[name]`, `[name "sub"]` or `[name.sub]`; leaves the index after `]`.
        mutating func parseHeader() -> Bool {
            i += 1
            var name: [UInt8] = []
            while let c = peek, Self.isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") {
                name.append(c)
                i += 1
            }
            guard !name.isEmpty, let c = peek else { return false }
            if c == UInt8(ascii: "]") {
                i += 1
                let text = String(decoding: name, as: UTF8.self)
                if let dot = text.firstIndex(of: ".") {
                    // Old style `[section.sub]`: git lower-cases the subsection too.
                    section = text[..<dot].lowercased()
                    subsection = text[text.index(after: dot)...].lowercased()
                } else {
                    section = text.lowercased()
                    subsection = nil
                }
                return true
            }
            guard Self.isSpace(c) else { return false }
            while let d = peek, Self.isSpace(d) { i += 1 }
            guard peek == UInt8(ascii: "\"") else { return false }
            i += 1
            var sub: [UInt8] = []
            while true {
                guard let d = peek, d != 0x0A else { return false }
                i += 1
                if d == UInt8(ascii: "\"") { break }
                if d == UInt8(ascii: "\\") {
                    guard let e = peek, e != 0x0A else { return false }
                    sub.append(e)
                    i += 1
                } else {
                    sub.append(d)
                }
            }
            guard peek == UInt8(ascii: "]") else { return false }
            i += 1
            section = String(decoding: name, as: UTF8.self).lowercased()
            subsection = String(decoding: sub, as: UTF8.self)
            return true
        }

        /// `key`, `key = value`; nil (line skipped) when malformed.
        mutating func parseEntry() -> (String, String?)? {
            var key: [UInt8] = []
            while let c = peek, Self.isAlnum(c) || c == UInt8(ascii: "-") {
                key.append(c)
                i += 1
            }
            let name = String(decoding: key, as: UTF8.self).lowercased()
            while let c = peek, Self.isSpace(c) { i += 1 }
            guard let c = peek, c != 0x0A else { return (name, nil) }
            if c == UInt8(ascii: "#") || c == UInt8(ascii: ";") {
                skipLine()
                return (name, nil)
            }
            guard c == UInt8(ascii: "=") else {
                skipLine()
                return nil
            }
            i += 1
            guard let value = parseValue() else { return nil }
            return (name, value)
        }

        mutating func parseValue() -> String? {
            var out: [UInt8] = []
            var quoted = false
            var pendingSpaces = 0
            while let c = peek {
                i += 1
                if c == 0x0A {
                    if quoted { return nil }
                    break
                }
                if !quoted && (c == UInt8(ascii: "#") || c == UInt8(ascii: ";")) {
                    skipLine()
                    break
                }
                if !quoted && Self.isSpace(c) {
                    if !out.isEmpty { pendingSpaces += 1 }
                    continue
                }
                if pendingSpaces > 0 {
                    out.append(contentsOf: repeatElement(0x20, count: pendingSpaces))
                    pendingSpaces = 0
                }
                if c == UInt8(ascii: "\\") {
                    guard let e = peek else { return nil }
                    i += 1
                    switch e {
                    case 0x0A: continue
                    case 0x0D where peek == 0x0A: i += 1
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(e)
                    default:
                        skipLine()
                        return nil
                    }
                    continue
                }
                if c == UInt8(ascii: "\"") {
                    quoted.toggle()
                    continue
                }
                out.append(c)
            }
            if quoted { return nil }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
