/// Why the gate runner could not run at all (as opposed to a gate that ran and failed): one line
/// a person can act on.
public struct GateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
