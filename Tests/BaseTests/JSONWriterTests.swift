import Base
import Testing

@Suite struct JSONWriterTests {
    @Test func quotesEveryControlCharacter() {
        #expect(JSONWriter.quote("") == #""""#)
        #expect(JSONWriter.quote("plain ascii, é and 😀") == "\"plain ascii, é and 😀\"")
        #expect(JSONWriter.quote("\t\r\u{7F}\u{1F}") == #""\t\r\u007f\u001f""#)
        #expect(JSONWriter.quote("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
        var all = ""
        for value in 0..<0x80 { all.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        let quoted = JSONWriter.quote(all)
        #expect(!quoted.utf8.dropFirst().dropLast().contains { $0 < 0x20 || $0 == 0x7F })
        #expect(quoted.hasPrefix(#""\u0000\u0001"#))
        #expect(quoted.hasSuffix(#"xyz{|}~\u007f""#))
    }

    @Test func quotesASubstringBackedString() {
        let sliced = String("abc\"def".dropFirst(2))
        #expect(JSONWriter.quote(sliced) == #""c\"def""#)
    }

    @Test func writesCommasBetweenMembersAndElementsOnly() {
        var json = JSONWriter()
        json.object {
            $0.key("a")
            $0.array {
                $0.number(1)
                $0.number(2.5)
                $0.number(3.0)
                $0.bool(true)
                $0.null()
                $0.object { _ in }
                $0.array { _ in }
            }
            $0.key("b")
            $0.object {
                $0.key("c")
                $0.string(nil)
                $0.key("d")
                $0.string("e")
            }
            $0.key("f")
            $0.raw("[0]")
        }
        #expect(json.string == #"{"a":[1,2.5,3,true,null,{},[]],"b":{"c":null,"d":"e"},"f":[0]}"#)
        #expect(json.bytes == Array(json.string.utf8))
    }

    @Test func keepsTheCallersKeyOrder() {
        var json = JSONWriter()
        json.object {
            for key in ["z", "a", "m"] {
                $0.key(key)
                $0.string(key)
            }
        }
        #expect(json.string == #"{"z":"z","a":"a","m":"m"}"#)
    }

    @Test func writesTopLevelValuesSeparatedByCommas() {
        var json = JSONWriter()
        json.string("x")
        json.number(-7)
        #expect(json.string == #""x",-7"#)
    }

    @Test func writesLargeAndFractionalNumbersInSwiftsShortestForm() {
        var json = JSONWriter()
        json.array {
            $0.number(1e15)
            $0.number(-0.5)
            $0.number(Int.min)
        }
        #expect(json.string == "[1000000000000000.0,-0.5,-9223372036854775808]")
    }

    @Test func growsTheBufferAcrossManyMembers() {
        var json = JSONWriter()
        json.array {
            for i in 0..<2000 { $0.string(String(i)) }
        }
        let text = json.string
        #expect(text.hasPrefix(#"["0","1","#))
        #expect(text.hasSuffix(#""1999"]"#))
        #expect(text.utf8.count == 2 + 1999 + (10 * 3 + 90 * 4 + 900 * 5 + 1000 * 6))
    }

    @Test func writesMembersOfStringsBoolsListsAndObjects() {
        var json = JSONWriter()
        json.object {
            $0.member("a", "x")
            $0.member("b", nil)
            $0.member("c", true)
            $0.member("d", strings: ["p", "q"])
            $0.member("e", objects: [1, 2]) { json, n in json.member("n", String(n)) }
            $0.member("f", strings: [])
        }
        #expect(json.string == #"{"a":"x","b":null,"c":true,"d":["p","q"],"e":[{"n":"1"},{"n":"2"}],"f":[]}"#)
    }
}
