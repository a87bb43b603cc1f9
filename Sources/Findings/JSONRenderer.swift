import Base
import Policy

/// Findings as JSON for machines: one schema for every command, keys always in this order.
///
/// A report: `{"ok", "checkpoint", "subject", "checked", "skipped", "findings": [finding…]}`
/// (`checked` and `skipped` are null when they do not apply). A finding: `{"rule", "decision",
/// "message", "matched", "instead", "checkpoint"}` followed by `check`, `path`, `commit`, `line`
/// and `column` only when the finding has them. Commands may add members after `findings`
/// (documented in their help), never change these.
public enum JSONRenderer {
    /// The report; `extra` members (key, JSON text) follow `findings`.
    public static func report(_ r: Report, extra: [(String, String)] = []) -> String {
        var json = JSONWriter(capacity: 256)
        json.object { json in
            json.key("ok")
            json.bool(r.ok)
            json.key("checkpoint")
            json.string(r.checkpoint.rawValue)
            json.key("subject")
            json.string(r.subject)
            json.key("checked")
            if let checked = r.checked { json.number(checked) } else { json.null() }
            json.key("skipped")
            json.string(r.skipped)
            json.key("findings")
            json.array { json in
                for f in r.findings { append(f, to: &json) }
            }
            for (key, value) in extra {
                json.key(key)
                json.raw(value)
            }
        }
        return json.string
    }

    /// One finding as a JSON object.
    public static func finding(_ f: Finding) -> String {
        var json = JSONWriter(capacity: 128)
        append(f, to: &json)
        return json.string
    }

    static func append(_ f: Finding, to json: inout JSONWriter) {
        json.object { json in
            json.key("rule")
            json.string(f.ruleID)
            json.key("decision")
            json.string(f.decision.rawValue)
            json.key("message")
            json.string(f.message)
            json.key("matched")
            json.string(f.matched)
            json.key("instead")
            json.string(f.instead)
            json.key("checkpoint")
            json.string(f.checkpoint.rawValue)
            if let check = f.check {
                json.key("check")
                json.string(check)
            }
            if let path = f.path {
                json.key("path")
                json.string(path)
            }
            if let commit = f.commit {
                json.key("commit")
                json.string(commit)
            }
            if let line = f.line {
                json.key("line")
                json.number(line)
            }
            if let column = f.column {
                json.key("column")
                json.number(column)
            }
        }
    }
}
