#ifndef WARD_CGITSTARTUP_H
#define WARD_CGITSTARTUP_H

// Debian's libgit2 is built with mbedTLS, and `git_libgit2_init` parses the whole system CA
// bundle (/etc/ssl/certs/ca-certificates.crt) into memory: about 52 million instructions,
// 6 to 10 ms, on every start of ward-git. ward-git never opens a TLS connection through
// libgit2 (fetching and pushing are git's own), so that parse is pure start-up cost.
//
// This target defines `mbedtls_x509_crt_parse_file` in the executable. The dynamic linker
// binds libgit2's call to the executable's definition first, so while
// `ward_git_startup_skip_ca_bundle(1)` is in effect the call fails at once with mbedTLS's
// file error, which libgit2's initialiser ignores (it then has no CA chain). Any other time
// the call goes to mbedTLS's own function (`dlsym(RTLD_NEXT, ...)`), unchanged.

/// Turns the skip on (non-zero) or off (0) for the calls that follow.
void ward_git_startup_skip_ca_bundle(int skip);

/// How many CA-bundle parses were skipped so far (for tests).
int ward_git_startup_skipped_ca_bundles(void);

#endif
