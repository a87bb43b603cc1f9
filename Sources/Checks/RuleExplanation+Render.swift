import Base
public import Policy

extension RuleExplanation {
    /// The usage error of `ward explain` for a word that looks like a rule id but names none.
    public static func unknownRuleMessage(_ id: String, suggestions: [String]) -> String {
        let hint =
            suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
        return
            "ward explain: no rule named '\(id)'\(hint); 'ward policy show' lists every rule; to explain a command line, quote it: ward explain '\(id) ...'"
    }

    /// What `ward explain RULE-ID` prints: one `name: value` line each, `matches when` and
    /// `overridden` with indented items, then the notes.
    public var lines: [String] {
        var lines = ["rule: \(id)", "category: \(category)", "decision: \(decision.rawValue)", "reason: \(reason)"]
        if !alternative.isEmpty { lines.append("instead: \(alternative)") }
        lines.append("defined in: \(definedIn)")
        if !matchesWhen.isEmpty { lines += ["matches when:"] + matchesWhen.map { "  " + $0 } }
        if isDisabled {
            lines.append("disabled: yes\(disabledBy.map { " (\($0))" } ?? "")")
        } else {
            lines.append("disabled: no")
        }
        if overrides.isEmpty {
            lines.append("overridden: no")
        } else {
            lines.append("overridden:")
            for o in overrides {
                let paths = o.paths.isEmpty ? "everywhere" : o.paths.joined(separator: ", ")
                lines.append("  for \(paths): \(o.reason) (\(o.source))")
            }
        }
        if let mode {
            lines.append("mode: \(mode.rawValue) (\(modeKey ?? "mode"), from \(modeOrigin ?? "built-in"))")
        } else {
            lines.append("mode: always decided (no mode or policy loosens it)")
        }
        if let m = message {
            lines.append("level: \(m.level.rawValue) (\(m.levelSource))")
            if let condition = m.condition {
                lines.append("when: \(condition.rawValue) (\(m.conditionSource ?? "the rule's default"))")
            }
            if let text = m.valueText { lines.append("value: \(text) (\(m.valueSource ?? "the rule's default"))") }
        }
        lines += (notes + (message?.notes ?? [])).map { "note: " + $0 }
        return lines
    }

    /// `ward explain RULE-ID --json`: the same facts as one object, `message` only for a
    /// commit-message rule.
    public var json: String {
        var json = JSONWriter()
        json.object { json in
            json.member("rule", id)
            json.member("category", category)
            json.member("decision", decision.rawValue)
            json.member("reason", reason)
            json.member("instead", alternative)
            json.member("definedIn", definedIn)
            json.member("matchesWhen", strings: matchesWhen)
            json.member("disabled", isDisabled)
            json.member("disabledBy", disabledBy)
            json.member("overrides", objects: overrides) { json, o in
                json.member("paths", strings: o.paths)
                json.member("reason", o.reason)
                json.member("source", o.source)
            }
            json.member("mode", mode?.rawValue)
            json.member("modeKey", modeKey)
            json.member("modeOrigin", modeOrigin)
            if let m = message {
                json.key("message")
                json.object { json in m.write(to: &json) }
            }
            json.member("notes", strings: notes + (message?.notes ?? []))
        }
        return json.string
    }
}

extension MessageRuleInEffect {
    /// `level`, `levelSource`, `when`, `whenSource`, `value` (a number, a string or a list;
    /// null when the rule has none) and `valueSource`.
    func write(to json: inout JSONWriter) {
        json.member("level", level.rawValue)
        json.member("levelSource", levelSource)
        json.member("when", condition?.rawValue)
        json.member("whenSource", conditionSource)
        json.key("value")
        switch value {
        case .number(let n)?: json.number(n)
        case .string(let s)?: json.string(s)
        case .strings(let list)?: json.array { json in for item in list { json.string(item) } }
        case nil: json.null()
        }
        json.member("valueSource", valueSource)
    }
}
