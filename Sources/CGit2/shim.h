#ifndef WARD_CGIT2_SHIM_H
#define WARD_CGIT2_SHIM_H
#include <git2.h>
#endif
