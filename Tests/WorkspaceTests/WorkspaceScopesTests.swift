import Foundation
import Policy
import TestSupport
import Testing
import Workspace

/// `"scopes": {"from": "workspace"}`: the scopes come from the work tree's package manifests.
@Suite struct WorkspaceScopesTests {
    func write(_ tmp: TemporaryDirectory, _ files: [String: String]) throws {
        for (path, text) in files {
            let full = tmp.appending(path)
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
    }

    @Test func readsPackageJSONWorkspacesWithoutTheOrganisation() throws {
        let tmp = try TemporaryDirectory()
        try write(
            tmp,
            [
                "package.json": #"{"name": "root", "workspaces": ["packages/*", "!packages/skip", "tools/cli"]}"#,
                "packages/core/package.json": #"{"name": "@acme/core"}"#,
                "packages/ui/package.json": #"{"name": "ui-kit"}"#,
                "packages/skip/package.json": #"{"name": "skipped"}"#,
                "packages/nodir.txt": "",
                "tools/cli/package.json": #"{"name": "@acme/cli"}"#,
            ])
        #expect(WorkspaceScopes.scopes(root: tmp.path) == ["cli", "core", "ui-kit"])
    }

    @Test func readsPnpmLernaCargoAndSwiftPM() throws {
        let tmp = try TemporaryDirectory()
        try write(
            tmp,
            [
                "pnpm-workspace.yaml":
                    "packages:\n  - 'apps/*'\n  # a comment\n  - \"libs/**\"\ncatalog:\n  - not-this\n",
                "apps/web/package.json": #"{"name": "@acme/web"}"#,
                "libs/deep/util/package.json": #"{"name": "util"}"#,
                "lerna.json": #"{"packages": ["legacy/*"]}"#,
                "legacy/old/readme": "",
                "legacy/kept/package.json": "{}",
                "Cargo.toml": "[workspace]\nmembers = [\n  \"crates/*\",\n]\n\n[profile.release]\n",
                "crates/parser/Cargo.toml": "[package]\nname = \"acme-parser\"\nversion = \"0.1.0\"\n",
                "Package.swift":
                    "let p = Package(name: \"x\", targets: [\n.target(name: \"Core\"),\n.executableTarget(\n  name: \"tool\", dependencies: []),\n.testTarget(name: \"CoreTests\")])\n",
            ])
        let scopes = WorkspaceScopes.scopes(root: tmp.path)
        #expect(scopes == ["Core", "acme-parser", "kept", "tool", "util", "web"])
    }

    @Test func policyTakesWorkspaceScopesPlusExtras() throws {
        let tmp = try TemporaryDirectory()
        try write(
            tmp,
            [
                "package.json": #"{"workspaces": {"packages": ["packages/*"]}}"#,
                "packages/api/package.json": #"{"name": "@acme/api"}"#,
            ])
        let layer = try PolicyParser.parse(
            #"{"commits": {"scopes": {"from": "workspace", "extra": ["deps", "release"]}}}"#, file: "ward.json",
            kind: .repository)
        var policy = try Policy.builtin.merging([layer])
        #expect(policy.commits.scopesFromWorkspace)
        WorkspaceScopes.apply(to: &policy, root: tmp.path)
        #expect(policy.commits.scopes == ["api", "deps", "release"])
    }

    @Test func rejectsAnUnknownScopesSource() {
        #expect(throws: PolicyError.self) {
            _ = try PolicyParser.parse(
                #"{"commits": {"scopes": {"from": "lerna"}}}"#, file: "ward.json", kind: .repository)
        }
        do {
            _ = try PolicyParser.parse(
                #"{"commits": {"scopes": {"form": "workspace"}}}"#, file: "ward.json", kind: .repository)
        } catch {
            #expect("\(error)".contains("commits.scopes.form: unknown key 'form' (did you mean 'from'?)"))
        }
    }
}
