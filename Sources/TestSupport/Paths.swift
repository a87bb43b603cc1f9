import Foundation

/// The package's root folder (`/work/main`), from this file's compile-time path, so tests find
/// `policy/`, `Sources/` and fixtures without depending on the working directory.
public let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.standardizedFileURL.path
}()

/// `packageRoot/../shared`: the shared corpora and protocol notes CI keeps beside the clone.
public let sharedDirectory: String = URL(fileURLWithPath: packageRoot + "/../shared").standardizedFileURL.path

/// Writes `text` to `path`, creating missing parent folders; false (with a line on stderr) when
/// it cannot, so a test's later expectation fails with the reason printed.
@discardableResult
public func writeFile(_ path: String, _ text: String) -> Bool {
    let url = URL(fileURLWithPath: path)
    do {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return true
    } catch {
        FileHandle.standardError.write(Data("TestSupport.writeFile: cannot write \(path): \(error)\n".utf8))
        return false
    }
}

/// A folder for test repositories that lies outside every temp root (`/tmp`, `/var/tmp`,
/// `$TMPDIR`), created if needed.
///
/// The guard treats paths under a temp root as disposable, so a repository there would make
/// "outside the repository" cases (`rm -rf ../x`) land in a temp root and be allowed. The
/// package's `.build` folder is used when the checkout is not itself under a temp root (a CI
/// clone may be); otherwise `$HOME/.cache/ward-test-repos`.
public let nonTemporaryTestBase: String = {
    let environment = ProcessInfo.processInfo.environment
    let tempRoots = ["/tmp", "/var/tmp", "/private/tmp", "/private/var/tmp", environment["TMPDIR"] ?? "/tmp"]
        .map { realPath($0) ?? $0 }
    func underTemp(_ path: String) -> Bool {
        let real = realPath(path) ?? path
        return tempRoots.contains { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }
    var candidates = [packageRoot + "/.build/ward-test-repos"]
    if let home = environment["HOME"], !home.isEmpty { candidates.append(home + "/.cache/ward-test-repos") }
    for candidate in candidates {
        let parent = String(candidate[..<(candidate.lastIndex(of: "/") ?? candidate.endIndex)])
        guard !underTemp(parent) else { continue }
        if (try? FileManager.default.createDirectory(atPath: candidate, withIntermediateDirectories: true)) != nil {
            return realPath(candidate) ?? candidate
        }
    }
    return candidates[0]
}()
