import Base
import Commands
import GitHooks
import Policy

/// `ward gate list` and `ward gate run`: the repository's quality gates.
enum GateCommands {
    static func list(_ args: Arguments, _ invocation: Invocation) throws(CommandError) -> ExitStatus {
        _ = try args.positionals(atMost: 0, command: "gate list")
        let loaded = try GuardCommands.policy(try GuardCommands.site(args, invocation))
        let gates = loaded.policy.gates
        if args.flag("--json") {
            var json = JSONWriter()
            json.object { json in
                json.key("gates")
                json.array { json in
                    for gate in gates {
                        json.object { json in
                            json.key("name")
                            json.string(gate.name)
                            json.key("run")
                            json.object { json in
                                for (stage, command) in gate.run.sorted(by: { $0.key < $1.key }) {
                                    json.key(stage)
                                    json.string(command)
                                }
                            }
                            json.key("builtin")
                            json.string(gate.builtin)
                            for (key, list) in [
                                ("stages", gate.stages), ("files", gate.files), ("exclude", gate.exclude),
                                ("needs", gate.needs),
                            ] {
                                json.key(key)
                                json.array { json in for item in list { json.string(item) } }
                            }
                            json.key("required")
                            json.bool(gate.required)
                            json.key("source")
                            json.string(gate.source)
                            json.key("agentEditable")
                            json.bool(gate.agentEditable)
                        }
                    }
                }
            }
            Output.out(json.string)
            return .ok
        }
        if gates.isEmpty {
            Output.out("no gates: declare them under \"gates\" in ward.json (see 'ward gate run --help')")
            return .ok
        }
        let width = gates.map(\.name.count).max() ?? 0
        let lines = gates.map { gate in
            let pad = String(repeating: " ", count: width - gate.name.count)
            let editable = gate.agentEditable ? " (agent-editable file)" : ""
            return "\(gate.name)\(pad)  \(gate.summary)  (\(gate.source))\(editable)"
        }
        Output.out(lines.joined(separator: "\n"))
        return .ok
    }
}
