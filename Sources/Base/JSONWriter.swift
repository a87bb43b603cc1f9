/// Writes compact JSON into one byte buffer, members in the order the caller writes them.
///
/// Every verdict, hook answer and audit line is written through here, on the agent-hook path:
/// appending scalar by scalar to a `String` cost more than the rest of a hook call, so the writer
/// works on UTF-8 bytes and copies a string that needs no escaping in one append. Commas are the
/// writer's business; the caller says what comes next:
///
///     var json = JSONWriter()
///     json.object {
///         $0.key("rule"); $0.string("git-reset-hard")
///         $0.key("paths"); $0.array { $0.string("a"); $0.string("b") }
///     }
///     json.string  // {"rule":"git-reset-hard","paths":["a","b"]}
///
/// The writer does not check that the calls form valid JSON (a key outside an object, a missing
/// value): callers are code, not input.
public struct JSONWriter: Sendable {
    /// The JSON written so far, as UTF-8.
    public private(set) var bytes: [UInt8]
    /// Whether the next key or value follows a sibling and so needs a comma first.
    private var needsComma = false

    /// An empty writer whose buffer has room for `capacity` bytes.
    public init(capacity: Int = 0) {
        bytes = []
        if capacity > 0 { bytes.reserveCapacity(capacity) }
    }

    /// The JSON written so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes `{`, the members `body` writes (each a `key` then a value), and `}`.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes `[`, the values `body` writes, and `]`.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an object member's name and the `:` after it; the next call writes its value.
    public mutating func key(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `value` as a string literal, escaping what JSON requires.
    public mutating func string(_ value: String) {
        separate()
        Self.appendQuoted(value, to: &bytes)
        needsComma = true
    }

    /// Writes `value` as a string literal, or `null` when it is nil.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes an integer.
    public mutating func number(_ value: Int) {
        separate()
        appendASCII(String(value))
        needsComma = true
    }

    /// Writes a number: integral values below 10^15 without a fraction (`3`, not `3.0`).
    public mutating func number(_ value: Double) {
        separate()
        if value > -1e15, value < 1e15, value == Double(Int64(value)) {
            appendASCII(String(Int64(value)))
        } else {
            appendASCII(String(value))
        }
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        appendASCII(value ? "true" : "false")
        needsComma = true
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        appendASCII("null")
        needsComma = true
    }

    /// Writes `json`, already-rendered JSON, as one value.
    public mutating func raw(_ json: String) {
        separate()
        appendASCII(json)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendASCII(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}

extension JSONWriter {
    /// A JSON string literal for `s`, escaping what JSON requires.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal to `out`.
    ///
    /// Escapes `"`, `\`, and every control character (U+0000–U+001F and U+007F); the short forms
    /// `\n`, `\r`, `\t` where JSON has them, `\u00XX` otherwise. Everything else, non-ASCII
    /// included, is copied as UTF-8. One pass counts the escapes to size the result; a string
    /// without any is appended in one copy.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var text = s
        text.withUTF8 { bytes in
            var escapes = 0
            for byte in bytes {
                switch byte {
                case 0x22, 0x5C, 0x0A, 0x0D, 0x09: escapes += 1
                case 0..<0x20, 0x7F: escapes += 5
                default: break
                }
            }
            // Grow geometrically: an exact `reserveCapacity` per call would copy the buffer
            // on every member of a long object.
            let needed = out.count + bytes.count + escapes + 2
            if needed > out.capacity { out.reserveCapacity(Swift.max(needed, 2 * out.capacity)) }
            out.append(0x22)
            if escapes == 0 {
                out.append(contentsOf: bytes)
            } else {
                for byte in bytes {
                    switch byte {
                    case 0x22: out.append(0x5C); out.append(0x22)  // \"
                    case 0x5C: out.append(0x5C); out.append(0x5C)  // \\
                    case 0x0A: out.append(0x5C); out.append(0x6E)  // \n
                    case 0x0D: out.append(0x5C); out.append(0x72)  // \r
                    case 0x09: out.append(0x5C); out.append(0x74)  // \t
                    case 0..<0x20, 0x7F:  // \u00XX
                        out.append(0x5C)
                        out.append(0x75)
                        out.append(0x30)
                        out.append(0x30)
                        out.append(hexDigit(byte >> 4))
                        out.append(hexDigit(byte & 0xF))
                    default:
                        out.append(byte)
                    }
                }
            }
            out.append(0x22)
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x57 + value
    }
}
