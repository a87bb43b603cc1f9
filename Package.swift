// swift-tools-version:6.0
import PackageDescription

/// For the modules on the agent-hook path: generic type metadata (`[Node]`, `[String: String]`)
/// is fetched by calling its accessor instead of demangling its name at run time, which took a
/// fifth of a hook call's instructions (docs/decisions/0007-static-front.md).
let hookPath: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
]

let package = Package(
    name: "ward",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ward", targets: ["ward"]),
        .executable(name: "ward-git", targets: ["ward-git"]),
    ],
    targets: [
        // Foundation-free helpers below everything: paths, POSIX wrappers, JSON writing, processes.
        // `Extern`: `@_extern(c)` declares the two C functions glibc hides behind _GNU_SOURCE.
        .target(name: "Base", swiftSettings: hookPath + [.enableExperimentalFeature("Extern")]),
        // Pure layers: no I/O, no environment, no libgit2.
        .target(name: "Shell", swiftSettings: hookPath),
        .target(name: "Policy", dependencies: ["Base"], swiftSettings: hookPath),
        // The result model: findings, reports, and their text and JSON renderers.
        .target(name: "Findings", dependencies: ["Base", "Policy"], swiftSettings: hookPath),
        .target(name: "Checks", dependencies: ["Base", "Shell", "Policy", "Findings"], swiftSettings: hookPath),
        // libgit2-free I/O used by the front executable.
        .target(name: "Workspace", dependencies: ["Base", "Policy", "Checks", "Findings"], swiftSettings: hookPath),
        // The command table, argument parser, help and exit statuses of both executables.
        .target(name: "Commands", dependencies: ["Base", "Workspace"], swiftSettings: hookPath),
        // Checkpoint libraries, one per capability; each is tested with values.
        .target(
            name: "AgentHooks", dependencies: ["Base", "Checks", "Findings", "Workspace", "Policy"],
            swiftSettings: hookPath),
        .target(
            name: "GitHooks", dependencies: ["Base", "Checks", "Commands", "Findings", "Policy", "Workspace"],
            swiftSettings: hookPath),
        // The hook deadline's signal handler, in C so that it is async-signal-safe.
        .target(name: "CWatchdog"),
        // libgit2 and the Swift face of it.
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // Quality gates: parallel runner, staged-safe checkouts, cache, built-in gates (no libgit2).
        .target(
            name: "Gates", dependencies: ["Base", "Checks", "Commands", "Findings", "GitHooks", "Policy", "Workspace"],
            swiftSettings: hookPath),
        // Skips the CA-bundle parse in libgit2's initialiser: ward-git makes no TLS connection.
        .target(name: "CGitStartup", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "Git", dependencies: ["CGit2", "CGitStartup"]),
        // ward install/uninstall/doctor: git hook shims and agent settings.
        .target(name: "Install", dependencies: ["Base", "Commands", "Findings", "GitHooks", "Policy", "Workspace"]),
        // ward ci: GitHub Actions and GitLab CI events, the checks over the range, CI report formats.
        .target(
            name: "CI",
            dependencies: ["Base", "Checks", "Commands", "Findings", "Gates", "GitHooks", "Policy", "Workspace"]),
        // GitHooks' repository facts answered by libgit2, for ward-git.
        .target(name: "GitFacts", dependencies: ["Git", "GitHooks", "Workspace"]),
        // Worktrees for parallel agents: add, list, link-safe remove, prune, repair, finish.
        .target(
            name: "Worktrees",
            dependencies: [
                "Base", "Checks", "Commands", "Findings", "Gates", "Git", "GitFacts", "GitHooks", "Policy", "Workspace",
            ]),
        // Executables.
        .executableTarget(
            name: "ward",
            dependencies: [
                "AgentHooks", "Base", "Checks", "Commands", "Findings", "Gates", "GitHooks", "Workspace", "Policy",
                "CWatchdog",
            ],
            swiftSettings: hookPath,
            // Agent hooks start this binary on every tool call: linked fully static (glibc too),
            // it starts without the dynamic loader, its symbol lookups and relocations, about
            // 1 ms sooner (docs/decisions/0007-static-front.md). ward-git links libgit2, so it
            // stays dynamic.
            linkerSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "ward-git",
            dependencies: [
                "Base", "CI", "Checks", "Commands", "Findings", "Gates", "GitFacts", "GitHooks", "Install", "Policy",
                "Workspace", "Worktrees",
            ]
        ),
        // Turns policy/*.json into Sources/Policy/BuiltinPolicy+Generated.swift.
        .executableTarget(name: "ward-policy-gen", dependencies: ["Policy"]),
        // Helpers for tests: temporary directories, real repositories, running binaries.
        .target(name: "TestSupport", path: "Sources/TestSupport"),
        .testTarget(name: "BaseTests", dependencies: ["Base"]),
        .testTarget(
            name: "GatesTests",
            dependencies: [
                "Base", "Checks", "Gates", "GitFacts", "GitHooks", "Findings", "Policy", "Workspace", "TestSupport",
            ]),
        .testTarget(name: "ShellTests", dependencies: ["Shell"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "TestSupport"]),
        .testTarget(
            name: "ChecksTests", dependencies: ["Base", "Checks", "Policy", "Workspace", "TestSupport"]),
        .testTarget(
            name: "AgentHooksTests",
            dependencies: ["AgentHooks", "Base", "Checks", "Policy", "Workspace", "TestSupport"]),
        .testTarget(name: "WorkspaceTests", dependencies: ["Workspace", "Policy", "TestSupport"]),
        .testTarget(name: "GitTests", dependencies: ["Git", "TestSupport"]),
        // The checkpoint libraries with values: a fake of RepositoryFacts, real repositories for GitSite.
        .testTarget(
            name: "GitHooksTests",
            dependencies: ["GitHooks", "Checks", "Findings", "Policy", "Workspace", "Commands", "TestSupport"]),
        // LibgitFacts and GitCLIFacts over the same real repositories, checked against git itself.
        .testTarget(
            name: "GitFactsTests",
            dependencies: ["GitFacts", "GitHooks", "Checks", "Commands", "Findings", "Workspace", "TestSupport"]),
        .testTarget(name: "CommandsTests", dependencies: ["Base", "Commands"]),
        .testTarget(
            name: "CITests",
            dependencies: ["CI", "Findings", "GitFacts", "GitHooks", "Policy", "Workspace", "TestSupport"]),
        .testTarget(
            name: "InstallTests", dependencies: ["Install", "Policy", "Workspace", "GitHooks", "TestSupport"]),
        .testTarget(name: "FindingsTests", dependencies: ["Findings", "Policy"]),
        .testTarget(name: "ContractTests", dependencies: ["Checks", "Policy", "TestSupport"]),
        .testTarget(
            name: "WorktreesTests",
            dependencies: ["Base", "Commands", "Findings", "Git", "Policy", "Workspace", "Worktrees", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TestSupport"],
            resources: []
        ),
    ],
    swiftLanguageModes: [.v6]
)
