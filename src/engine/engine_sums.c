/* engine_sums.c - each case of interest's payments before payment_bound, summed, on another
 * thread when the run may use one.
 *
 * A case's balance at t0 is its placed balance less every payment before t0: the payments
 * before the run's payment_bound are only summed, per case (the kept ones follow in
 * engine_load.c). At the large size that sum reads three million payments, the longest read of
 * a month's run after the contacts; it needs only the cases of interest in id order, so it can
 * run beside the read of their details. The sums come grouped in case_id order (the
 * payments_by_case index gives that order without sorting) and are merged with the cases in id
 * order, so the millions of old payments cost no lookups. The thread's connection sees the
 * run's snapshot for the reasons engine_contacts.c gives; when it cannot read (a writer
 * waiting), the calling thread sums afterwards, and a real failure is then its own.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/db.h"
#include "collectkpi/schema.h"
#include "engine_data.h"

struct engine_sums_job {
    const engine_data *data;
    const char *path;
    char bound_text[DATETIME_TS_SIZE];
    int64_t *sums; /* by position in data->cases_by_id */
    ck_error err;
    ck_diag diag;
    bool started; /* a thread sums */
    bool unread;  /* the calling thread sums */
    pthread_t thread;
};

typedef struct sums_merge {
    const engine_data *data;
    int64_t *sums;
    size_t next;          /* the first case (in id order) not yet passed */
    bool any_seen;        /* a sum came back */
    int64_t last_case_id; /* the case of the last sum that came back */
} sums_merge;

static ck_error add_payment_sum(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    sums_merge *merge = ctx;
    const engine_data *data = merge->data;
    int64_t case_id = sqlite3_column_int64(stmt, 0);
    merge->any_seen = true;
    merge->last_case_id = case_id;
    while (merge->next < data->case_count && data->cases_by_id[merge->next].case_id < case_id)
        merge->next++;
    if (merge->next == data->case_count) {
        *stop = true; /* no case of interest is left: the other sums are not needed */
        return CK_OK;
    }
    if (data->cases_by_id[merge->next].case_id != case_id)
        return CK_OK;
    if (sqlite3_column_type(stmt, 1) != SQLITE_INTEGER) {
        ck_diag_set(diag,
                    "cases row %lld: a payment of this case has an amount that is not stored as "
                    "INTEGER; run 'collectkpi check' on the database",
                    (long long)case_id);
        return CK_ERR_DATA;
    }
    merge->sums[merge->next] = sqlite3_column_int64(stmt, 1);
    return CK_OK;
}

static ck_error first_case_id(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)diag;
    if (sqlite3_column_type(stmt, 0) == SQLITE_INTEGER)
        *(long long *)ctx = sqlite3_column_int64(stmt, 0);
    *stop = true;
    return CK_OK;
}

/* SQLite's sum() stopped with "integer overflow" on the group after the last one that came
 * back (merge): that group's case is the first one after it with a payment before the bound,
 * in the GROUP BY's order (NULL first, then numbers, then texts). Its id, for the message; -1
 * when it cannot be told (a NULL, REAL or TEXT case_id, a failing read). */
static long long overflowing_case(sqlite3 *db, const engine_sums_job *job, const sums_merge *merge)
{
#define FIRST_SQL(after)                                                                           \
    "SELECT case_id FROM payments WHERE paid_at < ?1" after " ORDER BY case_id LIMIT 1"
    static const char after_last_sql[] = FIRST_SQL(" AND case_id > ?2");
    static const char chunk_first_sql[] = FIRST_SQL(" AND case_id >= ?2");
    static const char first_sql[] = FIRST_SQL("");
#undef FIRST_SQL
    const engine_data *data = job->data;
    const char *sql = merge->any_seen      ? after_last_sql
                      : data->case_chunked ? chunk_first_sql
                                           : first_sql;
    const db_param params[] = {DB_TEXT(job->bound_text),
                               DB_INT(merge->any_seen ? merge->last_case_id : data->case_lo)};
    long long case_id = -1;
    ck_diag ignored;
    db_each_row(db, sql, params, sql == first_sql ? 1 : 2, first_case_id, &case_id, &ignored);
    return case_id;
}

