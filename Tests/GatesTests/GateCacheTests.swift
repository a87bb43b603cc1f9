import Foundation
import Gates
import Policy
import TestSupport
import Testing

@Suite struct GateCacheTests {
    /// Runs the gate once and says whether it ran (its command appends to a counter file).
    func ran(_ repo: GateTestRepository, _ spec: GateSpec, noCache: Bool = false) throws -> GateStatus {
        try repo.runner(noCache: noCache).run([spec], inputs: try repo.staged()).results[0].status
    }

    func counting(_ repo: GateTestRepository, _ extra: String = "", env: [String: String] = [:]) -> GateSpec {
        gate("lint", "echo run >> \(shellQuoted(repo.outside + "/count")); cat {files} > /dev/null\(extra)", env: env)
    }

    @Test func aGreenResultIsReusedForTheSameInputs() throws {
        let repo = try GateTestRepository()
        try repo.write("a.txt", "staged\n")
        try repo.git("add", "a.txt")
        #expect(try ran(repo, counting(repo)) == .passed)
        #expect(try ran(repo, counting(repo)) == .cached)
        #expect(try ran(repo, counting(repo), noCache: true) == .passed)
        #expect(repo.read(outside: "count") == "run\nrun\n")
        let entries = try FileManager.default.contentsOfDirectory(atPath: repo.commonDir + "/ward/cache/gates")
        #expect(entries.count == 1)
    }

    @Test func aChangedByteCommandOrEnvironmentMisses() throws {
        let repo = try GateTestRepository()
        try repo.write("a.txt", "staged\n")
        try repo.git("add", "a.txt")
        #expect(try ran(repo, counting(repo)) == .passed)
        try repo.write("a.txt", "staged!\n")
        try repo.git("add", "a.txt")
        #expect(try ran(repo, counting(repo)) == .passed)
        #expect(try ran(repo, counting(repo, " ")) == .passed)
        #expect(try ran(repo, counting(repo, env: ["MODE": "strict"])) == .passed)
        #expect(try ran(repo, counting(repo, env: ["MODE": "strict"])) == .cached)
        #expect(try ran(repo, counting(repo, env: ["MODE": "lenient"])) == .passed)
    }

    @Test func aFailureIsNeverCached() throws {
        let repo = try GateTestRepository()
        try repo.write("a.txt", "staged\n")
        try repo.git("add", "a.txt")
        #expect(try ran(repo, counting(repo, "; exit 1")) == .failed)
        #expect(try ran(repo, counting(repo, "; exit 1")) == .failed)
        #expect(
            (try? FileManager.default.contentsOfDirectory(atPath: repo.commonDir + "/ward/cache/gates")) ?? [] == [])
    }

    @Test func aGateThatSeesUnstagedContentInPlaceIsNotCached() throws {
        let repo = try GateTestRepository()
        try repo.write("a.txt", "staged\n")
        try repo.git("add", "a.txt")
        try repo.write("a.txt", "unstaged\n")
        let runner = repo.runner(stage: "ci", noCache: false)
        let spec = counting(repo)
        #expect(try runner.run([spec], inputs: try repo.staged()).results[0].status == .passed)
        #expect(try runner.run([spec], inputs: try repo.staged()).results[0].status == .passed)
    }

    @Test func keyDependsOnEveryInput() {
        let inputs = [GateInput(path: "a", blob: "1", mode: 0o100644)]
        let base = GateCache.key(gate: "g", command: "c", stage: "s", cwd: "", environment: [:], inputs: inputs)
        #expect(base.count == 64)
        #expect(base == GateCache.key(gate: "g", command: "c", stage: "s", cwd: "", environment: [:], inputs: inputs))
        let variants = [
            GateCache.key(gate: "h", command: "c", stage: "s", cwd: "", environment: [:], inputs: inputs),
            GateCache.key(gate: "g", command: "d", stage: "s", cwd: "", environment: [:], inputs: inputs),
            GateCache.key(gate: "g", command: "c", stage: "t", cwd: "", environment: [:], inputs: inputs),
            GateCache.key(gate: "g", command: "c", stage: "s", cwd: "x", environment: [:], inputs: inputs),
            GateCache.key(gate: "g", command: "c", stage: "s", cwd: "", environment: ["A": ""], inputs: inputs),
            GateCache.key(
                gate: "g", command: "c", stage: "s", cwd: "", environment: [:],
                inputs: [GateInput(path: "a", blob: "2", mode: 0o100644)]),
            GateCache.key(
                gate: "g", command: "c", stage: "s", cwd: "", environment: [:],
                inputs: [GateInput(path: "a", blob: "1", mode: 0o100755)]),
            GateCache.key(gate: "g", command: "c", stage: "s", cwd: "", environment: [:], inputs: inputs, tree: "t"),
        ]
        #expect(Set(variants + [base]).count == variants.count + 1)
    }
}
