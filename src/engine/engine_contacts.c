/* engine_contacts.c - the period's contacts counted per agent (and month), on several threads.
 *
 * The contacts are by far the largest table (33 million rows at the large size) and a read
 * that needs nothing else the run loads but the agents: while the calling thread loads the
 * cases (engine_load.c), request->jobs - 1 other threads count the contacts, the period cut
 * into as many consecutive ranges of contact_at, each read by a thread of its own with its
 * own read-only connection (SQLite is built thread-safe; a connection is never shared between
 * threads). Each range counts into counts of its own; they are added up afterwards. The counts are
 * integers, so the sum is the same however the period is cut. A bad row stops a range; the ranges
 * are looked at in time order, which is the order one thread reading the contact_at index meets the
 * rows, so the row named is the one a single thread names.
 *
 * Every connection must read the same database, or the counts would mix two states of it.
 * The run's connection holds a read transaction (engine_run's BEGIN, made real by its first
 * read) until the figures are done. In SQLite's rollback-journal modes a writer must get an
 * EXCLUSIVE lock to change the file, which it cannot while that SHARED lock is held: the file
 * cannot change during the run, and a connection opened now reads exactly what the run's
 * connection reads. A writer already waiting for its EXCLUSIVE lock holds PENDING, which makes
 * a new reader fail with SQLITE_BUSY: the threads' connections do not wait (their busy timeout
 * is 0; waiting would deadlock against our own SHARED lock), and a range whose thread could
 * not read is read afterwards by the calling thread on the run's connection. In WAL mode
 * readers do not block writers, so a new connection could see a later commit than the run's,
 * and this SQLite has no snapshot API to pin one (SQLITE_ENABLE_SNAPSHOT is off): a WAL
 * database, like a database without a file (in memory) or a run outside a transaction, is
 * read by one thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/db.h"
#include "collectkpi/schema.h"
#include "engine_data.h"
#include "witness_internal.h"

/* One agent's contacts in one month of the run: kpi.md's contacts, call attempts and rpc. */
typedef struct engine_contact_counts {
    int64_t contacts, call_attempts, rpc;
} engine_contact_counts;

/* SQLite's BINARY order of two texts: bytes, then length. */
static int compare_text(const char *a, size_t a_len, const char *b, size_t b_len)
{
    int c = memcmp(a, b, a_len < b_len ? a_len : b_len);
    return c != 0 ? c : (a_len > b_len) - (a_len < b_len);
}

/* The month of a run of months that a row's timestamp (text of len bytes, NULL for none)
 * falls in. The query picked the row by comparing that text with the run's bounds, so the
 * months' bounds are compared the same way: the row lands in the month a one-month run would
 * have picked it for. The months' starts ascend: a binary search for the last one not after the
 * text (every contact of a twelve-month pass comes through here). */
