import Base
public import Findings

/// A gate run for people (a summary table, then each failing gate's output under its own
/// header), for the one result model (findings, so `JSONRenderer` and CI formats serve it), and
/// as JUnit XML.
public enum GateReportRenderer {
    /// The checkpoint findings of a stage are made at: `pre-commit`, `pre-push`, `ci`; `command`
    /// for a run by hand (`manual` or any other stage).
    public static func checkpoint(for stage: String) -> Checkpoint {
        switch stage {
        case "pre-commit": return .preCommit
        case "pre-push": return .prePush
        case "ci": return .ci
        default: return .command
        }
    }

    /// The summary table (gate, status, time, files, cached) and, after it, the output of each
    /// gate that failed, timed out or was interrupted, one block per gate, never interleaved.
    public static func text(_ report: GateRunReport) -> [String] {
        var rows: [[String]] = [["gate", "status", "time", "files", "cached"]]
        for result in report.results {
            var status = result.status.word
            if case .skipped(let reason) = result.status { status += " (" + reason + ")" }
            if result.status.isFailure, !result.required { status += " (advisory)" }
            if result.isolated { status += " [index checkout]" }
            let ran = result.status != .cached && !isSkip(result.status)
            let time = ran ? seconds(result.duration, digits: 2) + "s" : "-"
            let cached = result.status == .cached ? "yes" : ""
            rows.append([result.name, status, time, String(result.fileCount), cached])
        }
        var widths = [Int](repeating: 0, count: 5)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var lines: [String] = []
        for row in rows {
            var line = pad(row[0], widths[0]) + "  " + pad(row[1], widths[1]) + "  "
            line += padLeft(row[2], widths[2]) + "  " + padLeft(row[3], widths[3]) + "  " + row[4]
            lines.append(String(line.trimmingSuffix { $0 == " " }))
        }
        for result in report.results where result.status.isFailure {
            var header = "── \(result.name): \(result.status.word)"
            if let code = result.exitCode, result.status == .failed { header += " (exit \(code))" }
            if !result.required { header += ", advisory" }
            lines.append("")
            lines.append(header + " ──")
            let output = result.output.trimmingSuffix { $0 == "\n" }
            lines.append(
                contentsOf: output.isEmpty
                    ? ["(no output)"] : output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            )
        }
        if report.interrupted { lines.append("ward: interrupted; running gates were stopped") }
        return lines
    }

    /// The run as a `Report`: one finding per gate that failed (`gate-failed`), timed out
    /// (`gate-timeout`) or was interrupted (`gate-interrupted`), deny for a required gate and
    /// warn for an advisory one; a built-in gate contributes its own findings instead.
    public static func findings(_ report: GateRunReport) -> Report {
        let checkpoint = checkpoint(for: report.stage)
        var findings: [Finding] = []
        for result in report.results where result.status.isFailure {
            if !result.findings.isEmpty {
                for var finding in result.findings {
                    finding.check = finding.check ?? result.name
                    findings.append(finding)
                }
                continue
            }
            let rule: String
            var message: String
            switch result.status {
            case .timedOut:
                rule = "gate-timeout"
                message = "gate '\(result.name)' timed out after \(seconds(result.duration, digits: 1)) s"
            case .interrupted:
                rule = "gate-interrupted"
                message = "gate '\(result.name)' was interrupted"
            default:
                rule = "gate-failed"
                message = "gate '\(result.name)' failed"
                if let code = result.exitCode { message += " (exit \(code))" }
            }
            if let last = lastLine(result.output) { message += ": " + TextRenderer.excerpt(last, limit: 160) }
            findings.append(
                Finding(
                    ruleID: rule, decision: result.required ? .deny : .warn, message: message, matched: result.name,
                    instead: "run 'ward gate run \(result.name)' to see its whole output", checkpoint: checkpoint,
                    check: result.name))
        }
        let ran = report.results.filter { !isSkip($0.status) }.count
        return Report(
            checkpoint: checkpoint, subject: "gates at \(report.stage)", findings: findings, checked: ran,
            skipped: report.interrupted ? "interrupted" : nil)
    }

