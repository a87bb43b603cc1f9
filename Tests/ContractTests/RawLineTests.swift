import Testing

@testable import Checks

/// `footer-leading-blank` looks at `rawLines.slice(rawLines.indexOf(line) - 1)[0]`, as commitlint
/// 21 does: JavaScript's negative `slice` start counts from the end.
@Suite struct RawLineTests {
    func before(_ raw: String, _ line: String) -> String? {
        MessageContract.rawLineBefore(Array(raw.utf8), firstEqualTo: ArraySlice(line.utf8)).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    @Test func theLineBeforeTheFirstEqualOne() {
        #expect(before("a\nb\nc\nd", "c") == "b")
        #expect(before("a\n\nRefs: #1\nx\nRefs: #1", "Refs: #1") == "")
        #expect(before("a\r\nb\r\nc", "c") == "b")
    }

    @Test func aMatchOnTheFirstLineGivesTheLastLine() {
        // indexOf is 0: slice(-1)[0]. A later equal line does not count: indexOf finds the first.
        #expect(before("x\nb\nx\nlast", "x") == "last")
    }

    @Test func noMatchGivesTheLineBeforeTheLast() {
        // indexOf is -1: slice(-2)[0], or the only line.
        #expect(before("a\nb\nc", "zz") == "b")
        #expect(before("only", "zz") == "only")
        #expect(before("a\nb\n", "zz") == "b")
    }

    @Test func theSecondRawLine() {
        #expect(MessageContract.rawLine(Array("h\r\n\r\nbody".utf8), at: 1).map(Array.init) == [])
        #expect(
            MessageContract.rawLine(Array("h\nbody".utf8), at: 1).map { String(decoding: $0, as: UTF8.self) } == "body")
        #expect(MessageContract.rawLine(Array("h".utf8), at: 1) == nil)
    }

    @Test func theFirstLineEndsAtEveryJavaScriptLineTerminator() {
        #expect(MessageContract.firstLine("Revert x\nbody") == "Revert x")
        #expect(MessageContract.firstLine("Revert x\r\nbody") == "Revert x")
        #expect(MessageContract.firstLine("Revert x\u{2028}body") == "Revert x")
        #expect(MessageContract.firstLine("Revert x\u{2029}body") == "Revert x")
        // Other scalars starting with E2 80 stay on the line (U+2026, the ellipsis).
        #expect(MessageContract.firstLine("fix: wait\u{2026} then go") == "fix: wait\u{2026} then go")
        #expect(MessageContract.firstLine("") == "")
    }

    @Test func quotedPartsAreRemovedAlikeInASCIIAndOtherText() {
        #expect(MessageContract.removingQuoted("add `Foo` support") == "add  support")
        #expect(MessageContract.removingQuoted("  `Foo` then \"Bar\" and 'baz'  ") == "then  and")
        #expect(MessageContract.removingQuoted("keep 'unclosed") == "keep 'unclosed")
        #expect(MessageContract.removingQuoted("a `b' c` d") == "a  d")
        #expect(MessageContract.removingQuoted("caf\u{e9} `X` y") == "caf\u{e9}  y")
        #expect(MessageContract.removingQuoted("\u{a0}`X` y\u{a0}") == "y")
        #expect(MessageContract.removingQuoted("plain") == "plain")
    }

    @Test func aVersionIsLookedForOnlyWhereOneCanStart() {
        #expect(MessageContract.isSemverMessage("chore(release): v1.2.3"))
        #expect(MessageContract.isSemverMessage("chore: [skip ci] 1.2.3"))
        #expect(MessageContract.isSemverMessage("1.2.3 (skip ci)\n\nbody"))
        #expect(!MessageContract.isSemverMessage("chore(deps): update foo to 1.2.3"))
        #expect(!MessageContract.isSemverMessage("chore: x1.2.3"))
    }
}
