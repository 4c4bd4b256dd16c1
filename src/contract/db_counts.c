/* db_counts.c - the contract tables' row counts on a thread of their own (see db.h).
 *
 * `report` shows them on its Definitions sheet, the workbook's last: counted on the calling
 * thread they cost about a second of its critical path at the large size (contacts' count
 * reads all 2 GB of its table's b-tree); on a thread they overlap the figures still being
 * computed and the writing of the workbook's other sheets. The thread reads with a connection
 * of its own, as the engine's threads do, so that the run's connection stays the caller's.
 */
#include <pthread.h>
#include <stdlib.h>

#include "collectkpi/db.h"

struct db_counts_job {
    const char *path; /* sqlite3_db_filename of the caller's connection */
    int64_t counts[SCHEMA_TABLE_COUNT];
    bool started; /* a thread counts */
    bool unread;  /* finish counts on the caller's connection */
    pthread_t thread;
};

static void *count_on_thread(void *arg)
{
    db_counts_job *job = arg;
    sqlite3 *db = db_open_for_thread(job->path);
    if (db == NULL) {
        job->unread = true;
    } else {
        ck_diag ignored;
        /* busy (a writer is committing) or another failure of SQLite's: count again on the
         * caller's connection, which says what the failure is if it is real */
        job->unread = db_table_counts(db, job->counts, &ignored) != CK_OK;
    }
    sqlite3_close(db);
    return NULL;
}

db_counts_job *db_table_counts_start(sqlite3 *db, bool on_thread)
{
    db_counts_job *job = calloc(1, sizeof *job);
    if (job == NULL)
        return NULL; /* finish counts on db */
    job->path = sqlite3_db_filename(db, "main");
    job->unread = true;
    /* in memory, nothing another connection could open; in WAL mode, another connection could
     * see a later commit than the caller's */
    if (!on_thread || !db_is_rollback_file(db))
        return job;
    /* once started, the job is the thread's until it is joined (its flags are set before) */
    job->started = true;
    job->unread = false;
    if (pthread_create(&job->thread, NULL, count_on_thread, job) != 0) {
        job->started = false;
        job->unread = true;
    }
    return job;
}

ck_error db_table_counts_finish(sqlite3 *db, db_counts_job *job, int64_t counts[SCHEMA_TABLE_COUNT],
                                ck_diag *diag)
{
    ck_error err = CK_OK;
    if (job != NULL && job->started)
        pthread_join(job->thread, NULL);
    if (counts == NULL)
        goto done;
    if (job == NULL || job->unread) {
        err = db_table_counts(db, counts, diag);
        goto done;
    }
    for (size_t t = 0; t < SCHEMA_TABLE_COUNT; t++)
        counts[t] = job->counts[t];
done:
    free(job);
    return err;
}
