import Base

/// `gates` in `ward.json` or `local.json`: each member a named gate (`GateSpec`).
///
/// ```json5
/// "gates": {
///   "lint": {"run": "swiftlint lint --quiet {files}", "files": ["**/*.swift"]},
///   "test": {"run": {"default": "swift test", "pre-commit": "swift test --filter Fast"},
///            "stages": ["pre-push", "ci"], "timeout": 900, "env": {"CI": "1"}, "needs": ["lint"]},
///   "big": {"builtin": "large-files", "maxBytes": 1048576}
/// }
/// ```
///
/// A gate has `run` (a command line, or one per stage with `default` for the rest) or `builtin`
/// (an id of `BuiltinGate.all`, with that gate's own settings beside the common keys), never
/// both. `files` and `exclude` are gitignore-style globs; `stages` default to `pre-commit` and
/// `ci`; `cwd`, `timeout` and `env` belong to commands only. Every error is recorded with its
/// key path (`gates.test.timeout`) and the gate is left out; `needs` is checked against the
/// merged gates (`Policy.merging`), since `local.json` may name a gate of `ward.json`.
extension PolicyParser {
    static let gateKeys = [
        "run", "builtin", "files", "exclude", "stages", "needs", "cwd", "timeout", "env", "required",
    ]
    static let commandOnlyGateKeys: Set<String> = ["cwd", "timeout", "env"]

    /// The gates of a `gates` object, in the order written; the names of gates left out for an
    /// error go to `invalid`.
    static func parseGates(_ value: JSONValue.Located, ctx: Context, invalid: inout [String]) throws(PolicyError)
        -> [GateSpec]
    {
        guard case .object(let members) = value.value else {
            throw ctx.error(value, "gates", "expected an object of named gates, found \(value.value.typeName)")
        }
        var gates: [GateSpec] = []
        var lines: [String: Int] = [:]
        for (name, v) in members {
            let path = "gates.\(name)"
            guard isGateName(name) else {
                ctx.errors.append(
                    ctx.error(
                        v, path,
                        "a gate name is a lower-case word of letters, digits, '-' and '_' (like 'lint' or 'test-api')"))
                continue
            }
            if let first = lines[name] {
                ctx.errors.append(ctx.error(v, path, "gate '\(name)' is already defined on line \(first)"))
                continue
            }
            lines[name] = v.line
            let before = ctx.errors.count
            let gate = parseGate(v, name: name, ctx: ctx)
            if let gate, ctx.errors.count == before {
                gates.append(gate)
            } else {
                invalid.append(name)
            }
        }
        return gates
    }

