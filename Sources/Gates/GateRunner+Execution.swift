import Base
import Findings
import Policy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension GateRunner {
    /// Runs one gate to its result, on a worker thread.
    func execute(_ plan: Plan, cacheKey: String?) -> GateResult {
        let clock = ContinuousClock()
        let started = clock.now
        var result: GateResult
        if let command = plan.command {
            result = executeCommand(command, plan: plan, started: started, clock: clock)
            if result.status == .passed, let cacheKey { GateCache(commonDir: commonDir).store(cacheKey) }
        } else {
            result = executeBuiltin(plan)
        }
        result.duration = clock.now - started
        return result
    }

    /// `sh -c 'exec 2>&1; CMD' sh FILE…` once per batch of files (once with none when the command
    /// has no `{files}`), in the root or the temporary checkout, under one deadline for the gate.
    private func executeCommand(
        _ command: String, plan: Plan, started: ContinuousClock.Instant, clock: ContinuousClock
    ) -> GateResult {
        var result = GateResult(
            name: plan.spec.name, status: .passed, exitCode: 0, fileCount: plan.inputs.count,
            required: plan.spec.required, isolated: plan.isolated)
        var checkout: IndexCheckout?
        if plan.isolated {
            do {
                checkout = try IndexCheckout(
                    gate: plan.spec.name, commonDir: commonDir, root: root, environment: options.environment)
            } catch {
                result.status = .failed
                result.exitCode = nil
                result.output = error.description + " (needed to run the gate on the staged content only)"
                return result
            }
        }
        defer { checkout?.remove() }
        let top = checkout?.path ?? root
        let directory = plan.cwd.isEmpty ? top : top + "/" + plan.cwd
        let environment = options.environment.merging(plan.spec.env) { _, gate in gate }
        let script = "exec 2>&1\n" + Self.substituteFiles(command)
        let batches: [[String]]
        if plan.takesFiles {
            let files = plan.inputs.map { Self.relative($0.path, to: plan.cwd) }
            let limit = options.argumentLimit ?? Self.defaultArgumentLimit(environment: environment, script: script)
            batches = Self.batches(files, limit: limit)
        } else {
            batches = [[]]
        }
        let timeout = plan.spec.timeout.map { Duration.seconds($0) } ?? options.defaultTimeout
        let deadline = started + timeout
        var output = OutputTail(limit: options.outputLimit)
        for batch in batches {
            let remaining = deadline - clock.now
            guard remaining > .zero else {
                result.status = .timedOut
                break
            }
            // A plain command line (words, no quoting, no shell syntax) runs without a shell:
            // the same argv `sh` would build, one process less per batch.
            let (executable, arguments): (String, [String])
            if let words = Self.plainWords(command) {
                executable = words[0]
                arguments = words.dropFirst().flatMap { $0 == "{files}" ? batch : [$0] }
            } else {
                (executable, arguments) = ("/bin/sh", ["-c", script, "sh"] + batch)
            }
            let request = ProcessRequest(
                executable: executable, arguments: arguments, environment: environment,
                workingDirectory: directory, standardInput: .null, standardOutput: .capture,
                standardError: .standardOutput,
                timeout: remaining, killGrace: options.killGrace, cancellation: options.interruption?.descriptor,
                captureLimit: options.outputLimit)
            let outcome: ProcessOutcome
            do {
                outcome = try ProcessRunner().run(request)
            } catch {
                output.append(Array("ward: cannot run \(executable) in \(directory): \(error)\n".utf8))
                result.status = .failed
                result.exitCode = 127
                break
            }
            output.append(outcome.standardOutput, dropped: outcome.discardedBytes)
            output.append(outcome.standardError)
            let code: Int32
            switch outcome.termination {
            case .exited(let status): code = status
            case .signaled(let signal): code = 128 + signal
            }
            if outcome.cancelled {
                result.status = .interrupted
                result.exitCode = code
                output.append(Array("ward: interrupted; the gate's process group was killed\n".utf8))
                break
            }
            if outcome.timedOut {
                result.status = .timedOut
                result.exitCode = code
                break
            }
            if code != 0 {
                result.status = .failed
                result.exitCode = code
            }
        }
        if result.status == .timedOut {
            output.append(
                Array(
                    "ward: timed out after \(timeout.components.seconds) s; the gate's process group was killed\n".utf8)
            )
        }
        result.output = output.text
        return result
    }

    /// A built-in gate: its check over each file's content; fails on a failing finding. An
    /// advisory gate's findings are lowered to warnings.
    private func executeBuiltin(_ plan: Plan) -> GateResult {
        var result = GateResult(
            name: plan.spec.name, status: .passed, exitCode: nil, fileCount: plan.inputs.count,
            required: plan.spec.required)
        guard let builtin else {
            result.status = .failed
            result.output = "ward: built-in gate '\(plan.spec.builtin ?? "")' is not available here"
            return result
        }
        let checkpoint = GateReportRenderer.checkpoint(for: options.stage)
        var findings: [Finding] = []
        for (input, bytes) in zip(plan.inputs, content(plan.inputs)) {
            guard let bytes else { continue }
            for var finding in builtin(plan.spec, input, bytes) {
                if finding.fails { result.status = .failed }
                finding.checkpoint = checkpoint
                if finding.path == nil { finding.path = input.path }
                if !plan.spec.required, finding.fails { finding.decision = .warn }
                findings.append(finding)
            }
        }
        result.findings = findings
        result.output = findings.map { TextRenderer.line($0) + "\n" }.joined()
        return result
    }

    /// The digest of the index entries under `cwd` (`git ls-files --stage -z`), the input of a
    /// gate that looks at the whole tree; nil when git cannot say (then the gate is not cached).
    func treeDigest(cwd: String) -> String? {
        let arguments = ["ls-files", "--stage", "-z"] + (cwd.isEmpty ? [] : ["--", ":(literal)" + cwd])
        guard let listing = try? GitQuery.run(arguments, in: root, environment: options.environment) else {
            return nil
        }
        return SHA256.hex(listing)
    }

    /// The digest of the index entries of the files directly in `cwd` and in each folder above
    /// it up to the root: where linters, compilers and test runners find their configuration
    /// (`.swiftlint.yml`, `package.json`, `pyproject.toml`, `.eslintrc*`), so that changing it
    /// runs a gate again on files that did not change. Nil when git cannot say (not cached).
    func settingsDigest(cwd: String) -> String? {
        var pathspecs = [":(glob)*"]
        var folder = ""
        for part in cwd.split(separator: "/") {
            folder += (folder.isEmpty ? "" : "/") + Self.globEscaped(String(part))
            pathspecs.append(":(glob)" + folder + "/*")
        }
        let arguments = ["ls-files", "--stage", "-z", "--"] + pathspecs
        guard let listing = try? GitQuery.run(arguments, in: root, environment: options.environment) else {
            return nil
        }
        return SHA256.hex(listing)
    }

    /// `text` with the characters a glob pathspec gives meaning (`* ? [ \\`) escaped.
    static func globEscaped(_ text: String) -> String { text.backslashEscaping("*?[\\") }

    /// Which program the command starts, as a fingerprint: its resolved path (through the
    /// gate's `PATH`; relative to the gate's folder when the word has a `/`), size and
    /// modification time, so that installing another version of the tool runs the gate again.
    /// `missing:NAME` when it cannot be found; nil when the command does not start with a plain
    /// word (a shell construct), which leaves the tool out of the key.
    func toolFingerprint(_ command: String, cwd: String, environment: [String: String]) -> String? {
        guard
            let first = Self.plainWords(command)?.first ?? Self.plainWords(String(command.prefix { $0 != " " }))?.first
        else { return nil }
        var candidates: [String] = []
        if first.contains("/") {
            candidates = [first.hasPrefix("/") ? first : (cwd.isEmpty ? root : root + "/" + cwd) + "/" + first]
        } else {
            let path = environment["PATH"] ?? "/usr/bin:/bin"
            candidates = path.split(separator: ":", omittingEmptySubsequences: false).map {
                ($0.isEmpty ? "." : String($0)) + "/" + first
            }
        }
        for candidate in candidates {
            var st = stat()
            guard stat(candidate, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 else {
                continue
            }
            #if canImport(Darwin)
                let modified = "\(st.st_mtimespec.tv_sec).\(st.st_mtimespec.tv_nsec)"
            #else
                let modified = "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
            #endif
            return "\(candidate):\(st.st_size):\(modified)"
        }
        return "missing:" + first
    }

    /// The words of a command line that needs no shell to run: letters, digits and
    /// `_ . / : = @ % + , -` only, separated by single spaces, `{files}` only as a whole word;
    /// nil for anything else (quotes, variables, pipes, redirections, globs, `&&`…), which
    /// `/bin/sh` runs.
    static func plainWords(_ command: String) -> [String]? {
        let words = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first, first != "{files}", !first.contains("=") else { return nil }
        for word in words where word != "{files}" {
            guard
                word.unicodeScalars.allSatisfy({ c in
                    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
                        || "_./:=@%+,-".unicodeScalars.contains(c)
                })
            else { return nil }
        }
        return words
    }

    /// The command with each `{files}` replaced by `"$@"`: the files arrive as separate
    /// arguments of the shell, never pasted into the command line, so no name needs quoting.
    static func substituteFiles(_ command: String) -> String {
        var out = ""
        var rest = Substring(command)
        while let range = rest.firstRange(of: "{files}") {
            out += rest[..<range.lowerBound]
            out += "\"$@\""
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// `path` (relative to the root) as seen from the folder `cwd` (relative to the root).
    static func relative(_ path: String, to cwd: String) -> String {
        if cwd.isEmpty { return path }
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        let depth = cwd.split(separator: "/").count
        return String(repeating: "../", count: depth) + path
    }

    /// The files in runs whose arguments each fit in `limit` bytes (a path's bytes, its NUL and
    /// its `argv` pointer); a path larger than the limit runs alone.
    static func batches(_ files: [String], limit: Int) -> [[String]] {
        var out: [[String]] = []
        var current: [String] = []
        var size = 0
        for file in files {
            let cost = file.utf8.count + 1 + MemoryLayout<Int>.size
            if !current.isEmpty, size + cost > limit {
                out.append(current)
                current = []
                size = 0
            }
            current.append(file)
            size += cost
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// `sysconf(_SC_ARG_MAX)` (at most 1 MiB) minus the environment, the shell's own arguments
    /// and a 16 KiB margin: what `execve` leaves for the files.
    static func defaultArgumentLimit(environment: [String: String], script: String) -> Int {
        let pointer = MemoryLayout<Int>.size
        var system = sysconf(Int32(_SC_ARG_MAX))
        if system <= 0 { system = 128 * 1024 }
        system = min(system, 1 << 20)
        let environmentCost = environment.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 2 + pointer }
        let fixed = ["/bin/sh", "-c", script, "sh"].reduce(0) { $0 + $1.utf8.count + 1 + pointer }
        return max(4096, system - environmentCost - fixed - 16 * 1024)
    }
}

/// The last `limit` bytes of a gate's output, and how many came before them.
struct OutputTail {
    let limit: Int
    private var bytes: [UInt8] = []
    private var dropped = 0

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Adds `more`, which followed `dropped` bytes the process runner already let go.
    mutating func append(_ more: [UInt8], dropped earlier: Int = 0) {
        if earlier > 0 {
            dropped += bytes.count + earlier
            bytes.removeAll()
        }
        bytes += more
        if bytes.count > limit {
            let extra = bytes.count - limit
            dropped += extra
            bytes.removeFirst(extra)
        }
    }

    var text: String {
        let body = String(decoding: bytes, as: UTF8.self)
        guard dropped > 0 else { return body }
        return "ward: output truncated: the first \(dropped) bytes are not shown\n" + body
    }
}
