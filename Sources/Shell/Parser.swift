/// A parser for the command lines coding agents send: POSIX sh and the bash that agents write.
///
/// Pure: no I/O, no environment. It errs on the side of seeing more: every branch of a
/// conditional is kept, an unterminated quote or substitution runs to the end of the input,
/// and only what could hide commands from the guard (an unterminated here-document, nesting
/// beyond a limit) is an error.
public struct Parser {
    private let bytes: [UInt8]
    private var pos = 0
    private var depth = 0
    /// Here-documents whose bodies start after the next newline.
    private var pendingHereDocs: [(id: Int, delimiter: String, strip: Bool, quoted: Bool)] = []
    /// Bodies read so far, by here-document id; attached to the tree when parsing ends.
    private var hereDocBodies: [Int: (doc: HereDocument, subs: [Node])] = [:]
    private var nextHereDocID = 1
    private static let maxDepth = 64

    public static func parse(_ text: String) throws(ParseError) -> Node {
        var p = Parser(bytes: Array(text.utf8))
        return try p.parseScript()
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: - Characters

    private var atEnd: Bool { pos >= bytes.count }
    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : nil
    }
    private func char(_ c: Character) -> UInt8 { c.asciiValue ?? 0 }

    private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
    private static func isMeta(_ c: UInt8) -> Bool {
        switch c {
        case 0x20, 0x09, 0x0A, 0x3B, 0x26, 0x7C, 0x28, 0x29, 0x3C, 0x3E: return true  // sp \t \n ; & | ( ) < >
        default: return false
        }
    }
    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }
    private static func isNameChar(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 0x30 && c <= 0x39) }

    private func error(_ message: String) -> ParseError { ParseError(offset: pos, message: message) }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[max(0, from)..<min(to, bytes.count)], as: UTF8.self)
    }

    /// Skips blanks, line continuations and comments; stops at a newline.
    private mutating func skipBlanks() {
        while let c = peek() {
            if Self.isBlank(c) {
                pos += 1
            } else if c == 0x5C, peek(1) == 0x0A {  // backslash-newline
                pos += 2
            } else if c == 0x23 {  // # starts a comment at a word boundary
                while let d = peek(), d != 0x0A { pos += 1 }
            } else {
                return
            }
        }
    }

    // MARK: - Structure

    private mutating func parseScript() throws(ParseError) -> Node {
        let node = try parseList(until: [])
        skipBlanks()
        if !atEnd {
            throw error("unexpected '\(text(pos, pos + 1))'")
        }
        if !pendingHereDocs.isEmpty {
            throw error("here-document '\(pendingHereDocs[0].delimiter)' is not terminated")
        }
        return hereDocBodies.isEmpty ? node : attachHereDocs(node)
    }

    /// Ends a nested parser (backticks, arithmetic, an expanding here-document body): its own
    /// here-documents must be complete, and are attached before its nodes join the outer tree.
    private func finishNested(_ nodes: [Node]) throws(ParseError) -> [Node] {
        if let doc = pendingHereDocs.first {
            throw ParseError(
                offset: pos, message: "here-document '\(doc.delimiter)' in a substitution is not terminated")
        }
        return nodes.map(attachHereDocs)
    }

    /// Puts the here-document bodies, read after their command was built, into the tree.
    private func attachHereDocs(_ node: Node) -> Node {
        switch node {
        case .command(var c):
            for i in c.redirections.indices {
                if let entry = hereDocBodies[c.redirections[i].hereDocumentID] {
                    c.redirections[i].hereDocument = entry.doc
                    c.redirections[i].target.substitutions += entry.subs
                }
                // Attached: the id must not match a body of an enclosing parser.
                c.redirections[i].hereDocumentID = 0
            }
            c.substitutions = c.substitutions.map(attachHereDocs)
            for i in c.redirections.indices {
                c.redirections[i].target.substitutions = c.redirections[i].target.substitutions.map(attachHereDocs)
            }
            return .command(c)
        case .sequence(let nodes): return .sequence(nodes.map(attachHereDocs))
        case .pipeline(let nodes): return .pipeline(nodes.map(attachHereDocs))
        case .subshell(let n): return .subshell(attachHereDocs(n))
        }
    }

    /// Words that end a list when they stand where a command would start.
    private static let closingWords: Set<String> = ["then", "elif", "else", "fi", "do", "done", "esac", "}", "in"]

    /// Parses commands separated by `;`, `&`, `&&`, `||` and newlines until a closing word,
    /// a `)` or `;;`, or the end.
    private mutating func parseList(until closers: Set<String>) throws(ParseError) -> Node {
        var items: [Node] = []
        while true {
            skipBlanks()
            guard let c = peek() else { break }
            if c == 0x0A {
                pos += 1
                try readHereDocBodies()
                continue
            }
            if c == 0x3B {  // ;
                if peek(1) == 0x3B { break }  // ;; ends a case item
                pos += 1
                if peek() == 0x26 { pos += 1 }  // ;&
                continue
            }
            if c == 0x26 {  // & or &&
                pos += peek(1) == 0x26 ? 2 : 1
                continue
            }
            if c == 0x7C, peek(1) == 0x7C {  // ||
                pos += 2
                continue
            }
            if c == 0x29 { break }  // ) closes a subshell or substitution
            if let word = peekReservedWord(), closers.contains(word) || Self.closingWords.contains(word) {
                break
            }
            let before = pos
            if let node = try parsePipeline() {
                items.append(node)
            }
            if pos == before {
                // Nothing consumed: an operator we do not parse here. Step over it.
                pos += 1
            }
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// The reserved word at the current position, if the next word is one.
    private func peekReservedWord() -> String? {
        var end = pos
        while end < bytes.count, !Self.isMeta(bytes[end]) { end += 1 }
        guard end > pos, end - pos <= 8 else {
            if end == pos, peek() == 0x7D { return "}" }
            return nil
        }
        let w = text(pos, end)
        switch w {
        case "if", "then", "elif", "else", "fi", "do", "done", "while", "until", "for", "select", "case", "esac",
            "function", "{", "}", "!", "in", "time", "[[", "coproc":
            return w
        default:
            return nil
        }
    }

    private mutating func parsePipeline() throws(ParseError) -> Node? {
        var stages: [Node] = []
        while true {
            skipBlanks()
            if let stage = try parseCommand() {
                stages.append(stage)
            }
            skipBlanks()
            if peek() == 0x7C, peek(1) != 0x7C {  // | or |&
                pos += peek(1) == 0x26 ? 2 : 1
                // Newlines may follow a pipe.
                while true {
                    skipBlanks()
                    if peek() == 0x0A {
                        pos += 1
                        try readHereDocBodies()
                    } else {
                        break
                    }
                }
                continue
            }
            break
        }
        if stages.isEmpty { return nil }
        return stages.count == 1 ? stages[0] : .pipeline(stages)
    }

    private mutating func enter() throws(ParseError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nested more than \(Self.maxDepth) levels deep") }
    }

    /// One command: a compound command, a function definition or a simple command.
    private mutating func parseCommand() throws(ParseError) -> Node? {
        skipBlanks()
        guard let c = peek() else { return nil }
        if c == 0x28 {  // (
            if peek(1) == 0x28, let arithmetic = scanArithmetic(from: pos + 2) {  // (( … ))
                let subs = try substitutions(inArithmetic: pos + 2, to: arithmetic.innerEnd)
                pos = arithmetic.end
                var cmd = SimpleCommand()
                cmd.words = [Word(parts: [.literal("((", quoted: false)], raw: "((")]
                cmd.substitutions = subs
                cmd.text = "((…))"
                return try withRedirections(.command(cmd))
            }
            try enter()
            defer { depth -= 1 }
            pos += 1
            let body = try parseList(until: [])
            skipBlanks()
            if peek() == 0x29 { pos += 1 }
            return try withRedirections(.subshell(body))
        }
        if let word = peekReservedWord() {
            switch word {
            case "{":
                try enter()
                defer { depth -= 1 }
                pos += 1
                let body = try parseList(until: ["}"])
                skipBlanks()
                if peek() == 0x7D { pos += 1 }
                return try withRedirections(body)
            case "if", "then", "elif", "else", "while", "until", "do", "!", "time", "coproc":
                // Keywords that introduce commands: every branch is kept, so the keyword is skipped.
                pos += word.utf8.count
                if word == "time" {
                    skipBlanks()
                    if peek() == 0x2D, peek(1) == 0x70 { pos += 2 }  // time -p
                }
                try enter()
                defer { depth -= 1 }
                let body = try parseList(until: [])
                return try closeCompound(body)
            case "for", "select":
                pos += word.utf8.count
                return try parseFor()
            case "case":
                pos += word.utf8.count
                return try parseCase()
            case "function":
                pos += word.utf8.count
                skipBlanks()
                _ = try parseWord()  // the name
                skipBlanks()
                if peek() == 0x28, peek(1) == 0x29 { pos += 2 }
                return try parseCommand()
            case "[[":
                return try parseDoubleBracket()
            default:
                return nil
            }
        }
        // A function definition `name() body`.
        if let fn = functionDefinitionNameEnd() {
            pos = fn
            skipNewlines()
            return try parseCommand()
        }
        return try parseSimpleCommand()
    }

    private mutating func skipNewlines() {
        while true {
            skipBlanks()
            if peek() == 0x0A { pos += 1 } else { return }
        }
    }

    /// After a keyword body: consume the closing keywords (`fi`, `done`, `then`…) that follow.
    private mutating func closeCompound(_ body: Node) throws(ParseError) -> Node {
        var nodes = [body]
        while true {
            skipBlanks()
            guard let w = peekReservedWord() else { break }
            switch w {
            case "fi", "done", "esac":
                pos += w.utf8.count
                return try withRedirections(nodes.count == 1 ? nodes[0] : .sequence(nodes))
            case "then", "elif", "else", "do":
                pos += w.utf8.count
                nodes.append(try parseList(until: []))
            default:
                return nodes.count == 1 ? nodes[0] : .sequence(nodes)
            }
        }
        return nodes.count == 1 ? nodes[0] : .sequence(nodes)
    }

    /// `for NAME in WORDS; do …; done` and `for ((…)); do …; done`.
    private mutating func parseFor() throws(ParseError) -> Node {
        skipBlanks()
        var header = SimpleCommand()
        header.words = [Word(parts: [.literal("for", quoted: false)], raw: "for")]
        if peek() == 0x28, peek(1) == 0x28, let a = scanArithmetic(from: pos + 2, semicolons: true) {
            header.substitutions = try substitutions(inArithmetic: pos + 2, to: a.innerEnd)
            pos = a.end
        } else {
            _ = try parseWord()
            skipBlanks()
            if peekReservedWord() == "in" {
                pos += 2
                while true {
                    skipBlanks()
                    guard let c = peek(), c != 0x0A, c != 0x3B else { break }
                    if Self.isMeta(c) { break }
                    let w = try parseWord()
                    header.substitutions += w.substitutions
                    header.words.append(w)
                }
            }
        }
        try enter()
        defer { depth -= 1 }
        let body = try parseList(until: [])
        let closed = try closeCompound(body)
        return .sequence([.command(header), closed])
    }

    /// `case WORD in PATTERN) LIST ;; … esac`: every item's list is kept.
    private mutating func parseCase() throws(ParseError) -> Node {
        skipBlanks()
        var header = SimpleCommand()
        let subject = try parseWord()
        header.words = [Word(parts: [.literal("case", quoted: false)], raw: "case"), subject]
        header.substitutions = subject.substitutions
        var nodes: [Node] = [.command(header)]
        skipNewlines()
        if peekReservedWord() == "in" { pos += 2 }
        try enter()
        defer { depth -= 1 }
        while true {
            skipNewlines()
            guard !atEnd else { break }
            if peekReservedWord() == "esac" {
                pos += 4
                break
            }
            if peek() == 0x28 { pos += 1 }
            // Patterns up to the closing parenthesis.
            while let c = peek(), c != 0x29 {
                if c == 0x7C || Self.isBlank(c) {
                    pos += 1
                    continue
                }
                if c == 0x0A { break }
                let before = pos
                let w = try parseWord()
                if !w.substitutions.isEmpty {
                    var pc = SimpleCommand()
                    pc.substitutions = w.substitutions
                    nodes.append(.command(pc))
                }
                if pos == before { pos += 1 }
            }
            if peek() == 0x29 { pos += 1 }
            nodes.append(try parseList(until: ["esac"]))
            skipBlanks()
            if peek() == 0x3B, peek(1) == 0x3B {
                pos += 2
                if peek() == 0x26 { pos += 1 }
            } else if peek() == 0x3B, peek(1) == 0x26 {
                pos += 2
            } else if peekReservedWord() != "esac" && !atEnd && peek() != 0x0A {
                // Not a case terminator: avoid looping without progress.
                if peek() == 0x29 { pos += 1 } else { break }
            }
        }
        return try withRedirections(.sequence(nodes))
    }

    /// `[[ … ]]`: words up to `]]`, where `<`, `>`, `(` and `)` are operators of the test, not redirections.
    private mutating func parseDoubleBracket() throws(ParseError) -> Node {
        let start = pos
        pos += 2
        var cmd = SimpleCommand()
        cmd.words = [Word(parts: [.literal("[[", quoted: false)], raw: "[[")]
        while true {
            skipBlanks()
            guard let c = peek() else { break }
            if c == 0x5D, peek(1) == 0x5D, peek(2).map({ Self.isMeta($0) }) ?? true {
                pos += 2
                break
            }
            if c == 0x0A {
                pos += 1
                continue
            }
            if Self.isMeta(c) {
                pos += 1
                continue
            }
            let w = try parseWord()
            cmd.substitutions += w.substitutions
            cmd.words.append(w)
        }
        cmd.text = text(start, pos)
        return try withRedirections(.command(cmd))
    }

    /// If a function definition `name ( )` starts here, the position after `)`.
    private func functionDefinitionNameEnd() -> Int? {
        var i = pos
        while i < bytes.count, !Self.isMeta(bytes[i]), bytes[i] != 0x22, bytes[i] != 0x27, bytes[i] != 0x24,
            bytes[i] != 0x60, bytes[i] != 0x3D
        {
            i += 1
        }
        guard i > pos else { return nil }
        while i < bytes.count, Self.isBlank(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == 0x28 else { return nil }
        i += 1
        while i < bytes.count, Self.isBlank(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == 0x29 else { return nil }
        return i + 1
    }

    /// Redirections after a compound command apply to all of it; they may write files.
    private mutating func withRedirections(_ node: Node) throws(ParseError) -> Node {
        var redirs = SimpleCommand()
        while true {
            skipBlanks()
            guard let r = try parseRedirection(into: &redirs) else { break }
            redirs.redirections.append(r)
        }
        if redirs.redirections.isEmpty { return node }
        redirs.text = "(redirections of a compound command)"
        return .sequence([node, .command(redirs)])
    }

    // MARK: - Simple commands

    private mutating func parseSimpleCommand() throws(ParseError) -> Node? {
        let start = pos
        var cmd = SimpleCommand()
        while true {
            skipBlanks()
            guard let c = peek() else { break }
            if c == 0x0A || c == 0x3B || c == 0x26 && peek(1) != 0x3E || c == 0x7C || c == 0x29 { break }
            if c == 0x28 {
                // `name=(…)` array assignments are handled in parseWord; a stray `(` here is syntax.
                if cmd.words.isEmpty && cmd.assignments.isEmpty { break }
                pos += 1
                continue
            }
            if let r = try parseRedirection(into: &cmd) {
                cmd.redirections.append(r)
                continue
            }
            // Process substitution as a word: <( … ) and >( … ) are handled in parseRedirection's check.
            if cmd.words.isEmpty, let a = try parseAssignment() {
                cmd.substitutions += a.value.substitutions
                cmd.assignments.append(a)
                continue
            }
            let before = pos
            let w = try parseWord()
            if pos == before {
                pos += 1
                continue
            }
            cmd.substitutions += w.substitutions
            cmd.words.append(w)
        }
        cmd.text = text(start, pos)
        if cmd.words.isEmpty && cmd.assignments.isEmpty && cmd.redirections.isEmpty && cmd.substitutions.isEmpty {
            return nil
        }
        return .command(cmd)
    }

    /// `NAME=value`, `NAME+=value`, `NAME[i]=value`, `NAME=(a b c)`.
    private mutating func parseAssignment() throws(ParseError) -> Assignment? {
        guard let c = peek(), Self.isNameStart(c) else { return nil }
        var i = pos
        while i < bytes.count, Self.isNameChar(bytes[i]) { i += 1 }
        let nameEnd = i
        if i < bytes.count, bytes[i] == 0x5B {  // [index]
            while i < bytes.count, bytes[i] != 0x5D, !Self.isMeta(bytes[i]) { i += 1 }
            guard i < bytes.count, bytes[i] == 0x5D else { return nil }
            i += 1
        }
        if i < bytes.count, bytes[i] == 0x2B { i += 1 }
        guard i < bytes.count, bytes[i] == 0x3D else { return nil }
        let name = text(pos, nameEnd)
        pos = i + 1
        if peek() == 0x28 {  // array
            pos += 1
            var subs: [Node] = []
            var raw = "("
            while true {
                skipBlanks()
                guard let d = peek() else { break }
                if d == 0x29 {
                    pos += 1
                    break
                }
                if d == 0x0A {
                    pos += 1
                    continue
                }
                let before = pos
                let w = try parseWord()
                subs += w.substitutions
                raw += w.raw + " "
                if pos == before { pos += 1 }
            }
            return Assignment(
                name: name,
                value: Word(parts: [.commandSubstitution(quoted: false)], raw: raw + ")", substitutions: subs))
        }
        if let d = peek(), Self.isMeta(d) {
            return Assignment(name: name, value: Word(parts: [.literal("", quoted: true)], raw: ""))
        }
        let value = try parseWord(assignment: true)
        return Assignment(name: name, value: value)
    }

    /// A redirection at the current position, or nil (position unchanged).
    private mutating func parseRedirection(into cmd: inout SimpleCommand) throws(ParseError) -> Redirection? {
        let start = pos
        var fd: Int?
        var i = pos
        while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        if i > pos {
            fd = Int(text(pos, i))
        } else if peek() == 0x7B {  // {varname}>
            var j = pos + 1
            while j < bytes.count, Self.isNameChar(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] == 0x7D, j + 1 < bytes.count, bytes[j + 1] == 0x3C || bytes[j + 1] == 0x3E {
                i = j + 1
            }
        }
        guard i < bytes.count else { return nil }
        let c = bytes[i]
        let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
        let next2: UInt8? = i + 2 < bytes.count ? bytes[i + 2] : nil
        var op: Redirection.Operator
        var len = 1
        switch c {
        case 0x3C:  // <
            if next == 0x28 { return nil }  // <( process substitution is a word
            if next == 0x3C {
                if next2 == 0x3C {
                    op = .hereString
                    len = 3
                } else {
                    op = .hereDocument
                    len = 2
                }
            } else if next == 0x26 {
                op = .duplicateInput
                len = 2
            } else if next == 0x3E {
                op = .readWrite
                len = 2
            } else {
                op = .input
            }
        case 0x3E:  // >
            if next == 0x28 { return nil }  // >( process substitution is a word
            if next == 0x3E {
                op = .append
                len = 2
            } else if next == 0x7C {
                op = .clobber
                len = 2
            } else if next == 0x26 {
                op = .duplicateOutput
                len = 2
            } else {
                op = .output
            }
        case 0x26 where fd == nil && i == pos:  // &> or &>>
            guard next == 0x3E else { return nil }
            if next2 == 0x3E {
                op = .appendOutputAndError
                len = 3
            } else {
                op = .outputAndError
                len = 2
            }
        default:
            pos = start
            return nil
        }
        pos = i + len
        var strip = false
        if op == .hereDocument, peek() == 0x2D {
            strip = true
            pos += 1
        }
        skipBlanks()
        let target = try parseWord()
        cmd.substitutions += target.substitutions
        var redirection = Redirection(fd: fd, op: op, target: target, hereDocument: nil)
        if op == .hereDocument {
            let quoted = target.raw.contains(where: { $0 == "'" || $0 == "\"" || $0 == "\\" })
            let delimiter = target.literal ?? target.raw
            redirection.hereDocument = HereDocument(body: "", expands: !quoted)
            redirection.hereDocumentID = nextHereDocID
            pendingHereDocs.append((id: nextHereDocID, delimiter: delimiter, strip: strip, quoted: quoted))
            nextHereDocID += 1
        }
        return redirection
    }

    /// Reads the bodies of pending here-documents, starting at the current position (after a newline).
    private mutating func readHereDocBodies() throws(ParseError) {
        guard !pendingHereDocs.isEmpty else { return }
        let docs = pendingHereDocs
        pendingHereDocs.removeAll()
        for doc in docs {
            var body: [UInt8] = []
            var terminated = false
            while !atEnd {
                var lineEnd = pos
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var line = Array(bytes[pos..<lineEnd])
                pos = min(lineEnd + 1, bytes.count)
                if doc.strip {
                    while let f = line.first, f == 0x09 { line.removeFirst() }
                }
                if String(decoding: line, as: UTF8.self) == doc.delimiter {
                    terminated = true
                    break
                }
                body += line
                body.append(0x0A)
            }
            if !terminated {
                throw ParseError(offset: pos, message: "here-document '\(doc.delimiter)' is not terminated")
            }
            let bodyText = String(decoding: body, as: UTF8.self)
            var subs: [Node] = []
            if !doc.quoted {
                var sub = Parser(bytes: body)
                sub.depth = depth
                subs = try sub.finishNested(try sub.substitutionsInExpandingText())
            }
            hereDocBodies[doc.id] = (HereDocument(body: bodyText, expands: !doc.quoted), subs)
        }
    }

    /// Command substitutions in text that the shell expands like a double-quoted string.
    mutating func substitutionsInExpandingText() throws(ParseError) -> [Node] {
        var subs: [Node] = []
        while let c = peek() {
            if c == 0x5C {
                pos += 2
            } else if c == 0x24 || c == 0x60 {
                var parts: [Word.Part] = []
                var raw: [UInt8] = []
                try parseDollarOrBacktick(quoted: true, parts: &parts, subs: &subs, literal: &raw)
            } else {
                pos += 1
            }
        }
        return subs
    }

    // MARK: - Words

    /// Parses one word up to an unquoted metacharacter.
    mutating func parseWord(assignment: Bool = false) throws(ParseError) -> Word {
        let start = pos
        var parts: [Word.Part] = []
        var subs: [Node] = []
        var literal: [UInt8] = []
        var literalQuoted = false

        func flush(_ parts: inout [Word.Part], _ literal: inout [UInt8], quoted: Bool) {
            if !literal.isEmpty {
                parts.append(.literal(String(decoding: literal, as: UTF8.self), quoted: quoted))
                literal.removeAll()
            }
        }

        // Tilde at the start of a word.
        if peek() == 0x7E {
            var j = pos + 1
            while j < bytes.count, !Self.isMeta(bytes[j]), bytes[j] != 0x2F, bytes[j] != 0x22, bytes[j] != 0x27 {
                j += 1
            }
            parts.append(.tilde(user: text(pos + 1, j)))
            pos = j
        }
        while let c = peek() {
            if Self.isMeta(c) {
                // Process substitution <( … ) / >( … ) inside a word.
                if (c == 0x3C || c == 0x3E), peek(1) == 0x28 {
                    flush(&parts, &literal, quoted: literalQuoted)
                    pos += 2
                    try enter()
                    let body = try parseList(until: [])
                    depth -= 1
                    skipBlanks()
                    if peek() == 0x29 { pos += 1 }
                    subs.append(.subshell(body))
                    parts.append(.processSubstitution)
                    continue
                }
                break
            }
            switch c {
            case 0x5C:  // backslash
                if peek(1) == 0x0A {
                    pos += 2
                    continue
                }
                if literalQuoted == false, !literal.isEmpty {
                    // Keep quoted and unquoted text apart for glob detection.
                }
                flush(&parts, &literal, quoted: literalQuoted)
                literalQuoted = true
                if let n = peek(1) { literal.append(n) }
                pos += 2
                flush(&parts, &literal, quoted: true)
                literalQuoted = false
            case 0x27:  // '
                flush(&parts, &literal, quoted: literalQuoted)
                pos += 1
                while let d = peek(), d != 0x27 {
                    literal.append(d)
                    pos += 1
                }
                pos += 1
                parts.append(.literal(String(decoding: literal, as: UTF8.self), quoted: true))
                literal.removeAll()
                literalQuoted = false
            case 0x22:  // "
                flush(&parts, &literal, quoted: literalQuoted)
                pos += 1
                try parseDoubleQuoted(parts: &parts, subs: &subs)
                literalQuoted = false
            case 0x24, 0x60:  // $ or `
                if c == 0x24, peek(1) == 0x27 {  // $'…'
                    flush(&parts, &literal, quoted: literalQuoted)
                    pos += 2
                    parts.append(.literal(parseANSIC(), quoted: true))
                    continue
                }
                if c == 0x24, peek(1) == 0x22 {  // $"…"
                    flush(&parts, &literal, quoted: literalQuoted)
                    pos += 2
                    try parseDoubleQuoted(parts: &parts, subs: &subs)
                    continue
                }
                flush(&parts, &literal, quoted: literalQuoted)
                try parseDollarOrBacktick(quoted: false, parts: &parts, subs: &subs, literal: &literal)
                flush(&parts, &literal, quoted: false)
            case 0x7B where !literal.isEmpty || !parts.isEmpty || true:  // { braces are literal text
                literal.append(c)
                pos += 1
            default:
                literal.append(c)
                pos += 1
                // A tilde after `:` or `=` in an assignment value expands too.
                if assignment, c == 0x3A || c == 0x3D, peek() == 0x7E {
                    flush(&parts, &literal, quoted: false)
                    var j = pos + 1
                    while j < bytes.count, !Self.isMeta(bytes[j]), bytes[j] != 0x2F, bytes[j] != 0x3A { j += 1 }
                    parts.append(.tilde(user: text(pos + 1, j)))
                    pos = j
                }
            }
        }
        flush(&parts, &literal, quoted: literalQuoted)
        // Merge adjacent literals of the same quoting.
        var merged: [Word.Part] = []
        for p in parts {
            if case .literal(let s, let q) = p, case .literal(let t, let r)? = merged.last, q == r {
                merged[merged.count - 1] = .literal(t + s, quoted: q)
            } else {
                merged.append(p)
            }
        }
        return Word(parts: merged, raw: text(start, pos), substitutions: subs)
    }

    /// After the opening `"`: up to the closing quote, with `$`, backticks and `\` special.
    private mutating func parseDoubleQuoted(parts: inout [Word.Part], subs: inout [Node]) throws(ParseError) {
        var literal: [UInt8] = []
        while let c = peek() {
            if c == 0x22 {
                pos += 1
                break
            }
            if c == 0x5C, let n = peek(1) {
                if n == 0x24 || n == 0x60 || n == 0x22 || n == 0x5C {
                    literal.append(n)
                    pos += 2
                } else if n == 0x0A {
                    pos += 2
                } else {
                    literal.append(c)
                    pos += 1
                }
                continue
            }
            if c == 0x24 || c == 0x60 {
                if c == 0x24 {
                    // A lone `$` before a non-name character is literal.
                    let n = peek(1)
                    let special =
                        n.map {
                            Self.isNameStart($0) || $0 == 0x7B || $0 == 0x28 || ($0 >= 0x30 && $0 <= 0x39)
                                || "@*#?-$!".utf8.contains($0)
                        } ?? false
                    if !special {
                        literal.append(c)
                        pos += 1
                        continue
                    }
                }
                if !literal.isEmpty {
                    parts.append(.literal(String(decoding: literal, as: UTF8.self), quoted: true))
                    literal.removeAll()
                }
                var scratch: [UInt8] = []
                try parseDollarOrBacktick(quoted: true, parts: &parts, subs: &subs, literal: &scratch)
                if !scratch.isEmpty { parts.append(.literal(String(decoding: scratch, as: UTF8.self), quoted: true)) }
                continue
            }
            literal.append(c)
            pos += 1
        }
        parts.append(.literal(String(decoding: literal, as: UTF8.self), quoted: true))
    }

    /// `$'…'` with C escapes.
    private mutating func parseANSIC() -> String {
        var out: [UInt8] = []
        while let c = peek() {
            if c == 0x27 {
                pos += 1
                break
            }
            if c == 0x5C, let n = peek(1) {
                pos += 2
                switch n {
                case 0x6E: out.append(0x0A)  // n
                case 0x74: out.append(0x09)  // t
                case 0x72: out.append(0x0D)  // r
                case 0x61: out.append(0x07)
                case 0x62: out.append(0x08)
                case 0x65, 0x45: out.append(0x1B)
                case 0x66: out.append(0x0C)
                case 0x76: out.append(0x0B)
                case 0x78:  // \xHH
                    var v = 0
                    var k = 0
                    while k < 2, let h = peek(), let d = hexValue(h) {
                        v = v * 16 + d
                        pos += 1
                        k += 1
                    }
                    out.append(UInt8(v & 0xFF))
                case 0x30...0x37:  // octal
                    var v = Int(n - 0x30)
                    var k = 1
                    while k < 3, let h = peek(), h >= 0x30 && h <= 0x37 {
                        v = v * 8 + Int(h - 0x30)
                        pos += 1
                        k += 1
                    }
                    out.append(UInt8(v & 0xFF))
                case 0x75, 0x55:  // \u \U
                    var v: UInt32 = 0
                    var k = 0
                    let maxDigits = n == 0x75 ? 4 : 8
                    while k < maxDigits, let h = peek(), let d = hexValue(h) {
                        v = v &* 16 &+ UInt32(d)
                        pos += 1
                        k += 1
                    }
                    if let scalar = Unicode.Scalar(v) { out += Array(String(Character(scalar)).utf8) }
                default: out.append(n)
                }
                continue
            }
            out.append(c)
            pos += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        default: return nil
        }
    }

    /// `$NAME`, `${…}`, `$(…)`, `$((…))` or a backtick substitution at the current position.
    private mutating func parseDollarOrBacktick(
        quoted: Bool, parts: inout [Word.Part], subs: inout [Node], literal: inout [UInt8]
    ) throws(ParseError) {
        if peek() == 0x60 {
            pos += 1
            var inner: [UInt8] = []
            while let c = peek(), c != 0x60 {
                if c == 0x5C, let n = peek(1), n == 0x60 || n == 0x5C || n == 0x24 {
                    inner.append(n)
                    pos += 2
                    continue
                }
                inner.append(c)
                pos += 1
            }
            pos += 1
            try enter()
            defer { depth -= 1 }
            var sub = Parser(bytes: inner)
            sub.depth = depth
            let node = try sub.parseList(until: [])
            subs += try sub.finishNested([.subshell(node)])
            parts.append(.commandSubstitution(quoted: quoted))
            return
        }
        // At `$`.
        guard let n = peek(1) else {
            literal.append(0x24)
            pos += 1
            return
        }
        if n == 0x28 {
            if peek(2) == 0x28, let a = scanArithmetic(from: pos + 3) {
                subs += try substitutions(inArithmetic: pos + 3, to: a.innerEnd)
                pos = a.end
                parts.append(.arithmetic)
                return
            }
            pos += 2
            try enter()
            defer { depth -= 1 }
            let body = try parseList(until: [])
            skipBlanks()
            if peek() == 0x29 { pos += 1 }
            subs.append(.subshell(body))
            parts.append(.commandSubstitution(quoted: quoted))
            return
        }
        if n == 0x7B {  // ${…}
            pos += 2
            let nameStart = pos
            if let c = peek(), c == 0x23 || c == 0x21 { pos += 1 }  // ${#x} ${!x}
            while let c = peek(), Self.isNameChar(c) || "@*#?-$!".utf8.contains(c) && pos == nameStart { pos += 1 }
            let name = text(nameStart, pos)
            let modStart = pos
            var level = 1
            var modSubs: [Node] = []
            while let c = peek() {
                if c == 0x7D {
                    level -= 1
                    if level == 0 { break }
                    pos += 1
                } else if c == 0x7B {
                    level += 1
                    pos += 1
                } else if c == 0x5C {
                    pos += 2
                } else if c == 0x27 && !quoted {
                    pos += 1
                    while let d = peek(), d != 0x27 { pos += 1 }
                    pos += 1
                } else if c == 0x22 {
                    pos += 1
                    var ps: [Word.Part] = []
                    try parseDoubleQuoted(parts: &ps, subs: &modSubs)
                } else if c == 0x24 || c == 0x60 {
                    var ps: [Word.Part] = []
                    var lit: [UInt8] = []
                    try parseDollarOrBacktick(quoted: true, parts: &ps, subs: &modSubs, literal: &lit)
                } else {
                    pos += 1
                }
            }
            let modifier = text(modStart, pos)
            pos += 1
            subs += modSubs
            parts.append(.parameter(name: name, modifier: modifier, quoted: quoted))
            return
        }
        if Self.isNameStart(n) {
            pos += 1
            let s = pos
            while let c = peek(), Self.isNameChar(c) { pos += 1 }
            parts.append(.parameter(name: text(s, pos), modifier: "", quoted: quoted))
            return
        }
        if (n >= 0x30 && n <= 0x39) || "@*#?-$!".utf8.contains(n) {
            pos += 2
            parts.append(.parameter(name: String(UnicodeScalar(n)), modifier: "", quoted: quoted))
            return
        }
        literal.append(0x24)
        pos += 1
    }

    /// Finds the end of `(( … ))` / `$(( … ))` whose inside starts at `from`; nil when the parentheses
    /// do not close as arithmetic (then it is a command substitution or subshell).
    private func scanArithmetic(from: Int, semicolons: Bool = false) -> (innerEnd: Int, end: Int)? {
        var i = from
        var level = 0
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case 0x28: level += 1
            case 0x29:
                if level == 0 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x29 { return (i, i + 2) }
                    return nil
                }
                level -= 1
            case 0x27, 0x22:
                i += 1
                while i < bytes.count, bytes[i] != c { i += 1 }
            case 0x5C:
                i += 1
            case 0x3B where level == 0 && !semicolons:
                // `;` at the top level means this was not arithmetic (but `for ((;;))` has them).
                return nil
            case 0x60:
                i += 1
                while i < bytes.count, bytes[i] != 0x60 { i += 1 }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// Command substitutions inside arithmetic text.
    private func substitutions(inArithmetic from: Int, to: Int) throws(ParseError) -> [Node] {
        var sub = Parser(bytes: Array(bytes[from..<to]))
        sub.depth = depth + 1
        if sub.depth > Self.maxDepth { throw error("nested more than \(Self.maxDepth) levels deep") }
        return try sub.finishNested(try sub.substitutionsInExpandingText())
    }
}
