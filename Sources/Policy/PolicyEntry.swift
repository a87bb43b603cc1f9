import Base

/// One value of the effective policy, with its key path and the layer it came from.
///
/// `ward policy show` lists these: as `path: value  (source)` lines, or as a JSON array of
/// `{"path", "value", "source"}` objects. A source is `built-in`, a file as the person would
/// write it (`ward.json`, `ward.json:12` when the line is known), `WARD_MODE`, or several of
/// them joined with `, ` for the lists that layers add to.
public struct PolicyEntry: Sendable, Equatable {
    /// A value as the policy file spells it.
    public enum Value: Sendable, Equatable {
        case string(String)
        case list([String])
        case bool(Bool)
        case number(Int)

        /// The value for a line of text: a list joined with `, `, an empty list as `(none)`.
        public var text: String {
            switch self {
            case .string(let s): return s
            case .list(let items): return items.isEmpty ? "(none)" : items.joined(separator: ", ")
            case .bool(let b): return b ? "true" : "false"
            case .number(let n): return String(n)
            }
        }

        /// The value as JSON.
        public var json: String {
            switch self {
            case .string(let s): return JSONWriter.quote(s)
            case .list(let items): return "[" + items.map { JSONWriter.quote($0) }.joined(separator: ",") + "]"
            case .bool(let b): return b ? "true" : "false"
            case .number(let n): return String(n)
            }
        }
    }

    /// The key path as `ward.json` spells it (`scope.allow`, `commits.headerMaxLength`,
    /// `overrides[0].rule`, `commands.rules.git-reset-hard`).
    public var path: String
    public var value: Value
    /// Where the value was set.
    public var source: String

    public init(path: String, value: Value, source: String) {
        self.path = path
        self.value = value
        self.source = source
    }

    /// `path: value  (source)`.
    public var textLine: String { "\(path): \(value.text)  (\(source))" }

    /// `{"path":…,"value":…,"source":…}`, keys in that order.
    public var json: String {
        "{\"path\":\(JSONWriter.quote(path)),\"value\":\(value.json),\"source\":\(JSONWriter.quote(source))}"
    }
}

