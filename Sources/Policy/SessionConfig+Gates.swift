extension SessionConfig {
    /// The gates a Session Config names, in this order, with the key that names each command.
    public static let gateCommands = [
        ("typecheck", "typecheck-command"), ("lint", "lint-command"), ("test", "test-command"),
    ]

    /// The gates of `typecheck-command`, `lint-command` and `test-command`.
    ///
    /// `typecheck` and `lint` run at pre-commit and in CI, `test` at pre-push and in CI; each
    /// runs once for the whole repository (the plugins' commands take no file list). A value of
    /// `skip`, `none` or nothing names no gate. The file is agent-editable, so every gate says so
    /// (`agentEditable`), and a gate of the same name from a protected file loaded later
    /// (`quality-gates.json`, `session-plugin.json`) replaces it.
    public func gates(file: String) -> [GateSpec] {
        var out: [GateSpec] = []
        for (name, key) in Self.gateCommands {
            guard let entry = self[key] else { continue }
            let command = String(entry.value.trimmingSpaces)
            if ["", "skip", "none"].contains(command.lowercased()) { continue }
            out.append(
                GateSpec(
                    name: name, run: ["default": command], stages: GateSpec.adoptedStages(name),
                    source: "\(file):\(entry.line)", agentEditable: true))
        }
        return out
    }
}

extension GateSpec {
    /// The stages of a gate adopted from an orchestration file: `test` (and `test-<part>`) at
    /// pre-push and in CI, everything else at pre-commit and in CI.
    static func adoptedStages(_ name: String) -> [String] {
        name == "test" || name.hasPrefix("test-") ? ["pre-push", "ci"] : ["pre-commit", "ci"]
    }
}
