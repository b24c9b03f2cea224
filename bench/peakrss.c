/*
 * peakrss.c - runs a command and writes its peak resident memory (KiB) and
 * the CPU time it used (user and system, seconds) to a file: "peakrss OUT
 * COMMAND...". The command's exit status is passed on. A child forked from this
 * small program starts small, so the kernel's account of its peak (getrusage)
 * is the command's own, not that of a large parent such as the Python that
 * times it (bench/timecmd.py).
 */
#define _DEFAULT_SOURCE

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct rusage ru;
    int status;
    pid_t pid;
    FILE *out;

    if (argc < 3) {
        fputs("usage: peakrss OUT COMMAND...\n", stderr);
        return 2;
    }
    pid = fork();
    if (pid < 0) {
        perror("fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 2;
    }
    out = fopen(argv[1], "w");
    if (out == NULL ||
        fprintf(out, "%ld %.6f\n", ru.ru_maxrss,
                (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
                    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6) <
            0 ||
        fclose(out) != 0) {
        perror(argv[1]);
        return 2;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
