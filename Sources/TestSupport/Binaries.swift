import Foundation

/// The built executables that end-to-end tests run: the one way tests find them.
///
/// Where they are looked for, in order:
/// 1. `$WARD_BIN_DIR` (`ci/test.sh` sets it to `swift build --show-bin-path`). When it is set it
///    is the only place looked at, so CI never tests a stale binary found elsewhere.
/// 2. The folder of the running test binary and its parents up to `debug` or `release`: the
///    products built together with the tests are the ones under test.
/// 3. The package's `.build/debug`, then `.build/release`.
///
/// A missing binary throws, and a test that throws fails with the message, which says how to
/// build it.
public enum Binaries {
    /// The `ward` front executable.
    public static var ward: String {
        get throws { try path(of: "ward") }
    }

    /// The libgit2-backed `ward-git` executable.
    public static var wardGit: String {
        get throws { try path(of: "ward-git") }
    }

    /// The built executable `name` (`ward`, `ward-git`, `ward-policy-gen`).
    public static func path(of name: String) throws -> String {
        let folders = candidateFolders()
        if let folder = folders.first(where: { FileManager.default.isExecutableFile(atPath: $0 + "/" + name) }) {
            return folder + "/" + name
        }
        throw TestSupportError(missingMessage(name, looked: folders))
    }

    /// The folders looked in, in order (see the type's documentation).
    public static func candidateFolders(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [String]
    {
        if let dir = environment["WARD_BIN_DIR"], !dir.isEmpty { return [dir] }
        var folders: [String] = []
        if let argv0 = CommandLine.arguments.first, argv0.contains("/") {
            // Linux runs `<bin>/wardPackageTests.xctest`; macOS runs a helper with the bundle
            // `<bin>/wardPackageTests.xctest/Contents/MacOS/…` as its argument or path.
            var url = URL(fileURLWithPath: argv0).resolvingSymlinksInPath()
            for _ in 0..<5 {
                url.deleteLastPathComponent()
                if url.path == "/" { break }
                folders.append(url.path)
                if ["debug", "release"].contains(url.lastPathComponent) { break }
            }
        }
        folders += [packageRoot + "/.build/debug", packageRoot + "/.build/release"]
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }

    static func missingMessage(_ name: String, looked folders: [String]) -> String {
        "\(name) is not built (looked in \(folders.joined(separator: ", "))); build the binaries with "
            + "'swift build --product ward && swift build --product ward-git' and run the tests with "
            + "WARD_BIN_DIR=$(swift build --show-bin-path), as ci/test.sh does"
    }
}
