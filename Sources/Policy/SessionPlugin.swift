/// Parses the `layout` of `.claude/session-plugin.json`, the monorepo parts of the agent
/// orchestration plugins ward replaces, as one test gate per part (DESIGN.md §4, zero-config
/// adoption).
///
/// ```json
/// {"layout": {"parts": [
///   {"name": "api", "path": "services/api", "testCommand": "npm test"},
///   {"name": "web", "path": "web", "testCommand": "pnpm vitest run"}
/// ]}}
/// ```
///
/// Each part with a `testCommand` (or `test`) becomes the gate `test-<name>` that runs the command
/// in the part's `path` at pre-push and in CI, for the whole part (no file list). `layout` may
/// also be an object of parts by name (`{"layout": {"api": {"path": "api", "testCommand": "…"}}}`).
/// A part without a name takes its path's last folder; a name is lower-cased and every character
/// a gate name cannot hold becomes `-`. A command of `skip` names no gate. Other keys
/// (`worktreesPath`, `defaultBranch`, ...) belong to other features and are ignored here. The
/// file is in the protected set, so its gates are not agent-editable. A wrong type, a path
/// outside the repository, or two parts with the same gate name are errors naming the line.
public enum SessionPlugin {
    /// The layer for the file's `text`; throws the first error.
    public static func layer(text: String, file: String) throws(PolicyError) -> PolicyLayer {
        try OrchestrationFile.firstError { errors in layer(text: text, file: file, errors: &errors) }
    }

    /// The layer, with every error appended to `errors` (a bad part is left out, the others read).
    public static func layer(text: String, file: String, errors: inout [PolicyError]) -> PolicyLayer {
        var layer = PolicyLayer(kind: .orchestration, file: file)
        func fail(_ at: JSONValue.Located, _ path: String, _ message: String) {
            errors.append(PolicyError(file: file, line: at.line, path: path, message: message))
        }
        guard let top = OrchestrationFile.members(text, file: file, errors: &errors) else { return layer }
        guard let layout = top.last(where: { $0.key == "layout" })?.value else { return layer }
        guard case .object(let layoutMembers) = layout.value else {
            fail(layout, "layout", "expected an object, found \(layout.value.typeName)")
            return layer
        }
        var parts: [(path: String, name: String?, value: JSONValue.Located)] = []
        if let list = layoutMembers.last(where: { $0.key == "parts" })?.value {
            guard case .array(let items) = list.value else {
                fail(list, "layout.parts", "expected an array of parts, found \(list.value.typeName)")
                return layer
            }
            for (i, item) in items.enumerated() { parts.append(("layout.parts[\(i)]", nil, item)) }
        } else {
            for (key, value) in layoutMembers {
                guard case .object = value.value else { continue }
                parts.append(("layout.\(key)", key, value))
            }
        }
        var gates: [GateSpec] = []
        var lines: [String: Int] = [:]
        for part in parts {
            do throws(PolicyError) {
                guard let gate = try gate(part.value, path: part.path, key: part.name, file: file) else { continue }
                if let first = lines[gate.name] {
                    throw PolicyError(
                        file: file, line: part.value.line, path: part.path,
                        message:
                            "another part (line \(first)) already makes the gate '\(gate.name)'; give the parts different names"
                    )
                }
                lines[gate.name] = part.value.line
                gates.append(gate)
            } catch {
                errors.append(error)
            }
        }
        if !gates.isEmpty { layer.gates = gates }
        return layer
    }

    static func gate(_ value: JSONValue.Located, path: String, key: String?, file: String) throws(PolicyError)
        -> GateSpec?
    {
        func fail(_ at: JSONValue.Located, _ p: String, _ message: String) -> PolicyError {
            PolicyError(file: file, line: at.line, path: p, message: message)
        }
        guard case .object(let members) = value.value else {
            throw fail(value, path, "expected a part object, found \(value.value.typeName)")
        }
        func string(_ name: String) throws(PolicyError) -> String? {
            guard let v = members.last(where: { $0.key == name })?.value else { return nil }
            guard case .string(let s) = v.value else {
                throw fail(v, "\(path).\(name)", "expected a string, found \(v.value.typeName)")
            }
            return String(s.trimmingSpaces)
        }
        var command = try string("testCommand")
        if command == nil { command = try string("test") }
        guard let command, !command.isEmpty, command != "skip" else { return nil }
        let partPath = try string("path") ?? ""
        if partPath.hasPrefix("/") || partPath.split(separator: "/").contains("..") {
            let at = members.last(where: { $0.key == "path" })?.value ?? value
            throw fail(at, "\(path).path", "expected a folder inside the repository, relative to its root")
        }
        let folders = partPath.split(separator: "/").filter { $0 != "." }
        let cwd = folders.isEmpty ? nil : folders.joined(separator: "/")
        let given = try string("name")
        let name = gateName(given ?? key ?? folders.last.map(String.init) ?? "")
        guard !name.isEmpty else {
            throw fail(value, path, "a part needs a 'name' or a 'path' to name its gate")
        }
        return GateSpec(
            name: "test-" + name, run: ["default": command], stages: GateSpec.adoptedStages("test"), cwd: cwd,
            source: "\(file):\(value.line)", agentEditable: false)
    }

    /// `Web App` → `web-app`: lower case, every character a gate name cannot hold as `-`,
    /// without leading or trailing `-`.
    static func gateName(_ text: String) -> String {
        var out = ""
        for c in text.lowercased() {
            if c.isASCII, c.isLetter || c.isNumber || c == "_" || c == "-" {
                out.append(c)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        while out.first == "-" || out.first == "_" { out.removeFirst() }
        while out.last == "-" { out.removeLast() }
        return out
    }
}
