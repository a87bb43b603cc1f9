#ifndef WARD_CWATCHDOG_H
#define WARD_CWATCHDOG_H

#include <stddef.h>

// A process watchdog for one agent hook call: a one-shot SIGALRM (setitimer(2)) whose handler
// appends a prepared audit line, writes a prepared answer and ends the process. The handler
// only calls async-signal-safe functions (clock_gettime, mkdir, open, write, close, _exit), so
// it works whatever the interrupted code was doing: a blocked read on a hung file system, a
// runaway loop, a lock held inside malloc.
//
// For a single-threaded process that arms it once. Not for test processes: expiry ends them.

/// Copies the answer and arms the timer; 0, or the errno of the failed call.
/// `status` is the process's exit status on expiry.
int ward_watchdog_arm(long milliseconds, const void *out, size_t out_length, const void *err,
                      size_t err_length, int status);

/// Sets the audit line appended on expiry (replacing an earlier one): `line` is copied, and the
/// 24 bytes at `time_offset` are overwritten with the expiry time as `YYYY-MM-DDTHH:MM:SS.mmmZ`
/// (UTC). The folders of `path` are created when missing; the file with mode 0600, never
/// through a symlink.
void ward_watchdog_set_audit(const char *path, const void *line, size_t length, size_t time_offset);

/// Stops the timer; the prepared answer is no longer written.
void ward_watchdog_disarm(void);

#endif
