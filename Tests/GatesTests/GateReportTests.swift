import Findings
import Foundation
import Gates
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct GateReportTests {
    let report = GateRunReport(
        stage: "pre-commit",
        results: [
            GateResult(name: "lint", status: .passed, duration: .milliseconds(120), exitCode: 0, fileCount: 3),
            GateResult(
                name: "test", status: .failed, duration: .seconds(2), exitCode: 1,
                output: "a <b> & \"c\" ]]> \u{1}bell\nFAILED: 2 tests\n", fileCount: 0),
            GateResult(name: "types", status: .timedOut, duration: .seconds(5), exitCode: 143, required: false),
            GateResult(name: "docs", status: .skipped("no matching files")),
            GateResult(name: "fmt", status: .cached, fileCount: 3),
        ])

    @Test func textShowsATableThenEachFailingGatesOutput() {
        let lines = GateReportRenderer.text(report)
        #expect(lines[0].hasPrefix("gate"))
        #expect(lines.contains { $0.hasPrefix("fmt") && $0.hasSuffix("yes") })
        #expect(lines.contains { $0.hasPrefix("docs") && $0.contains("skipped (no matching files)") })
        let header = lines.firstIndex(of: "── test: failed (exit 1) ──")
        #expect(header != nil)
        #expect(lines.contains("── types: timeout, advisory ──"))
        if let header { #expect(lines[header + 2] == "FAILED: 2 tests") }
    }

    @Test func findingsDenyRequiredAndWarnAdvisoryGates() {
        let findings = GateReportRenderer.findings(report)
        #expect(findings.findings.map(\.ruleID) == ["gate-failed", "gate-timeout"])
        #expect(findings.findings.map(\.decision) == [.deny, .warn])
        #expect(findings.findings[0].message == "gate 'test' failed (exit 1): FAILED: 2 tests")
        #expect(findings.checkpoint == .preCommit)
        #expect(!findings.ok)
    }

    @Test func jsonIsOneReportWithTheGatesAfterTheFindings() throws {
        let json = GateReportRenderer.json(report)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let gates = try #require(object["gates"] as? [[String: Any]])
        #expect(gates.map { $0["status"] as? String } == ["passed", "failed", "timeout", "skipped", "cached"])
        #expect(gates[3]["reason"] as? String == "no matching files")
    }

    #if canImport(FoundationXML) || canImport(Darwin)
        final class Collector: NSObject, XMLParserDelegate {
            var testcases: [String] = []
            var failures: [String] = []
            var skipped = 0
            var current = ""
            var outputs: [String: String] = [:]
            var text = ""

            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                switch name {
                case "testcase":
                    current = attributes["name"] ?? ""
                    testcases.append(current)
                case "failure": failures.append(current)
                case "skipped": skipped += 1
                default: break
                }
                text = ""
            }

            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

            func parser(
                _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
            ) {
                if name == "system-out" { outputs[current] = text }
            }
        }

        @Test func junitParsesWithOneTestcasePerGate() throws {
            let xml = GateReportRenderer.junit(report)
            let parser = XMLParser(data: Data(xml.utf8))
            let collector = Collector()
            parser.delegate = collector
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
            #expect(collector.testcases == ["lint", "test", "types", "docs", "fmt"])
            #expect(collector.failures == ["test", "types"])
            #expect(collector.skipped == 1)
            #expect(collector.outputs["test"] == "a <b> & \"c\" ]]> \u{FFFD}bell\nFAILED: 2 tests\n")
        }
    #endif
}
