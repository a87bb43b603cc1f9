// The hook watchdog: see include/CWatchdog.h.

#define _GNU_SOURCE
#include "CWatchdog.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

// Who answers the call. Moves once, from RUNNING to one of the others (compare-and-swap).
enum { RUNNING = 0, CALLER = 1, EXPIRY = 2, CRASH = 3 };
static int state = RUNNING;

static struct answer answers[2];
static int answer_status;
// Swapped whole with an atomic exchange: the watchdog sees the old line or the new one.
static struct audit_line *audits[2];
static struct timespec deadline;
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


static int claim(int who) {
    int expected = RUNNING;
    return __atomic_compare_exchange_n(&state, &expected, who, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

// Appends the prepared line of `kind`. Non-blocking open and a regular-file check: a FIFO
// planted at the log's path must not stall the answer.
static void append_audit(enum ward_watchdog_kind kind) {
    struct audit_line *record = __atomic_load_n(&audits[kind], __ATOMIC_SEQ_CST);
    if (record == NULL) return;
    if (record->time_offset + 24 <= record->length) put_time(record->line + record->time_offset);
    make_parents(record->path);
    int fd = open(record->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        write_all(fd, record->line, record->length);
    } else {
        write_all(2, audit_failed, sizeof audit_failed - 1);
    }
    if (fd >= 0) close(fd);
}

// A child process appends the line, with stdout and stderr on /dev/null: the agent reads the
// answer and sees the process end even when the log's file system does not answer.
static void append_audit_detached(enum ward_watchdog_kind kind) {
#if defined(__linux__) && defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
    pid_t child = _Fork();
#else
    pid_t child = fork();
#endif
    if (child != 0) return;  // the parent, or no child: the answer matters more than the log
    // Let go of the agent's pipes whatever happens, and take signals again (the parent's
    // thread had them blocked), so that a child stuck on the log can be ended like any process.
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
    } else {
        close(0);
        close(1);
        close(2);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    append_audit(kind);
    _exit(0);
}

static void sleep_until_deadline(void) {
#if defined(__APPLE__)
    for (;;) {
        struct timespec now, rest;
        clock_gettime(CLOCK_MONOTONIC, &now);
        rest.tv_sec = deadline.tv_sec - now.tv_sec;
        rest.tv_nsec = deadline.tv_nsec - now.tv_nsec;
        if (rest.tv_nsec < 0) {
            rest.tv_sec -= 1;
            rest.tv_nsec += 1000000000L;
        }
        if (rest.tv_sec < 0) return;
        if (nanosleep(&rest, NULL) == 0) return;
    }
#else
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR) {
    }
#endif
}

static void *watch(void *unused) {
    (void)unused;
    // Process-directed signals go to the main thread, where the work is.
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    sleep_until_deadline();
    if (!claim(EXPIRY)) {
        // Answered in time, and the process is ending; or a crash answered and its handler
        // is somehow still running at the deadline: end the process for it.
        if (__atomic_load_n(&state, __ATOMIC_SEQ_CST) == CRASH) _exit(answer_status);
        return NULL;
    }
    write_all(1, answers[WARD_WATCHDOG_EXPIRY].out, answers[WARD_WATCHDOG_EXPIRY].length);
    append_audit_detached(WARD_WATCHDOG_EXPIRY);
    _exit(answer_status);
}

static void on_crash(int signal_number) {
    (void)signal_number;
    if (!claim(CRASH)) {
        int who = __atomic_load_n(&state, __ATOMIC_SEQ_CST);
        // The caller had claimed: its answer is written or being written.
        if (who == CALLER) _exit(answer_status);
        // The expiry is answering on its own thread and will end the process.
        for (;;) pause();
    }
    write_all(1, answers[WARD_WATCHDOG_CRASH].out, answers[WARD_WATCHDOG_CRASH].length);
    append_audit_detached(WARD_WATCHDOG_CRASH);
    _exit(answer_status);
}

// A detached thread with a 64 KiB stack that starts with every signal blocked (where glibc
// can set that up front; `watch` blocks them again in any case), so that process-directed
// signals reach the main thread, where the work and the alternate signal stack are.
static int start_attributes(pthread_attr_t *attributes) {
    if (pthread_attr_init(attributes) != 0) return ENOMEM;
    pthread_attr_setstacksize(attributes, 64 * 1024);
    pthread_attr_setdetachstate(attributes, PTHREAD_CREATE_DETACHED);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
    sigset_t all;
    sigfillset(&all);
    pthread_attr_setsigmask_np(attributes, &all);
#endif
    return 0;
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
    // Other crash signals wait while one is handled; SIGTERM and SIGINT stay deliverable, so
    // an agent that gives up can still end the process.
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        sigaddset(&action.sa_mask, crash_signals[i]);
    }
    action.sa_handler = on_crash;
    action.sa_flags = SA_ONSTACK;
    sigset_t wanted;
    sigemptyset(&wanted);
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++) {
        if (sigaction(crash_signals[i], &action, NULL) != 0) return errno;
        sigaddset(&wanted, crash_signals[i]);
    }
    // A blocked mask is inherited across exec: the parent must not be able to switch these off.
    if (sigprocmask(SIG_UNBLOCK, &wanted, NULL) != 0) return errno;
    // Under a file-size limit (`ulimit -f`) an audit write past it raises SIGXFSZ, whose default
    // ends the process before it answers; ignored, the write fails with EFBIG instead.
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    if (sigaction(SIGXFSZ, &ignore, NULL) != 0) return errno;

    if (milliseconds < 1) milliseconds = 1;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += milliseconds / 1000;
    deadline.tv_nsec += (milliseconds % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec += 1;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_attr_t attributes;
    if (start_attributes(&attributes) != 0) return ENOMEM;
    pthread_t thread;
    int code = EINVAL;
#if defined(__linux__)
    // On the CPU the check runs on: ending the process then needs no other CPU to wake the
    // sleeping thread (measured: 0.16 to 0.18 ms less per call on the 2-core VM).
    int cpu = sched_getcpu();
    if (cpu >= 0 && cpu < CPU_SETSIZE) {
        cpu_set_t here;
        CPU_ZERO(&here);
        CPU_SET(cpu, &here);
        if (pthread_attr_setaffinity_np(&attributes, sizeof here, &here) == 0) {
            code = pthread_create(&thread, &attributes, watch, NULL);
        }
    }
    if (code != 0) {
        // No affinity rather than no watchdog.
        pthread_attr_destroy(&attributes);
        if (start_attributes(&attributes) != 0) return ENOMEM;
        code = pthread_create(&thread, &attributes, watch, NULL);
    }
#else
    code = pthread_create(&thread, &attributes, watch, NULL);
#endif
    pthread_attr_destroy(&attributes);
    return code;
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
    __atomic_exchange_n(&audits[kind], record, __ATOMIC_SEQ_CST);
    // The old line is not freed: the watchdog thread may be reading it at this moment. A
    // process answers one call, so at most a few lines are left behind.
}

void ward_watchdog_claim(void) {
    if (claim(CALLER)) return;
    // The expiry or a crash is answering and will end the process.
    for (;;) pause();
}
