// stdin-from FILE PROGRAM [ARG...]: runs PROGRAM with FILE as its standard input.
//
// hyperfine before 1.16 has no --input, and `sh -c 'ward … < file'` would add a shell to every
// run. ci/bench/guard puts this static helper in front of EVERY benchmarked command (including
// /bin/true and the empty Swift program), so its cost (one small exec) cancels out of the
// differences the script reports.
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fputs("usage: stdin-from FILE PROGRAM [ARG...]\n", stderr);
        return 2;
    }
    int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        perror(argv[1]);
        return 2;
    }
    if (dup2(fd, 0) < 0) {
        perror("dup2");
        return 2;
    }
    execv(argv[2], argv + 2);
    perror(argv[2]);
    return 127;
}
