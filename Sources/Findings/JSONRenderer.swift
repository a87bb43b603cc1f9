import Policy

/// Findings as JSON for machines: one schema for every command, keys always in this order.
///
/// A report: `{"ok", "checkpoint", "subject", "checked", "skipped", "findings": [finding…]}`
/// (`checked` and `skipped` are null when they do not apply). A finding: `{"rule", "decision",
/// "message", "matched", "instead", "checkpoint"}` followed by `check`, `path`, `commit`, `line`
/// and `column` only when the finding has them. Commands may add members after `findings`
/// (documented in their help), never change these.
public enum JSONRenderer {
    public static func report(_ r: Report, extra: [(String, String)] = []) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out += Array(#"{"ok":"#.utf8)
        out += Array((r.ok ? "true" : "false").utf8)
        member("checkpoint", r.checkpoint.rawValue, &out)
        member("subject", r.subject, &out)
        out += Array(#","checked":"#.utf8)
        out += Array((r.checked.map(String.init) ?? "null").utf8)
        out += Array(#","skipped":"#.utf8)
        if let skipped = r.skipped { JSONValue.appendQuoted(skipped, to: &out) } else { out += Array("null".utf8) }
        out += Array(#","findings":["#.utf8)
        for (i, f) in r.findings.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            append(f, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        for (key, json) in extra {
            out.append(UInt8(ascii: ","))
            JSONValue.appendQuoted(key, to: &out)
            out.append(UInt8(ascii: ":"))
            out += Array(json.utf8)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// One finding as a JSON object.
    public static func finding(_ f: Finding) -> String {
        var out: [UInt8] = []
        append(f, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ f: Finding, to out: inout [UInt8]) {
        out += Array(#"{"rule":"#.utf8)
        JSONValue.appendQuoted(f.ruleID, to: &out)
        member("decision", f.decision.rawValue, &out)
        member("message", f.message, &out)
        member("matched", f.matched, &out)
        member("instead", f.instead, &out)
        member("checkpoint", f.checkpoint.rawValue, &out)
        if let check = f.check { member("check", check, &out) }
        if let path = f.path { member("path", path, &out) }
        if let commit = f.commit { member("commit", commit, &out) }
        if let line = f.line { out += Array(",\"line\":\(line)".utf8) }
        if let column = f.column { out += Array(",\"column\":\(column)".utf8) }
        out.append(UInt8(ascii: "}"))
    }

    static func member(_ key: String, _ value: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        JSONValue.appendQuoted(key, to: &out)
        out.append(UInt8(ascii: ":"))
        JSONValue.appendQuoted(value, to: &out)
    }
}
