import Gates
import Testing
import Workspace

/// Which files `ward gate run` hands its gates, in a real repository.
@Suite struct GateFileSelectionTests {
    @Test func eachSelectionNamesItsFiles() throws {
        let repo = try GateTestRepository(committed: ["a.txt": "one\n", "b/c.txt": "two\n"])
        try repo.write("d.txt", "new\n")
        try repo.git("add", "d.txt")
        let location = try #require(RepositoryLocator.locate(from: repo.root, environment: repo.environment))
        func paths(_ selection: GateFileSelection) throws -> [String] {
            try GateInput.select(selection, root: repo.root, location: location, environment: repo.environment)
                .map(\.path).sorted()
        }
        #expect(try paths(.staged) == ["d.txt"])
        #expect(try paths(.allFiles) == ["a.txt", "b/c.txt", "d.txt"])
        let given = try paths(.files(["b/c.txt"]))
        #expect(given == ["b/c.txt"], "\(given) under \(repo.root)")
        #expect(try paths(.range("..HEAD")) == ["a.txt", "b/c.txt"], "the root commit's files")
        #expect(throws: GateError.self) { try paths(.range("HEAD")) }
        #expect(throws: GateError.self) { try paths(.range("nope..HEAD")) }
    }
}