    /// `JSONRenderer.report` of `findings(report)` with a `gates` member after the findings:
    /// `[{"name", "status", "reason", "required", "seconds", "exitCode", "files", "isolated",
    /// "output"}]` (`reason` null unless skipped; `output` only for a gate that failed).
    public static func json(_ report: GateRunReport) -> String {
        var gates = JSONWriter(capacity: 256)
        gates.array { json in
            for result in report.results {
                json.object { json in
                    json.key("name")
                    json.string(result.name)
                    json.key("status")
                    json.string(result.status.word)
                    json.key("reason")
                    if case .skipped(let reason) = result.status { json.string(reason) } else { json.null() }
                    json.key("required")
                    json.bool(result.required)
                    json.key("seconds")
                    json.raw(seconds(result.duration, digits: 3))
                    json.key("exitCode")
                    if let code = result.exitCode { json.number(Int(code)) } else { json.null() }
                    json.key("files")
                    json.number(result.fileCount)
                    json.key("isolated")
                    json.bool(result.isolated)
                    json.key("output")
                    json.string(result.status.isFailure ? result.output : nil)
                }
            }
        }
        return JSONRenderer.report(
            findings(report), extra: [("interrupted", report.interrupted ? "true" : "false"), ("gates", gates.string)])
    }

    /// JUnit XML: one `<testsuite>` for the stage, one `<testcase>` per gate, `<failure>` for a
    /// gate that failed, timed out or was interrupted (advisory ones too: the exit status, not
    /// the report, decides whether the job fails), `<skipped>` with the reason for a skip, and
    /// the gate's output in `<system-out>` (escaped text, no CDATA, characters XML 1.0 forbids
    /// replaced).
    public static func junit(_ report: GateRunReport) -> String {
        let failures = report.results.filter { $0.status.isFailure }.count
        let skipped = report.results.filter { isSkip($0.status) }.count
        let total = seconds(report.duration, digits: 3)
        let suite = "ward gates (\(report.stage))"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuites name=\"ward gates\" tests=\"\(report.results.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(total)\">\n"
        out +=
            "  <testsuite name=\"\(xml(suite))\" tests=\"\(report.results.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(total)\">\n"
        for result in report.results {
            out +=
                "    <testcase name=\"\(xml(result.name))\" classname=\"ward.gates.\(xml(report.stage))\" time=\"\(seconds(result.duration, digits: 3))\">\n"
            switch result.status {
            case .skipped(let reason):
                out += "      <skipped message=\"\(xml(reason))\"/>\n"
            case .failed, .timedOut, .interrupted:
                var message = result.status.word
                if let code = result.exitCode, result.status == .failed { message += " (exit \(code))" }
                if !result.required { message += ", advisory" }
                let type =
                    result.status == .timedOut
                    ? "gate-timeout" : result.status == .interrupted ? "gate-interrupted" : "gate-failed"
                out += "      <failure message=\"\(xml(message))\" type=\"\(type)\"/>\n"
            case .passed, .cached:
                break
            }
            let output = result.status == .cached ? "cached: a green result for the same inputs\n" : result.output
            if !output.isEmpty { out += "      <system-out>\(xml(output))</system-out>\n" }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Text for XML content or attributes: the five special characters escaped, tabs, newlines
    /// and carriage returns kept (as references in attributes), and what XML 1.0 forbids
    /// (other control characters, U+FFFE, U+FFFF) replaced by U+FFFD. Shared with `ward ci`'s JUnit report.
    public static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `1.234` for a duration, with `digits` decimals (no Foundation formatting).
    public static func seconds(_ duration: Duration, digits: Int) -> String {
        let (whole, atto) = duration.components
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let fraction = Int64((Double(atto) / 1e18 * Double(scale)).rounded())
        let carry = fraction >= scale ? 1 : 0
        let fractionText = String(fraction % scale)
        let padded = String(repeating: "0", count: max(0, digits - fractionText.count)) + fractionText
        return digits == 0 ? String(whole + Int64(carry)) : "\(whole + Int64(carry)).\(padded)"
    }

    private static func isSkip(_ status: GateStatus) -> Bool {
        if case .skipped = status { return true }
        return false
    }

    private static func lastLine(_ output: String) -> String? {
        output.split(separator: "\n").last { !$0.allSatisfy { $0 == " " } }.map(String.init)
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }

    private static func padLeft(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
