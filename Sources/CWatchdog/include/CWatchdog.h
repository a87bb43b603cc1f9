#ifndef WARD_CWATCHDOG_H
#define WARD_CWATCHDOG_H

#include <stddef.h>

// A watchdog for one agent hook call. An agent lets the tool call run when its hook times out
// or crashes, so both must still end in a deny:
//
// - expiry: a thread with a small stack sleeps until the deadline. If the call has not been
//   answered by then, it writes the prepared answer and ends the process; exiting also wakes
//   the main thread from a killable wait (a stalled NFS or FUSE file system), which a signal
//   handler could not. The audit line is appended by a forked child with stdout and stderr on
//   /dev/null, so a log on that same stalled file system cannot keep the agent waiting.
// - crash: SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT (a Swift runtime trap is SIGILL
//   or SIGTRAP), handled on an alternate stack so that a stack overflow is caught too: the
//   prepared answer, then the audit line from a forked child as on expiry.
//
// SIGXFSZ is ignored: under a file-size limit an audit write fails with EFBIG instead of
// ending the process before it answers.
//
// Exactly one answer is written: the main thread, the expiry and a crash each claim the right
// to answer first. The handlers only call async-signal-safe functions (clock_gettime, mkdir,
// open, fstat, write, close, _Fork, dup2, pause, _exit) and never allocate.
//
// For a process that answers one call. Not for test processes: expiry and crashes end them.

enum ward_watchdog_kind { WARD_WATCHDOG_EXPIRY = 0, WARD_WATCHDOG_CRASH = 1 };

/// Copies the answers, installs the crash handlers and starts the deadline thread; 0, or the
/// error code of the failed call. `status` is the process's exit status after either answer.
int ward_watchdog_arm(long milliseconds, const void *expiry_out, size_t expiry_out_length,
                      const void *crash_out, size_t crash_out_length, int status);

/// Sets the audit line of `kind` (replacing an earlier one): `line` is copied, and the 24 bytes
/// at `time_offset` are overwritten with the time of the expiry or crash as
/// `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC). The folders of `path` are created when missing; the file
/// with mode 0600, never through a symlink, and only when it is a regular file.
void ward_watchdog_set_audit(enum ward_watchdog_kind kind, const char *path, const void *line, size_t length,
                             size_t time_offset);

/// Claims the right to answer for the caller, which then writes its own answer. Returns only
/// when granted: when the expiry or a crash is answering already, it waits for that to end the
/// process. After it, a crash exits with `status` without a second answer.
void ward_watchdog_claim(void);

#endif
