import Base
public import Policy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a set of gates over a set of files: in parallel up to `jobs`, in `needs` order, each on
/// exactly the content it must judge, each green result remembered.
///
/// The caller chooses the gates (`select`) and the files (`GateInput.staged`, `.allFiles`,
/// `.given`); the runner filters the files per gate, skips what `WARD_SKIP` names, finds cached
/// results, runs the rest on worker threads and returns one result per gate, in the given order.
/// It never writes the work tree or the index: a gate that must not see unstaged or untracked
/// changes runs in a temporary checkout of the index (`IndexCheckout`).
public struct GateRunner: Sendable {
    /// The skip reason of a gate named in `WARD_SKIP`.
    public static let wardSkipReason = "WARD_SKIP"

    /// The work tree's root; gates run there (or in their `cwd` below it).
    public var root: String
    /// `$GIT_COMMON_DIR`: the cache and the temporary checkouts live under its `ward/`.
    public var commonDir: String
    public var options: GateRunOptions
    /// Checks one file for a built-in gate; nil: built-in gates fail with "not available".
    public var builtin: GateBuiltinCheck?
    /// Reads the built-in gates' files.
    public var content: GateContentReader

    public init(
        root: String, commonDir: String, options: GateRunOptions, builtin: GateBuiltinCheck? = nil,
        content: GateContentReader? = nil
    ) {
        self.root = root
        self.commonDir = commonDir
        self.options = options
        self.builtin = builtin
        self.content = content ?? GateContent.git(root: root, environment: options.environment)
    }

    /// The gates to run: those named (in the given order; any stage), or with no names every gate
    /// whose `stages` include `stage`. Throws for a name no gate has.
    public static func select(_ gates: [GateSpec], stage: String, names: [String] = []) throws(GateError)
        -> [GateSpec]
    {
        guard !names.isEmpty else { return gates.filter { $0.stages.contains(stage) } }
        var chosen: [GateSpec] = []
        for name in names {
            guard let gate = gates.first(where: { $0.name == name }) else {
                let known = gates.map(\.name).joined(separator: ", ")
                throw GateError("no gate named '\(name)' (gates: \(known.isEmpty ? "none" : known))")
            }
            if !chosen.contains(where: { $0.name == name }) { chosen.append(gate) }
        }
        return chosen
    }

    /// Runs `gates` over `inputs`; throws only when the work tree's state cannot be read (then no
    /// gate could be run safely).
    public func run(_ gates: [GateSpec], inputs: [GateInput]) throws(GateError) -> GateRunReport {
        let clock = ContinuousClock()
        let started = clock.now
        var plans = gates.enumerated().map { plan(for: $1, index: $0, inputs: inputs) }

        let commandsToRun = plans.contains { $0.result == nil && $0.command != nil }
        if commandsToRun && (options.stagedSafe || !options.noCache) {
            // Gates given their files can only see those: hash them instead of asking git to
            // scan the work tree twice (which only a gate over the whole tree needs).
            let pending = plans.filter { $0.result == nil && $0.command != nil }
            let hashed =
                pending.allSatisfy(\.takesFiles)
                ? WorkTreeChanges.unstaged(among: pending.flatMap(\.inputs), root: root) : nil
            let changes: WorkTreeChanges
            if let hashed {
                changes = hashed
            } else {
                changes = try WorkTreeChanges.read(in: root, environment: options.environment)
            }
            for i in plans.indices where plans[i].result == nil && plans[i].command != nil {
                let touched = changes.touch(
                    files: plans[i].inputs, wholeTree: !plans[i].takesFiles, cwd: plans[i].cwd)
                plans[i].isolated = touched && options.stagedSafe
                plans[i].cacheable =
                    !options.noCache && (!touched || plans[i].isolated)
                    && plans[i].inputs.allSatisfy { $0.blob != nil }
            }
        }
        if plans.contains(where: \.isolated) { IndexCheckout.removeStale(commonDir: commonDir) }

        var scheduler = try Scheduler(runner: self, plans: plans)
        let results = scheduler.run()
        return GateRunReport(
            stage: options.stage, results: results, interrupted: scheduler.interrupted, duration: clock.now - started)
    }

    /// What the runner knows about one gate before it runs: its files, command, cwd, and a
    /// result when it need not run at all.
    struct Plan: Sendable {
        var index: Int
        var spec: GateSpec
        var inputs: [GateInput]
        /// The command line for the stage; nil for a built-in gate.
        var command: String?
        var takesFiles: Bool
        /// The folder below the root, without `./` or a trailing `/`; "" for the root.
        var cwd: String
        /// Decided before anything runs (a skip, a gate without a command).
        var result: GateResult?
        var isolated = false
        var cacheable = false
    }

    func plan(for spec: GateSpec, index: Int, inputs: [GateInput]) -> Plan {
        var plan = Plan(
            index: index, spec: spec, inputs: [], command: nil, takesFiles: true, cwd: Self.folder(spec.cwd))
        func decided(_ status: GateStatus, _ output: String = "") -> Plan {
            plan.result = GateResult(
                name: spec.name, status: status, exitCode: nil, output: output, fileCount: plan.inputs.count,
                required: spec.required)
            return plan
        }
        let skipped = (options.environment["WARD_SKIP"] ?? "").split(separator: ",").map {
            String($0.trimmingWhitespace())
        }
        if skipped.contains(spec.name) { return decided(.skipped(Self.wardSkipReason)) }
        if spec.builtin == nil {
            guard let command = spec.command(for: options.stage) else {
                return decided(
                    .failed,
                    "ward: gate '\(spec.name)' has no command for stage '\(options.stage)' (set run.default)")
            }
            plan.command = command
            plan.takesFiles = spec.takesFiles(for: options.stage)
        }
        let files: ScopePatternList
        let exclude: ScopePatternList
        do {
            files = try ScopePatternList(spec.files)
            exclude = try ScopePatternList(spec.exclude)
        } catch {
            return decided(.failed, "ward: gate '\(spec.name)': \(error)")
        }
        plan.inputs = inputs.filter { (files.isEmpty || files.contains($0.path)) && !exclude.contains($0.path) }
        if plan.inputs.isEmpty { return decided(.skipped("no matching files")) }
        return plan
    }

    /// `cwd` as a clean relative folder: "" for nil, ".", "./"; no leading `./`, no trailing `/`.
    static func folder(_ cwd: String?) -> String {
        var parts = (cwd ?? "").split(separator: "/").filter { $0 != "." }
        while parts.first == "" { parts.removeFirst() }
        return parts.joined(separator: "/")
    }
}
