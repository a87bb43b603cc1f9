import Base

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one lock per repository around `add`, `remove` and `prune`: `flock(2)` on
/// `<commonDir>/ward/worktrees.lock`, waited for, released when the process ends however it ends.
///
/// git's own `config.lock` fails a second writer at once instead of waiting (12 concurrent
/// `git worktree add -b` left 8 failed with their branches created); under this lock each add
/// waits its turn.
final class RepositoryLock {
    private let fd: Int32

    /// Takes the lock for the repository whose common dir is `commonDir`, waiting for it.
    init(commonDir: String) throws(WorktreeError) {
        let folder = commonDir + "/ward"
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw .failed("ward: cannot create \(folder): \(Errno.current)")
        }
        let path = folder + "/worktrees.lock"
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard opened >= 0 else { throw .failed("ward: cannot open \(path): \(Errno.current)") }
        do {
            _ = try retryingOnInterrupt { flock(opened, LOCK_EX) }
        } catch {
            close(opened)
            throw .failed("ward: cannot lock \(path): \(error)")
        }
        fd = opened
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
