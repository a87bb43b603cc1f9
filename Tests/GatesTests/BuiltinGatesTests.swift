import Findings
import Gates
import Policy
import Testing

/// The built-in gates as values: true positives with their line and column, and near misses.
@Suite struct BuiltinGatesTests {
    static let regular: UInt32 = 0o100644
    static let executable: UInt32 = 0o100755

    func check(_ id: String, _ text: String, mode: UInt32 = regular, options: [String: String] = [:]) -> [Finding] {
        BuiltinGates.check(id, path: "src/a.txt", content: Array(text.utf8), mode: mode, options: options)
    }

    /// `line:column` of each finding.
    func places(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.line.map(String.init) ?? "-"):\($0.column.map(String.init) ?? "-")" }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let places: [String]
        var testDescription: String { text.replacingOccurrences("\n", "⏎") }
    }

    // MARK: conflict-markers

    @Test(arguments: [
        Case(text: "a\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> feature\nb\n", places: ["2:1", "4:1", "6:1"]),
        Case(text: "<<<<<<< HEAD\r\nx\r\n=======\r\ny\r\n>>>>>>> main\r\n", places: ["1:1", "3:1", "5:1"]),
        Case(
            text: "<<<<<<< ours\nx\n||||||| base\nz\n=======\ny\n>>>>>>> theirs\n",
            places: ["1:1", "3:1", "5:1", "7:1"]),
        Case(text: "<<<<<<<\nx\n=======\ny\n>>>>>>>", places: ["1:1", "3:1", "5:1"]),
        // A marker left alone is still a leftover.
        Case(text: "fine\n>>>>>>> a1b2c3 (commit)\n", places: ["2:1"]),
        Case(text: "<<<<<<< HEAD\nunfinished\n=======\n", places: ["1:1"]),
    ])
    func findsConflictMarkers(c: Case) {
        let findings = check("conflict-markers", c.text)
        #expect(places(findings) == c.places)
        #expect(findings.allSatisfy { $0.ruleID == "conflict-markers" && $0.decision == .deny })
        #expect(findings.allSatisfy { $0.path == "src/a.txt" && $0.instead.contains("resolve the conflict") })
    }

    @Test(arguments: [
        "Title\n=======\n\nText\n",
        "Heading\n=======\nmore\n>>>>>>>> eight\n",
        " <<<<<<< indented\n",
        "<<<<<<<< HEAD\n",
        "<<<<<<<HEAD\n",
        "x = \"<<<<<<< HEAD\"\n",
        "========\n",
        "=======  \n",
    ])
    func leavesTextThatOnlyLooksLikeConflictMarkers(text: String) {
        #expect(check("conflict-markers", text).isEmpty)
    }

    @Test func skipsBinaryContent() {
        var content = Array("<<<<<<< HEAD\n".utf8)
        content.insert(0, at: 3)
        let findings = BuiltinGates.check(
            "conflict-markers", path: "img.png", content: content + Array("\n<<<<<<< HEAD\n".utf8), mode: 0o100644)
        #expect(findings.isEmpty)
        #expect(BuiltinGates.isBinary(content))
        #expect(!BuiltinGates.isBinary(Array(repeating: 0x61, count: 8000) + [0]))
    }

    // MARK: large-files

    @Test(arguments: [
        (1_048_576, [String: String](), false),
        (1_048_577, [:], true),
        (11, ["maxBytes": "10"], true),
        (10, ["maxBytes": "10"], false),
        (2_000_000, ["maxBytes": "junk"], true),
    ])
    func flagsAFileOverTheSizeLimit(size: Int, options: [String: String], flagged: Bool) throws {
        let findings = BuiltinGates.check(
            "large-files", path: "data.bin", content: [UInt8](repeating: 0, count: size), mode: 0o100644,
            options: options)
        #expect(findings.count == (flagged ? 1 : 0))
        if flagged {
            let finding = try #require(findings.first)
            #expect(finding.ruleID == "large-files")
            #expect(finding.path == "data.bin")
            #expect(finding.matched == "\(size) bytes")
            #expect(finding.line == nil)
            #expect(finding.message.contains("over the limit"))
        }
    }

    @Test func saysTheSizeInReadableUnits() {
        let findings = BuiltinGates.check(
            "large-files", path: "v.mp4", content: [UInt8](repeating: 1, count: 1_572_864), mode: 0o100644)
        #expect(findings.first?.message == "v.mp4 is 1572864 bytes (1.5 MiB), over the limit of 1048576 bytes (1 MiB)")
    }

    // MARK: private-keys

    @Test(arguments: [
        Case(text: "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n", places: ["1:1"]),
        Case(text: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n", places: ["1:1"]),
        Case(text: "-----BEGIN PRIVATE KEY-----\n", places: ["1:1"]),
        Case(text: "-----BEGIN EC PRIVATE KEY-----\n", places: ["1:1"]),
        Case(text: "-----BEGIN ENCRYPTED PRIVATE KEY-----\n", places: ["1:1"]),
        Case(text: "-----BEGIN PGP PRIVATE KEY BLOCK-----\n", places: ["1:1"]),
        Case(text: "config:\n  key: \"-----BEGIN DSA PRIVATE KEY-----\\nMII\"\n", places: ["2:9"]),
        Case(text: "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n", places: ["1:1"]),
        Case(text: "ключ = \"-----BEGIN PRIVATE KEY-----\"\n", places: ["1:9"]),
    ])
    func findsPrivateKeys(c: Case) {
        let findings = check("private-keys", c.text)
        #expect(places(findings) == c.places)
        #expect(findings.allSatisfy { $0.ruleID == "private-keys" && $0.instead.contains("rotate") })
    }

    @Test(arguments: [
        "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n",
        "-----BEGIN CERTIFICATE-----\n",
        "-----BEGIN RSA PUBLIC KEY-----\n",
        "-----BEGIN OPENSSH PRIVATE KEY\n",
        "BEGIN RSA PRIVATE KEY\n",
        "ssh-ed25519 AAAAC3Nza user@host\n",
        "-----END RSA PRIVATE KEY-----\n",
        "# PuTTY-User-Key-File-3 files are private\n",
    ])
    func leavesPublicKeysCertificatesAndProse(text: String) {
        #expect(check("private-keys", text).isEmpty)
    }

    @Test func reportsTheMatchedHeader() {
        let finding = check("private-keys", "x\n-----BEGIN OPENSSH PRIVATE KEY-----\n").first
        #expect(finding?.matched == "-----BEGIN OPENSSH PRIVATE KEY-----")
        #expect(finding?.line == 2)
    }

    // MARK: debug-artifacts

    @Test(arguments: [
        Case(text: "function f() {\n  console.log(x);\n}\n", places: ["2:3"]),
        Case(text: "window.console.log('a')\n", places: ["1:8"]),
        Case(text: "  debugger;\n", places: ["1:3"]),
        Case(text: "if (x) debugger\n", places: ["1:8"]),
        Case(text: "if (x) { debugger }\n", places: ["1:10"]),
        Case(text: "else debugger\n", places: ["1:6"]),
        Case(text: "// TODO: remove before merge\n", places: ["1:4"]),
        Case(text: "# todo: Remove this\n", places: ["1:3"]),
        Case(text: "  binding.pry\n", places: ["1:3"]),
        Case(text: "    breakpoint()\n", places: ["1:5"]),
        Case(text: "import pdb; pdb.set_trace()\n", places: ["1:13"]),
        Case(text: "import ipdb; ipdb.set_trace()\n", places: ["1:14"]),
        // One finding per line, at the first leftover.
        Case(text: "debugger; console.log(1)\nok\nconsole.log(2)\n", places: ["1:1", "3:1"]),
    ])
    func findsDebugArtifacts(c: Case) {
        let findings = check("debug-artifacts", c.text)
        #expect(places(findings) == c.places)
        #expect(findings.allSatisfy { $0.ruleID == "debug-artifacts" && !$0.matched.isEmpty })
    }

    @Test(arguments: [
        "console.error(x)\n",
        "myconsole.log(x)\n",
        "const debuggerEnabled = true;\n",
        "// attach the debugger\n",
        "the debugger is useful\n",
        "set_breakpoint()\n",
        "obj.breakpoint()\n",
        "TODO: refactor\n",
        "pdb.set_trace\n",
        "rebinding.pry\n",
    ])
    func leavesNearMisses(text: String) {
        #expect(check("debug-artifacts", text).isEmpty)
    }

    @Test func skipsBinaryFilesWhenLookingForDebugArtifacts() {
        let content = Array("console.log(1)\n".utf8) + [0, 1, 2]
        #expect(BuiltinGates.check("debug-artifacts", path: "a.bin", content: content, mode: 0o100644).isEmpty)
    }

    // MARK: shebang-executable

    @Test(arguments: [
        ("#!/bin/sh\necho hi\n", Self.regular, true),
        ("#!/usr/bin/env python3\n", 0o100664, true),
        ("#!/bin/sh\n", Self.executable, false),
        ("echo hi\n", Self.regular, false),
        (" #!/bin/sh\n", Self.regular, false),
        ("#!/bin/sh", 0o120000, false),
        ("", Self.regular, false),
    ])
    func flagsAShebangWithoutTheExecutableBit(text: String, mode: UInt32, flagged: Bool) throws {
        let findings = BuiltinGates.check("shebang-executable", path: "bin/run", content: Array(text.utf8), mode: mode)
        #expect(findings.count == (flagged ? 1 : 0))
        if flagged {
            let finding = try #require(findings.first)
            #expect(finding.ruleID == "shebang-executable")
            #expect(finding.line == 1 && finding.column == 1)
            #expect(finding.instead == "git update-index --chmod=+x bin/run")
        }
    }

    @Test func quotesAPathThatIsNotOneShellWord() {
        let finding = BuiltinGates.check(
            "shebang-executable", path: "my tools/it's.sh", content: Array("#!/bin/sh\n".utf8), mode: 0o100644
        ).first
        #expect(finding?.instead == #"git update-index --chmod=+x 'my tools/it'\''s.sh'"#)
    }

    // MARK: every gate

    @Test func failsClosedOnAnUnknownGateId() {
        let findings = check("secrets", "x")
        #expect(findings.count == 1)
        #expect(findings.first?.decision == .deny)
        #expect(findings.first?.message.contains("conflict-markers") == true)
    }

    @Test func carriesTheCheckpointItIsGiven() {
        let findings = BuiltinGates.check(
            "debug-artifacts", path: "a.js", content: Array("debugger;\n".utf8), mode: 0o100644, checkpoint: .ci)
        #expect(findings.first?.checkpoint == .ci)
    }

    @Test func knowsEveryGateOfTheCatalog() {
        for gate in BuiltinGate.all {
            let findings = BuiltinGates.check(gate.id, path: "a", content: [], mode: 0o100644)
            #expect(findings.isEmpty, "\(gate.id) objects to an empty file")
        }
    }
}

extension String {
    /// Every `target` replaced (the tests import no Foundation).
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
