/// Parses `.orchestrator/policy/quality-gates.json`, the gate commands of the agent orchestration
/// plugins ward replaces, as gates (DESIGN.md §4, zero-config adoption).
///
/// ```json
/// {"commands": {
///   "typecheck": {"command": "tsc --noEmit", "required": true, "variants": {"pre-commit": "tsc -b"}},
///   "lint": "eslint .",
///   "test": {"command": "npm test", "required": false, "variants": {"pre-commit": "skip"}}
/// }}
/// ```
///
/// Read: `commands.typecheck`, `commands.lint` and `commands.test`, each a command line or an
/// object with `command`, and optionally `required` (default true) and `variants` (a command per
/// stage; keys that are not ward stages are ignored). `typecheck` and `lint` run at pre-commit
/// and in CI, `test` at pre-push and in CI; a variant for another stage adds that stage. A
/// command of `skip` leaves the gate out; a variant of `skip` takes that stage off the gate. Other keys and commands are ignored: the file is another
/// tool's format. The file is in the protected set (`.orchestrator/policy/**`), so its gates are
/// not agent-editable. A wrong type is an error naming the file and line.
public enum QualityGates {
    /// The commands read, in gate order.
    public static let commandNames = ["typecheck", "lint", "test"]

    /// The layer for the file's `text`; throws the first error.
    public static func layer(text: String, file: String) throws(PolicyError) -> PolicyLayer {
        try OrchestrationFile.firstError { errors in layer(text: text, file: file, errors: &errors) }
    }

    /// The layer, with every error appended to `errors` (a bad command is left out, the others read).
    public static func layer(text: String, file: String, errors: inout [PolicyError]) -> PolicyLayer {
        var layer = PolicyLayer(kind: .orchestration, file: file)
        let root: JSONValue.Located
        do throws(PolicyError) {
            root = try JSONParser.parseFile(text, file: file)
        } catch {
            errors.append(error)
            return layer
        }
        func fail(_ at: JSONValue.Located, _ path: String, _ message: String) {
            errors.append(PolicyError(file: file, line: at.line, path: path, message: message))
        }
        guard case .object(let top) = root.value else {
            fail(root, "", "expected an object with 'commands', found \(root.value.typeName)")
            return layer
        }
        guard let commands = top.last(where: { $0.key == "commands" })?.value else {
            fail(root, "", "expected an object with 'commands' (typecheck, lint, test)")
            return layer
        }
        guard case .object(let members) = commands.value else {
            fail(commands, "commands", "expected an object, found \(commands.value.typeName)")
            return layer
        }
        var gates: [GateSpec] = []
        for name in commandNames {
            guard let value = members.last(where: { $0.key == name })?.value else { continue }
            do throws(PolicyError) {
                if let gate = try gate(name, value, file: file) { gates.append(gate) }
            } catch {
                errors.append(error)
            }
        }
        layer.gates = gates
        return layer
    }

    static func gate(_ name: String, _ value: JSONValue.Located, file: String) throws(PolicyError) -> GateSpec? {
        let path = "commands.\(name)"
        func fail(_ at: JSONValue.Located, _ p: String, _ message: String) -> PolicyError {
            PolicyError(file: file, line: at.line, path: p, message: message)
        }
        func command(_ v: JSONValue.Located, _ p: String) throws(PolicyError) -> String {
            guard case .string(let s) = v.value else {
                throw fail(v, p, "expected a command line or 'skip', found \(v.value.typeName)")
            }
            let trimmed = String(s.trimmingSpaces)
            guard !trimmed.isEmpty else {
                throw fail(v, p, "an empty command runs nothing; write 'skip' to leave it out")
            }
            return trimmed
        }
        var gate = GateSpec(
            name: name, stages: GateSpec.adoptedStages(name), source: "\(file):\(value.line)", agentEditable: false)
        switch value.value {
        case .string:
            let c = try command(value, path)
            if c == "skip" { return nil }
            gate.run = ["default": c]
        case .object(let members):
            guard let given = members.last(where: { $0.key == "command" })?.value else {
                throw fail(value, path, "a gate command needs 'command' (a command line, or 'skip')")
            }
            let c = try command(given, "\(path).command")
            if c == "skip" { return nil }
            gate.run = ["default": c]
            if let required = members.last(where: { $0.key == "required" })?.value {
                guard case .bool(let b) = required.value else {
                    throw fail(required, "\(path).required", "expected true or false, found \(required.value.typeName)")
                }
                gate.required = b
            }
            if let variants = members.last(where: { $0.key == "variants" })?.value {
                guard case .object(let items) = variants.value else {
                    throw fail(variants, "\(path).variants", "expected an object, found \(variants.value.typeName)")
                }
                for (stage, v) in items where GateSpec.stages.contains(stage) {
                    let c = try command(v, "\(path).variants.\(stage)")
                    if c == "skip" {
                        gate.stages.removeAll { $0 == stage }
                    } else {
                        gate.run[stage] = c
                        if !gate.stages.contains(stage) { gate.stages.append(stage) }
                    }
                }
            }
        default:
            throw fail(
                value, path, "expected a command line or an object with 'command', found \(value.value.typeName)")
        }
        return gate.stages.isEmpty ? nil : gate
    }
}
