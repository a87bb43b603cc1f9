import Base

/// `ward policy import commitlint`: a commitlint configuration (`.commitlintrc`, `.json`, `.yaml`,
/// `.yml`, or `package.json`'s `commitlint` key) turned into ward.json's `commits` keys, with a
/// line for everything that has no equivalent. Pure: text in, text out.
///
/// `extends: ['@commitlint/config-conventional']` is ward's default profile; the workspace scope
/// configs (`config-lerna-scopes`, `config-pnpm-scopes`, `config-workspace-scopes`, `config-nx-scopes`)
/// become `"scopes": {"from": "workspace"}`; `rules` become `commits.rules`, each checked by the
/// policy parser itself, so what is written always validates.
public enum CommitlintImport {
    public struct Result: Sendable, Equatable {
        /// The `commits` object as JSON text (two-space indented), or nil when nothing translated.
        public var commits: String?
        /// What could not be translated, one line each.
        public var notes: [String]
    }

    /// Translates a configuration given as text; `yaml` says whether it is YAML (else JSON/JSON5).
    public static func translate(_ text: String, yaml: Bool, file: String) throws(PolicyError) -> Result {
        let config: JSONValue
        if yaml {
            do {
                config = try MiniYAML.parse(text)
            } catch {
                throw PolicyError(file: file, line: error.line, path: "", message: error.message)
            }
        } else {
            do {
                config = try JSONParser.parse(text, json5: true)
            } catch {
                throw PolicyError(file: file, line: error.line, path: "", message: error.message)
            }
        }
        return try translate(config, file: file)
    }

    static let workspaceConfigs = [
        "@commitlint/config-lerna-scopes", "@commitlint/config-pnpm-scopes", "@commitlint/config-workspace-scopes",
        "@commitlint/config-nx-scopes",
    ]

    public static func translate(_ config: JSONValue, file: String) throws(PolicyError) -> Result {
        guard case .object(let members) = config else {
            throw PolicyError(file: file, line: 1, path: "", message: "expected a commitlint configuration object")
        }
        var notes: [String] = []
        var fields: [(String, String)] = []
        var conventional = false
        for (key, v) in members {
            switch key {
            case "extends":
                let list = v.value.arrayValue?.compactMap(\.stringValue) ?? v.value.stringValue.map { [$0] } ?? []
                for name in list {
                    if name == "@commitlint/config-conventional" || name == "config-conventional" {
                        conventional = true
                    } else if workspaceConfigs.contains(name) {
                        fields.append(("scopes", "{\"from\": \"workspace\"}"))
                    } else {
                        notes.append(
                            "extends '\(name)': not translated (ward knows config-conventional and the workspace scope configs)"
                        )
                    }
                }
            case "rules":
                guard case .object(let rules) = v.value else {
                    notes.append("rules: not an object, not translated")
                    continue
                }
                var translated: [(String, String)] = []
                for (id, setting) in rules {
                    guard CommitRuleSetting.known.contains(where: { $0.id == id }) else {
                        notes.append("rules.\(id): not translated: ward has no such rule")
                        continue
                    }
                    let text = serialize(setting.value)
                    let probe = "{\"commits\": {\"rules\": {\(JSONWriter.quote(id)): \(text)}}}"
                    do {
                        _ = try PolicyParser.parse(probe, file: "ward.json", kind: .repository)
                        translated.append((id, text))
                    } catch {
                        let reason = error.message
                        notes.append("rules.\(id): not translated: \(reason)")
                    }
                }
                if !translated.isEmpty {
                    let body = translated.map { "      \(JSONWriter.quote($0.0)): \($0.1)" }.joined(separator: ",\n")
                    fields.append(("rules", "{\n\(body)\n    }"))
                }
            case "defaultIgnores":
                if v.value.boolValue == false {
                    notes.append(
                        "defaultIgnores: false: not translated (ward always ignores merges, reverts and versions)")
                }
            case "ignores":
                notes.append("ignores: functions, not translated (JavaScript)")
            case "parserPreset":
                if v.value.stringValue != "conventional-changelog-conventionalcommits" {
                    notes.append(
                        "parserPreset: not translated (ward parses as conventional-changelog-conventionalcommits)")
                }
            case "helpUrl", "formatter", "prompt", "$schema":
                notes.append("\(key): not translated (no equivalent in ward)")
            default:
                notes.append("\(key): not translated (unknown to ward)")
            }
        }
        if !conventional, members.contains(where: { $0.key == "extends" }) || !fields.isEmpty {
            notes.append(
                "no extends of @commitlint/config-conventional: ward's conventional profile still applies its rules; turn off those you do not want in commits.rules"
            )
        }
        guard !fields.isEmpty else { return Result(commits: nil, notes: notes) }
        let body = fields.map { "    \(JSONWriter.quote($0.0)): \($0.1)" }.joined(separator: ",\n")
        return Result(commits: "{\n\(body)\n  }", notes: notes)
    }

    /// Compact JSON for a rule setting: `[2, "always", ["feat", "fix"]]`.
    public static func serialize(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return JSONWriter.quote(s)
        case .array(let items): return "[" + items.map { serialize($0.value) }.joined(separator: ", ") + "]"
        case .object(let members):
            return "{"
                + members.map { JSONWriter.quote($0.key) + ": " + serialize($0.value.value) }.joined(separator: ", ")
                + "}"
        }
    }
}
