import Base
public import Findings
import Gates
import Policy

/// GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`, escaped as
/// GitHub's toolkit escapes them, grouped with `::group::`.
public enum GitHubAnnotations {
    /// The lines for stdout: each section's findings as text inside a group, then one
    /// annotation per finding that is not a pass.
    public static func lines(_ outcome: CIOutcome) -> [String] {
        var out: [String] = []
        for section in outcome.sections {
            let objections = section.findings.filter { $0.decision != .allow }
            let state =
                section.skipped.map { "not run: \($0)" }
                ?? (objections.isEmpty
                    ? "passed"
                    : Report(checkpoint: .ci, subject: "", findings: objections).tally)
            out.append("::group::ward: \(section.title): \(state)")
            out += objections.map(TextRenderer.line)
            out.append("::endgroup::")
        }
        for finding in outcome.sections.flatMap(\.findings) {
            if let line = annotation(finding) { out.append(line) }
        }
        return out
    }

    /// One workflow command; nil for a pass.
    public static func annotation(_ f: Finding) -> String? {
        let command: String
        switch f.decision {
        case .deny, .ask: command = "error"
        case .warn: command = "warning"
        case .allow: return nil
        }
        var properties: [(String, String)] = []
        if let path = f.path, !path.isEmpty {
            properties.append(("file", path))
            if let line = f.line { properties.append(("line", String(line))) }
            if let column = f.column { properties.append(("col", String(column))) }
        }
        properties.append(("title", "ward \(f.ruleID)"))
        var message = f.message
        if !f.matched.isEmpty, f.matched != f.path { message += "\nMatched: " + TextRenderer.excerpt(f.matched) }
        if !f.instead.isEmpty { message += "\nInstead: " + f.instead }
        let props = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command) \(props)::\(escapeData(message))"
    }

    /// A command's message: `%`, CR and LF as `%25`, `%0D`, `%0A`.
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A property value: as a message, plus `:` and `,` as `%3A` and `%2C`.
    public static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}

/// The Markdown for `$GITHUB_STEP_SUMMARY`: a headline, one row per section, a table of findings.
public enum StepSummary {
    public static func markdown(_ outcome: CIOutcome) -> String {
        let report = outcome.report
        var out = outcome.ok ? "## ✅ ward: every required check passed\n\n" : "## ❌ ward: \(report.tally)\n\n"
        out += "\(cell(outcome.event.summary)) `\(outcome.range)` on \(outcome.event.provider.title)\n\n"
        out += "| Check | Result |\n|---|---|\n"
        for section in outcome.sections {
            let objections = section.findings.filter { $0.decision != .allow }
            let result: String
            if let skipped = section.skipped {
                result = "➖ not run: \(cell(skipped))"
            } else if objections.isEmpty {
                result = "✅ passed (\(section.checked) checked)"
            } else {
                let failing = objections.contains(where: \.fails)
                result =
                    (failing ? "❌ " : "⚠️ ") + Report(checkpoint: .ci, subject: "", findings: objections).tally
            }
            out += "| \(cell(section.title)) | \(result) |\n"
        }
        let objections = report.findings.filter { $0.decision != .allow }
        if !objections.isEmpty {
            out += "\n| | Rule | Where | Message | Instead |\n|---|---|---|---|---|\n"
            for f in objections {
                let mark = f.fails ? "❌" : "⚠️"
                var place = f.path.map { "`\(cell($0))`" } ?? ""
                if let line = f.line, f.path != nil { place += ":\(line)" }
                if let commit = f.commit { place += (place.isEmpty ? "" : " ") + "`\(commit.prefix(7))`" }
                out += "| \(mark) | `\(f.ruleID)` | \(place) | \(cell(f.message)) | \(cell(f.instead)) |\n"
            }
        }
        return out
    }

    /// Text for a table cell: `|` escaped, lines joined with `<br>`.
    static func cell(_ s: String) -> String {
        s.replacing("|", with: "\\|").replacing("\r\n", with: "<br>").replacing("\n", with: "<br>")
    }
}

