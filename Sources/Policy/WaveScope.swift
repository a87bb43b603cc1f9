/// Parses the text of `.claude/wave-scope.json`, the wave-scope file of the agent orchestration plugins ward
/// replaces (DESIGN.md §4, zero-config adoption; issue 3).
///
/// `allowedPaths` becomes a scope allow list (globs relative to the repository root; an empty
/// list allows no write at all, as in the plugins) and `enforcement` (`strict|warn|off`) the
/// scope's mode. Other keys are ignored: the file is another tool's format. The file is in
/// ward's protected set (agents cannot write it), so its settings apply as a trusted layer.
public enum WaveScope {
    /// The layer for the file's `text`; `file` names it in messages.
    public static func layer(text: String, file: String) throws(PolicyError) -> PolicyLayer {
        try OrchestrationFile.firstError { errors in layer(text: text, file: file, errors: &errors) }
    }

    /// The layer, with every error in the file appended to `errors` (a syntax error stops there).
    public static func layer(text: String, file: String, errors: inout [PolicyError]) -> PolicyLayer {
        var layer = PolicyLayer(kind: .local, file: file)
        guard let members = OrchestrationFile.members(text, file: file, errors: &errors) else { return layer }
        var scope = ScopeLayer()
        var any = false
        if let member = members.last(where: { $0.key == "enforcement" }) {
            if case .string(let s) = member.value.value, let mode = Mode(enforcement: s) {
                scope.mode = mode
                any = true
            } else {
                errors.append(
                    PolicyError(
                        file: file, line: member.value.line, path: "enforcement",
                        message: "expected \"strict\", \"warn\" or \"off\", found \(member.value.value.serialized)"))
            }
        }
        if let member = members.last(where: { $0.key == "allowedPaths" }) {
            if case .array(let items) = member.value.value {
                var globs: [String] = []
                for (i, item) in items.enumerated() {
                    do throws(PolicyError) {
                        globs.append(try glob(item, path: "allowedPaths[\(i)]", file: file))
                    } catch {
                        errors.append(error)
                    }
                }
                scope.allow = globs
                any = true
            } else {
                errors.append(
                    PolicyError(
                        file: file, line: member.value.line, path: "allowedPaths",
                        message: "expected an array of paths, found \(member.value.value.typeName)"))
            }
        }
        if any { layer.scope = scope }
        return layer
    }

    /// One `allowedPaths` entry as a glob anchored at the repository root.
    static func glob(_ item: JSONValue.Located, path: String, file: String) throws(PolicyError) -> String {
        guard case .string(var g) = item.value else {
            throw PolicyError(
                file: file, line: item.line, path: path, message: "expected a string, found \(item.value.typeName)")
        }
        if g.hasPrefix("./") { g.removeFirst(2) }
        // The plugins' paths are relative to the repository root: anchor them there
        // (`src/` is the root's src folder, not any folder named src).
        if !g.hasPrefix("/") && !g.hasPrefix("**") && !g.hasPrefix("!") { g = "/" + g }
        do {
            _ = try ScopePattern(g)
        } catch {
            throw PolicyError(file: file, line: item.line, path: path, message: error.description)
        }
        return g
    }
}
