/// The character classes of JavaScript regular expressions without the `u` flag.
///
/// commitlint, whose rules `MessageContract` reproduces, is JavaScript: its parser's `\w`, `\s`,
/// `.` and `String.prototype.trim` decide what a type, a scope or a blank line is.
enum JavaScriptCharacterClasses {
    /// `\w`: ASCII letters, digits and `_`.
    static func isWord(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
    }

    /// What `.` does not match.
    static func isLineTerminator(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}"
    }

    /// `\s`, and what `String.prototype.trim` removes.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }
}
