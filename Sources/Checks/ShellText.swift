/// What `printf` and `echo -e` print, so that text built from escapes (`printf '\x72\x6d'`)
/// or a format (`printf '%s -rf /' rm`) is checked as the command it becomes.
enum ShellText {
    /// The backslash escapes of `printf` formats and `echo -e`: `\n`, `\t`, `\\`, `\xHH`,
    /// `\0NNN` and `\NNN` (octal), `\a`, `\b`, `\e`, `\f`, `\r`, `\v`; `\c` ends the output.
    static func unescape(_ text: String) -> (text: String, stop: Bool) {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x61...0x66: return b - 0x61 + 10
            case 0x41...0x46: return b - 0x41 + 10
            default: return nil
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x5C, i + 1 < bytes.count else {
                out.append(b)
                i += 1
                continue
            }
            let n = bytes[i + 1]
            i += 2
            switch n {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "e"), UInt8(ascii: "E"): out.append(0x1B)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "c"): return (String(decoding: out, as: UTF8.self), true)
            case UInt8(ascii: "x"):
                var value: UInt8 = 0
                var digits = 0
                while digits < 2, i < bytes.count, let h = hex(bytes[i]) {
                    value = value &* 16 &+ h
                    i += 1
                    digits += 1
                }
                if digits == 0 { out += [0x5C, n] } else { out.append(value) }
            case 0x30...0x37:
                // `\0NNN` (echo) and `\NNN` (printf): up to three octal digits after an optional 0.
                var value: UInt32 = UInt32(n - 0x30)
                var digits = 1
                if n == 0x30 { digits = 0 }
                while digits < 3, i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x37 {
                    value = value * 8 + UInt32(bytes[i] - 0x30)
                    i += 1
                    digits += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            default:
                out += [0x5C, n]
            }
        }
        return (String(decoding: out, as: UTF8.self), false)
    }

    /// `printf FORMAT ARGS…`: `%s`, `%b`, `%d`, `%i`, `%c`, `%q` and `%%` (widths and flags are
    /// read and dropped); the format is reused while arguments remain, as the shell does.
    static func printf(_ format: String, _ args: [String]) -> String {
        var out = ""
        var rest = args[...]
        repeat {
            var consumed = false
            var chars = Substring(format)
            var literal = ""
            while let c = chars.first {
                chars = chars.dropFirst()
                guard c == "%" else {
                    literal.append(c)
                    continue
                }
                out += unescape(literal).text
                literal = ""
                // Flags, width and precision.
                while let f = chars.first, "-+ #0123456789.*".contains(f) { chars = chars.dropFirst() }
                guard let conversion = chars.first else { break }
                chars = chars.dropFirst()
                if conversion == "%" {
                    out.append("%")
                    continue
                }
                let arg = rest.popFirst() ?? ""
                consumed = true
                switch conversion {
                case "b": out += unescape(arg).text
                case "c": out += arg.prefix(1)
                case "d", "i", "u", "x", "o": out += arg.isEmpty ? "0" : arg
                default: out += arg
                }
            }
            out += unescape(literal).text
            if !consumed { break }
        } while !rest.isEmpty
        return out
    }
}
