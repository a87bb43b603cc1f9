import Policy
import Testing

@Suite struct GateSpecTests {
    @Test func picksTheStageVariantElseTheDefault() {
        let gate = GateSpec(
            name: "test", run: ["default": "npm test", "pre-commit": "npm test -- --changed {files}"],
            source: "ward.json")
        #expect(gate.command(for: "pre-commit") == "npm test -- --changed {files}")
        #expect(gate.command(for: "ci") == "npm test")
        #expect(gate.takesFiles(for: "pre-commit"))
        #expect(!gate.takesFiles(for: "ci"))
    }
}