/* The sums through db into job->sums. */
static ck_error read_sums(engine_sums_job *job, sqlite3 *db, ck_diag *diag)
{
    /* The rows summed here are never read one by one: sum() is a REAL when any amount is
     * not an INTEGER, and fails rather than wrap (see below); a paid_at that is no TEXT is
     * found by check_range_columns (engine_load.c). */
    static const char sql[] = "SELECT case_id, sum(amount) FROM payments"
                              " WHERE paid_at < ?1 GROUP BY case_id ORDER BY case_id";
    /* a chunk's cases of interest are INTEGER ids within its bounds: a seek to them */
    static const char chunk_sql[] =
        "SELECT case_id, sum(amount) FROM payments WHERE paid_at < ?1"
        " AND case_id >= ?2 AND case_id <= ?3 GROUP BY case_id ORDER BY case_id";
    const engine_data *data = job->data;
    const db_param params[] = {DB_TEXT(job->bound_text), DB_INT(data->case_lo),
                               DB_INT(data->case_hi)};
    sums_merge merge = {.data = data, .sums = job->sums};
    memset(job->sums, 0, (data->case_count + 1) * sizeof *job->sums);
    ck_error err =
        db_each_checked_row(db, SCHEMA_PAYMENTS, 0, data->case_chunked ? chunk_sql : sql, params,
                            data->case_chunked ? 3 : 1, add_payment_sum, &merge, diag);
    /* sum() fails rather than wrap */
    if (err == CK_ERR_DB && strcmp(diag->text, "integer overflow") == 0) {
        long long case_id = overflowing_case(db, job, &merge);
        if (case_id >= 0)
            ck_diag_set(diag,
                        "cases row %lld: its payments before the period sum beyond the int64 "
                        "range; run 'collectkpi check' on the database",
                        case_id);
        else
            ck_diag_set(diag, "payments: the amounts of one case before the period sum beyond "
                              "the int64 range; run 'collectkpi check' on the database");
        err = CK_ERR_DATA;
    }
    return err;
}

static void *sum_on_thread(void *arg)
{
    engine_sums_job *job = arg;
    sqlite3 *db = db_open_for_thread(job->path);
    if (db == NULL) {
        job->unread = true;
    } else {
        job->err = read_sums(job, db, &job->diag);
        /* busy (a writer is committing) or another failure of SQLite's: sum again on the
         * run's connection, which says what the failure is if it is real */
        job->unread = job->err == CK_ERR_DB;
    }
    sqlite3_close(db);
    return NULL;
}

ck_error engine_sums_start(const engine_data *data, engine_sums_job **out)
{
    engine_sums_job *job = calloc(1, sizeof *job);
    *out = job;
    if (job == NULL)
        return CK_ERR_NOMEM;
    job->data = data;
    job->path = sqlite3_db_filename(data->db, "main");
    datetime_format_ts(data->payment_bound, job->bound_text);
    job->sums = malloc((data->case_count + 1) * sizeof *job->sums);
    if (job->sums == NULL)
        return CK_ERR_NOMEM;
    /* once started, the job is the thread's until it is joined (so its flags are set before);
     * a chunk's sums are a short seek, not worth a thread */
    job->started = !data->case_chunked && engine_usable_jobs(data->db, data->request) > 1;
    job->unread = !job->started;
    if (job->started && pthread_create(&job->thread, NULL, sum_on_thread, job) != 0) {
        job->started = false;
        job->unread = true;
    }
    return CK_OK;
}

ck_error engine_sums_finish(engine_data *data, engine_sums_job *job, ck_diag *diag)
{
    if (job == NULL)
        return CK_OK;
    if (job->started)
        pthread_join(job->thread, NULL);
    ck_error err = job->sums != NULL ? CK_OK : CK_ERR_NOMEM;
    if (err == CK_OK && diag != NULL) {
        if (job->unread)
            job->err = read_sums(job, data->db, &job->diag);
        err = job->err;
        if (err != CK_OK)
            *diag = job->diag;
        for (size_t i = 0; err == CK_OK && i < data->case_count; i++)
            data->cases[data->cases_by_id[i].slot].paid_before_bound_minor = job->sums[i];
    }
    free(job->sums);
    free(job);
    return err;
}