    /// One gate; every error is recorded in `ctx`, and nil means the gate cannot be used at all.
    static func parseGate(_ value: JSONValue.Located, name: String, ctx: Context) -> GateSpec? {
        let path = "gates.\(name)"
        guard case .object(let members) = value.value else {
            ctx.errors.append(ctx.error(value, path, "expected a gate object, found \(value.value.typeName)"))
            return nil
        }
        var gate = GateSpec(name: name, source: "\(ctx.file):\(value.line)")
        var hasRun = false
        var runValue: JSONValue.Located?
        var builtin: BuiltinGate?
        var commandOnly: [(key: String, value: JSONValue.Located)] = []
        var optionValues: [(key: String, value: JSONValue.Located)] = []
        // The builtin id decides which extra keys are settings, so read it first.
        if let member = members.last(where: { $0.key == "builtin" }) {
            do throws(PolicyError) {
                let id = try ctx.string(member.value, "\(path).builtin")
                guard let known = BuiltinGate.named(id) else {
                    throw ctx.error(
                        member.value, "\(path).builtin",
                        "unknown built-in gate \(oneOf(id, BuiltinGate.ids, "built-in gates"))")
                }
                builtin = known
                gate.builtin = id
            } catch {
                ctx.errors.append(error)
            }
        }
        for (key, v) in members {
            let p = "\(path).\(key)"
            do throws(PolicyError) {
                switch key {
                case "builtin":
                    continue
                case "run":
                    hasRun = true
                    runValue = v
                    gate.run = try parseRun(v, path: p, ctx: ctx)
                case "files": gate.files = try globs(v, p, ctx: ctx)
                case "exclude": gate.exclude = try globs(v, p, ctx: ctx)
                case "stages": gate.stages = try stages(v, p, ctx: ctx)
                case "needs":
                    var needs: [String] = []
                    for (i, item) in try items(v, p, ctx: ctx).enumerated() {
                        let s = try ctx.string(item, "\(p)[\(i)]")
                        guard isGateName(s) else { throw ctx.error(item, "\(p)[\(i)]", "'\(s)' is not a gate name") }
                        if !needs.contains(s) { needs.append(s) }
                    }
                    gate.needs = needs
                case "cwd":
                    commandOnly.append((key, v))
                    gate.cwd = try cwd(v, p, ctx: ctx)
                case "timeout":
                    commandOnly.append((key, v))
                    gate.timeout = try positiveInteger(v, p, ctx: ctx, what: "seconds")
                case "env":
                    commandOnly.append((key, v))
                    gate.env = try environment(v, p, ctx: ctx)
                case "required":
                    gate.required = try ctx.bool(v, p)
                default:
                    if let builtin, builtin.options[key] != nil {
                        optionValues.append((key, v))
                        continue
                    }
                    let isSetting = BuiltinGate.all.contains { $0.options[key] != nil }
                    // An unknown builtin id is the error already; its settings are not a second one.
                    if builtin == nil, isSetting, members.contains(where: { $0.key == "builtin" }) { continue }
                    let known = gateKeys + (builtin.map { $0.options.keys.sorted() } ?? [])
                    var message = "unknown key \(ctx.suggestion(key, among: known))"
                    if builtin == nil, isSetting {
                        message += "; '\(key)' is a setting of a built-in gate"
                    }
                    throw ctx.error(v, p, message)
                }
            } catch {
                ctx.errors.append(error)
            }
        }
        for (key, v) in optionValues {
            do throws(PolicyError) {
                gate.options[key] = try option(key, v, "\(path).\(key)", ctx: ctx)
            } catch {
                ctx.errors.append(error)
            }
        }
        if hasRun && gate.builtin != nil {
            ctx.errors.append(
                ctx.error(value, path, "a gate has 'run' (a command) or 'builtin' (a check ward runs), not both"))
            return nil
        }
        if !hasRun && !members.contains(where: { $0.key == "builtin" }) {
            ctx.errors.append(
                ctx.error(
                    value, path,
                    "a gate needs 'run' (a command line) or 'builtin' (one of \(BuiltinGate.ids.joined(separator: ", ")))"
                ))
            return nil
        }
        if gate.builtin != nil {
            for (key, v) in commandOnly {
                ctx.errors.append(
                    ctx.error(v, "\(path).\(key)", "'\(key)' applies to a command ('run'), not to a built-in gate"))
            }
        }
        if let runValue, !gate.run.isEmpty, gate.run["default"] == nil {
            let missing = gate.stages.filter { gate.run[$0] == nil }
            if !missing.isEmpty {
                ctx.errors.append(
                    ctx.error(
                        runValue, "\(path).run",
                        "no command for stage \(missing.joined(separator: ", ")); add \"default\" or a command per stage"
                    ))
            }
        }
        return gate
    }

    /// `run`: a command line, or an object of command lines by stage (`default` for the others).
    static func parseRun(_ v: JSONValue.Located, path: String, ctx: Context) throws(PolicyError) -> [String: String] {
        func command(_ item: JSONValue.Located, _ p: String) throws(PolicyError) -> String {
            let s = try ctx.string(item, p)
            guard !s.trimmingWhitespace().isEmpty else { throw ctx.error(item, p, "an empty command runs nothing") }
            return s
        }
        switch v.value {
        case .string:
            return ["default": try command(v, path)]
        case .object(let members):
            guard !members.isEmpty else {
                throw ctx.error(v, path, "expected a command, or an object with \"default\" and per-stage commands")
            }
            var out: [String: String] = [:]
            let keys = ["default"] + GateSpec.stages
            for (key, item) in members {
                guard keys.contains(key) else {
                    throw ctx.error(item, "\(path).\(key)", "unknown stage \(oneOf(key, keys, "stages"))")
                }
                out[key] = try command(item, "\(path).\(key)")
            }
            return out
        default:
            throw ctx.error(
                v, path, "expected a command line or an object of command lines by stage, found \(v.value.typeName)")
        }
    }

    static func items(_ v: JSONValue.Located, _ path: String, ctx: Context) throws(PolicyError) -> [JSONValue.Located] {
        guard case .array(let items) = v.value else {
            throw ctx.error(v, path, "expected an array of strings, found \(v.value.typeName)")
        }
        return items
    }