static size_t month_of_text(const engine_data *data, const char *text, size_t len)
{
    if (text == NULL)
        return data->month_count - 1;
    size_t lo = 0, hi = data->month_count - 1; /* the month is in [lo, hi] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        const char *start = data->months[mid].start_text;
        if (compare_text(text, len, start, strlen(start)) < 0)
            hi = mid - 1;
        else
            lo = mid;
    }
    return lo;
}

size_t engine_month_of_row(const engine_data *data, sqlite3_stmt *stmt)
{
    int col = sqlite3_column_count(stmt) - 1;
    const char *text = (const char *)sqlite3_column_text(stmt, col);
    return month_of_text(data, text, (size_t)sqlite3_column_bytes(stmt, col));
}

/* Whether a code column's value is the code (of len bytes), compared as C strings, as the
 * breach pass compares them (a text with a NUL after the code is the code to both): its first
 * len + 1 bytes, the code's terminating NUL included, when it has that many (SQLite ends the
 * text with a NUL past its bytes). */
static bool value_is(sqlite3_value *value, const char *code, size_t len)
{
    const unsigned char *text = sqlite3_value_text(value);
    return text != NULL && (size_t)sqlite3_value_bytes(value) >= len &&
           memcmp(text, code, len + 1) == 0;
}
#define VALUE_IS(value, code) value_is((value), (code), sizeof(code) - 1)

/* The codes are read as they are (value_is compares them), so that their storage class is
 * checked like every other column's. The last column is the row's time, for a run of months
 * (month_of_text). */
enum {
    CONTACT_AGENT,
    CONTACT_ID,
    CONTACT_CHANNEL,
    CONTACT_DIRECTION,
    CONTACT_PARTY,
    CONTACT_OUTCOME,
    CONTACT_AT,
    CONTACT_COLUMNS
};
static const char contacts_sql[] =
    "SELECT agent_id, contact_id, channel, direction, party, outcome, contact_at"
    " FROM contacts WHERE contact_at >= ?1 AND contact_at < ?2 AND agent_id IS NOT NULL";

typedef struct contact_count {
    const engine_data *data;
    engine_contact_counts *counts;
    db_row_types types; /* of the contacts read, from its first row */
} contact_count;

/* One contact row counted. The columns are taken once each as values (the connection is used
 * by one thread only, db_row_values): a twelve-month pass counts sixteen million rows here. */
static ck_error count_contact(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    contact_count *count = ctx;
    const engine_data *data = count->data;
    sqlite3_value *v[CONTACT_COLUMNS];
    ck_error err = db_row_values(&count->types, stmt, CONTACT_ID, CONTACT_COLUMNS, v, diag);
    if (err != CK_OK)
        return err;
    size_t slot = idmap_find(&data->agent_ids, sqlite3_value_int64(v[CONTACT_AGENT]));
    if (slot == IDMAP_NONE) {
        ck_diag_set(diag,
                    "contacts row %lld: agent_id names no agent; run 'collectkpi check' on the "
                    "database",
                    (long long)sqlite3_value_int64(v[CONTACT_ID]));
        return CK_ERR_DATA;
    }
    size_t month = 0;
    if (data->month_count != 0)
        month = month_of_text(data, (const char *)sqlite3_value_text(v[CONTACT_AT]),
                              (size_t)sqlite3_value_bytes(v[CONTACT_AT]));
    engine_contact_counts *c = &count->counts[month * data->agent_count + slot];
    /* kpi.md: a call attempt is an outbound call; a right-party contact is a call attempt
     * that reached the debtor with one of the five conversation outcomes. */
    bool call_attempt =
        VALUE_IS(v[CONTACT_CHANNEL], "call") && VALUE_IS(v[CONTACT_DIRECTION], "outbound");
    bool rpc = false;
    if (call_attempt && VALUE_IS(v[CONTACT_PARTY], "debtor")) {
        sqlite3_value *outcome = v[CONTACT_OUTCOME];
        rpc = VALUE_IS(outcome, "contacted") || VALUE_IS(outcome, "promise") ||
              VALUE_IS(outcome, "refusal") || VALUE_IS(outcome, "dispute") ||
              VALUE_IS(outcome, "callback_requested");
    }
    c->contacts++;
    c->call_attempts += call_attempt;
    c->rpc += rpc;
    /* explain's witness: a one-month run on one thread (engine_usable_jobs) */
    if (data->request->witness != NULL)
        engine_witness_contact(data->request->witness, true, data->agents[slot].agent_id,
                               sqlite3_value_int64(v[CONTACT_ID]), 0, 0, call_attempt, rpc);
    return CK_OK;
}

/* Counts the contacts with from <= contact_at < to (contract text), read through db, into
 * counts[month * agent_count + agent slot] (month 0 for a run of one period). Reads only
 * data's agents and months, so threads may run it at once, each with its own connection and
 * counts. */
static ck_error engine_count_contacts(const engine_data *data, sqlite3 *db, const char *from,
                                      const char *to, engine_contact_counts *counts, ck_diag *diag)
{
    contact_count count = {data, counts, {.table = SCHEMA_CONTACTS}};
    const db_param params[] = {DB_TEXT(from), DB_TEXT(to)};
    return db_each_row(db, contacts_sql, params, 2, count_contact, &count, diag);
}

typedef struct contact_range {
    const engine_data *data;
    const char *path;
    char from[DATETIME_TS_SIZE], to[DATETIME_TS_SIZE];
    engine_contact_counts *counts;
    ck_error err;
    ck_diag diag;
    bool started; /* a thread reads it */
    bool unread;  /* its thread could not read it: the calling thread reads it */
    pthread_t thread;
} contact_range;

static void *read_range(void *arg)
{
    contact_range *range = arg;
    sqlite3 *db = db_open_for_thread(range->path);
    if (db == NULL) {
        range->unread = true;
    } else {
        range->err = engine_count_contacts(range->data, db, range->from, range->to, range->counts,
                                           &range->diag);
        /* busy (a writer is committing) or another failure of SQLite's: read again on the
         * run's connection, which says what the failure is if it is real */
        range->unread = range->err == CK_ERR_DB;
    }
    sqlite3_close(db);
    return NULL;
}

/* How many threads a run may use: 1 unless the threads' connections are sure to see the
 * run's snapshot (see the top of this file). The breach pass (compliance_pass.c) and the
 * payment sums (engine_sums.c) ask too. */
size_t engine_usable_jobs(sqlite3 *db, const engine_request *request)
{
    if (request->jobs <= 1 || request->witness != NULL || sqlite3_get_autocommit(db))
        return 1;
    return db_is_rollback_file(db) ? (size_t)request->jobs : 1;
}

/* Adds counts (laid out as engine_count_contacts says) into the agents' or the months' rows. */
static void add_counts(engine_data *data, const engine_contact_counts *counts, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        kpi_row *row = data->month_count == 0 ? &data->agents[i].row : &data->month_rows[i];
        row->contacts += counts[i].contacts;
        row->call_attempts += counts[i].call_attempts;
        row->rpc += counts[i].rpc;
    }
}

