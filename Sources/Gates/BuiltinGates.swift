public import Findings
public import Policy

/// The built-in gates: checks ward runs on a file's content itself, without a process.
///
/// Each is a pure function of one blob (its repository-relative path, its bytes and its index
/// mode) to findings, one per offending line, each with the gate's id as its rule id (see
/// `BuiltinGate.all`), decision deny, a 1-based line and column, and what to do instead. The
/// text scans (`conflict-markers`, `private-keys`, `debug-artifacts`) skip binary content (a NUL
/// byte in the first 8000 bytes, git's own test) and read lines ending in `\n` or `\r\n`.
public enum BuiltinGates {
    /// The findings of the built-in gate `id` for one file.
    ///
    /// - Parameters:
    ///   - id: one of `BuiltinGate.ids`; any other id is one finding saying so (fail closed).
    ///   - path: the file's path relative to the repository root, as findings show it.
    ///   - content: the blob's bytes (the staged content at pre-commit).
    ///   - mode: the index mode (`0o100644`, `0o100755`, `0o120000` for a symbolic link).
    ///   - options: the gate's settings from the policy (`maxBytes` of `large-files`).
    ///   - checkpoint: where the gate runs, for the findings.
    public static func check(
        _ id: String, path: String, content: [UInt8], mode: UInt32, options: [String: String] = [:],
        checkpoint: Checkpoint = .preCommit
    ) -> [Finding] {
        let scan = Scan(id: id, path: path, checkpoint: checkpoint)
        switch id {
        case "conflict-markers": return isBinary(content) ? [] : conflictMarkers(content, scan)
        case "large-files":
            let limit = options["maxBytes"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            return largeFile(content, limit: limit ?? BuiltinGate.defaultMaxBytes, scan)
        case "private-keys": return isBinary(content) ? [] : privateKeys(content, scan)
        case "debug-artifacts": return isBinary(content) ? [] : debugArtifacts(content, scan)
        case "shebang-executable": return shebang(content, mode: mode, scan)
        default:
            return [
                scan.finding(
                    "no built-in gate is named '\(id)' (built-in gates: \(BuiltinGate.ids.joined(separator: ", ")))",
                    matched: id, instead: "name one of the built-in gates in ward.json", line: nil, column: nil)
            ]
        }
    }

    /// Git's test for binary content: a NUL byte in the first 8000 bytes.
    public static func isBinary(_ content: [UInt8]) -> Bool {
        content.prefix(8000).contains(0)
    }

    /// What every finding of one check shares.
    struct Scan {
        let id: String
        let path: String
        let checkpoint: Checkpoint

        func finding(_ message: String, matched: String, instead: String, line: Int?, column: Int?) -> Finding {
            Finding(
                ruleID: id, decision: .deny, message: message, matched: matched, instead: instead,
                checkpoint: checkpoint, path: path, line: line, column: column)
        }
    }

    /// The lines of `content` without their `\n` or `\r\n`, with 1-based numbers.
    static func lines(_ content: [UInt8]) -> [(number: Int, bytes: ArraySlice<UInt8>)] {
        var out: [(number: Int, bytes: ArraySlice<UInt8>)] = []
        var start = content.startIndex
        var number = 1
        for i in content.indices where content[i] == 0x0A {
            var end = i
            if end > start, content[end - 1] == 0x0D { end -= 1 }
            out.append((number, content[start..<end]))
            start = i + 1
            number += 1
        }
        if start < content.endIndex {
            var end = content.endIndex
            if content[end - 1] == 0x0D { end -= 1 }
            out.append((number, content[start..<end]))
        }
        return out
    }

    /// The 1-based column of byte offset `offset` in `line`, counting characters (UTF-8 lead
    /// bytes), so that an editor lands on it.
    static func column(_ line: ArraySlice<UInt8>, _ index: Int) -> Int {
        line[line.startIndex..<index].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// The start index of `needle` in `line`, searching from `from`; ASCII letters in any case
    /// when `ignoringCase` (then `needle` is lower case).
    static func find(_ needle: [UInt8], in line: ArraySlice<UInt8>, from: Int? = nil, ignoringCase: Bool = false)
        -> Int?
    {
        guard !needle.isEmpty, line.count >= needle.count else { return nil }
        func lower(_ c: UInt8) -> UInt8 { ignoringCase && c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        var i = from ?? line.startIndex
        while i + needle.count <= line.endIndex {
            if lower(line[i]) == needle[0], line[i..<i + needle.count].elementsEqual(needle, by: { lower($0) == $1 }) {
                return i
            }
            i += 1
        }
        return nil
    }

    static func text(_ bytes: ArraySlice<UInt8>, limit: Int = 120) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        return s.count > limit ? String(s.prefix(limit)) + "…" : s
    }
}

// MARK: - conflict-markers

extension BuiltinGates {
    enum Marker {
        case open, base, separator, close
    }

    /// `<<<<<<<`, `|||||||` (diff3's base), `=======`, `>>>>>>>`: seven characters at the start
    /// of a line, then a space or the end of the line (`=======` only ever alone).
    static func marker(_ line: ArraySlice<UInt8>) -> Marker? {
        guard line.count >= 7, let c = line.first, line.prefix(7).allSatisfy({ $0 == c }) else { return nil }
        let rest = line.dropFirst(7)
        switch c {
        case 0x3D: return rest.isEmpty ? .separator : nil
        case 0x3C, 0x7C, 0x3E:
            guard rest.isEmpty || rest.first == 0x20 else { return nil }
            return c == 0x3C ? .open : c == 0x7C ? .base : .close
        default: return nil
        }
    }

    /// Every `<<<<<<<` and `>>>>>>>` line; `|||||||` and `=======` only between an opening
    /// marker and a closing one, so that a Markdown heading's `=======` underline is no finding.
    static func conflictMarkers(_ content: [UInt8], _ scan: Scan) -> [Finding] {
        var out: [Finding] = []
        var pending: [(number: Int, text: String)] = []
        var open = false
        func add(_ number: Int, _ text: String) {
            out.append(
                scan.finding(
                    "merge-conflict marker '\(text)' left in the file", matched: text,
                    instead: "resolve the conflict in \(scan.path), remove the markers and stage it again",
                    line: number, column: 1))
        }
        for (number, line) in lines(content) {
            guard let m = marker(line) else { continue }
            let text = BuiltinGates.text(line, limit: 40)
            switch m {
            case .open:
                open = true
                pending = []
                add(number, text)
            case .base, .separator:
                if open { pending.append((number, text)) }
            case .close:
                for p in pending { add(p.number, p.text) }
                pending = []
                open = false
                add(number, text)
            }
        }
        out.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return out
    }
}

// MARK: - large-files

extension BuiltinGates {
    static func largeFile(_ content: [UInt8], limit: Int, _ scan: Scan) -> [Finding] {
        guard content.count > limit else { return [] }
        return [
            scan.finding(
                "\(scan.path) is \(size(content.count)), over the limit of \(size(limit))",
                matched: "\(content.count) bytes",
                instead:
                    "keep it out of the repository (Git LFS, a release asset, a download step), or raise the gate's maxBytes",
                line: nil, column: nil)
        ]
    }

    /// `1536 bytes (1.5 KiB)`, exact and readable.
    static func size(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = -1
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        guard unit >= 0 else { return "\(bytes) bytes" }
        let tenths = Int((value * 10).rounded())
        let shown = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        return "\(bytes) bytes (\(shown) \(units[unit]))"
    }
}

// MARK: - private-keys

extension BuiltinGates {
    // Built from pieces so that this source file is not itself a finding of the gate.
    static let beginArmor = Array(("-----" + "BEGIN ").utf8)
    static let dashes = Array("-----".utf8)
    static let puttyHeader = Array(("PuTTY-User-" + "Key-File-").utf8)

    /// A PEM or OpenSSH private-key header (`-----BEGIN RSA PRIVATE KEY-----`, `... OPENSSH
    /// PRIVATE KEY-----`, `... ENCRYPTED PRIVATE KEY-----`, `... PGP PRIVATE KEY BLOCK-----`)
    /// anywhere in a line, or a PuTTY key file's first line (`PuTTY-User-Key-File-3: ssh-ed25519`).
    /// Public keys and certificates are no finding.
    static func privateKeys(_ content: [UInt8], _ scan: Scan) -> [Finding] {
        var out: [Finding] = []
        func add(_ number: Int, _ line: ArraySlice<UInt8>, _ at: Int, _ matched: String) {
            out.append(
                scan.finding(
                    "a private key is about to be committed (\(matched))", matched: matched,
                    instead:
                        "unstage \(scan.path) (git restore --staged), keep the key in a secret store or an ignored file, and rotate it if it was ever pushed",
                    line: number, column: column(line, at)))
        }
        for (number, line) in lines(content) {
            if line.starts(with: puttyHeader) {
                let end = line.firstIndex(of: 0x3A) ?? line.endIndex
                add(number, line, line.startIndex, text(line[line.startIndex..<end]))
                continue
            }
            var from = line.startIndex
            while let begin = find(beginArmor, in: line, from: from) {
                let labelStart = begin + beginArmor.count
                guard let close = find(dashes, in: line, from: labelStart) else { break }
                let label = String(decoding: line[labelStart..<close], as: UTF8.self)
                if label == "PRIVATE KEY" || label.hasSuffix(" PRIVATE KEY") || label == "PGP PRIVATE KEY BLOCK" {
                    add(number, line, begin, text(line[begin..<close + dashes.count]))
                    break
                }
                from = close
            }
        }
        return out
    }
}

// MARK: - debug-artifacts

extension BuiltinGates {
    /// Each debugging leftover and how it is recognised.
    enum Artifact: CaseIterable {
        case consoleLog, debugger, todoRemove, bindingPry, breakpoint, pdb

        var text: String {
            switch self {
            case .consoleLog: return "console.log("
            case .debugger: return "debugger"
            case .todoRemove: return "TODO: remove"
            case .bindingPry: return "binding.pry"
            case .breakpoint: return "breakpoint()"
            case .pdb: return "pdb.set_trace()"
            }
        }
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x24
    }

    /// The first artifact in `line` and where it starts.
    ///
    /// - `console.log(`, `binding.pry` and `pdb.set_trace()` (also `ipdb.`) anywhere, after a
    ///   character that cannot end a name (so `myconsole.log(` is none);
    /// - `debugger` as a statement (see `isDebuggerStatement`): `debugger;`, `if (x) debugger`,
    ///   not `debuggerEnabled` or "attach the debugger";
    /// - `TODO: remove` in any letter case;
    /// - `breakpoint()` as a call of the built-in, not `set_breakpoint()` or `obj.breakpoint()`.
    static func artifact(_ line: ArraySlice<UInt8>) -> (Artifact, Int)? {
        var found: (Artifact, Int)?
        func note(_ a: Artifact, _ at: Int) {
            if found == nil || at < found?.1 ?? 0 { found = (a, at) }
        }
        func boundaryBefore(_ at: Int, allowDot: Bool = true) -> Bool {
            at == line.startIndex || !(isWordByte(line[at - 1]) || (!allowDot && line[at - 1] == 0x2E))
        }
        for a in Artifact.allCases {
            var from = line.startIndex
            let needle = Array((a == .todoRemove ? a.text.lowercased() : a.text).utf8)
            while let at = find(needle, in: line, from: from, ignoringCase: a == .todoRemove) {
                from = at + 1
                var position = at
                switch a {
                case .consoleLog, .bindingPry:
                    guard boundaryBefore(at) else { continue }
                case .pdb:
                    // `pdb.` or `ipdb.`
                    position = at > line.startIndex && line[at - 1] == 0x69 ? at - 1 : at
                    guard boundaryBefore(position) else { continue }
                case .breakpoint:
                    guard boundaryBefore(at, allowDot: false) else { continue }
                case .debugger:
                    guard boundaryBefore(at, allowDot: false), isDebuggerStatement(line, at) else { continue }
                case .todoRemove:
                    break
                }
                note(a, position)
                break
            }
        }
        return found
    }

    /// Whether the word `debugger` at `at` is a statement: followed by `;`, or standing where a
    /// statement starts (the line's start, after `;`, `{`, `}`, `)`, `:` or `else`) and followed by
    /// the end of the line or `}`. "attach the debugger" is prose, not a statement.
    static func isDebuggerStatement(_ line: ArraySlice<UInt8>, _ at: Int) -> Bool {
        var next = at + 8
        while next < line.endIndex, line[next] == 0x20 || line[next] == 0x09 { next += 1 }
        if next < line.endIndex, line[next] == 0x3B { return true }
        guard next == line.endIndex || line[next] == 0x7D else { return false }
        var before = at
        while before > line.startIndex, line[before - 1] == 0x20 || line[before - 1] == 0x09 { before -= 1 }
        guard before > line.startIndex else { return true }
        if [0x3B, 0x7B, 0x7D, 0x29, 0x3A].contains(line[before - 1]) { return true }
        let word = Array("else".utf8)
        return before - line.startIndex >= 4 && line[(before - 4)..<before].elementsEqual(word)
            && (before - 4 == line.startIndex || !isWordByte(line[before - 5]))
    }

    /// One finding per line that holds a debugging leftover (the first one in the line).
    static func debugArtifacts(_ content: [UInt8], _ scan: Scan) -> [Finding] {
        var out: [Finding] = []
        for (number, line) in lines(content) {
            guard let (artifact, at) = artifact(line) else { continue }
            let matched = text(line.drop { $0 == 0x20 || $0 == 0x09 })
            out.append(
                scan.finding(
                    "debugging leftover '\(artifact.text)' in \(scan.path)", matched: matched,
                    instead:
                        "remove the line before committing, or take the file out of the gate with 'exclude' if it belongs there",
                    line: number, column: column(line, at)))
        }
        return out
    }
}

// MARK: - shebang-executable

extension BuiltinGates {
    /// A regular file whose content starts with `#!` but whose index mode has no executable bit.
    /// Symbolic links and submodules are no finding.
    static func shebang(_ content: [UInt8], mode: UInt32, _ scan: Scan) -> [Finding] {
        guard mode & 0o170000 == 0o100000, mode & 0o111 == 0, content.starts(with: [0x23, 0x21]) else { return [] }
        let first = lines(content).first?.bytes ?? []
        return [
            scan.finding(
                "\(scan.path) starts with '#!' but is not executable, so running it fails", matched: text(first),
                instead: "git update-index --chmod=+x \(shellQuoted(scan.path))", line: 1, column: 1)
        ]
    }

    /// `path` as one shell word: as is when it holds only safe characters, else in single quotes.
    static func shellQuoted(_ path: String) -> String {
        let safe = path.utf8.allSatisfy {
            isWordByte($0) && $0 != 0x24 || $0 == 0x2F || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x2C
                || $0 == 0x3A || $0 == 0x40 || $0 == 0x3D
        }
        if safe && !path.isEmpty { return path }
        var out = "'"
        for c in path {
            if c == "'" { out += "'\\''" } else { out.append(c) }
        }
        return out + "'"
    }
}