    /// Globs that compile as `ScopePattern`s (gitignore semantics).
    static func globs(_ v: JSONValue.Located, _ path: String, ctx: Context) throws(PolicyError) -> [String] {
        var out: [String] = []
        for (i, item) in try items(v, path, ctx: ctx).enumerated() {
            let s = try ctx.string(item, "\(path)[\(i)]")
            do {
                _ = try ScopePattern(s)
            } catch {
                throw ctx.error(item, "\(path)[\(i)]", error.description)
            }
            out.append(s)
        }
        return out
    }

    static func stages(_ v: JSONValue.Located, _ path: String, ctx: Context) throws(PolicyError) -> [String] {
        var out: [String] = []
        for (i, item) in try items(v, path, ctx: ctx).enumerated() {
            let s = try ctx.string(item, "\(path)[\(i)]")
            guard GateSpec.stages.contains(s) else {
                throw ctx.error(item, "\(path)[\(i)]", "unknown stage \(oneOf(s, GateSpec.stages, "stages"))")
            }
            if !out.contains(s) { out.append(s) }
        }
        guard !out.isEmpty else {
            throw ctx.error(
                v, path, "a gate needs at least one stage (\(GateSpec.stages.joined(separator: ", ")))")
        }
        return out
    }

    /// A folder relative to the repository root, without `..`.
    static func cwd(_ v: JSONValue.Located, _ path: String, ctx: Context) throws(PolicyError) -> String {
        let s = try ctx.string(v, path)
        guard !s.isEmpty, !s.hasPrefix("/") else {
            throw ctx.error(v, path, "expected a folder relative to the repository root, found '\(s)'")
        }
        let parts = s.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains("..") else {
            throw ctx.error(v, path, "'..' leaves the repository; write the folder from the repository root")
        }
        let kept = parts.filter { $0 != "." }
        return kept.isEmpty ? "." : kept.joined(separator: "/")
    }

    static func positiveInteger(_ v: JSONValue.Located, _ path: String, ctx: Context, what: String)
        throws(PolicyError) -> Int
    {
        guard case .number(let n) = v.value else {
            throw ctx.error(v, path, "expected a number of \(what), found \(v.value.typeName)")
        }
        guard n >= 1, n <= Double(Int32.max), n.rounded() == n else {
            throw ctx.error(v, path, "expected a whole number of \(what), at least 1")
        }
        return Int(n)
    }

    static func environment(_ v: JSONValue.Located, _ path: String, ctx: Context) throws(PolicyError)
        -> [String: String]
    {
        guard case .object(let members) = v.value else {
            throw ctx.error(v, path, "expected an object of variables, found \(v.value.typeName)")
        }
        var out: [String: String] = [:]
        for (key, item) in members {
            guard isVariableName(key) else {
                throw ctx.error(item, "\(path).\(key)", "not a variable name (letters, digits and '_')")
            }
            out[key] = try ctx.string(item, "\(path).\(key)")
        }
        return out
    }

    /// A built-in gate's setting, kept as text.
    static func option(_ key: String, _ v: JSONValue.Located, _ path: String, ctx: Context) throws(PolicyError)
        -> String
    {
        switch key {
        case "maxBytes":
            return String(try positiveInteger(v, path, ctx: ctx, what: "bytes"))
        default:
            return try ctx.string(v, path)
        }
    }

    /// `'x' (did you mean 'y'?)` for a near value, else `'x' (stages: a, b, c)`.
    static func oneOf(_ value: String, _ known: [String], _ noun: String) -> String {
        let near = known.map { ($0, editDistance($0, value.lowercased())) }.min { $0.1 < $1.1 }
        if let near, near.1 <= 2 { return "'\(value)' (did you mean '\(near.0)'?)" }
        return "'\(value)' (\(noun): \(known.joined(separator: ", ")))"
    }

    /// `[a-z0-9][a-z0-9_-]*`.
    public static func isGateName(_ s: String) -> Bool {
        func word(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }
        guard let first = s.utf8.first, word(first) else { return false }
        return s.utf8.allSatisfy { word($0) || $0 == 0x2D || $0 == 0x5F }
    }

    static func isVariableName(_ s: String) -> Bool {
        guard let first = s.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return s.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F
        }
    }
}
