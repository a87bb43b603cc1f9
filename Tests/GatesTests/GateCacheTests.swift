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

    @Test func changedSettingsAroundTheGateMissButUnrelatedFoldersDoNot() throws {
        let repo = try GateTestRepository(committed: [
            "pkg/src/a.txt": "one\n", ".toolrc": "strict\n", "pkg/.toolrc": "local\n", "docs/guide.md": "g\n",
            "pkg/other/b.txt": "b\n",
        ])
        var spec = counting(repo)
        spec.cwd = "pkg"
        spec.run = ["default": "cat {files} > /dev/null"]
        try repo.write("pkg/src/a.txt", "two\n")
        try repo.git("add", "pkg/src/a.txt")
        let inputs = try repo.staged()
        let runner = repo.runner(noCache: false)
        func cachedRun() throws -> GateStatus { try runner.run([spec], inputs: inputs).results[0].status }
        #expect(try cachedRun() == .passed)
        #expect(try cachedRun() == .cached)
        // Not the gate's settings: a file deeper in another folder, or beside the gate's folder.
        try repo.write("docs/guide.md", "changed\n")
        try repo.write("pkg/other/b.txt", "changed\n")
        try repo.git("add", "docs/guide.md", "pkg/other/b.txt")
        #expect(try cachedRun() == .cached)
        // Configuration at the root and in the gate's own folder: the gate runs again.
        try repo.write(".toolrc", "lenient\n")
        try repo.git("add", ".toolrc")
        #expect(try cachedRun() == .passed)
        #expect(try cachedRun() == .cached)
        try repo.write("pkg/.toolrc", "other\n")
        try repo.git("add", "pkg/.toolrc")
        #expect(try cachedRun() == .passed)
    }

    @Test func anotherVersionOfTheToolMisses() throws {
        let repo = try GateTestRepository(committed: ["a.txt": "one\n", "lint.sh": "#!/bin/sh\nexit 0\n"])
        try repo.git("update-index", "--chmod=+x", "lint.sh")
        _ = chmod(repo.root + "/lint.sh", 0o755)
        try repo.write("a.txt", "two\n")
        try repo.git("add", "a.txt")
        let inputs = try repo.staged().filter { $0.path == "a.txt" }
        let spec = gate("lint", "./lint.sh {files}")
        let runner = repo.runner(noCache: false)
        func cachedRun() throws -> GateStatus { try runner.run([spec], inputs: inputs).results[0].status }
        #expect(try cachedRun() == .passed)
        #expect(try cachedRun() == .cached)
        // A reinstalled tool: same path, another size and time.
        try repo.write("lint.sh", "#!/bin/sh\n# version 2\nexit 0\n")
        _ = chmod(repo.root + "/lint.sh", 0o755)
        #expect(try cachedRun() == .passed)
        #expect(try cachedRun() == .cached)
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
            GateCache.key(
                gate: "g", command: "c", stage: "s", cwd: "", environment: [:], inputs: inputs, settings: "s"),
            GateCache.key(gate: "g", command: "c", stage: "s", cwd: "", environment: [:], inputs: inputs, tool: "t"),
        ]
        #expect(Set(variants + [base]).count == variants.count + 1)
    }
}
