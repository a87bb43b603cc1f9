#ifndef WARD_CMALLOC_SHIM_H
#define WARD_CMALLOC_SHIM_H
// glibc's <malloc.h> (mallopt), which the Swift Glibc module does not include.
#if defined(__linux__)
#include <features.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#endif
#endif
