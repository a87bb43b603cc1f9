#ifndef WARD_CWATCHDOG_H
#define WARD_CWATCHDOG_H

#include <stddef.h>

// A process watchdog for one agent hook call. An agent lets the tool call run when its hook
// times out or crashes, so both must still end in a deny:
//
// - expiry: a one-shot SIGALRM (setitimer(2)) after the deadline;
// - crash: SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT (a Swift runtime trap is SIGILL
//   or SIGTRAP), handled on an alternate stack so that a stack overflow is caught too.
//
// Each has a prepared answer and a prepared audit line. The handlers only call
// async-signal-safe functions (clock_gettime, mkdir, open, write, close, _exit), so they work
// whatever the interrupted code was doing: a blocked read on a hung file system, a runaway loop,
// a lock held inside malloc.
//
// For a single-threaded process that answers one call. Not for test processes: a signal ends them.

enum ward_watchdog_kind { WARD_WATCHDOG_EXPIRY = 0, WARD_WATCHDOG_CRASH = 1 };

/// Copies the answers and installs the handlers, then starts the timer; 0, or the errno of
/// the failed call. `status` is the process's exit status after either answer.
int ward_watchdog_arm(long milliseconds, const void *expiry_out, size_t expiry_out_length,
                      const void *crash_out, size_t crash_out_length, int status);

/// Sets the audit line of `kind` (replacing an earlier one): `line` is copied, and the 24 bytes
/// at `time_offset` are overwritten with the time of the signal as `YYYY-MM-DDTHH:MM:SS.mmmZ`
/// (UTC). The folders of `path` are created when missing; the file with mode 0600, never
/// through a symlink.
void ward_watchdog_set_audit(enum ward_watchdog_kind kind, const char *path, const void *line, size_t length,
                             size_t time_offset);

/// The caller's own answer is final: stops the timer, and a later crash exits with `status`
/// without writing a second answer.
void ward_watchdog_disarm(void);

#endif
