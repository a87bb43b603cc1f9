import Foundation
import Gates
import Policy
import Testing

/// `ward gate list` as text and JSON, from values.
@Suite struct GateListTests {
    static let gates = [
        GateSpec(
            name: "lint", run: ["default": "swiftlint {files}"], files: ["**/*.swift"], required: true,
            source: "ward.json:3"),
        GateSpec(
            name: "test-api", run: ["default": "npm test"], required: false, source: "CLAUDE.md",
            agentEditable: true),
    ]

    @Test func textAlignsNamesAndMarksAgentEditableSources() {
        let lines = GateReportRenderer.list(Self.gates)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("lint      swiftlint {files}") && lines[0].hasSuffix("(ward.json:3)"), "\(lines)")
        #expect(lines[1].hasPrefix("test-api  npm test") && lines[1].hasSuffix("(CLAUDE.md) (agent-editable file)"))
        #expect(
            GateReportRenderer.list([]) == [
                "no gates: declare them under \"gates\" in ward.json (see 'ward gate run --help')"
            ])
    }

    @Test func jsonHasEveryGateWithItsSource() throws {
        let object = try JSONSerialization.jsonObject(with: Data(GateReportRenderer.listJSON(Self.gates).utf8))
        let gates = try #require((object as? [String: Any])?["gates"] as? [[String: Any]])
        #expect(gates.map { $0["name"] as? String } == ["lint", "test-api"])
        #expect((gates[0]["run"] as? [String: String]) == ["default": "swiftlint {files}"])
        #expect(gates[0]["files"] as? [String] == ["**/*.swift"])
        #expect(gates[1]["required"] as? Bool == false && gates[1]["agentEditable"] as? Bool == true)
        #expect(gates[1]["source"] as? String == "CLAUDE.md")
    }
}
