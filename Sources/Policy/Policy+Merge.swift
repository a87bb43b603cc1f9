import Base

extension Policy {
    /// Merges layers onto this (built-in) policy, in order; later layers win.
    ///
    /// A layer may add and tighten freely. Loosening a built-in protection (a weaker mode,
    /// `commands.disable`, an override, more regenerable folders or temp roots) is applied and
    /// recorded in `loosenings`, except from an orchestration file an agent may edit, whose
    /// loosenings are recorded in `ignored` unless a repository layer set `honourSessionConfig`.
    public func merging(_ layers: [PolicyLayer]) throws(PolicyError) -> Policy {
        var errors: [PolicyError] = []
        let merged = merging(layers, errors: &errors)
        if let first = errors.first { throw first }
        return merged
    }

    /// Merges layers as `merging(_:)` does, appending every error (a rule id defined twice, an
    /// unknown id in `disable` or `overrides`) to `errors` and leaving the offending entry out.
    public func merging(_ layers: [PolicyLayer], errors: inout [PolicyError]) -> Policy {
        var p = self
        let honour = layers.contains { $0.kind == .repository && $0.honourSessionConfig == true }
        for layer in layers {
            let untrusted = layer.kind == .orchestration && !honour
            if layer.kind == .repository, layer.honourSessionConfig == true {
                p.origins["honourSessionConfig"] = layer.file
            }
            let at = { (line: Int?) in line.map { "\(layer.file):\($0)" } ?? layer.file }
            if let mode = layer.mode {
                if mode.isLooser(than: p.mode) {
                    if untrusted {
                        p.ignore(
                            "\(layer.file): mode '\(mode.rawValue)' ignored: this file can be edited by an agent; set \"honourSessionConfig\": true in ward.json to honour it",
                            from: layer.file)
                    } else {
                        p.loosen("mode set to '\(mode.rawValue)' by \(at(layer.modeLine))", by: at(layer.modeLine))
                        p.mode = mode
                        p.origins["mode"] = at(layer.modeLine)
                    }
                } else {
                    p.mode = mode
                    p.origins["mode"] = at(layer.modeLine)
                }
            }
            if let mode = layer.commandMode {
                if mode.isLooser(than: p.commandMode) {
                    if untrusted {
                        p.ignore(
                            "\(layer.file): commands.mode '\(mode.rawValue)' ignored: agent-editable file",
                            from: layer.file)
                    } else {
                        p.loosen("commands.mode set to '\(mode.rawValue)' by \(layer.file)", by: layer.file)
                        p.commands.mode = mode
                        p.origins["commands.mode"] = layer.file
                    }
                } else if !untrusted || p.commandMode.isLooser(than: mode) {
                    p.commands.mode = mode
                    p.origins["commands.mode"] = layer.file
                }
            }
            if layer.kind == .environment, let mode = layer.mode {
                // A person's WARD_MODE is the last word for every area.
                p.commands.mode = nil
                p.origins["commands.mode"] = nil
                p.mode = mode
            }
            if let branches = layer.protectedBranches {
                for b in branches where !p.protectedBranches.contains(b) {
                    p.protectedBranches.append(b)
                    p.contribute("protectedBranches", layer.file)
                }
                p.origins["protectedBranches"] = layer.file
            }
            p.mergeContracts(layer, untrusted: untrusted)
            p.mergeScope(layer, untrusted: untrusted)
            p.mergeCI(layer, untrusted: untrusted)
            for rule in layer.rules {
                if let existing = p.rule(rule.id) {
                    errors.append(
                        PolicyError(
                            file: layer.file, line: Self.line(of: rule.source, in: layer.file), path: "commands.rules",
                            message:
                                "rule id '\(rule.id)' is already defined (\(existing.source)); choose another id, or use commands.disable / overrides to loosen it"
                        ))
                    continue
                }
                p.commands.rules.append(rule)
            }
            for (i, id) in layer.disable.enumerated() {
                guard p.rule(id) != nil else {
                    errors.append(
                        PolicyError(
                            file: layer.file, line: i < layer.disableLines.count ? layer.disableLines[i] : nil,
                            path: "commands.disable[\(i)]",
                            message: p.unknownRuleMessage(id)))
                    continue
                }
                if untrusted {
                    p.ignore("\(layer.file): disabling '\(id)' ignored: agent-editable file", from: layer.file)
                    continue
                }
                if !p.commands.disable.contains(id) {
                    p.commands.disable.append(id)
                    p.contribute("commands.disable", layer.file)
                    p.loosen("rule '\(id)' disabled by \(layer.file)", by: layer.file)
                }
            }
            // A breaker that trips later (more denies, a shorter window) or never is a loosening.
            if let denies = layer.loopBreakerDenies {
                if denies == 0 || denies > p.loopBreaker.denies {
                    p.loosen("loopBreaker.denies set to \(denies) by \(layer.file)", by: layer.file)
                }
                p.loopBreaker.denies = denies
                p.origins["loopBreaker.denies"] = layer.file
            }
            if let minutes = layer.loopBreakerMinutes {
                if minutes < p.loopBreaker.minutes {
                    p.loosen("loopBreaker.minutes set to \(minutes) by \(layer.file)", by: layer.file)
                }
                p.loopBreaker.minutes = minutes
                p.origins["loopBreaker.minutes"] = layer.file
            }
            for (key, list) in [("regenerable", layer.regenerable), ("tempRoots", layer.tempRoots)] {
                guard let list else { continue }
                var current = key == "regenerable" ? p.commands.regenerable : p.commands.tempRoots
                for entry in list where !current.contains(entry) {
                    if untrusted {
                        p.ignore(
                            "\(layer.file): commands.\(key) '\(entry)' ignored: agent-editable file", from: layer.file)
                        continue
                    }
                    current.append(entry)
                    p.contribute("commands.\(key)", layer.file)
                    p.loosen("commands.\(key) '\(entry)' added by \(layer.file)", by: layer.file)
                }
                if key == "regenerable" { p.commands.regenerable = current } else { p.commands.tempRoots = current }
                p.origins["commands.\(key)"] = layer.file
            }
            for o in layer.overrides {
                guard p.rule(o.rule) != nil else {
                    errors.append(
                        PolicyError(
                            file: layer.file, line: Self.line(of: o.source, in: layer.file),
                            path: "overrides",
                            message: p.unknownRuleMessage(o.rule)))
                    continue
                }
                if untrusted {
                    p.ignore("\(layer.file): override of '\(o.rule)' ignored: agent-editable file", from: layer.file)
                    continue
                }
                p.overrides.append(o)
                let scope = o.paths.isEmpty ? "everywhere" : o.paths.joined(separator: ", ")
                p.loosen("rule '\(o.rule)' overridden for \(scope) by \(o.source): \(o.reason)", by: o.source)
            }
        }
        p.mergeGates(layers, errors: &errors)
        return p
    }

