import Base

/// One policy file's settings, validated, before merging.
///
/// Every field is optional: a layer sets only what it names.
public struct PolicyLayer: Sendable, Equatable {
    /// What the layer is, which decides what it may loosen.
    public enum Kind: String, Sendable {
        case builtin, repository, local, environment, orchestration
    }

    public var kind: Kind
    public var file: String
    public var mode: Mode?
    public var modeLine: Int?
    public var protectedBranches: [String]?
    public var commandMode: Mode?
    public var disable: [String] = []
    /// The line of each `disable` entry, for errors found when the layers are merged.
    public var disableLines: [Int] = []
    public var rules: [Rule] = []
    public var regenerable: [String]?
    public var tempRoots: [String]?
    public var overrides: [Override] = []
    /// The scope guard's settings (`scope`), when the layer names any.
    public var scope: ScopeLayer?
    /// The commit-message contract's settings (`commits`), when the layer names any.
    public var commits: CommitLayer?
    /// The branch contract's settings (`branches`), when the layer names any.
    public var branches: BranchLayer?
    /// `ward ci`'s settings (`ci`), when the layer names any.
    public var ci: CILayer?
    /// The quality gates the layer declares, in the order written; nil when it declares none
    /// (an empty `"gates": {}` declares none on purpose and so turns zero-config gates off).
    public var gates: [GateSpec]?
    /// Gates of this layer left out for an error, so that `needs` naming them is not a second error.
    var invalidGates: [String] = []
    /// Keys the scope, contracts and other later areas own; kept so validation accepts them.
    public var reserved: [String: JSONValue] = [:]
    /// Whether loosenings from agent-editable orchestration files (CLAUDE.md) are honoured.
    public var honourSessionConfig: Bool?
    /// `loopBreaker.denies` and `loopBreaker.minutes`, when the layer sets them.
    public var loopBreakerDenies: Int?
    public var loopBreakerMinutes: Int?

    public init(kind: Kind, file: String) {
        self.kind = kind
        self.file = file
    }
}

/// Turns policy text into a validated `PolicyLayer`, rejecting unknown keys and wrong types.
public enum PolicyParser {
    /// Top-level keys owned by areas that validate their own contents.
    static let reservedKeys: Set<String> = ["worktrees", "audit"]

    /// The layer for `text`; throws the first error in the file (the loaders stop there).
    public static func parse(_ text: String, file: String, kind: PolicyLayer.Kind) throws(PolicyError) -> PolicyLayer {
        var errors: [PolicyError] = []
        let layer = parse(text, file: file, kind: kind, errors: &errors)
        if let first = errors.first { throw first }
        return layer
    }

    /// The layer for `text`, with every error in the file appended to `errors` in file order
    /// (`ward policy validate` reports them all at once). A value in error is left out of the
    /// layer and the rest is read on; a JSON syntax error stops parsing, as one error.
    public static func parse(_ text: String, file: String, kind: PolicyLayer.Kind, errors: inout [PolicyError])
        -> PolicyLayer
    {
        let root: JSONValue.Located
        do {
            root = try JSONParser.parseFile(text, file: file)
        } catch {
            errors.append(error)
            return PolicyLayer(kind: kind, file: file)
        }
        let ctx = Context(file: file)
        let layer = layer(from: root, ctx: ctx, kind: kind)
        errors += ctx.errors
        return layer
    }

    /// The layer for an already parsed file; throws the first error.
    public static func layer(from root: JSONValue.Located, file: String, kind: PolicyLayer.Kind) throws(PolicyError)
        -> PolicyLayer
    {
        let ctx = Context(file: file)
        let layer = layer(from: root, ctx: ctx, kind: kind)
        if let first = ctx.errors.first { throw first }
        return layer
    }

