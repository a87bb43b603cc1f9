extension GateSpec {
    /// The gate in one line, as `ward policy show` prints it: the command (its per-stage
    /// variants in parentheses) or `builtin ID` with its settings, then what differs from a
    /// plain gate, each part after `; `:
    /// `swift test (pre-commit: swift test --filter Fast); stages pre-push, ci; needs lint; advisory`.
    public var summary: String {
        var parts: [String] = []
        if let builtin {
            let settings = options.keys.sorted().map { "\($0)=\(options[$0] ?? "")" }
            parts.append((["builtin \(builtin)"] + settings).joined(separator: " "))
        } else {
            var head = run["default"] ?? ""
            let variants = GateSpec.stages.compactMap { stage in run[stage].map { "\(stage): \($0)" } }
            if !variants.isEmpty {
                head += head.isEmpty ? variants.joined(separator: "; ") : " (\(variants.joined(separator: "; ")))"
            }
            parts.append(head)
        }
        parts.append("stages \(stages.joined(separator: ", "))")
        if !files.isEmpty { parts.append("files \(files.joined(separator: ", "))") }
        if !exclude.isEmpty { parts.append("exclude \(exclude.joined(separator: ", "))") }
        if !needs.isEmpty { parts.append("needs \(needs.joined(separator: ", "))") }
        if let cwd { parts.append("cwd \(cwd)") }
        if let timeout { parts.append("timeout \(timeout)s") }
        if !env.isEmpty {
            parts.append("env " + env.keys.sorted().map { "\($0)=\(env[$0] ?? "")" }.joined(separator: " "))
        }
        if !required { parts.append("advisory") }
        if agentEditable { parts.append("agent-editable") }
        return parts.joined(separator: "; ")
    }
}
