// The hook watchdog: see include/CWatchdog.h.

#include "CWatchdog.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

struct audit_line {
    char *path;
    char *line;
    size_t length;
    size_t time_offset;
};

struct answer {
    char *out;
    size_t length;
};

static struct answer answers[2];
static int answer_status;
// Swapped whole with an atomic store: a handler sees the old line or the new one.
static struct audit_line *audits[2];
// Set once the caller's own answer is final.
static volatile sig_atomic_t answered;
// Where the crash handler runs: a stack overflow leaves no room on the thread's own stack.
static char crash_stack[64 * 1024];

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};

static const char audit_failed[] = "ward: cannot write the audit log; the verdict stands\n";

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        bytes += n;
        length -= (size_t)n;
    }
}

static void put_digits(char *to, long value, int width) {
    for (int i = width - 1; i >= 0; i--) {
        to[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

// The current UTC time as `YYYY-MM-DDTHH:MM:SS.mmmZ` (24 bytes, no terminator), computed by
// hand: gmtime_r is not async-signal-safe. Days to civil date after Howard Hinnant's
// `civil_from_days`.
static void put_time(char *to) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    long long seconds = (long long)now.tv_sec;
    long long days = seconds / 86400;
    long long rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        days -= 1;
    }
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long day_of_era = days - era * 146097;
    long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    long long month_index = (5 * day_of_year + 2) / 153;
    long long day = day_of_year - (153 * month_index + 2) / 5 + 1;
    long long month = month_index < 10 ? month_index + 3 : month_index - 9;
    long long year = year_of_era + era * 400 + (month <= 2);
    put_digits(to, (long)year, 4);
    to[4] = '-';
    put_digits(to + 5, (long)month, 2);
    to[7] = '-';
    put_digits(to + 8, (long)day, 2);
    to[10] = 'T';
    put_digits(to + 11, (long)(rest / 3600), 2);
    to[13] = ':';
    put_digits(to + 14, (long)(rest / 60 % 60), 2);
    to[16] = ':';
    put_digits(to + 17, (long)(rest % 60), 2);
    to[19] = '.';
    put_digits(to + 20, now.tv_nsec / 1000000, 3);
    to[23] = 'Z';
}

// `mkdir -p` of the folders above `path` (the path is restored afterwards).
static void make_parents(char *path) {
    for (char *p = path + 1; *p != '\0'; p++) {
        if (*p != '/') continue;
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
}

static void append_audit(enum ward_watchdog_kind kind) {
    struct audit_line *record = __atomic_load_n(&audits[kind], __ATOMIC_SEQ_CST);
    if (record == NULL) return;
    if (record->time_offset + 24 <= record->length) put_time(record->line + record->time_offset);
    make_parents(record->path);
    int fd = open(record->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        write_all(fd, record->line, record->length);
        close(fd);
    } else {
        write_all(2, audit_failed, sizeof audit_failed - 1);
    }
}

static void answer_and_exit(enum ward_watchdog_kind kind) {
    if (!answered) {
        answered = 1;
        append_audit(kind);
        write_all(1, answers[kind].out, answers[kind].length);
    }
    _exit(answer_status);
}

static void on_alarm(int signal_number) {
    (void)signal_number;
    answer_and_exit(WARD_WATCHDOG_EXPIRY);
}

static void on_crash(int signal_number) {
    (void)signal_number;
    answer_and_exit(WARD_WATCHDOG_CRASH);
}

static char *copy(const void *bytes, size_t length) {
    char *out = malloc(length + 1);
    if (out == NULL) return NULL;
    if (length > 0) memcpy(out, bytes, length);
    out[length] = '\0';
    return out;
}

int ward_watchdog_arm(long milliseconds, const void *expiry_out, size_t expiry_out_length,
                      const void *crash_out, size_t crash_out_length, int status) {
    answers[WARD_WATCHDOG_EXPIRY].out = copy(expiry_out, expiry_out_length);
    answers[WARD_WATCHDOG_EXPIRY].length = expiry_out_length;
    answers[WARD_WATCHDOG_CRASH].out = copy(crash_out, crash_out_length);
    answers[WARD_WATCHDOG_CRASH].length = crash_out_length;
    if (answers[WARD_WATCHDOG_EXPIRY].out == NULL || answers[WARD_WATCHDOG_CRASH].out == NULL) return ENOMEM;
    answer_status = status;

    stack_t alternate;
    memset(&alternate, 0, sizeof alternate);
    alternate.ss_sp = crash_stack;
    alternate.ss_size = sizeof crash_stack;
    if (sigaltstack(&alternate, NULL) != 0) return errno;

    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigfillset(&action.sa_mask);
    action.sa_handler = on_crash;
    action.sa_flags = SA_ONSTACK;
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        if (sigaction(crash_signals[i], &action, NULL) != 0) return errno;
    }
    action.sa_handler = on_alarm;
    action.sa_flags = 0;
    if (sigaction(SIGALRM, &action, NULL) != 0) return errno;
    // A blocked mask is inherited across exec: the parent must not be able to switch these off.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGALRM);
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) sigaddset(&wanted, crash_signals[i]);
    if (sigprocmask(SIG_UNBLOCK, &wanted, NULL) != 0) return errno;

    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    if (milliseconds < 1) milliseconds = 1;
    timer.it_value.tv_sec = milliseconds / 1000;
    timer.it_value.tv_usec = (milliseconds % 1000) * 1000;
    if (setitimer(ITIMER_REAL, &timer, NULL) != 0) return errno;
    return 0;
}

void ward_watchdog_set_audit(enum ward_watchdog_kind kind, const char *path, const void *line, size_t length,
                             size_t time_offset) {
    struct audit_line *record = malloc(sizeof *record);
    if (record == NULL) return;
    record->path = copy(path, strlen(path));
    record->line = copy(line, length);
    if (record->path == NULL || record->line == NULL) {
        free(record->path);
        free(record->line);
        free(record);
        return;
    }
    record->length = length;
    record->time_offset = time_offset;
    struct audit_line *old = __atomic_exchange_n(&audits[kind], record, __ATOMIC_SEQ_CST);
    // The handlers run on this (the only) thread: one either ran before the exchange and ended
    // the process, or it will see the new line. The old one is free to go.
    if (old != NULL) {
        free(old->path);
        free(old->line);
        free(old);
    }
}

void ward_watchdog_disarm(void) {
    answered = 1;
    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    setitimer(ITIMER_REAL, &timer, NULL);
}