    static func layer(from root: JSONValue.Located, ctx: Context, kind: PolicyLayer.Kind) -> PolicyLayer {
        var layer = PolicyLayer(kind: kind, file: ctx.file)
        guard case .object(let members) = root.value else {
            ctx.errors.append(ctx.error(root, "", "expected an object at the top level, found \(root.value.typeName)"))
            return layer
        }
        for (key, value) in members {
            do throws(PolicyError) {
                switch key {
                case "$schema", "version":
                    continue
                case "mode":
                    layer.mode = try ctx.mode(value, "mode")
                    layer.modeLine = value.line
                case "protectedBranches":
                    layer.protectedBranches = try ctx.strings(value, "protectedBranches", nonEmpty: true)
                case "commands":
                    try parseCommands(value, ctx: ctx, into: &layer)
                case "overrides":
                    layer.overrides = try parseOverrides(value, ctx: ctx)
                case "scope":
                    layer.scope = try parseScope(value, ctx: ctx)
                case "commits":
                    layer.commits = try parseCommits(value, ctx: ctx)
                case "branches":
                    layer.branches = try parseBranches(value, ctx: ctx)
                case "ci":
                    layer.ci = try parseCI(value, ctx: ctx)
                case "honourSessionConfig":
                    layer.honourSessionConfig = try ctx.bool(value, key)
                case "loopBreaker":
                    try parseLoopBreaker(value, ctx: ctx, into: &layer)
                case "gates":
                    layer.gates = try parseGates(value, ctx: ctx, invalid: &layer.invalidGates)
                default:
                    if reservedKeys.contains(key) {
                        guard case .object = value.value else {
                            throw ctx.error(value, key, "expected an object, found \(value.value.typeName)")
                        }
                        if key == "worktrees" { _ = try WorktreesPolicy.parse(value, file: ctx.file) }
                        layer.reserved[key] = value.value
                        continue
                    }
                    throw ctx.error(value, key, "unknown key \(ctx.suggestion(key, among: topLevelKeys))")
                }
            } catch {
                ctx.errors.append(error)
            }
        }
        return layer
    }

    static let topLevelKeys =
        [
            "mode", "protectedBranches", "commands", "scope", "commits", "branches", "gates", "overrides",
            "honourSessionConfig", "ci", "loopBreaker",
        ] + reservedKeys.sorted()
    static let loopBreakerKeys = ["denies", "minutes"]

    /// `loopBreaker`: `denies` (0 switches it off) within `minutes`.
    private static func parseLoopBreaker(_ value: JSONValue.Located, ctx: Context, into layer: inout PolicyLayer)
        throws(PolicyError)
    {
        guard case .object(let members) = value.value else {
            throw ctx.error(value, "loopBreaker", "expected an object, found \(value.value.typeName)")
        }
        for (key, v) in members {
            let path = "loopBreaker.\(key)"
            switch key {
            case "denies": layer.loopBreakerDenies = try ctx.integer(v, path, atLeast: 0)
            case "minutes": layer.loopBreakerMinutes = try ctx.integer(v, path, atLeast: 1)
            default: throw ctx.error(v, path, "unknown key \(ctx.suggestion(key, among: loopBreakerKeys))")
            }
        }
    }
    static let commandKeys = ["mode", "disable", "rules", "regenerable", "tempRoots"]
    static let ruleKeys = ["id", "category", "decision", "reason", "alternative", "match"]
    static let matchKeys = ["programs", "subcommand", "anyOption", "anyArgument", "pattern"]
    static let overrideKeys = ["rule", "paths", "reason"]

