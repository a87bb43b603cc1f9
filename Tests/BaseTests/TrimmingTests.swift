import Base
import Testing

@Suite struct TrimmingTests {
    @Test func trimsTheScalarsTheCallerNamesAtBothEnds() {
        #expect(" \t a b \n".trimmingWhitespace() == "a b")
        #expect("\u{A0}\u{2028}x\u{3000}".trimmingWhitespace() == "x")
        #expect("\u{FEFF}x".trimmingWhitespace() == "\u{FEFF}x", "a byte-order mark is not white space")
        #expect("\r\n\r\nbody\n".trimming { $0 == "\n" || $0 == "\r" } == "body")
        #expect("   ".trimmingWhitespace() == "")
        #expect("".trimmingWhitespace() == "")
    }

    @Test func escapesTheCharactersTheSyntaxGivesMeaning() {
        #expect("a*b?[c]\\d".backslashEscaping("*?[\\") == "a\\*b\\?\\[c]\\\\d")
        #expect("plain/path".backslashEscaping("*?[\\") == "plain/path")
        #expect("1+1=(2)".dropFirst().backslashEscaping("+()") == "\\+1=\\(2\\)")
        #expect("".backslashEscaping("*") == "")
    }

    @Test func trimsOnlyTheEndWhenAsked() {
        #expect(" line \t\r".trimmingSuffix { $0 == " " || $0 == "\t" || $0 == "\r" } == " line")
        #expect("\t\t".trimmingSuffix { $0 == "\t" } == "")
    }

    @Test func trimsASubstringWithinItsOwnBounds() {
        let text = "  [ inner ]  "
        let inner = text.dropFirst(3).dropLast(3)
        #expect(inner == " inner ")
        #expect(inner.trimmingWhitespace() == "inner")
    }
}
