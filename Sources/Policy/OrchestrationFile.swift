/// What every orchestration JSON file ward adopts (`wave-scope.json`, `quality-gates.json`,
/// `session-plugin.json`) is read with: the file's top-level object, errors collected.
enum OrchestrationFile {
    /// The members of the file's top-level object; nil (with the error appended) when the text
    /// is not JSON or not an object.
    static func members(_ text: String, file: String, errors: inout [PolicyError])
        -> [(key: String, value: JSONValue.Located)]?
    {
        let root: JSONValue.Located
        do throws(PolicyError) {
            root = try JSONParser.parseFile(text, file: file)
        } catch {
            errors.append(error)
            return nil
        }
        guard case .object(let members) = root.value else {
            errors.append(
                PolicyError(
                    file: file, line: root.line, path: "", message: "expected an object, found \(root.value.typeName)"))
            return nil
        }
        return members
    }

    /// Runs a parser that collects errors, and throws the first one: the throwing form each
    /// reader offers beside its collecting one.
    static func firstError<T>(_ parse: (inout [PolicyError]) -> T) throws(PolicyError) -> T {
        var errors: [PolicyError] = []
        let value = parse(&errors)
        if let first = errors.first { throw first }
        return value
    }
}