    /// `commands`: an error in one key (or one rule) is recorded and the others are read on.
    private static func parseCommands(_ value: JSONValue.Located, ctx: Context, into layer: inout PolicyLayer)
        throws(PolicyError)
    {
        guard case .object(let members) = value.value else {
            throw ctx.error(value, "commands", "expected an object, found \(value.value.typeName)")
        }
        for (key, v) in members {
            let path = "commands.\(key)"
            do throws(PolicyError) {
                switch key {
                case "mode": layer.commandMode = try ctx.mode(v, path)
                case "disable":
                    layer.disable = try ctx.strings(v, path, nonEmpty: true)
                    if case .array(let items) = v.value { layer.disableLines = items.map(\.line) }
                case "regenerable": layer.regenerable = try ctx.strings(v, path, nonEmpty: true)
                case "tempRoots": layer.tempRoots = try ctx.strings(v, path, nonEmpty: true)
                case "rules":
                    guard case .array(let items) = v.value else {
                        throw ctx.error(v, path, "expected an array of rules, found \(v.value.typeName)")
                    }
                    for (i, item) in items.enumerated() {
                        do throws(PolicyError) {
                            layer.rules.append(try parseRule(item, path: "\(path)[\(i)]", ctx: ctx, kind: layer.kind))
                        } catch {
                            ctx.errors.append(error)
                        }
                    }
                default:
                    throw ctx.error(v, path, "unknown key \(ctx.suggestion(key, among: commandKeys))")
                }
            } catch {
                ctx.errors.append(error)
            }
        }
    }

    static func parseRule(_ value: JSONValue.Located, path: String, ctx: Context, kind: PolicyLayer.Kind)
        throws(PolicyError) -> Rule
    {
        guard case .object(let members) = value.value else {
            throw ctx.error(value, path, "expected a rule object, found \(value.value.typeName)")
        }
        var id: String?
        var category = "custom"
        var decision = Decision.deny
        var reason: String?
        var alternative = ""
        var match: RuleMatch?
        for (key, v) in members {
            let p = "\(path).\(key)"
            switch key {
            case "id":
                let s = try ctx.string(v, p)
                guard isKebabCase(s) else { throw ctx.error(v, p, "rule ids are kebab-case, like 'terraform-destroy'") }
                id = s
            case "category": category = try ctx.string(v, p)
            case "decision":
                let s = try ctx.string(v, p)
                guard let d = Decision(rawValue: s) else {
                    throw ctx.error(v, p, "expected one of allow, warn, ask, deny, found '\(s)'")
                }
                decision = d
            case "reason": reason = try ctx.string(v, p)
            case "alternative": alternative = try ctx.string(v, p)
            case "match": match = try parseMatch(v, path: p, ctx: ctx)
            default:
                throw ctx.error(v, p, "unknown key \(ctx.suggestion(key, among: ruleKeys))")
            }
        }
        guard let id else { throw ctx.error(value, path, "a rule needs an 'id'") }
        guard let reason, !reason.isEmpty else { throw ctx.error(value, path, "rule '\(id)' needs a 'reason'") }
        if kind != .builtin && match == nil {
            throw ctx.error(
                value, path, "rule '\(id)' needs a 'match' (programs, subcommand, anyOption, anyArgument, pattern)")
        }
        return Rule(
            id: id, category: category, decision: decision, reason: reason, alternative: alternative, match: match,
            source: kind == .builtin ? "built-in" : "\(ctx.file):\(value.line)")
    }

    private static func parseMatch(_ value: JSONValue.Located, path: String, ctx: Context) throws(PolicyError)
        -> RuleMatch
    {
        guard case .object(let members) = value.value else {
            throw ctx.error(value, path, "expected an object, found \(value.value.typeName)")
        }
        var m = RuleMatch()
        for (key, v) in members {
            let p = "\(path).\(key)"
            switch key {
            case "programs": m.programs = try ctx.strings(v, p, nonEmpty: true)
            case "subcommand": m.subcommand = try ctx.strings(v, p, nonEmpty: true)
            case "anyOption": m.anyOption = try ctx.strings(v, p, nonEmpty: true)
            case "anyArgument": m.anyArgument = try ctx.strings(v, p, nonEmpty: true)
            case "pattern":
                let s = try ctx.string(v, p)
                do {
                    _ = try Regex(s)
                } catch {
                    throw ctx.error(v, p, "not a valid regular expression: \(error)")
                }
                m.pattern = s
            default:
                throw ctx.error(v, p, "unknown key \(ctx.suggestion(key, among: matchKeys))")
            }
        }
        if m.programs.isEmpty && m.pattern == nil {
            throw ctx.error(value, path, "a match needs 'programs' or 'pattern'")
        }
        return m
    }

