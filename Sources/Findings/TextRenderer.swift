import Policy

/// Findings as lines for people: one line per finding, with its rule id, what matched and what
/// to do instead, so every verdict explains itself.
public enum TextRenderer {
    /// `ward deny [git-reset-hard]: why. Matched: what. Instead: what to do`, prefixed with the
    /// path when the finding is about a file (`src/a.swift: ward deny [...]`).
    public static func line(_ f: Finding) -> String {
        let body = message(f)
        if let path = f.path, !path.isEmpty { return "\(path): \(body)" }
        return body
    }

    /// The one-line verdict message without location: what agents and people see.
    public static func message(_ f: Finding) -> String {
        if f.decision == .allow { return f.message }
        var out = "ward \(f.decision.rawValue) [\(f.ruleID)]: \(f.message)"
        if !f.matched.isEmpty, f.matched != f.path { out += ". Matched: \(excerpt(f.matched))" }
        if !f.instead.isEmpty { out += ". Instead: \(f.instead)" }
        return out
    }

    /// Findings with a line and column (commit messages) as an aligned table:
    /// `1:1   error    type-enum     the type 'foo' is not allowed; expected: one of feat, fix`.
    public static func table(_ findings: [Finding], indent: String = "  ") -> [String] {
        let rows = findings.map { f -> (String, String, String, String) in
            let position = "\(f.line ?? 1):\(f.column ?? 1)"
            let level = f.fails ? "error" : "warning"
            var text = f.message
            if !f.instead.isEmpty { text += "; expected: \(f.instead)" }
            return (position, level, f.ruleID, text)
        }
        let w0 = rows.map(\.0.count).max() ?? 0
        let w1 = rows.map(\.1.count).max() ?? 0
        let w2 = rows.map(\.2.count).max() ?? 0
        return rows.map { r in
            indent + pad(r.0, w0) + "  " + pad(r.1, w1) + "  " + pad(r.2, w2) + "  " + r.3
        }
    }

    /// A quoted, shortened first line of a message, for headers: `"feat: add x"`.
    public static func quotedHeader(_ message: String) -> String {
        let first = message[..<(message.utf8.firstIndex(of: 0x0A) ?? message.endIndex)]
        return "\"" + excerpt(String(first), limit: 72) + "\""
    }

    /// A short, single-line excerpt, so a long command or message does not flood a line.
    public static func excerpt(_ text: String, limit: Int = 200) -> String {
        if text.utf8.count <= limit && !text.utf8.contains(where: { $0 < 0x20 }) { return text }
        var s = ""
        var count = 0
        for ch in text.unicodeScalars {
            if ch == "\n" {
                s += "\\n"
                count += 2
            } else {
                s.unicodeScalars.append(ch.value < 0x20 ? " " : ch)
                count += 1
            }
            if count >= limit {
                s += "…"
                break
            }
        }
        return s
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
