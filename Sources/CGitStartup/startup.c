#define _GNU_SOURCE
#include "CGitStartup.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>

/// mbedTLS's MBEDTLS_ERR_X509_FILE_IO_ERROR: "read or write of file failed".
#define WARD_X509_FILE_IO_ERROR (-0x2900)

static atomic_int skip_ca_bundle = 0;
static atomic_int skipped_ca_bundles = 0;

void ward_git_startup_skip_ca_bundle(int skip) { atomic_store(&skip_ca_bundle, skip != 0); }

int ward_git_startup_skipped_ca_bundles(void) { return atomic_load(&skipped_ca_bundles); }

typedef int (*parse_file_fn)(void *chain, const char *path);

__attribute__((visibility("default"), used)) int mbedtls_x509_crt_parse_file(void *chain, const char *path) {
    if (atomic_load(&skip_ca_bundle)) {
        atomic_fetch_add(&skipped_ca_bundles, 1);
        return WARD_X509_FILE_IO_ERROR;
    }
    parse_file_fn real = (parse_file_fn)dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
    if (real == NULL || real == mbedtls_x509_crt_parse_file) return WARD_X509_FILE_IO_ERROR;
    return real(chain, path);
}