    private static func parseOverrides(_ value: JSONValue.Located, ctx: Context) throws(PolicyError) -> [Override] {
        guard case .array(let items) = value.value else {
            throw ctx.error(value, "overrides", "expected an array, found \(value.value.typeName)")
        }
        var out: [Override] = []
        for (i, item) in items.enumerated() {
            do throws(PolicyError) {
                out.append(try parseOverride(item, path: "overrides[\(i)]", ctx: ctx))
            } catch {
                ctx.errors.append(error)
            }
        }
        return out
    }

    private static func parseOverride(_ item: JSONValue.Located, path: String, ctx: Context) throws(PolicyError)
        -> Override
    {
        guard case .object(let members) = item.value else {
            throw ctx.error(item, path, "expected an object, found \(item.value.typeName)")
        }
        var rule: String?
        var paths: [String] = []
        var reason: String?
        for (key, v) in members {
            let p = "\(path).\(key)"
            switch key {
            case "rule": rule = try ctx.string(v, p)
            case "paths": paths = try ctx.strings(v, p, nonEmpty: true)
            case "reason": reason = try ctx.string(v, p)
            default: throw ctx.error(v, p, "unknown key \(ctx.suggestion(key, among: overrideKeys))")
            }
        }
        guard let rule else { throw ctx.error(item, path, "an override needs the 'rule' it loosens") }
        guard let reason, !reason.trimmingWhitespace().isEmpty else {
            throw ctx.error(item, path, "an override of '\(rule)' needs a 'reason'")
        }
        return Override(rule: rule, paths: paths, reason: reason, source: "\(ctx.file):\(item.line)")
    }

    static func isKebabCase(_ s: String) -> Bool {
        guard let first = s.utf8.first, first >= 0x61 && first <= 0x7A else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// The file being read and the errors found so far: parsers record an error and read on.
    final class Context {
        let file: String
        var errors: [PolicyError] = []

        init(file: String) {
            self.file = file
        }

        func error(_ value: JSONValue.Located, _ path: String, _ message: String) -> PolicyError {
            PolicyError(file: file, line: value.line, path: path, message: message)
        }

        func string(_ v: JSONValue.Located, _ path: String) throws(PolicyError) -> String {
            guard case .string(let s) = v.value else {
                throw error(v, path, "expected a string, found \(v.value.typeName)")
            }
            return s
        }

        func strings(_ v: JSONValue.Located, _ path: String, nonEmpty: Bool) throws(PolicyError) -> [String] {
            guard case .array(let items) = v.value else {
                throw error(v, path, "expected an array of strings, found \(v.value.typeName)")
            }
            var out: [String] = []
            for (i, item) in items.enumerated() {
                let s = try string(item, "\(path)[\(i)]")
                if nonEmpty && s.isEmpty { throw error(item, "\(path)[\(i)]", "empty string") }
                out.append(s)
            }
            return out
        }

        func mode(_ v: JSONValue.Located, _ path: String) throws(PolicyError) -> Mode {
            let s = try string(v, path)
            guard let m = Mode(rawValue: s) else {
                throw error(v, path, "expected one of enforce, warn, off, found '\(s)'")
            }
            return m
        }

        func suggestion(_ key: String, among known: [String]) -> String {
            let lower = key.lowercased()
            if let near = known.first(where: { $0.lowercased() == lower || editDistance($0.lowercased(), lower) <= 2 })
            {
                return "'\(key)' (did you mean '\(near)'?)"
            }
            return "'\(key)' (known keys: \(known.joined(separator: ", ")))"
        }
    }
}
