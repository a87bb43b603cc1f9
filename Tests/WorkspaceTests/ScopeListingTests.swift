import Policy
import TestSupport
import Testing

@testable import Workspace

/// `ward scope show` and `ward policy validate` as values: the listing of a merged policy, and
/// the validation of real files in a real repository.
@Suite struct ScopeListingTests {
    static func policy(_ wardJSON: String) throws -> Policy {
        try Policy.builtin.merging([try PolicyParser.parse(wardJSON, file: "ward.json", kind: .repository)])
    }

    @Test func listsEveryAllowListWithItsSourceAndTheModeInEffect() throws {
        let listing = ScopeListing(
            try Self.policy(#"{"mode": "warn", "scope": {"allow": ["src/**", "docs/"], "protect": ["secrets/**"]}}"#))
        #expect(
            listing.lines == [
                "mode: warn", "allow (ward.json): src/** docs/", "protect: secrets/**", "outside: temp roots",
            ])
        #expect(
            listing.json
                == #"{"mode":"warn","allow":[{"source":"ward.json","allow":["src/**","docs/"]}],"protect":["secrets/**"],"outside":[]}"#
        )
        let open = ScopeListing(try Self.policy("{}"))
        #expect(open.lines.prefix(2) == ["mode: enforce", "allow: the whole repository"])
        #expect(open.json.hasPrefix(#"{"mode":"enforce","allow":[],"#))
    }

    @Test func validatesTheGivenFileOrTheRepositorysWardJSON() throws {
        let sandbox = try GitSandbox()
        let root = try sandbox.makeRepository()
        let env = sandbox.environment()
        #expect(throws: PolicyValidation.Failure(isUsage: false, description: "ward: \(root)/ward.json: no such file"))
        {
            try PolicyValidation(file: nil, currentDirectory: root, environment: env)
        }
        try sandbox.write("repo/ward.json", "{\n  \"mode\": \"loud\",\n  \"scpoe\": {}\n}\n")
        let broken = try PolicyValidation(file: nil, currentDirectory: root + "/", environment: env)
        #expect(!broken.ok)
        #expect(broken.lines.count == 2)
        #expect(broken.lines.allSatisfy { $0.hasPrefix("ward: \(root)/ward.json:") }, "\(broken.lines)")
        #expect(broken.summary == "ward: \(root)/ward.json: 2 errors")
        try sandbox.write("other.json", "{\"mode\": \"warn\"}\n")
        let valid = try PolicyValidation(file: "../other.json", currentDirectory: root, environment: env)
        #expect(valid.ok && valid.summary == nil)
        #expect(valid.lines == ["\(sandbox.absolute("other.json")): valid"])
        #expect(throws: PolicyValidation.Failure.self) {
            try PolicyValidation(file: nil, currentDirectory: sandbox.path, environment: env)
        }
    }
}
