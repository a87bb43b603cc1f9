import Base

extension Policy {
    /// Merges the layers' gates: a later layer's gate replaces an earlier one of the same name
    /// entirely (in its place), a new name is appended.
    ///
    /// Gates from the orchestration files (`quality-gates.json`, the Session Config of
    /// `CLAUDE.md`/`AGENTS.md`, `session-plugin.json`) are adopted only when neither `ward.json`
    /// nor `local.json` declares `gates` (an empty `"gates": {}` declares none on purpose); when
    /// one does, they are recorded in `ignored`. Then every `needs` must name a gate, and `needs`
    /// must not form a cycle: each error names the gate's file and line, and the offending
    /// `needs` entry is left out.
    mutating func mergeGates(_ layers: [PolicyLayer], errors: inout [PolicyError]) {
        let declaring = layers.filter { ($0.kind == .repository || $0.kind == .local) && $0.gates != nil }
        let invalid = Set(layers.flatMap(\.invalidGates))
        var list = gates
        for layer in layers {
            guard let layerGates = layer.gates else { continue }
            if layer.kind == .orchestration && !declaring.isEmpty {
                if !layerGates.isEmpty {
                    let names = layerGates.map(\.name).joined(separator: ", ")
                    let by = declaring.map(\.file).joined(separator: ", ")
                    ignore("\(layer.file): gates \(names) not adopted: \(by) declares the gates", from: layer.file)
                }
                continue
            }
            for gate in layerGates {
                if let i = list.firstIndex(where: { $0.name == gate.name }) {
                    list[i] = gate
                } else {
                    list.append(gate)
                }
            }
            if !layerGates.isEmpty || layer.kind != .orchestration {
                var files = origins["gates"].map { $0.split(separator: ", ").map(String.init) } ?? []
                if !files.contains(layer.file) { files.append(layer.file) }
                origins["gates"] = files.joined(separator: ", ")
            }
        }
        gates = Self.checkingNeeds(list, invalid: invalid, errors: &errors)
    }

    /// `gates` with every `needs` entry that names no gate, or closes a cycle, reported and removed.
    static func checkingNeeds(_ gates: [GateSpec], invalid: Set<String>, errors: inout [PolicyError]) -> [GateSpec] {
        var gates = gates
        let names = gates.map(\.name)
        func error(_ gate: GateSpec, _ message: String) -> PolicyError {
            let (file, line) = Self.fileAndLine(gate.source)
            return PolicyError(file: file, line: line, path: "gates.\(gate.name).needs", message: message)
        }
        for i in gates.indices {
            gates[i].needs = gates[i].needs.filter { need in
                if names.contains(need) { return true }
                // A gate left out for its own error is reported already.
                if invalid.contains(need) { return false }
                let near = names.map { ($0, editDistance($0, need)) }.min { $0.1 < $1.1 }
                var message = "no gate named '\(need)'"
                if let near, near.1 <= 2, near.1 < need.count { message += "; did you mean '\(near.0)'?" }
                message += names.isEmpty ? " (no gates are declared)" : " (gates: \(names.joined(separator: ", ")))"
                errors.append(error(gates[i], message))
                return false
            }
        }
        // Depth-first search in declaration order; an edge back to a gate on the current path
        // closes a cycle: report the path and drop that edge, so the rest still orders.
        var state = [String: Int]()  // 1: on the path, 2: done
        var path: [String] = []
        func visit(_ name: String) {
            guard let i = gates.firstIndex(where: { $0.name == name }) else { return }
            state[name] = 1
            path.append(name)
            var kept: [String] = []
            for need in gates[i].needs {
                switch state[need] {
                case 1:
                    let start = path.firstIndex(of: need) ?? 0
                    let cycle = (path[start...] + [need]).joined(separator: " -> ")
                    errors.append(error(gates[i], "'needs' forms a cycle: \(cycle); remove one of them"))
                case 2:
                    kept.append(need)
                default:
                    visit(need)
                    kept.append(need)
                }
            }
            gates[i].needs = kept
            path.removeLast()
            state[name] = 2
        }
        for name in names where state[name] == nil { visit(name) }
        return gates
    }

    /// `ward.json:12` → (`ward.json`, 12); a source without a line → (source, nil).
    static func fileAndLine(_ source: String) -> (String, Int?) {
        guard let colon = source.lastIndex(of: ":"), let line = Int(source[source.index(after: colon)...]) else {
            return (source, nil)
        }
        return (String(source[..<colon]), line)
    }
}
