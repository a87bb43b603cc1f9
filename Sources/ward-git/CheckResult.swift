/// One line of `ward check`: a check's stable id, how it came out, and a one-line message.
struct CheckResult: Equatable {
    enum Status: String {
        case pass, fail, warn
    }

    /// Stable kebab-case id of the check (`policy`, `protected-branch`): output API.
    var id: String
    var status: Status
    var message: String
    /// The policy rule that failed, when a rule did (`protected-branch-commit`).
    var rule: String?

    static func pass(_ id: String, _ message: String) -> CheckResult { .init(id: id, status: .pass, message: message) }
    static func fail(_ id: String, _ message: String, rule: String? = nil) -> CheckResult {
        .init(id: id, status: .fail, message: message, rule: rule)
    }
    static func warn(_ id: String, _ message: String) -> CheckResult { .init(id: id, status: .warn, message: message) }
}

/// Renders check results for people (one aligned line each, colour on a terminal) or machines (JSON).
enum CheckReport {
    static func human(_ results: [CheckResult], colour: Bool) -> [String] {
        let width = results.map(\.id.count).max() ?? 0
        return results.map { r in
            let (mark, code): (String, String)
            switch r.status {
            case .pass: (mark, code) = ("✓", "32")
            case .fail: (mark, code) = ("✗", "31")
            case .warn: (mark, code) = ("!", "33")
            }
            let id = r.id + String(repeating: " ", count: width - r.id.count)
            let shown = colour ? "\u{1B}[\(code)m\(mark)\u{1B}[0m" : mark
            var message = r.message
            if let rule = r.rule { message = "[\(rule)] " + message }
            return "\(shown) \(id)  \(message)"
        }
    }

    /// `{"checks":[{"id":…,"status":"pass|fail|warn","message":…}],"ok":bool}`; `rule` only when a rule failed.
    static func json(_ results: [CheckResult]) -> String {
        var out = "{\"checks\":["
        for (i, r) in results.enumerated() {
            if i > 0 { out += "," }
            out +=
                "{\"id\":\(JSON.quote(r.id)),\"status\":\"\(r.status.rawValue)\",\"message\":\(JSON.quote(r.message))"
            if let rule = r.rule { out += ",\"rule\":\(JSON.quote(rule))" }
            out += "}"
        }
        out += "],\"ok\":\(isOK(results))}"
        return out
    }

    static func isOK(_ results: [CheckResult]) -> Bool { !results.contains { $0.status == .fail } }
}

enum JSON {
    /// A JSON string literal; control characters escaped, everything else as UTF-8.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