/// GitLab's Code Quality report: a JSON array of issues (`description`, `check_name`,
/// `fingerprint`, `severity`, `location.path`, `location.lines.begin`).
public enum CodeQuality {
    public static func json(_ outcome: CIOutcome) -> String {
        var json = JSONWriter(capacity: 1024)
        var seen = Set<String>()
        json.array { json in
            for f in outcome.sections.flatMap(\.findings) where f.decision != .allow {
                var description = f.message
                if let commit = f.commit, f.path == nil { description = "commit \(commit.prefix(7)): " + description }
                if !f.instead.isEmpty { description += ". Instead: " + f.instead }
                var fingerprint = Fingerprint.hex(
                    [f.ruleID, f.path ?? "", f.commit ?? "", String(f.line ?? 0), f.message].joined(separator: "\u{1F}")
                )
                while !seen.insert(fingerprint).inserted { fingerprint = Fingerprint.hex(fingerprint) }
                json.object { json in
                    json.member("description", description)
                    json.member("check_name", f.ruleID)
                    json.member("fingerprint", fingerprint)
                    json.member("severity", f.fails ? "major" : "minor")
                    json.key("location")
                    json.object { json in
                        json.key("path")
                        // Code Quality needs a path: findings about a commit or a branch point at the repository.
                        json.string(f.path ?? ".")
                        json.key("lines")
                        json.object { json in
                            json.member("begin", number: f.path == nil ? 1 : (f.line ?? 1))
                        }
                    }
                }
            }
        }
        return json.string + "\n"
    }
}

