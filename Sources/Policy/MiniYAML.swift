/// The YAML that commitlint configurations are written in: block mappings and sequences by
/// indentation, flow sequences and mappings (`[2, always, [feat, fix]]`), quoted and plain
/// scalars, comments. Anchors, tags, multi-line scalars and several documents are refused with
/// the line, so an import never guesses.
enum MiniYAML {
    struct Line {
        var number: Int
        var indent: Int
        var text: Substring
    }

    static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var lines: [Line] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            let stripped = stripComment(line)
            let body = stripped.drop { $0 == " " }
            if body.isEmpty || body == "---" { continue }
            if body.hasPrefix("\t") || line.hasPrefix("\t") {
                throw JSONSyntaxError(line: i + 1, column: 1, message: "tabs do not indent YAML")
            }
            if let f = body.first, "&*!|>%".contains(f) {
                throw JSONSyntaxError(
                    line: i + 1, column: 1, message: "unsupported YAML (anchors, tags, block scalars, directives)")
            }
            lines.append(Line(number: i + 1, indent: stripped.count - body.count, text: trimEnd(body)))
        }
        var index = 0
        guard !lines.isEmpty else { return .object([]) }
        let value = try block(&lines, &index, indent: lines[0].indent)
        if index < lines.count {
            throw JSONSyntaxError(line: lines[index].number, column: 1, message: "unexpected indentation")
        }
        return value
    }

    static func trimEnd(_ s: Substring) -> Substring {
        var s = s
        while s.last == " " { s = s.dropLast() }
        return s
    }

    /// The line without a `#` comment (one at the start or after a space, outside quotes).
    static func stripComment(_ line: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for i in line.indices {
            let c = line[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#", previous == " " {
                return line[..<i]
            }
            previous = c
        }
        return line
    }

    static func block(_ lines: inout [Line], _ i: inout Int, indent: Int) throws(JSONSyntaxError) -> JSONValue {
        if lines[i].text.hasPrefix("- ") || lines[i].text == "-" {
            var items: [JSONValue.Located] = []
            while i < lines.count, lines[i].indent == indent, lines[i].text.hasPrefix("-") {
                let line = lines[i]
                let rest = line.text.dropFirst().drop { $0 == " " }
                i += 1
                if rest.isEmpty {
                    guard i < lines.count, lines[i].indent > indent else {
                        items.append(.init(.null, line: line.number))
                        continue
                    }
                    items.append(.init(try block(&lines, &i, indent: lines[i].indent), line: line.number))
                } else {
                    items.append(.init(try inline(rest, &lines, &i, line: line.number), line: line.number))
                }
            }
            return .array(items)
        }
        var members: [(key: String, value: JSONValue.Located)] = []
        while i < lines.count, lines[i].indent == indent {
            let line = lines[i]
            guard let colon = keyEnd(line.text) else {
                throw JSONSyntaxError(line: line.number, column: indent + 1, message: "expected 'key: value'")
            }
            let key = unquote(line.text[..<colon])
            let rest = line.text[line.text.index(after: colon)...].drop { $0 == " " }
            i += 1
            if rest.isEmpty {
                // A nested block, or a sequence at the same indentation (`key:\n- a`).
                if i < lines.count,
                    lines[i].indent > indent || (lines[i].indent == indent && lines[i].text.hasPrefix("-"))
                {
                    members.append((key, .init(try block(&lines, &i, indent: lines[i].indent), line: line.number)))
                } else {
                    members.append((key, .init(.null, line: line.number)))
                }
            } else {
                members.append((key, .init(try inline(rest, &lines, &i, line: line.number), line: line.number)))
            }
        }
        return .object(members)
    }

    /// Where a mapping key ends: the first `:` followed by a space or the end, outside quotes.
    static func keyEnd(_ text: Substring) -> Substring.Index? {
        var quote: Character?
        for i in text.indices {
            let c = text[i]
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            if c == "\"" || c == "'" {
                quote = c
            } else if c == ":" {
                let next = text.index(after: i)
                if next == text.endIndex || text[next] == " " { return i }
            }
        }
        return nil
    }

    /// A value on the line: flow collections (continued on the next lines until they close) or a scalar.
    static func inline(_ text: Substring, _ lines: inout [Line], _ i: inout Int, line: Int) throws(JSONSyntaxError)
        -> JSONValue
    {
        if let f = text.first, "&*!|>%@`".contains(f) {
            throw JSONSyntaxError(
                line: line, column: 1, message: "unsupported YAML (anchors, aliases, tags, block scalars)")
        }
        guard text.first == "[" || text.first == "{" else { return scalar(text) }
        var joined = String(text)
        var flow = FlowParser(text: Array(joined), line: line)
        while !flow.isBalanced, i < lines.count {
            joined += " " + lines[i].text
            i += 1
            flow = FlowParser(text: Array(joined), line: line)
        }
        let value = try flow.value()
        flow.skipSpaces()
        guard flow.index == flow.text.count else {
            throw JSONSyntaxError(
                line: line, column: flow.index + 1, message: "unexpected text after a flow collection")
        }
        return value
    }

    static func unquote(_ s: Substring) -> String {
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f {
            let inner = s.dropFirst().dropLast()
            return f == "'" ? String(inner.replacing("''", with: "'")) : String(inner)
        }
        return String(s)
    }

    static func scalar(_ s: Substring) -> JSONValue {
        if let f = s.first, f == "\"" || f == "'" { return .string(unquote(s)) }
        switch s {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "null", "~", "Null", "NULL": return .null
        default: break
        }
        if let n = Double(s), s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }) { return .number(n) }
        return .string(String(s))
    }

    struct FlowParser {
        var text: [Character]
        var line: Int
        var index = 0

        var isBalanced: Bool {
            var depth = 0
            var quote: Character?
            for c in text {
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == "[" || c == "{" {
                    depth += 1
                } else if c == "]" || c == "}" {
                    depth -= 1
                }
            }
            return depth <= 0
        }

        mutating func skipSpaces() {
            while index < text.count, text[index] == " " { index += 1 }
        }

        func fail(_ message: String) -> JSONSyntaxError {
            JSONSyntaxError(line: line, column: index + 1, message: message)
        }

        mutating func value() throws(JSONSyntaxError) -> JSONValue {
            skipSpaces()
            guard index < text.count else { throw fail("expected a value") }
            switch text[index] {
            case "[":
                index += 1
                var items: [JSONValue.Located] = []
                skipSpaces()
                if index < text.count, text[index] == "]" {
                    index += 1
                    return .array([])
                }
                while true {
                    items.append(.init(try value(), line: line))
                    skipSpaces()
                    guard index < text.count else { throw fail("unclosed '['") }
                    if text[index] == "," {
                        index += 1
                        skipSpaces()
                        if index < text.count, text[index] == "]" {
                            index += 1
                            return .array(items)
                        }
                        continue
                    }
                    if text[index] == "]" {
                        index += 1
                        return .array(items)
                    }
                    throw fail("expected ',' or ']'")
                }
            case "{":
                index += 1
                var members: [(key: String, value: JSONValue.Located)] = []
                while true {
                    skipSpaces()
                    guard index < text.count else { throw fail("unclosed '{'") }
                    if text[index] == "}" {
                        index += 1
                        return .object(members)
                    }
                    guard case .string(let key) = try plain(stops: ":") else { throw fail("expected a key") }
                    skipSpaces()
                    guard index < text.count, text[index] == ":" else { throw fail("expected ':'") }
                    index += 1
                    members.append((key, .init(try value(), line: line)))
                    skipSpaces()
                    if index < text.count, text[index] == "," { index += 1 }
                }
            default:
                return try plain(stops: "")
            }
        }

        /// A quoted or plain scalar, ending at `,`, `]`, `}` or one of `stops`.
        mutating func plain(stops: String) throws(JSONSyntaxError) -> JSONValue {
            skipSpaces()
            guard index < text.count else { throw fail("expected a value") }
            let q = text[index]
            if q == "\"" || q == "'" {
                guard let close = text[(index + 1)...].firstIndex(of: q) else { throw fail("unclosed quote") }
                let s = String(text[(index + 1)..<close])
                index = close + 1
                return .string(s)
            }
            let start = index
            while index < text.count, !",]}".contains(text[index]), !stops.contains(text[index]) { index += 1 }
            var end = index
            while end > start, text[end - 1] == " " { end -= 1 }
            return MiniYAML.scalar(Substring(String(text[start..<end])))
        }
    }
}
