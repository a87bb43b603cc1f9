/// One message rule's setting in `commits.rules`, commitlint's `[level, when, value]`.
///
/// `"subject-full-stop": "off"`, `"body-max-line-length": ["warning", 120]`,
/// `"type-enum": ["error", "always", ["feat", "fix"]]`; commitlint's numeric levels (0, 1, 2) are
/// taken too, so a `.commitlintrc.json` rule reads the same here.
public struct CommitRuleSetting: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable {
        case off, warning, error
    }

    public enum Condition: String, Sendable, CaseIterable {
        case always, never
    }

    /// A rule's value: a length, a character, a list of names.
    public enum Value: Sendable, Equatable {
        case number(Int)
        case string(String)
        case strings([String])
    }

    public var level: Level
    /// nil: the rule's own default (`never` for the `*-empty` rules and `subject-full-stop`).
    public var condition: Condition?
    public var value: Value?

    public init(level: Level, condition: Condition? = nil, value: Value? = nil) {
        self.level = level
        self.condition = condition
        self.value = value
    }

    /// What a rule accepts: whether `never` means anything for it, and the kind of value it takes.
    public enum ValueKind: Sendable {
        case none, length, character, names, cases
    }

    /// The message rules `commits.rules` can set, with what each accepts.
    public static let known: [(id: String, negatable: Bool, value: ValueKind)] = [
        ("message-empty", false, .none),
        ("header-trim", false, .none),
        ("header-max-length", false, .length),
        ("type-empty", true, .none),
        ("type-case", true, .cases),
        ("type-enum", true, .names),
        ("scope-empty", true, .none),
        ("scope-enum", true, .names),
        ("subject-empty", true, .none),
        ("subject-case", true, .cases),
        ("subject-full-stop", true, .character),
        ("body-leading-blank", true, .none),
        ("body-max-line-length", false, .length),
        ("footer-leading-blank", true, .none),
        ("footer-max-line-length", false, .length),
        ("trailer-exists", false, .none),
    ]

    /// The case names `type-case` and `subject-case` take (commitlint's, without the aliases).
    public static let caseNames = [
        "lower-case", "upper-case", "sentence-case", "start-case", "pascal-case", "camel-case", "kebab-case",
        "snake-case",
    ]

    public var number: Int? {
        if case .number(let n) = value { return n }
        return nil
    }

    public var names: [String]? {
        switch value {
        case .strings(let list): return list
        case .string(let s): return [s]
        default: return nil
        }
    }
}

extension PolicyParser {
    /// Validates `commits.rules`: known rule ids, a level, `always`/`never` where the rule has it,
    /// and a value of the rule's kind. Each error is one line naming `commits.rules.ID`.
    static func parseCommitRules(_ value: JSONValue.Located, ctx: Context) throws(PolicyError) -> [String:
        CommitRuleSetting]
    {
        guard case .object(let members) = value.value else {
            throw ctx.error(
                value, "commits.rules", "expected an object of rule id to setting, found \(value.value.typeName)")
        }
        var out: [String: CommitRuleSetting] = [:]
        let ids = CommitRuleSetting.known.map(\.id)
        for (id, v) in members {
            let path = "commits.rules.\(id)"
            do throws(PolicyError) {
                guard let rule = CommitRuleSetting.known.first(where: { $0.id == id }) else {
                    throw ctx.error(v, path, "unknown message rule \(ctx.suggestion(id, among: ids))")
                }
                out[id] = try parseRuleSetting(v, path: path, negatable: rule.negatable, kind: rule.value, ctx: ctx)
            } catch {
                ctx.errors.append(error)
            }
        }
        return out
    }

    static func parseRuleSetting(
        _ v: JSONValue.Located, path: String, negatable: Bool, kind: CommitRuleSetting.ValueKind, ctx: Context
    ) throws(PolicyError) -> CommitRuleSetting {
        let items: [JSONValue.Located]
        switch v.value {
        case .array(let list): items = list
        case .string, .number: items = [v]
        default:
            throw ctx.error(
                v, path, "expected a level (\"off\", \"warning\", \"error\") or [level, \"always\"|\"never\", value]")
        }
        guard let first = items.first else {
            throw ctx.error(v, path, "expected [level, \"always\"|\"never\", value], found an empty array")
        }
        let level = try ruleLevel(first, path: path, ctx: ctx)
        var setting = CommitRuleSetting(level: level)
        var rest = items.dropFirst()
        if let when = rest.first, case .string(let s) = when.value, let c = CommitRuleSetting.Condition(rawValue: s) {
            if c == .never && !negatable {
                throw ctx.error(when, path, "'never' has no meaning for this rule; use \"always\" or leave it out")
            }
            setting.condition = c
            rest = rest.dropFirst()
        }
        if let given = rest.first {
            if rest.count > 1 {
                throw ctx.error(
                    v, path, "expected at most [level, \"always\"|\"never\", value], found \(items.count) items")
            }
            setting.value = try ruleValue(given, path: path, kind: kind, ctx: ctx)
        }
        return setting
    }

    static func ruleLevel(_ v: JSONValue.Located, path: String, ctx: Context) throws(PolicyError)
        -> CommitRuleSetting.Level
    {
        switch v.value {
        case .string(let s):
            if let level = CommitRuleSetting.Level(rawValue: s) { return level }
            if s == "warn" { return .warning }
            throw ctx.error(
                v, path, "unknown level \(ctx.suggestion(s, among: CommitRuleSetting.Level.allCases.map(\.rawValue)))")
        case .number(let n) where n == 0 || n == 1 || n == 2:
            return [.off, .warning, .error][Int(n)]
        default:
            throw ctx.error(v, path, "expected a level: \"off\", \"warning\", \"error\" (or commitlint's 0, 1, 2)")
        }
    }

    static func ruleValue(
        _ v: JSONValue.Located, path: String, kind: CommitRuleSetting.ValueKind, ctx: Context
    ) throws(PolicyError) -> CommitRuleSetting.Value {
        switch kind {
        case .none:
            throw ctx.error(v, path, "this rule takes no value; expected [level] or [level, \"always\"|\"never\"]")
        case .length:
            return .number(try ctx.integer(v, path, atLeast: 1))
        case .character:
            let s = try ctx.string(v, path)
            guard !s.isEmpty else {
                throw ctx.error(v, path, "expected the character the subject may end with, like \".\"")
            }
            return .string(s)
        case .names:
            return .strings(try ctx.strings(v, path, nonEmpty: true))
        case .cases:
            let list: [String]
            if case .string(let s) = v.value { list = [s] } else { list = try ctx.strings(v, path, nonEmpty: true) }
            for name in list where !CommitRuleSetting.caseNames.contains(name) {
                throw ctx.error(
                    v, path, "unknown case \(ctx.suggestion(name, among: CommitRuleSetting.caseNames))")
            }
            return .strings(list)
        }
    }
}
