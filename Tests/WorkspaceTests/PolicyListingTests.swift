import Foundation
import Policy
import TestSupport
import Testing

@testable import Workspace

/// `ward policy show` as values, over real repositories: the workspace scopes it resolves to,
/// each package with the file that names it; and the lines of `ward log`.
@Suite struct PolicyListingTests {
    /// A repository with `files` written into its work tree, and its policy loaded as ward loads it.
    struct Workspace {
        let sandbox: GitSandbox
        let root: String

        init(_ files: [String: String]) throws {
            sandbox = try GitSandbox()
            root = try sandbox.makeRepository()
            for (path, text) in files { try sandbox.write("repo/" + path, text) }
        }

        func listing() throws -> PolicyListing {
            let location = RepositoryLocator.locate(from: root, environment: sandbox.environment())
            return PolicyListing(
                try PolicyLoader.load(repository: location, environment: sandbox.environment()), root: root)
        }
    }

    static let fromWorkspace = #"{"commits": {"scopes": {"from": "workspace", "extra": ["deps", "release"]}}}"#

    @Test func listsThePackagesTheWorkspaceScopesResolveToAndTheirFiles() throws {
        let repo = try Workspace([
            "ward.json": Self.fromWorkspace,
            "package.json": #"{"workspaces": ["packages/*"]}"#,
            "pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n",
            "packages/api/package.json": #"{"name": "@acme/api"}"#,
            "apps/web/package.json": #"{"name": "web"}"#,
            "crates/parse/Cargo.toml": "[package]\nname = \"parse\"\n",
            "Cargo.toml": "[workspace]\nmembers = [\"crates/parse\"]\n",
        ])
        let listing = try repo.listing()
        let scopes = listing.entries.filter { $0.path.hasPrefix("commits.scopes") }
        #expect(
            scopes.map(\.textLine) == [
                "commits.scopes: api, parse, web, deps, release  (the workspace at \(repo.root), and commits.scopes.extra)",
                "commits.scopes.from: workspace  (ward.json)",
                "commits.scopes.extra: deps, release  (ward.json)",
                "commits.scopes.workspace: api  (packages/api/package.json, listed in package.json workspaces)",
                "commits.scopes.workspace: parse  (crates/parse/Cargo.toml, listed in Cargo.toml [workspace] members)",
                "commits.scopes.workspace: web  (apps/web/package.json, listed in pnpm-workspace.yaml packages)",
            ])
        #expect(listing.text.hasPrefix("policy files: built-in, \(repo.root)/ward.json\nmode: enforce  (built-in)\n"))
        #expect(
            listing.json.hasSuffix(
                #","workspace":{"root":"\#(repo.root)","packages":[{"name":"api","directory":"packages/api","manifest":"packages/api/package.json","listedIn":"package.json workspaces"},{"name":"parse","directory":"crates/parse","manifest":"crates/parse/Cargo.toml","listedIn":"Cargo.toml [workspace] members"},{"name":"web","directory":"apps/web","manifest":"apps/web/package.json","listedIn":"pnpm-workspace.yaml packages"}]}}"#
            ))
        #expect(listing.json.hasPrefix(#"{"files":["built-in","\#(repo.root)/ward.json"],"entries":[{"path":"mode","#))
    }

    @Test func saysWhenTheWorkspaceDeclaresNoPackage() throws {
        let repo = try Workspace(["ward.json": Self.fromWorkspace])
        let listing = try repo.listing()
        let found = listing.entries.filter { $0.path == "commits.scopes.workspace" }
        #expect(found.count == 1)
        #expect(found.first?.value == .list([]))
        #expect(found.first?.source.hasPrefix("no package.json workspaces, pnpm-workspace.yaml") == true)
        #expect(found.first?.source.hasSuffix(" in \(repo.root)") == true)
        #expect(listing.entries.first { $0.path == "commits.scopes" }?.value == .list(["deps", "release"]))
    }

    @Test func aListOfScopesIsShownAsTheSettingWithoutAWorkspace() throws {
        let repo = try Workspace([
            "ward.json": #"{"commits": {"scopes": ["api"]}}"#,
            "package.json": #"{"workspaces": ["packages/*"]}"#, "packages/web/package.json": #"{"name": "web"}"#,
        ])
        let listing = try repo.listing()
        #expect(listing.workspace == nil)
        #expect(
            listing.entries.filter { $0.path.hasPrefix("commits.scopes") }.map(\.textLine) == [
                "commits.scopes: api  (ward.json)"
            ])
        #expect(!listing.json.contains("\"workspace\""))
    }

    @Test func aSwiftPackageNamesItsTargetsFromItsManifest() throws {
        let tmp = try TemporaryDirectory()
        try "let p = Package(name: \"x\", targets: [.target(name: \"Core\"), .testTarget(name: \"CoreTests\")])\n"
            .write(toFile: tmp.appending("Package.swift"), atomically: true, encoding: .utf8)
        #expect(
            WorkspaceScopes.packages(root: tmp.path) == [
                WorkspaceScopes.Package(name: "Core", directory: "", manifest: "Package.swift")
            ])
        #expect(WorkspaceScopes.packages(root: tmp.path).first?.source == "Package.swift")
    }

    @Test func aLogLineNamesTheAgentOrTheCheckpoint() {
        let agent = AuditRecord(
            time: "2025-03-01T10:00:00.000Z", checkpoint: "agent:claude", agent: "claude", sessionID: "s",
            worktree: "/repo", ruleID: "git-reset-hard", decision: "deny", reason: "r", subject: "git reset --hard")
        #expect(
            AuditLog.textLine(AuditLog.Entry(line: agent.jsonLine, record: agent))
                == "2025-03-01T10:00:00.000Z  deny  git-reset-hard  git reset --hard  [claude]")
        var push = agent
        push.agent = nil
        push.checkpoint = "git:pre-push"
        push.subject = "refs/heads/main\nsecond line"
        #expect(
            AuditLog.textLine(AuditLog.Entry(line: push.jsonLine, record: push))
                == "2025-03-01T10:00:00.000Z  deny  git-reset-hard  refs/heads/main\\nsecond line  [git:pre-push]")
        #expect(AuditLog.textLine(AuditLog.Entry(line: "torn {", record: nil)) == "(unreadable) torn {")
        #expect(
            AuditLog.nothingToShow(path: "/r/audit.jsonl", filter: AuditFilter())
                == "ward: no audit records in /r/audit.jsonl")
        #expect(
            AuditLog.nothingToShow(path: "/r/audit.jsonl", filter: AuditFilter(rule: "x"))
                == "ward: no audit records match the filters in /r/audit.jsonl")
    }
}