struct engine_contact_job {
    contact_range *ranges;
    size_t range_count;
    size_t count; /* counts per range: months * agents */
    engine_contact_counts *counts;
};

ck_error engine_contacts_start(const engine_data *data, engine_contact_job **out)
{
    const period *p = &data->request->period;
    size_t jobs = engine_usable_jobs(data->db, data->request);
    /* On more than one thread the calling thread goes on loading the cases meanwhile: the
     * other threads read the contacts, in jobs - 1 ranges. */
    size_t range_count = jobs > 1 ? jobs - 1 : 1;
    engine_contact_job *job = calloc(1, sizeof *job);
    *out = job;
    if (job == NULL)
        return CK_ERR_NOMEM;
    job->range_count = range_count;
    job->count = (data->month_count > 0 ? data->month_count : 1) * data->agent_count;
    job->ranges = calloc(range_count, sizeof *job->ranges);
    job->counts = calloc(range_count * job->count + 1, sizeof *job->counts);
    if (job->ranges == NULL || job->counts == NULL)
        return CK_ERR_NOMEM;
    const char *path = sqlite3_db_filename(data->db, "main");
    for (size_t k = 0; k < range_count; k++) {
        contact_range *range = &job->ranges[k];
        range->data = data;
        range->path = path;
        range->counts = job->counts + k * job->count;
        /* equal spans of time; the first and last bounds are the period's own text */
        memcpy(range->from, p->start_text, sizeof range->from);
        memcpy(range->to, p->end_text, sizeof range->to);
        if (k > 0)
            datetime_format_ts(p->start + (p->end - p->start) * (int64_t)k / (int64_t)range_count,
                               range->from);
        if (k + 1 < range_count)
            datetime_format_ts(p->start +
                                   (p->end - p->start) * (int64_t)(k + 1) / (int64_t)range_count,
                               range->to);
        /* once started, the range is the thread's until it is joined (so its flags are set
         * before); one thread, or no thread to be had: the calling thread reads the range in
         * engine_contacts_finish */
        range->started = jobs > 1;
        range->unread = !range->started;
        if (range->started && pthread_create(&range->thread, NULL, read_range, range) != 0) {
            range->started = false;
            range->unread = true;
        }
    }
    return CK_OK;
}

ck_error engine_contacts_finish(engine_data *data, engine_contact_job *job, ck_diag *diag)
{
    if (job == NULL)
        return CK_OK;
    ck_error err = job->ranges != NULL && job->counts != NULL ? CK_OK : CK_ERR_NOMEM;
    for (size_t k = 0; job->ranges != NULL && k < job->range_count; k++)
        if (job->ranges[k].started)
            pthread_join(job->ranges[k].thread, NULL);
    /* In time order: the first range that fails is the failure one thread would meet. A
     * failure of the caller's (diag NULL: the run stops anyway) only joins the threads. */
    for (size_t k = 0; err == CK_OK && diag != NULL && k < job->range_count; k++) {
        contact_range *range = &job->ranges[k];
        if (range->unread) {
            memset(range->counts, 0, job->count * sizeof *range->counts);
            range->err = engine_count_contacts(data, data->db, range->from, range->to,
                                               range->counts, &range->diag);
        }
        err = range->err;
        if (err != CK_OK)
            *diag = range->diag;
        else
            add_counts(data, range->counts, job->count);
    }
    free(job->counts);
    free(job->ranges);
    free(job);
    return err;
}
