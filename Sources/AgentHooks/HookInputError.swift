public import Policy

/// A hook payload ward cannot read, which the runner turns into a deny (fail closed).
///
/// The message names the field, so the person reading the audit log or the model reading the
/// denial sees what was wrong with the call.
public enum HookInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// More bytes than `HookRunner.maxInputBytes`; nothing was parsed.
    case tooLarge(limit: Int)
    /// Bytes that are not UTF-8, at this byte offset.
    case invalidUTF8(offset: Int)
    /// Empty input or input that is not JSON.
    case syntax(JSONSyntaxError?)
    /// A field that must be present is missing (`tool_input.command`).
    case missing(field: String)
    /// A field has the wrong type.
    case wrongType(field: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .tooLarge(let limit):
            return "hook input is larger than \(limit >> 20) MiB and was not read"
        case .invalidUTF8(let offset):
            return "hook input is not valid UTF-8 (byte \(offset))"
        case .syntax(let error?):
            return "hook input is not valid JSON: \(error.description)"
        case .syntax(nil):
            return "hook input is empty; expected one JSON object"
        case .missing(let field):
            return "hook input has no \(field)"
        case .wrongType(let field, let expected, let found):
            return "hook input field \(field) must be \(expected), found \(found)"
        }
    }
}
