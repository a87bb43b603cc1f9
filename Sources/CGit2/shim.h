#ifndef WARD_CGIT2_SHIM_H
#define WARD_CGIT2_SHIM_H
#include <git2.h>

/// Turns off libgit2's hash check of every object it reads (`git_libgit2_opts` with
/// `GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION`, 0). git checks hashes in fsck and when objects
/// arrive, not on every read; libgit2's check (collision-detecting SHA-1) was a fifth of the
/// time of reading a history. `git_libgit2_opts` is variadic, which Swift cannot call.
static inline int ward_git_skip_read_hash_verification(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}
#endif
