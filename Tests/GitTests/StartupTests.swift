import Foundation
import TestSupport
import Testing

@testable import Git

/// libgit2's initialiser is spared the CA bundle (CGitStartup), and libgit2 still reads
/// repositories afterwards.
@Suite struct StartupTests {
    @Test func initialiserSkipsTheCABundleAndRepositoriesStillOpen() throws {
        try Libgit2.initializeOnce()
        // Debian's libgit2 is built with mbedTLS and asks for the bundle once at start-up; a
        // libgit2 without mbedTLS (no libmbedx509 mapped into this process) never asks.
        let maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
        if maps.contains("libmbedx509") {
            #expect(Libgit2.skippedCABundles == 1)
        }
        // Later calls are not skipped: the count does not move when libgit2 is used.
        let scratch = try GitSandbox()
        let root = try scratch.makeRepository()
        let repository = try #require(try Repository.open(at: root))
        #expect(repository.workDirectory == root)
        #expect(Libgit2.skippedCABundles <= 1)
    }
}
