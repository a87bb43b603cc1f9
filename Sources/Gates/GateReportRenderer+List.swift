import Base
public import Policy

extension GateReportRenderer {
    /// `ward gate list --json`: every gate with its commands per stage, stages, files, needs,
    /// whether it is required, the file it comes from and whether agents may edit that file.
    public static func listJSON(_ gates: [GateSpec]) -> String {
        var json = JSONWriter()
        json.object { json in
            json.key("gates")
            json.array { json in
                for gate in gates {
                    json.object { json in
                        json.member("name", gate.name)
                        json.key("run")
                        json.object { json in
                            for (stage, command) in gate.run.sorted(by: { $0.key < $1.key }) {
                                json.member(stage, command)
                            }
                        }
                        json.member("builtin", gate.builtin)
                        for (key, list) in [
                            ("stages", gate.stages), ("files", gate.files), ("exclude", gate.exclude),
                            ("needs", gate.needs),
                        ] {
                            json.member(key, strings: list)
                        }
                        json.member("required", gate.required)
                        json.member("source", gate.source)
                        json.member("agentEditable", gate.agentEditable)
                    }
                }
            }
        }
        return json.string
    }

    /// `ward gate list`: one line a gate (its summary and source), or how to declare gates.
    public static func list(_ gates: [GateSpec]) -> [String] {
        if gates.isEmpty {
            return ["no gates: declare them under \"gates\" in ward.json (see 'ward gate run --help')"]
        }
        let width = gates.map(\.name.count).max() ?? 0
        let lines = gates.map { gate in
            let pad = String(repeating: " ", count: width - gate.name.count)
            let editable = gate.agentEditable ? " (agent-editable file)" : ""
            return "\(gate.name)\(pad)  \(gate.summary)  (\(gate.source))\(editable)"
        }
        return lines
    }
}