extension Policy {
    /// Every value of the effective policy with its source, section by section in the order of
    /// `ward.json`: `mode`, `protectedBranches`, `commands`, `scope`, `commits`, `branches`,
    /// `gates` (one entry per gate, `gates.NAME`, its `GateSpec.summary` from the file that
    /// declares it), `overrides`, `honourSessionConfig`, then what merging recorded (`loosenings`, `ignored`)
    /// and one entry per rule (its decision, or `disabled`, from where the rule is defined).
    ///
    /// Values are the effective ones: a mode left unset shows the mode it falls back to, a
    /// length left to the profile shows the profile's default, and no allow list shows `**`
    /// (everywhere). Several allow lists, which intersect, are one entry each.
    public func entries() -> [PolicyEntry] {
        var out: [PolicyEntry] = []
        func add(_ path: String, _ value: PolicyEntry.Value, _ source: String) {
            out.append(PolicyEntry(path: path, value: value, source: source))
        }
        func origin(_ key: String) -> String { origins[key] ?? "built-in" }
        /// Where an area's mode comes from: its own setting, else the policy's `mode`.
        func modeOrigin(_ own: Mode?, _ key: String) -> String { own == nil ? origin("mode") : origin(key) }
        /// The built-in policy when it has items of the list, then each layer that added some.
        func listOrigin(_ key: String, builtin: [String], current: [String]) -> String {
            var sources = current.contains(where: builtin.contains) || current.isEmpty ? ["built-in"] : []
            sources += contributors[key] ?? []
            if sources.isEmpty { sources = [origin(key)] }
            return sources.joined(separator: ", ")
        }
        let base = Policy.builtin

        add("mode", .string(mode.rawValue), origin("mode"))
        add(
            "protectedBranches", .list(protectedBranches),
            listOrigin("protectedBranches", builtin: base.protectedBranches, current: protectedBranches))

        add("commands.mode", .string(commandMode.rawValue), modeOrigin(commands.mode, "commands.mode"))
        add(
            "commands.disable", .list(commands.disable),
            (contributors["commands.disable"] ?? ["built-in"]).joined(separator: ", "))
        add(
            "commands.regenerable", .list(commands.regenerable),
            listOrigin("commands.regenerable", builtin: base.commands.regenerable, current: commands.regenerable))
        add(
            "commands.tempRoots", .list(commands.tempRoots),
            listOrigin("commands.tempRoots", builtin: base.commands.tempRoots, current: commands.tempRoots))
        // The rule packs, each on unless every rule of it is disabled.
        let packs = Policy.rulePacks.map { pack -> String in
            let ids = commands.rules.filter { $0.category == pack }.map(\.id)
            let off = ids.filter(isDisabled)
            let state = off.isEmpty ? "on" : off.count == ids.count ? "off" : "on except \(off.joined(separator: ", "))"
            return "\(pack) (\(ids.count) rule\(ids.count == 1 ? "" : "s")): \(state)"
        }
        add("commands.packs", .list(packs), (contributors["commands.disable"] ?? ["built-in"]).joined(separator: ", "))

        add("scope.mode", .string((scope.mode ?? mode).rawValue), modeOrigin(scope.mode, "scope.mode"))
        if scope.allow.isEmpty {
            add("scope.allow", .list(["**"]), "built-in")
        }
        for list in scope.allow {
            add("scope.allow", .list(list.globs), list.source)
        }
        add(
            "scope.protect", .list(scope.protect),
            listOrigin("scope.protect", builtin: base.scope.protect, current: scope.protect))
        add(
            "scope.outside", .list(scope.outside),
            listOrigin("scope.outside", builtin: base.scope.outside, current: scope.outside))

        add("commits.mode", .string(commitMode.rawValue), modeOrigin(commits.mode, "commits.mode"))
        add("commits.profile", .string(commits.profile.rawValue), origin("commits.profile"))
        add("commits.types", .list(commits.types), origin("commits.types"))
        add("commits.scopes", .list(commits.scopes), origin("commits.scopes"))
        add("commits.scopeRequired", .bool(commits.scopeRequired), origin("commits.scopeRequired"))
        let headerDefault = commits.profile == .plain ? 72 : 100
        add(
            "commits.headerMaxLength", .number(commits.headerMaxLength ?? headerDefault),
            origin("commits.headerMaxLength"))
        add("commits.bodyMaxLineLength", .number(commits.bodyMaxLineLength ?? 100), origin("commits.bodyMaxLineLength"))
        add(
            "commits.footerMaxLineLength", .number(commits.footerMaxLineLength ?? 100),
            origin("commits.footerMaxLineLength"))
        add("commits.subjectCase", .string(commits.subjectCase.rawValue), origin("commits.subjectCase"))
        add(
            "commits.requiredTrailers", .list(commits.requiredTrailers),
            listOrigin(
                "commits.requiredTrailers", builtin: base.commits.requiredTrailers, current: commits.requiredTrailers))
        add("commits.issueLink", .string(commits.issueLink.rawValue), origin("commits.issueLink"))
        add("commits.maxWalk", .number(commits.maxWalk), origin("commits.maxWalk"))
        if commits.scopesFromWorkspace {
            add("commits.scopes.from", .string("workspace"), origin("commits.scopes"))
            add("commits.scopes.extra", .list(commits.extraScopes), origin("commits.scopes"))
        }
        for id in commits.rules.keys.sorted() {
            guard let r = commits.rules[id] else { continue }
            var parts = [r.level.rawValue]
            if let c = r.condition { parts.append(c.rawValue) }
            switch r.value {
            case .number(let n)?: parts.append("\(n)")
            case .string(let s)?: parts.append(s)
            case .strings(let list)?: parts.append(list.joined(separator: ","))
            case nil: break
            }
            add("commits.rules.\(id)", .string(parts.joined(separator: " ")), origin("commits.rules.\(id)"))
        }

        add("branches.mode", .string(branchMode.rawValue), modeOrigin(branches.mode, "branches.mode"))
        add("branches.patterns", .list(branches.patterns), origin("branches.patterns"))
        add(
            "branches.protectedTags", .list(branches.protectedTags),
            listOrigin("branches.protectedTags", builtin: base.branches.protectedTags, current: branches.protectedTags))
        add("ci.policyChanges", .string(ci.policyChanges.rawValue), origin("ci.policyChanges"))

        for gate in gates {
            add("gates.\(gate.name)", .string(gate.summary), gate.source)
        }
        for (i, o) in overrides.enumerated() {
            add("overrides[\(i)].rule", .string(o.rule), o.source)
            add("overrides[\(i)].paths", .list(o.paths.isEmpty ? ["**"] : o.paths), o.source)
            add("overrides[\(i)].reason", .string(o.reason), o.source)
        }
        add("honourSessionConfig", .bool(origins["honourSessionConfig"] != nil), origin("honourSessionConfig"))
        add("loopBreaker.denies", .number(loopBreaker.denies), origin("loopBreaker.denies"))
        add("loopBreaker.minutes", .number(loopBreaker.minutes), origin("loopBreaker.minutes"))
        for (i, text) in loosenings.enumerated() {
            add("loosenings[\(i)]", .string(text), i < looseningSources.count ? looseningSources[i] : "merge")
        }
        for (i, text) in ignored.enumerated() {
            add("ignored[\(i)]", .string(text), i < ignoredSources.count ? ignoredSources[i] : "merge")
        }
        for rule in commands.rules {
            add(
                "commands.rules.\(rule.id)", .string(isDisabled(rule.id) ? "disabled" : rule.decision.rawValue),
                rule.source)
        }
        return out
    }
}