    /// "no rule has the id 'x'", with the nearest id when one is close (`git-reset-hardd`).
    func unknownRuleMessage(_ id: String) -> String {
        let near = commands.rules.map { ($0.id, editDistance($0.id, id)) }.min { $0.1 < $1.1 }
        if let near, near.1 <= 2 {
            return "no rule has the id '\(id)'; did you mean '\(near.0)'? (see 'ward policy show' for the rule ids)"
        }
        return "no rule has the id '\(id)' (see 'ward policy show' for the rule ids)"
    }

    /// Applies `WARD_MODE` from a person's environment, the last layer.
    public func applyingEnvironmentMode(_ value: String?) throws(PolicyError) -> Policy {
        guard let value, !value.isEmpty else { return self }
        guard let mode = Mode(rawValue: value) else {
            throw PolicyError(
                file: "WARD_MODE", line: nil, path: "", message: "expected enforce, warn or off, found '\(value)'")
        }
        var layer = PolicyLayer(kind: .environment, file: "WARD_MODE")
        layer.mode = mode
        return try merging([layer])
    }
}

extension Policy {
    /// Records a loosening of a built-in protection and the layer (`file` or `file:line`) it came from.
    mutating func loosen(_ text: String, by source: String) {
        loosenings.append(text)
        looseningSources.append(source)
    }

    /// Records a setting that was not applied and the layer that asked for it.
    mutating func ignore(_ text: String, from source: String) {
        ignored.append(text)
        ignoredSources.append(source)
    }

    /// Records that `file` added an item to a list several layers add to (`protectedBranches`).
    mutating func contribute(_ key: String, _ file: String) {
        if contributors[key]?.last != file { contributors[key, default: []].append(file) }
    }

    /// The line of a `file:line` source when it names `file`.
    static func line(of source: String, in file: String) -> Int? {
        guard source.hasPrefix(file + ":") else { return nil }
        return Int(source.dropFirst(file.count + 1))
    }
}

extension Mode {
    /// Whether this mode checks less than `other`.
    public func isLooser(than other: Mode) -> Bool {
        func rank(_ m: Mode) -> Int {
            switch m {
            case .enforce: return 2
            case .warn: return 1
            case .off: return 0
            }
        }
        return rank(self) < rank(other)
    }
}
