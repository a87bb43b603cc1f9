import Foundation
import TestSupport
import Testing

/// `Evaluator.checkTool` looks a program up in `toolPrograms` before its switch, so that the
/// many programs that are none of its tools cost one hash lookup on the hook path. A program
/// in the switch but missing from the set would never be checked: this keeps the two equal.
@Suite struct ToolProgramsTests {
    static func quoted(_ text: Substring) -> Set<String> {
        var out: Set<String> = []
        var rest = text
        while let open = rest.firstIndex(of: "\"") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "\"") else { break }
            out.insert(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return out
    }

    static func quotedInOrder(_ text: Substring) -> [String] {
        var out: [String] = []
        var rest = text
        while let open = rest.firstIndex(of: "\"") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "\"") else { break }
            out.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return out
    }

    @Test func everyProgramOfTheSwitchIsInTheLookupSet() throws {
        let source = try String(
            contentsOfFile: packageRoot + "/Sources/Checks/Evaluator+Tools.swift", encoding: .utf8)
        let switchStart = try #require(source.range(of: "switch program {"))
        let setStart = try #require(source.range(of: "static let toolPrograms: [String] = ["))
        let body = source[switchStart.upperBound..<setStart.lowerBound]
        var labels: Set<String> = []
        // A case label may wrap onto more lines; it ends at the line that ends with ':'.
        var pending: String?
        for line in body.split(separator: "\n") {
            let trimmed = String(line.drop { $0 == " " })
            if pending == nil, !trimmed.hasPrefix("case \"") { continue }
            let label = (pending ?? "") + " " + trimmed
            if let end = label.range(of: "\":") {
                // `case "dropdb": report(...)`: the label ends at the colon after its last name.
                labels.formUnion(Self.quoted(label[..<end.upperBound]))
                pending = nil
            } else if trimmed.hasSuffix(":") {
                labels.formUnion(Self.quoted(Substring(label)))
                pending = nil
            } else {
                pending = label
            }
        }
        let setEnd = try #require(source[setStart.upperBound...].firstIndex(of: "]"))
        let set = Self.quoted(source[setStart.upperBound..<setEnd])
        #expect(labels.count > 50)
        let listed = Self.quotedInOrder(source[setStart.upperBound..<setEnd])
        #expect(listed == listed.sorted(), "toolPrograms must stay sorted: it is searched by halves")
        #expect(labels.subtracting(set).isEmpty, "in the switch, not in toolPrograms: \(labels.subtracting(set))")
        #expect(set.subtracting(labels).isEmpty, "in toolPrograms, not in the switch: \(set.subtracting(labels))")
    }
}
