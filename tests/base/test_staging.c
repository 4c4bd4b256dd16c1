/* test_staging.c - which staging folders a later run removes (staging.h): only those with
 * the marker whose process has ended, a zombie included, and that no running process works
 * in; and the marker goes last, so that a removal cut short leaves a folder still marked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "collectkpi/staging.h"

/* A scratch folder holding one staging folder whose marker names pid. */
static void make_staging(char *dir, size_t size, long pid)
{
    snprintf(dir, size, "/tmp/test_staging-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[4096], marker[4200];
    snprintf(path, sizeof path, "%s/" STAGING_PREFIX "abcdef", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(marker, sizeof marker, "%s/" STAGING_MARKER, path);
    FILE *f = fopen(marker, "w");
    assert_non_null(f);
    fprintf(f, "collectkpi staging folder of process %ld\n", pid);
    fclose(f);
}

static bool staging_left(const char *dir)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/" STAGING_PREFIX "abcdef", dir);
    return stat(path, &st) == 0;
}

static void remove_scratch(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/" STAGING_PREFIX "abcdef/" STAGING_MARKER, dir);
    remove(path);
    snprintf(path, sizeof path, "%s/" STAGING_PREFIX "abcdef", dir);
    remove(path);
    remove(dir);
}

/* The parent of this test runs: its folder stays (0 removed). */
static void test_running_process_kept(void **state)
{
    (void)state;
    char dir[64];
    make_staging(dir, sizeof dir, (long)getppid());
    assert_int_equal(staging_sweep(dir), 0);
    assert_true(staging_left(dir));
    remove_scratch(dir);
}

/* A child that has exited and is not yet waited for is a zombie: ended, so its folder goes
 * (1 removed). Once reaped, a second folder naming it also goes. */
static void test_zombie_removed(void **state)
{
    (void)state;
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0)
        _exit(0);
    /* wait until the child is a zombie (WNOWAIT leaves it so) */
    siginfo_t info;
    assert_int_equal(waitid(P_PID, (id_t)child, &info, WEXITED | WNOWAIT), 0);
    char dir[64];
    make_staging(dir, sizeof dir, (long)child);
    assert_int_equal(staging_sweep(dir), 1);
    assert_false(staging_left(dir));
    remove(dir);
    assert_int_equal(waitpid(child, NULL, 0), child);
    make_staging(dir, sizeof dir, (long)child);
    assert_int_equal(staging_sweep(dir), 1);
    assert_false(staging_left(dir));
    remove(dir);
}

/* This process's own folder is never removed, though it runs the sweep (0 removed). */
static void test_own_folder_kept(void **state)
{
    (void)state;
    char dir[64];
    make_staging(dir, sizeof dir, (long)getpid());
    assert_int_equal(staging_sweep(dir), 0);
    assert_true(staging_left(dir));
    remove_scratch(dir);
}

/* A scratch folder holding the staging folder of a process that has ended (a child, exited
 * and reaped), with an empty charts/ folder in it (its path into charts). */
static void make_dead_staging(char *dir, size_t size, char *charts, size_t charts_size)
{
    pid_t dead = fork();
    assert_true(dead >= 0);
    if (dead == 0)
        _exit(0);
    assert_int_equal(waitpid(dead, NULL, 0), dead);
    make_staging(dir, size, (long)dead);
    snprintf(charts, charts_size, "%s/" STAGING_PREFIX "abcdef/charts", dir);
    assert_int_equal(mkdir(charts, 0700), 0);
}

/* A dead process (a reaped child) whose folder's charts/ is the working folder of a process
 * still running (as a killed report's gnuplot draws on in it): kept (0 removed), whole,
 * marker included; once that process has ended, removed (1). */
static void test_folder_in_use_kept(void **state)
{
    (void)state;
    char dir[64], charts[4200], marker[4200];
    make_dead_staging(dir, sizeof dir, charts, sizeof charts);
    /* ready: the worker says it is in charts/; hold: it stays there until the write end
     * closes (this test closes it, or ends, a failed assertion included) */
    int ready[2], hold[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(hold), 0);
    pid_t worker = fork();
    assert_true(worker >= 0);
    if (worker == 0) {
        close(hold[1]);
        char byte = chdir(charts) == 0 ? 'y' : 'n';
        if (write(ready[1], &byte, 1) != 1)
            _exit(1);
        while (read(hold[0], &byte, 1) > 0)
            ;
        _exit(0);
    }
    close(hold[0]);
    char byte = 0;
    assert_int_equal(read(ready[0], &byte, 1), 1);
    assert_int_equal(byte, 'y');
    assert_int_equal(staging_sweep(dir), 0);
    snprintf(marker, sizeof marker, "%s/" STAGING_PREFIX "abcdef/" STAGING_MARKER, dir);
    struct stat st;
    assert_int_equal(stat(charts, &st), 0);
    assert_int_equal(stat(marker, &st), 0);
    close(hold[1]);
    assert_int_equal(waitpid(worker, NULL, 0), worker);
    assert_int_equal(staging_sweep(dir), 1);
    assert_false(staging_left(dir));
    close(ready[0]);
    close(ready[1]);
    remove(dir);
}

/* Sets or clears the immutable attribute of path; false where the file system or the user
 * cannot (it needs CAP_LINUX_IMMUTABLE). */
static bool set_immutable(const char *path, bool on)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    int flags = 0;
    bool done = ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
    done = done && ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    close(fd);
    return done;
}

/* A stale folder holding a file that cannot be removed (immutable): the sweep removes what
 * it can, keeps the marker with the rest (0 removed), and the next sweep, once the file can
 * go, removes the folder (1). Skipped where the attribute cannot be set. */
static void test_marker_removed_last(void **state)
{
    (void)state;
    char dir[64], charts[4200], stuck[4300], loose[4300], marker[4200];
    make_dead_staging(dir, sizeof dir, charts, sizeof charts);
    snprintf(stuck, sizeof stuck, "%s/a.png", charts);
    snprintf(loose, sizeof loose, "%s/" STAGING_PREFIX "abcdef/book.xlsx", dir);
    FILE *f = fopen(stuck, "w");
    assert_non_null(f);
    fclose(f);
    f = fopen(loose, "w");
    assert_non_null(f);
    fclose(f);
    if (!set_immutable(stuck, true)) {
        remove(stuck);
        remove(loose);
        remove(charts);
        remove_scratch(dir);
        skip();
    }
    assert_int_equal(staging_sweep(dir), 0);
    snprintf(marker, sizeof marker, "%s/" STAGING_PREFIX "abcdef/" STAGING_MARKER, dir);
    struct stat st;
    assert_int_equal(stat(marker, &st), 0);
    assert_int_equal(stat(stuck, &st), 0);
    assert_int_not_equal(stat(loose, &st), 0); /* what could go, went */
    assert_true(set_immutable(stuck, false));
    assert_int_equal(staging_sweep(dir), 1);
    assert_false(staging_left(dir));
    remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_running_process_kept), cmocka_unit_test(test_zombie_removed),
        cmocka_unit_test(test_own_folder_kept),      cmocka_unit_test(test_folder_in_use_kept),
        cmocka_unit_test(test_marker_removed_last),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
