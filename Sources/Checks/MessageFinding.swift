/// One objection of the commit-message contract: which rule, where, what is wrong, and what was expected.
public struct MessageFinding: Sendable, Equatable {
    /// How a finding counts: errors fail the hook, warnings only print (commitlint's levels 2 and 1).
    public enum Level: String, Sendable {
        case error, warning
    }

    /// The stable rule id, commitlint's where it has one (`type-enum`).
    public var ruleID: String
    public var level: Level
    /// 1-based line in the message as judged (after git's cleanup).
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int
    /// What is wrong, one line.
    public var message: String
    /// The shape the rule expects, one line.
    public var expected: String

    public init(ruleID: String, level: Level, line: Int, column: Int, message: String, expected: String) {
        self.ruleID = ruleID
        self.level = level
        self.line = line
        self.column = column
        self.message = message
        self.expected = expected
    }

    /// `3:1 error type-enum: type 'foo' is not allowed (expected: ...)`.
    public var rendered: String {
        "\(line):\(column) \(level.rawValue) \(ruleID): \(message) (expected: \(expected))"
    }
}

/// Everything the contract found in one message.
public struct MessageReport: Sendable, Equatable {
    public var findings: [MessageFinding] = []
    /// Why the message was not judged at all: a default ignore (`merge commit`), or empty after cleanup.
    public var skipped: String?

    public init(findings: [MessageFinding] = [], skipped: String? = nil) {
        self.findings = findings
        self.skipped = skipped
    }

    public var errors: [MessageFinding] { findings.filter { $0.level == .error } }
    public var warnings: [MessageFinding] { findings.filter { $0.level == .warning } }
    /// Whether no finding is an error.
    public var passed: Bool { !findings.contains { $0.level == .error } }
}
