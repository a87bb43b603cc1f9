// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ward",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ward", targets: ["ward"]),
        .executable(name: "ward-git", targets: ["ward-git"]),
    ],
    targets: [
        // Pure layers: no I/O, no environment, no libgit2.
        .target(name: "Shell"),
        .target(name: "Policy"),
        .target(name: "Checks", dependencies: ["Shell", "Policy"]),
        // libgit2-free I/O used by the front executable.
        .target(name: "Workspace", dependencies: ["Policy"]),
        .target(name: "AgentHooks", dependencies: ["Checks", "Workspace", "Policy", "Shell"]),
        // glibc's <malloc.h> (`mallopt`), which the Glibc module leaves out; nothing to link.
        .systemLibrary(name: "CMalloc"),
        // libgit2 and the Swift face of it.
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(name: "Git", dependencies: ["CGit2"]),
        // Executables.
        .executableTarget(
            name: "ward",
            dependencies: ["AgentHooks", "Checks", "Workspace", "Policy", "Shell", "CMalloc"]
        ),
        .executableTarget(
            name: "ward-git",
            dependencies: ["Git", "AgentHooks", "Checks", "Workspace", "Policy", "Shell"]
        ),
        // Turns policy/*.json into Sources/Policy/BuiltinPolicy+Generated.swift.
        .executableTarget(name: "ward-policy-gen", dependencies: ["Policy"]),
        // Helpers for tests: temporary directories, real repositories, running binaries.
        .target(name: "TestSupport", path: "Sources/TestSupport"),
        .testTarget(name: "ShellTests", dependencies: ["Shell"]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "TestSupport"]),
        .testTarget(name: "ChecksTests", dependencies: ["Checks", "Shell", "Policy", "Workspace", "TestSupport"]),
        .testTarget(name: "WorkspaceTests", dependencies: ["Workspace", "Policy", "TestSupport"]),
        .testTarget(name: "GitTests", dependencies: ["Git", "TestSupport"]),
        .testTarget(name: "ContractTests", dependencies: ["Checks", "Policy", "Git", "Workspace", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TestSupport"],
            resources: []
        ),
    ],
    swiftLanguageModes: [.v6]
)
