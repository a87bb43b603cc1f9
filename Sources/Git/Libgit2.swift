internal import CGit2
internal import CGitStartup

/// The process-wide libgit2 state.
///
/// `git_libgit2_init` costs 6–10 ms on Debian 12 (the mbedTLS build parses the system CA
/// bundle), so it runs once, lazily, on the first call that needs libgit2, and never on the
/// agent-hook path.
public enum Libgit2 {
    /// The result of `git_libgit2_init`, computed once; Swift runs a `static let` initialiser
    /// exactly once, thread-safely.
    /// Reads are not hash-verified, as git does not verify them (see `shim.h`).
    private static let initResult: Int32 = {
        // No TLS connection is ever made through libgit2: the CA bundle it would parse is
        // start-up cost only (CGitStartup).
        ward_git_startup_skip_ca_bundle(1)
        let result = git_libgit2_init()
        ward_git_startup_skip_ca_bundle(0)
        if result >= 0 { _ = ward_git_skip_read_hash_verification() }
        return result
    }()

    /// Initialises libgit2 (`git_libgit2_init`) the first time it is called; later calls are free.
    ///
    /// libgit2 is never shut down: the process exits soon after, and `git_libgit2_shutdown`
    /// while wrappers are alive would free their handles under them.
    public static func initializeOnce() throws(GitError) {
        try check(initResult, "git_libgit2_init")
    }

    /// How many times libgit2's initialiser asked to parse the CA bundle and was spared it: 1
    /// after `initializeOnce` when the skip took effect (Debian's mbedTLS build), 0 with a
    /// libgit2 that parses no bundle at start-up.
    public static var skippedCABundles: Int { Int(ward_git_startup_skipped_ca_bundles()) }
}
