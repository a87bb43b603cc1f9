import Policy
import Testing

@Suite struct JSONParserTests {
    @Test func readsCommentsAndTrailingCommasInJSON5() throws {
        let text = """
            // a line comment
            {
              /* a block
                 comment */
              "a": [1, 2, 3,],
              b: 'single',
              "c": {"d": true,},
            }
            """
        let value = try JSONParser.parse(text, json5: true)
        #expect(
            value["a"] == .array([.init(.number(1), line: 5), .init(.number(2), line: 5), .init(.number(3), line: 5)]))
        #expect(value["b"]?.stringValue == "single")
        #expect(value["c"]?["d"]?.boolValue == true)
    }

    @Test func rejectsCommentsInStrictJSON() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"a\": 1 // no\n}") }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("[1, 2,]") }
    }

    @Test func recordsTheLineEachValueStartsOn() throws {
        let root = try JSONParser.parse(bytes: Array("{\n\"a\":\n  [\n 1,\n 2]\n}".utf8), json5: true)
        guard case .object(let members) = root.value else {
            Issue.record("expected an object")
            return
        }
        #expect(root.line == 1)
        #expect(members[0].value.line == 3)
        guard case .array(let items) = members[0].value.value else {
            Issue.record("expected an array")
            return
        }
        #expect(items.map(\.line) == [4, 5])
    }

    @Test(arguments: [
        ("{\n  \"a\": 1\n  \"b\": 2\n}", 3),
        ("{\n\n  \"a\": tru\n}", 3),
        ("[\n1,\n2,\n\"open", 4),
        ("{\"a\": 1} x", 1),
    ])
    func namesTheLineOfASyntaxError(text: String, line: Int) {
        do {
            _ = try JSONParser.parse(text, json5: true)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("600 levels of nesting were accepted")
        } catch {
            #expect(error.message.contains("nesting"))
        }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\n", "\u00e9\ud83d\ude00"]"#)
        #expect(value.arrayValue?.compactMap(\.stringValue) == ["a\"b\\c\n", "é😀"])
    }

    @Test func readsBackWhatItSerialised() throws {
        var all = ""
        for value in 0..<0x80 { all.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        all += "é😀\u{2028}"
        #expect(try JSONParser.parse(JSONValue.string(all).serialized).stringValue == all)
        let sliced = String(all.dropFirst(3).prefix(40))
        #expect(try JSONParser.parse(JSONValue.string(sliced).serialized).stringValue == sliced)
    }

    @Test func serialisesCompactlyInMemberOrder() {
        #expect(JSONValue.string("a\"b\\c\n\u{1}").serialized == #""a\"b\\c\n\u0001""#)
        let object = JSONValue.object([
            ("k", .init(.array([.init(.number(1), line: 1), .init(.null, line: 1)]), line: 1)),
            ("b", .init(.bool(false), line: 1)),
        ])
        #expect(object.serialized == #"{"k":[1,null],"b":false}"#)
    }
}
