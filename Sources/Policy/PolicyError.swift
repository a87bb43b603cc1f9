/// A policy file that cannot be used, with the file, line and key path to fix.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var path: String
    public var message: String

    public init(file: String, line: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    /// One line: `ward.json:4: commands.disable[1]: expected a string, found a number`.
    public var description: String {
        var out = file
        if let line { out += ":\(line)" }
        out += ": "
        if !path.isEmpty { out += "\(path): " }
        out += message
        return out
    }
}

extension JSONParser {
    /// Parses a policy-like file (JSON5), turning a syntax error into a `PolicyError` that names
    /// the file, line and column.
    public static func parseFile(_ text: String, file: String) throws(PolicyError) -> JSONValue.Located {
        do {
            return try JSONParser.parse(bytes: Array(text.utf8), json5: true)
        } catch {
            throw PolicyError(
                file: file, line: error.line, path: "",
                message: "not valid JSON5 (column \(error.column)): \(error.message)")
        }
    }
}
