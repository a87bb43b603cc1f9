import Base

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension GateRunner {
    /// The loop on the caller's thread that starts gates on worker threads as slots and `needs`
    /// allow, and collects their results.
    ///
    /// Workers report through a pipe (the gate's index, 4 bytes, one atomic write) after storing
    /// the result under a lock; the scheduler `poll`s that pipe and the interruption descriptor,
    /// so it sleeps until something happens. Gates start in the order given, which keeps runs
    /// deterministic for a given set of durations.
    struct Scheduler {
        let runner: GateRunner
        let plans: [Plan]
        private(set) var interrupted = false
        private let done: Int32
        private let notify: Int32
        private let shared = Shared()

        final class Shared: @unchecked Sendable {
            let lock = Lock()
            var results: [Int: GateResult] = [:]
        }

        init(runner: GateRunner, plans: [Plan]) throws(GateError) {
            self.runner = runner
            self.plans = plans
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw GateError("cannot make a pipe: errno \(errno)") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            done = fds[0]
            notify = fds[1]
        }

        mutating func run() -> [GateResult] {
            defer {
                _ = close(done)
                _ = close(notify)
            }
            var results: [GateResult?] = plans.map(\.result)
            var waiting = plans.indices.filter { results[$0] == nil }
            var running: [Int: WorkerThread] = [:]
            var stopReason: String?
            let index = Dictionary(plans.map { ($0.spec.name, $0.index) }, uniquingKeysWith: { first, _ in first })
            let interruption = runner.options.interruption
            let cache = GateCache(commonDir: runner.commonDir)
            var trees: [String: String] = [:]
            var settingsDigests: [String: String] = [:]
            let progress = runner.options.progress
            let clock = ContinuousClock()
            progress?.begin(total: plans.count, decided: results.filter { $0 != nil }.count)
            defer { progress?.end() }

            while true {
                if !interrupted, interruption?.isTriggered == true {
                    interrupted = true
                    stopReason = "interrupted"
                }
                // Start what may start; a gate decided without running (cached, its need failed)
                // may unblock others, so look again until nothing changes.
                var progressed = true
                while stopReason == nil && progressed {
                    progressed = false
                    for i in waiting where running.count < runner.options.jobs {
                        let plan = plans[i]
                        let needs = plan.spec.needs.compactMap { index[$0] }.filter { $0 != i }
                        if needs.contains(where: { results[$0] == nil }) { continue }
                        if let failed = needs.first(where: { results[$0]?.status.satisfiesNeeds == false }) {
                            results[i] = GateResult(
                                name: plan.spec.name,
                                status: .skipped(
                                    GateResult.needPrefix + plans[failed].spec.name + ", which "
                                        + Self.verb(results[failed]?.status)),
                                fileCount: plan.inputs.count, required: plan.spec.required)
                        } else {
                            var key: String?
                            if plan.cacheable, let command = plan.command {
                                var tree: String?
                                if !plan.takesFiles {
                                    tree = trees[plan.cwd] ?? runner.treeDigest(cwd: plan.cwd)
                                    trees[plan.cwd] = tree
                                }
                                // Settings above a whole-tree gate's own folder, or around a
                                // files gate: the tree digest covers the rest.
                                var settings: String?
                                if plan.takesFiles || !plan.cwd.isEmpty {
                                    settings = settingsDigests[plan.cwd] ?? runner.settingsDigest(cwd: plan.cwd)
                                    settingsDigests[plan.cwd] = settings
                                }
                                if tree != nil || plan.takesFiles,
                                    settings != nil || (!plan.takesFiles && plan.cwd.isEmpty)
                                {
                                    let environment = runner.options.environment.merging(plan.spec.env) { $1 }
                                    key = GateCache.key(
                                        gate: plan.spec.name, command: command, stage: runner.options.stage,
                                        cwd: plan.cwd, environment: plan.spec.env, inputs: plan.inputs, tree: tree,
                                        settings: settings,
                                        tool: runner.toolFingerprint(command, cwd: plan.cwd, environment: environment))
                                }
                            }
                            if let key, cache.contains(key) {
                                results[i] = GateResult(
                                    name: plan.spec.name, status: .cached, fileCount: plan.inputs.count,
                                    required: plan.spec.required, isolated: plan.isolated)
                            } else {
                                do {
                                    running[i] = try start(plan, cacheKey: key)
                                    progress?.started(
                                        plan.spec.name, files: plan.inputs.count, takesFiles: plan.takesFiles,
                                        at: clock.now)
                                } catch {
                                    results[i] = GateResult(
                                        name: plan.spec.name, status: .failed, output: error.description,
                                        fileCount: plan.inputs.count, required: plan.spec.required)
                                }
                            }
                        }
                        waiting.removeAll { $0 == i }
                        progressed = true
                        if let result = results[i] { progress?.finished(result, ran: false, at: clock.now) }
                        if let result = results[i], result.required, result.status.isFailure, runner.options.failFast {
                            stopReason = "fail-fast"
                        }
                        break
                    }
                }
                if running.isEmpty { break }

                let reported = waitForWorkers(
                    watchingInterruption: interrupted ? nil : interruption, tick: progress?.tickInterval)
                if reported.isEmpty { progress?.tick(at: clock.now) }
                for finished in reported {
                    running.removeValue(forKey: finished)?.join()
                    let result = shared.lock.withLock { shared.results[finished] }
                    results[finished] = result
                    if let result { progress?.finished(result, ran: true, at: clock.now) }
                    if let result, result.required, result.status.isFailure, runner.options.failFast,
                        stopReason == nil
                    {
                        stopReason = "fail-fast"
                    }
                }
            }

            for i in waiting where results[i] == nil {
                let reason =
                    stopReason.map { GateResult.notStarted + ": " + $0 }
                    ?? "needs a gate that cannot run first (a cycle in needs)"
                results[i] = GateResult(
                    name: plans[i].spec.name, status: .skipped(reason), fileCount: plans[i].inputs.count,
                    required: plans[i].spec.required)
            }
            return plans.indices.map {
                results[$0] ?? GateResult(name: plans[$0].spec.name, status: .skipped(GateResult.notStarted))
            }
        }

        /// Starts one gate on its own thread.
        private func start(_ plan: Plan, cacheKey: String?) throws(GateError) -> WorkerThread {
            let runner = runner
            let shared = shared
            let notify = notify
            do {
                return try WorkerThread {
                    let result = runner.execute(plan, cacheKey: cacheKey)
                    shared.lock.withLock { shared.results[plan.index] = result }
                    var index = Int32(plan.index)
                    _ = withUnsafeBytes(of: &index) { write(notify, $0.baseAddress, 4) }
                }
            } catch {
                throw GateError("cannot start a thread for a gate (pthread_create: \(error.rawValue))")
            }
        }

        /// Blocks until at least one worker reports, the interruption fires or `tick` passes; the
        /// indices that reported (none for the interruption or the tick).
        private mutating func waitForWorkers(watchingInterruption interruption: GateInterruption?, tick: Duration?)
            -> [Int]
        {
            let timeout =
                tick.map { Int32($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) }
                ?? -1
            while true {
                var fds = [pollfd(fd: done, events: Int16(POLLIN), revents: 0)]
                if let interruption {
                    fds.append(pollfd(fd: interruption.descriptor, events: Int16(POLLIN), revents: 0))
                }
                let ready = poll(&fds, nfds_t(fds.count), timeout)
                if ready < 0 { continue }  // EINTR: a signal arrived; look again.
                if ready == 0 { return [] }  // The tick: time to redraw.
                if fds.count > 1, fds[1].revents != 0, fds[0].revents == 0 { return [] }
                guard fds[0].revents != 0 else { continue }
                var buffer = [Int32](repeating: 0, count: 64)
                let n = buffer.withUnsafeMutableBytes { read(done, $0.baseAddress, $0.count) }
                if n <= 0 { continue }
                return Array(buffer[0..<(n / 4)]).map(Int.init)
            }
        }

        /// How a need ended, for a skip reason: `failed`, `timed out`, `was interrupted`, `was skipped`.
        static func verb(_ status: GateStatus?) -> String {
            switch status {
            case .failed: return "failed"
            case .timedOut: return "timed out"
            case .interrupted: return "was interrupted"
            default: return "was skipped"
            }
        }
    }
}
