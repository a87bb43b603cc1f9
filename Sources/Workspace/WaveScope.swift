import Policy

/// Reads `.claude/wave-scope.json`, the wave-scope file of the agent orchestration plugins ward
/// replaces (DESIGN.md §4, zero-config adoption).
///
/// Only `enforcement` (`strict|warn|off`, mapped like `SessionConfig`'s) is read today, as the
/// layer's `mode`; `allowedPaths` belongs to the scope guard, a later feature. Other keys are
/// ignored: the file is another tool's format. The file is agent-editable, so a looser mode is
/// recorded as ignored by `Policy.merging` unless `ward.json` sets `honourSessionConfig`.
public enum WaveScope {
    /// The layer for the file's `text`, of kind `.orchestration`; `file` names it in messages.
    public static func layer(text: String, file: String) throws(PolicyError) -> PolicyLayer {
        let root: JSONValue.Located
        do {
            root = try JSONParser.parse(bytes: Array(text.utf8), json5: true)
        } catch {
            throw PolicyError(
                file: file, line: error.line, path: "",
                message: "not valid JSON (column \(error.column)): \(error.message)")
        }
        guard case .object(let members) = root.value else {
            throw PolicyError(
                file: file, line: root.line, path: "", message: "expected an object, found \(root.value.typeName)")
        }
        var layer = PolicyLayer(kind: .orchestration, file: file)
        if let member = members.last(where: { $0.key == "enforcement" }) {
            guard case .string(let s) = member.value.value, let mode = Mode(enforcement: s) else {
                throw PolicyError(
                    file: file, line: member.value.line, path: "enforcement",
                    message: "expected \"strict\", \"warn\" or \"off\", found \(member.value.value.serialized)")
            }
            layer.mode = mode
            layer.modeLine = member.value.line
        }
        return layer
    }
}
