/// A parsed command line: the structure the guard walks.
///
/// The tree keeps what decides safety (programs, arguments, redirections, nested command lines,
/// here-document bodies) and drops what does not (control-flow shape: every branch of an `if`
/// or `case` is kept, since any of them may run).
public indirect enum Node: Sendable, Equatable {
    /// One simple command.
    case command(SimpleCommand)
    /// Commands run one after another (`;`, `&&`, `||`, `&`, newlines, keyword bodies).
    case sequence([Node])
    /// Commands connected by `|` or `|&`; the output of each feeds the next.
    case pipeline([Node])
    /// A subshell `( … )` or a command substitution: `cd` inside does not leak out.
    case subshell(Node)

    /// Every simple command in the tree, depth first, substitutions before their command.
    public var simpleCommands: [SimpleCommand] {
        var out: [SimpleCommand] = []
        collect(into: &out)
        return out
    }

    private func collect(into out: inout [SimpleCommand]) {
        switch self {
        case .command(let c):
            for s in c.substitutions { s.collect(into: &out) }
            for r in c.redirections { for s in r.target.substitutions { s.collect(into: &out) } }
            out.append(c)
        case .sequence(let nodes), .pipeline(let nodes):
            for n in nodes { n.collect(into: &out) }
        case .subshell(let n):
            n.collect(into: &out)
        }
    }
}

/// A simple command: assignments, words and redirections, in source order.
public struct SimpleCommand: Sendable, Equatable {
    public var assignments: [Assignment] = []
    /// The program and its arguments, before expansion.
    public var words: [Word] = []
    public var redirections: [Redirection] = []
    /// Command lines nested in words and assignments (`$(…)`, backticks, `<(…)`), each run first.
    public var substitutions: [Node] = []
    /// The command's source text.
    public var text: String = ""

    public init() {}
}

/// `NAME=value` before a command, or on its own.
public struct Assignment: Sendable, Equatable {
    public var name: String
    public var value: Word
}

/// A redirection: `2>file`, `>>log`, `<<EOF` with its body, `<<<word`.
public struct Redirection: Sendable, Equatable {
    public enum Operator: String, Sendable {
        case input = "<"
        case output = ">"
        case append = ">>"
        case clobber = ">|"
        case readWrite = "<>"
        case duplicateOutput = ">&"
        case duplicateInput = "<&"
        case outputAndError = "&>"
        case appendOutputAndError = "&>>"
        case hereDocument = "<<"
        case hereString = "<<<"
    }

    public var fd: Int?
    public var op: Operator
    /// The file, descriptor or here-string word; for a here-document, its delimiter.
    public var target: Word
    /// The body of a here-document, when `op` is `.hereDocument`.
    public var hereDocument: HereDocument?
    /// Links a here-document to its body while parsing.
    var hereDocumentID = 0

    public static func == (a: Redirection, b: Redirection) -> Bool {
        a.fd == b.fd && a.op == b.op && a.target == b.target && a.hereDocument == b.hereDocument
    }

    /// Whether the redirection writes to (and may create or truncate) its target.
    public var writes: Bool {
        switch op {
        case .output, .append, .clobber, .readWrite, .outputAndError, .appendOutputAndError: return true
        case .duplicateOutput: return target.literal.map { Int($0) == nil && $0 != "-" } ?? true
        default: return false
        }
    }

    /// Whether the redirection replaces the target's contents.
    public var truncates: Bool {
        switch op {
        case .output, .clobber, .outputAndError: return true
        case .duplicateOutput: return writes
        default: return false
        }
    }
}

/// A here-document body and whether the shell expands `$…` and backticks in it.
public struct HereDocument: Sendable, Equatable {
    public var body: String
    public var expands: Bool
}

/// A shell word before expansion: literal text, quoted or not, and the dynamic parts.
public struct Word: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        /// Text after quote removal. `quoted` text is never a glob.
        case literal(String, quoted: Bool)
        /// `$NAME`, `${NAME}`, `${NAME:-word}`: `modifier` is what follows the name (`:-word`).
        case parameter(name: String, modifier: String, quoted: Bool)
        /// `$(…)` or backticks; the command line is in the command's `substitutions`.
        case commandSubstitution(quoted: Bool)
        /// `$((…))`.
        case arithmetic
        /// `<(…)` or `>(…)`: expands to a file name.
        case processSubstitution
        /// `~` or `~user` at the start of a word.
        case tilde(user: String)
    }

    public var parts: [Part]
    /// The source text of the word.
    public var raw: String
    /// Nested command lines found in this word.
    public var substitutions: [Node] = []

    public init(parts: [Part], raw: String, substitutions: [Node] = []) {
        self.parts = parts
        self.raw = raw
        self.substitutions = substitutions
    }

    /// The word's value when it has no dynamic part (quotes removed, escapes resolved).
    public var literal: String? {
        var out = ""
        for p in parts {
            guard case .literal(let s, _) = p else { return nil }
            out += s
        }
        return out
    }

    /// Whether an unquoted glob character (`*`, `?`, `[`) appears.
    public var hasGlob: Bool {
        for p in parts {
            if case .literal(let s, false) = p, s.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
                return true
            }
        }
        return false
    }
}

/// A command line that cannot be parsed safely.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { "\(message) (at byte \(offset))" }
}
