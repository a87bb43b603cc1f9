import Findings
import Policy
import Testing

@Suite struct TextRendererTests {
    @Test(arguments: [
        (
            Finding(ruleID: "git-reset-hard", decision: .deny, message: "discards work", checkpoint: .command),
            "ward deny [git-reset-hard]: discards work"
        ),
        (
            Finding(
                ruleID: "git-reset-hard", decision: .ask, message: "discards work", matched: "git reset --hard",
                instead: "git stash", checkpoint: .command),
            "ward ask [git-reset-hard]: discards work. Matched: git reset --hard. Instead: git stash"
        ),
        (
            Finding(
                ruleID: "scope-outside", decision: .deny, message: "outside the scope", matched: "docs/a.md",
                checkpoint: .preCommit, path: "docs/a.md"),
            "docs/a.md: ward deny [scope-outside]: outside the scope"
        ),
        (
            Finding(
                ruleID: "scope-escape-symlink", decision: .warn, message: "points out", matched: "link",
                checkpoint: .preCommit, path: "docs/link"),
            "docs/link: ward warn [scope-escape-symlink]: points out. Matched: link"
        ),
        (
            Finding(ruleID: "policy", decision: .allow, message: "ward.json (2 layers)", checkpoint: .repository),
            "ward.json (2 layers)"
        ),
        (
            Finding(
                ruleID: "r", decision: .deny, message: "m", matched: "a\nb", checkpoint: .agent, path: ""),
            "ward deny [r]: m. Matched: a\\nb"
        ),
    ])
    func writesOneLinePerFinding(_ finding: Finding, expected: String) {
        #expect(TextRenderer.line(finding) == expected)
        if let path = finding.path, !path.isEmpty {
            #expect(TextRenderer.message(finding) == String(expected.dropFirst(path.count + 2)))
        } else {
            #expect(TextRenderer.message(finding) == expected)
        }
    }

    @Test func alignsTheColumnsOfATable() throws {
        let findings = [
            Finding(
                ruleID: "type-enum", decision: .deny, message: "the type 'foo' is not allowed",
                instead: "one of feat, fix", checkpoint: .commitMsg, line: 1, column: 1),
            Finding(
                ruleID: "body-leading-blank", decision: .warn, message: "no blank line before the body",
                checkpoint: .commitMsg, line: 2, column: 1),
            Finding(
                ruleID: "footer-max-line-length", decision: .deny, message: "line 12 is too long",
                checkpoint: .commitMsg, line: 12, column: 101),
            Finding(ruleID: "subject-case", decision: .ask, message: "sentence case", checkpoint: .commitMsg),
        ]
        let rows = TextRenderer.table(findings)
        #expect(rows.count == findings.count)
        let ruleStarts = try zip(rows, findings).map { row, f in
            row.distance(from: row.startIndex, to: try #require(row.range(of: f.ruleID)).lowerBound)
        }
        #expect(Set(ruleStarts).count == 1, "\(rows)")
        let messageStarts = try zip(rows, findings).map { row, f in
            row.distance(from: row.startIndex, to: try #require(row.range(of: f.message)).lowerBound)
        }
        #expect(Set(messageStarts).count == 1, "\(rows)")
        #expect(
            rows[0]
                == "  1:1     error    type-enum               the type 'foo' is not allowed; expected: one of feat, fix"
        )
        #expect(rows[1].hasPrefix("  2:1     warning  body-leading-blank  "))
        #expect(rows[3].hasPrefix("  1:1     error    subject-case  "), "a finding without a line is at 1:1; ask fails")
        #expect(
            TextRenderer.table(findings, indent: "    ").allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") })
        #expect(TextRenderer.table([]).isEmpty)
    }

    @Test(arguments: [
        ("short", 200, "short"),
        ("two\nlines", 200, "two\\nlines"),
        ("tab\tand\u{01}bell", 200, "tab and bell"),
        (String(repeating: "x", count: 10), 10, String(repeating: "x", count: 10)),
        (String(repeating: "x", count: 11), 10, String(repeating: "x", count: 10) + "…"),
        ("ééééé", 3, "ééé…"),
    ])
    func excerptsOnOneShortLine(_ text: String, limit: Int, expected: String) {
        #expect(TextRenderer.excerpt(text, limit: limit) == expected)
    }

    @Test(arguments: [
        ("feat: add x", "\"feat: add x\""),
        ("feat: add x\n\nbody text", "\"feat: add x\""),
        ("", "\"\""),
        (String(repeating: "a", count: 72), "\"" + String(repeating: "a", count: 72) + "\""),
        (String(repeating: "a", count: 80), "\"" + String(repeating: "a", count: 72) + "…\""),
    ])
    func quotesTheFirstLineOfAMessage(_ message: String, expected: String) {
        #expect(TextRenderer.quotedHeader(message) == expected)
    }
}

@Suite struct ReportTests {
    func finding(_ decision: Decision) -> Finding {
        Finding(ruleID: decision.rawValue, decision: decision, message: "m", checkpoint: .range)
    }

    @Test(arguments: [
        ([], true, "0 errors, 0 warnings"),
        ([Decision.allow], true, "0 errors, 0 warnings"),
        ([.warn], true, "0 errors, 1 warning"),
        ([.ask], false, "1 error, 0 warnings"),
        ([.deny, .warn, .warn, .allow], false, "1 error, 2 warnings"),
        ([.deny, .ask, .warn], false, "2 errors, 1 warning"),
    ])
    func countsWhatFailsAndWhatWarns(_ decisions: [Decision], ok: Bool, tally: String) {
        let report = Report(checkpoint: .range, subject: "x", findings: decisions.map(finding))
        #expect(report.ok == ok)
        #expect(report.tally == tally)
        #expect(report.objections.map(\.decision) == decisions.filter { $0 != .allow })
    }

    @Test func failsOnlyOnDenyAndAsk() {
        #expect(Decision.allCases.filter { finding($0).fails } == [.ask, .deny])
    }
}
