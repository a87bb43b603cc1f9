public import Policy

/// How the message contract applies one commit-message rule under a policy: its level, its
/// `always`/`never`, its value, and where each comes from. `ward explain RULE-ID` shows it.
///
/// Read from the same `MessageContract` that judges messages, so what is shown is what a
/// message meets: `commits.rules` first, then the older keys (`commits.bodyMaxLineLength`,
/// `commits.types`, …), then the rule's own default.
public struct MessageRuleInEffect: Sendable, Equatable {
    /// `off` when `commits.rules` turns the rule off or nothing makes it check anything.
    public var level: CommitRuleSetting.Level
    /// Where the level comes from: `commits.rules.ID, from ward.json` or `the rule's decision`.
    public var levelSource: String
    /// `always` or `never`; nil for the rules that have no such condition (lengths, `message-empty`).
    public var condition: CommitRuleSetting.Condition?
    public var conditionSource: String?
    /// The length, the allowed names or cases, or the character; nil for rules without a value.
    public var value: CommitRuleSetting.Value?
    public var valueSource: String?
    /// Why a rule that is not off checks nothing, or how the profile changes it.
    public var notes: [String]

    public init(
        level: CommitRuleSetting.Level, levelSource: String, condition: CommitRuleSetting.Condition? = nil,
        conditionSource: String? = nil, value: CommitRuleSetting.Value? = nil, valueSource: String? = nil,
        notes: [String] = []
    ) {
        self.level = level
        self.levelSource = levelSource
        self.condition = condition
        self.conditionSource = conditionSource
        self.value = value
        self.valueSource = valueSource
        self.notes = notes
    }

    /// The rules the `plain` profile checks; the others are Conventional Commits rules.
    static let plainRules: Set<String> = [
        "message-empty", "header-trim", "header-max-length", "subject-empty", "body-leading-blank",
        "body-max-line-length", "trailer-exists",
    ]

    /// The rule `id` as the contract applies it under `policy`; nil when `id` is no message rule.
    public static func of(_ id: String, in policy: Policy) -> MessageRuleInEffect? {
        guard let known = CommitRuleSetting.known.first(where: { $0.id == id }) else { return nil }
        let contract = MessageContract(policy)
        let commits = policy.commits
        let setting = commits.rules[id]
        let rulesKey = "commits.rules.\(id)"
        let fromRules = "\(rulesKey), from \(policy.origins[rulesKey] ?? "built-in")"
        func key(_ name: String) -> String {
            "commits.\(name), from \(policy.origins["commits.\(name)"] ?? "built-in")"
        }

        var out = MessageRuleInEffect(level: .error, levelSource: fromRules)
        switch setting?.level {
        case .off?: out.level = .off
        case .warning?: out.level = .warning
        case .error?: out.level = .error
        case nil:
            out.level = contract.level(id) == .warning ? .warning : .error
            out.levelSource = "the rule's decision"
        }
        if policy.isDisabled(id) {
            out.level = .off
            out.levelSource =
                "commands.disable, from \((policy.contributors["commands.disable"] ?? ["built-in"]).joined(separator: ", "))"
        }
        if commits.profile == .plain, id == "body-leading-blank", setting?.level != .off {
            out.level = .error
            out.levelSource = "the plain profile (commits.profile)"
        }

        // The condition and the value, with the default each rule falls back to.
        let conditionFromRules = setting?.condition != nil
        func condition(_ fallback: CommitRuleSetting.Condition, _ source: String = "the rule's default") {
            guard known.negatable else { return }
            out.condition = setting?.condition ?? fallback
            // A setting without "always"/"never" takes the rule's default, as commitlint does.
            out.conditionSource = conditionFromRules ? fromRules : setting == nil ? source : "the rule's default"
        }
        func value(_ v: CommitRuleSetting.Value, fromRules inRules: Bool, else source: String) {
            out.value = v
            out.valueSource = inRules ? fromRules : source
        }
        let valueInRules = setting?.value != nil
        switch id {
        case "header-max-length":
            let legacy =
                commits.headerMaxLength != nil ? key("headerMaxLength") : "the \(commits.profile.rawValue) profile"
            value(.number(contract.headerMaxLength), fromRules: valueInRules, else: legacy)
        case "body-max-line-length":
            let legacy = commits.bodyMaxLineLength != nil ? key("bodyMaxLineLength") : "the rule's default"
            value(.number(contract.bodyMaxLineLength), fromRules: valueInRules, else: legacy)
        case "footer-max-line-length":
            let legacy = commits.footerMaxLineLength != nil ? key("footerMaxLineLength") : "the rule's default"
            value(.number(contract.footerMaxLineLength), fromRules: valueInRules, else: legacy)
        case "type-empty", "subject-empty", "subject-full-stop":
            condition(.never)
            if id == "subject-full-stop" {
                value(.string(setting?.names?.first ?? "."), fromRules: valueInRules, else: "the rule's default")
            }
        case "type-case":
            let (cases, never) = contract.cases(id, default: (["lower-case"], false))
            condition(never ? .never : .always)
            value(.strings(cases), fromRules: valueInRules, else: "the rule's default")
        case "subject-case":
            let (cases, never) = contract.subjectCases
            condition(never ? .never : .always, key("subjectCase"))
            value(.strings(cases), fromRules: valueInRules, else: key("subjectCase"))
            if cases.isEmpty { out.notes.append("commits.subjectCase is any: no case is asked for") }
        case "type-enum":
            condition(.always)
            value(.strings(contract.types), fromRules: valueInRules, else: key("types"))
        case "scope-enum":
            condition(.always)
            let source = commits.scopesFromWorkspace ? "the workspace and " + key("scopes") : key("scopes")
            value(.strings(contract.scopes), fromRules: valueInRules, else: source)
            if contract.scopes.isEmpty { out.notes.append("no scopes are listed: any scope is allowed") }
        case "scope-empty":
            if setting?.condition != nil {
                condition(.never)
            } else if contract.scopeRequired {
                condition(.never, setting == nil ? key("scopeRequired") : "the rule's default")
            } else {
                out.notes.append("commits.scopeRequired is false: a header without a scope passes")
            }
        case "body-leading-blank", "footer-leading-blank":
            condition(.always)
        case "trailer-exists":
            value(.strings(commits.requiredTrailers), fromRules: false, else: key("requiredTrailers"))
            if commits.requiredTrailers.isEmpty {
                out.notes.append("commits.requiredTrailers is empty: no trailer is asked for")
            }
        default:
            break
        }
        if commits.profile == .plain, !plainRules.contains(id) {
            out.notes.append("the plain profile (commits.profile) does not check this rule")
        }
        return out
    }

    /// The value as a line of text: a length, a character, names joined with `, ` (`(none)` for no names).
    public var valueText: String? {
        switch value {
        case .number(let n)?: return String(n)
        case .string(let s)?: return "'\(s)'"
        case .strings(let list)?: return list.isEmpty ? "(none)" : list.joined(separator: ", ")
        case nil: return nil
        }
    }
}