/// SARIF 2.1.0 for code scanning: one run, the rules that produced results, one result per
/// finding that is not a pass, with its location.
///
/// GitHub rejects a whole upload when one result has no location, so a finding about a commit,
/// the title or the branch (no file) is anchored at line 1 of `anchor` (the policy file that
/// sets the contract); without an anchor such findings are left out of the SARIF file (the
/// annotations, the summary and JUnit still carry them).
public enum SARIF {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func json(_ outcome: CIOutcome, version: String, policy: Policy? = nil, anchor: String? = nil)
        -> String
    {
        let findings = outcome.sections.flatMap(\.findings).filter {
            $0.decision != .allow && ($0.path?.isEmpty == false || anchor != nil)
        }
        var ruleIDs: [String] = []
        for f in findings where !ruleIDs.contains(f.ruleID) { ruleIDs.append(f.ruleID) }
        var json = JSONWriter(capacity: 2048)
        json.object { json in
            json.member("$schema", schema)
            json.member("version", "2.1.0")
            json.key("runs")
            json.array { json in
                json.object { json in
                    json.key("tool")
                    json.object { json in
                        json.key("driver")
                        json.object { json in
                            json.member("name", "ward")
                            json.member("version", version)
                            json.key("rules")
                            json.array { json in
                                for id in ruleIDs {
                                    let rule = policy?.rule(id)
                                    let sample = findings.first { $0.ruleID == id }
                                    json.object { json in
                                        json.member("id", id)
                                        json.key("shortDescription")
                                        json.object { json in
                                            json.member("text", rule?.reason ?? sample?.message ?? id)
                                        }
                                        if let help = rule?.alternative, !help.isEmpty {
                                            json.key("help")
                                            json.object { json in
                                                json.member("text", help)
                                            }
                                        }
                                        json.key("defaultConfiguration")
                                        json.object { json in
                                            json.member("level", level(rule?.decision ?? sample?.decision ?? .warn))
                                        }
                                    }
                                }
                            }
                        }
                    }
                    json.key("results")
                    json.array { json in
                        for f in findings {
                            json.object { json in
                                json.member("ruleId", f.ruleID)
                                json.member("ruleIndex", number: ruleIDs.firstIndex(of: f.ruleID) ?? 0)
                                json.member("level", level(f.decision))
                                json.key("message")
                                json.object { json in
                                    json.key("text")
                                    var text = f.message
                                    if let commit = f.commit { text = "commit \(commit.prefix(7)): " + text }
                                    if !f.instead.isEmpty { text += ". Instead: " + f.instead }
                                    json.string(text)
                                }
                                // A finding about a file is placed at its line; any other is anchored
                                // at line 1 of the anchor file (ward.json).
                                let ownFile = f.path?.isEmpty == false ? f.path : nil
                                if let path = ownFile ?? anchor {
                                    json.key("locations")
                                    json.array { json in
                                        json.object { json in
                                            json.key("physicalLocation")
                                            json.object { json in
                                                json.key("artifactLocation")
                                                json.object { json in
                                                    json.member("uri", uri(path))
                                                    json.member("uriBaseId", "%SRCROOT%")
                                                }
                                                json.key("region")
                                                json.object { json in
                                                    json.member(
                                                        "startLine", number: ownFile == nil ? 1 : max(1, f.line ?? 1))
                                                    if let column = f.column, ownFile != nil {
                                                        json.member("startColumn", number: max(1, column))
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                                json.key("partialFingerprints")
                                json.object { json in
                                    json.key("wardFinding/v1")
                                    json.string(
                                        Fingerprint.hex(
                                            [f.ruleID, f.path ?? "", f.commit ?? "", f.message].joined(
                                                separator: "\u{1F}")))
                                }
                            }
                        }
                    }
                    json.member("columnKind", "unicodeCodePoints")
                }
            }
        }
        return json.string + "\n"
    }

    static func level(_ decision: Decision) -> String {
        switch decision {
        case .deny, .ask: return "error"
        case .warn: return "warning"
        case .allow: return "note"
        }
    }

    /// A repository-relative path as a URI reference: each byte outside the unreserved set and
    /// `/` percent-encoded.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || "-._~/".contains(c) {
                out.append(c)
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }
}

/// JUnit XML of a CI run: one test suite per section, one test case per finding (a failure for
/// deny and ask, a pass with the warning in `system-out` for warn), or one passing case for a
/// section without findings; a skipped case for a section that did not run.
public enum CIJUnit {
    public static func xml(_ outcome: CIOutcome) -> String {
        let x = GateReportRenderer.xml
        var suites: [(name: String, cases: [String], failures: Int, skipped: Int)] = []
        for section in outcome.sections {
            var cases: [String] = []
            var failures = 0
            let classname = "ward.ci.\(section.name)"
            if let skipped = section.skipped {
                cases.append(
                    "    <testcase name=\"\(x(section.title))\" classname=\"\(classname)\">\n      <skipped message=\"\(x(skipped))\"/>\n    </testcase>\n"
                )
                suites.append((section.title, cases, 0, 1))
                continue
            }
            let objections = section.findings.filter { $0.decision != .allow }
            if objections.isEmpty {
                cases.append("    <testcase name=\"\(x(section.title))\" classname=\"\(classname)\"/>\n")
            }
            for f in objections {
                var name = f.ruleID
                if let path = f.path {
                    name += " " + path
                } else if let commit = f.commit {
                    name += " " + commit.prefix(7)
                }
                var body = ""
                if f.fails {
                    failures += 1
                    body =
                        "      <failure message=\"\(x(f.message))\" type=\"\(x(f.ruleID))\">\(x(TextRenderer.line(f)))</failure>\n"
                } else {
                    body = "      <system-out>\(x(TextRenderer.line(f)))</system-out>\n"
                }
                cases.append("    <testcase name=\"\(x(name))\" classname=\"\(classname)\">\n\(body)    </testcase>\n")
            }
            suites.append((section.title, cases, failures, 0))
        }
        let tests = suites.map(\.cases.count).reduce(0, +)
        let failures = suites.map(\.failures).reduce(0, +)
        let skipped = suites.map(\.skipped).reduce(0, +)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuites name=\"ward ci\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
        for suite in suites {
            out +=
                "  <testsuite name=\"\(x(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(suite.failures)\" errors=\"0\" skipped=\"\(suite.skipped)\">\n"
            out += suite.cases.joined()
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }
}

/// A stable 128-bit hex fingerprint (two FNV-1a 64-bit hashes with different offsets): unique
/// enough to tell findings apart across runs, with no dependency.
enum Fingerprint {
    static func hex(_ text: String) -> String {
        func fnv(_ offset: UInt64) -> UInt64 {
            var h = offset
            for byte in text.utf8 {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
            return h
        }
        let a = fnv(0xcbf2_9ce4_8422_2325)
        let b = fnv(0x8422_2325_cbf2_9ce4)
        func pad(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return pad(a) + pad(b)
    }
}

/// `ward ci` for people (GitLab's job log, a terminal): each section's state, its findings, a summary.
public enum CIText {
    public static func lines(_ outcome: CIOutcome) -> [String] {
        var out = outcome.notes
        for section in outcome.sections {
            let objections = section.findings.filter { $0.decision != .allow }
            let state =
                section.skipped.map { "not run: \($0)" }
                ?? (objections.isEmpty ? "passed" : Report(checkpoint: .ci, subject: "", findings: objections).tally)
            out.append("ward: \(section.title): \(state)")
            out += objections.map { "  " + TextRenderer.line($0) }
        }
        return out
    }

    /// The last line: what was checked and whether it passed.
    public static func summary(_ outcome: CIOutcome) -> String {
        let report = outcome.report
        let what = "\(outcome.event.summary) \(outcome.range)"
        return outcome.ok
            ? "ward ci: \(what): every required check passed (\(report.tally))"
            : "ward ci: \(what): \(report.tally); the job fails"
    }
}
