/* test_staging.c - which staging folders a later run removes (staging.h): only those with
 * the marker whose process has ended, a zombie included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_running_process_kept),
        cmocka_unit_test(test_zombie_removed),
        cmocka_unit_test(test_own_folder_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
