import Base

/// A parsed JSON (or JSON5) value that remembers the line it started on.
///
/// Policy files are validated key by key with their line numbers, and the hook payloads are
/// read leniently; both need a tree, not `Codable`, so that unknown keys can be reported and
/// missing ones tolerated. Keeping this parser here also keeps Foundation off the hot path.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([Located])
    case object([(key: String, value: Located)])

    /// A value with the line it starts on (1-based).
    public struct Located: Sendable, Equatable {
        public var value: JSONValue
        public var line: Int
        public init(_ value: JSONValue, line: Int) {
            self.value = value
            self.line = line
        }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member named `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self {
            for member in members.reversed() where member.key == key { return member.value.value }
        }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items.map(\.value) }
        return nil
    }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A syntax error in JSON text, with its position.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Parses JSON, and with `json5: true` the JSON5 extensions people write in config files:
/// comments, trailing commas, single-quoted strings, unquoted keys, hexadecimal and signed numbers.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private let json5: Bool
    private var depth = 0
    private static let maxDepth = 512

    public static func parse(_ text: String, json5: Bool = false) throws(JSONSyntaxError) -> JSONValue {
        try parse(bytes: Array(text.utf8), json5: json5).value
    }

    public static func parse(bytes: [UInt8], json5: Bool = false) throws(JSONSyntaxError) -> JSONValue.Located {
        var parser = JSONParser(bytes: bytes, json5: json5)
        parser.skipTrivia()
        if parser.index < parser.bytes.count, parser.bytes[parser.index] == 0xEF,
            parser.index + 2 < parser.bytes.count, parser.bytes[parser.index + 1] == 0xBB,
            parser.bytes[parser.index + 2] == 0xBF
        {
            parser.index += 3
            parser.skipTrivia()
        }
        let value = try parser.parseValue()
        parser.skipTrivia()
        if parser.index != parser.bytes.count {
            throw parser.error("unexpected text after the value")
        }
        return value
    }

    private init(bytes: [UInt8], json5: Bool) {
        self.bytes = bytes
        self.json5 = json5
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: index - lineStart + 1, message: message)
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private mutating func skipTrivia() {
        while let c = peek {
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D:
                advance()
            case UInt8(ascii: "/") where json5 && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"):
                while let d = peek, d != 0x0A { advance() }
            case UInt8(ascii: "/") where json5 && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                advance()
                advance()
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "*"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/")
                    {
                        advance()
                        advance()
                        break
                    }
                    advance()
                }
            default:
                return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue.Located {
        let startLine = line
        guard let c = peek else { throw error("unexpected end of input") }
        switch c {
        case UInt8(ascii: "{"):
            return .init(try parseObject(), line: startLine)
        case UInt8(ascii: "["):
            return .init(try parseArray(), line: startLine)
        case UInt8(ascii: "\""):
            return .init(.string(try parseString(quote: c)), line: startLine)
        case UInt8(ascii: "'") where json5:
            return .init(.string(try parseString(quote: c)), line: startLine)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .init(.bool(true), line: startLine)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .init(.bool(false), line: startLine)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .init(.null, line: startLine)
        default:
            return .init(.number(try parseNumber()), line: startLine)
        }
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        for b in word.utf8 {
            guard peek == b else { throw error("expected '\(word)'") }
            advance()
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        advance()
        var members: [(key: String, value: JSONValue.Located)] = []
        skipTrivia()
        if peek == UInt8(ascii: "}") {
            advance()
            return .object(members)
        }
        while true {
            skipTrivia()
            if json5, peek == UInt8(ascii: "}") {
                advance()
                return .object(members)
            }
            let key: String
            if peek == UInt8(ascii: "\"") || (json5 && peek == UInt8(ascii: "'")) {
                key = try parseString(quote: bytes[index])
            } else if json5, let c = peek, Self.isIdentifierByte(c) {
                let start = index
                while let d = peek, Self.isIdentifierByte(d) { advance() }
                key = String(decoding: bytes[start..<index], as: UTF8.self)
            } else {
                throw error("expected a key in quotes")
            }
            skipTrivia()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
            advance()
            skipTrivia()
            let value = try parseValue()
            members.append((key, value))
            skipTrivia()
            if peek == UInt8(ascii: ",") {
                advance()
                continue
            }
            if peek == UInt8(ascii: "}") {
                advance()
                return .object(members)
            }
            throw error("expected ',' or '}'")
        }
    }

    private static func isIdentifierByte(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x24
            || c >= 0x80
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        advance()
        var items: [JSONValue.Located] = []
        skipTrivia()
        if peek == UInt8(ascii: "]") {
            advance()
            return .array(items)
        }
        while true {
            skipTrivia()
            if json5, peek == UInt8(ascii: "]") {
                advance()
                return .array(items)
            }
            items.append(try parseValue())
            skipTrivia()
            if peek == UInt8(ascii: ",") {
                advance()
                continue
            }
            if peek == UInt8(ascii: "]") {
                advance()
                return .array(items)
            }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func parseString(quote: UInt8) throws(JSONSyntaxError) -> String {
        advance()
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw error("unterminated string") }
            if c == quote {
                advance()
                break
            }
            if c == UInt8(ascii: "\\") {
                advance()
                guard let e = peek else { throw error("unterminated string") }
                advance()
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800..<0xDC00).contains(scalar), peek == UInt8(ascii: "\\"),
                        index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                    {
                        advance()
                        advance()
                        let low = try parseHex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                    }
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                case 0x0A where json5:
                    break
                default:
                    if json5 || e == UInt8(ascii: "\"") || e == UInt8(ascii: "\\") || e == UInt8(ascii: "/") {
                        out.append(e)
                    } else {
                        throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
                    }
                }
                continue
            }
            if c < 0x20 && !json5 { throw error("control character in string") }
            out.append(c)
            advance()
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = peek, let d = Self.hexDigit(c) else { throw error("invalid \\u escape") }
            v = v * 16 + d
            advance()
        }
        return v
    }

    private static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        while let c = peek,
            (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || (json5 && Self.isIdentifierByte(c))
        {
            advance()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if text.isEmpty { throw error("unexpected character") }
        if json5 {
            var t = Substring(text)
            var sign = 1.0
            if t.first == "+" { t = t.dropFirst() } else if t.first == "-" { sign = -1; t = t.dropFirst() }
            if t.hasPrefix("0x") || t.hasPrefix("0X"), let v = UInt64(t.dropFirst(2), radix: 16) {
                return sign * Double(v)
            }
            if t == "Infinity" { return sign * .infinity }
            if t == "NaN" { return .nan }
            if let v = Double(t) { return sign * v }
        } else if let v = Double(text), text.first != "+" {
            return v
        }
        index = start
        throw error("invalid value '\(text)'")
    }
}

extension JSONValue {
    /// Serialises the value as compact JSON with keys in their original order.
    public var serialized: String {
        var json = JSONWriter()
        write(to: &json)
        return json.string
    }

    private func write(to json: inout JSONWriter) {
        switch self {
        case .null: json.null()
        case .bool(let b): json.bool(b)
        case .number(let n): json.number(n)
        case .string(let s): json.string(s)
        case .array(let items):
            json.array { json in
                for item in items { item.value.write(to: &json) }
            }
        case .object(let members):
            json.object { json in
                for m in members {
                    json.key(m.key)
                    m.value.value.write(to: &json)
                }
            }
        }
    }
}
