/* engine_chunks.c - the chunks of cases a long period is read in.
 *
 * A run keeps each case of interest with its assignments, kept payments and promises in
 * memory while it credits them; over twelve months at the large size that is about 300 MiB.
 * Every figure is a count or a sum over cases, so the run can load and credit the cases a
 * chunk at a time (engine.c). The chunks are ranges of case_id holding about as many of the
 * period's assignments each (case ids are not spread evenly over time: a long period's old
 * cases are mostly closed), found from one read of the assignments overlapping the period.
 * A period of a month or less is one chunk, without that read: its rows fit, and a month's
 * run stays as fast as before.
 */
#include <stdlib.h>

#include "collectkpi/db.h"
#include "collectkpi/vec.h"
#include "engine_data.h"

/* Periods up to this long are one chunk (a calendar month is at most 31 days). */
#define ENGINE_CHUNK_MIN_SECONDS (31 * DATETIME_SECONDS_PER_DAY)

typedef struct case_ids {
    int64_t *ids;
    size_t count, capacity;
    bool other_ids; /* an assignment_id that is not an INTEGER */
    int64_t assignment_id_lo, assignment_id_hi;
} case_ids;

static ck_error add_case_id(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    (void)diag;
    case_ids *list = ctx;
    int64_t assignment_id = sqlite3_column_int64(stmt, 1);
    list->other_ids |= sqlite3_column_type(stmt, 1) != SQLITE_INTEGER;
    if (list->count == 0 || assignment_id < list->assignment_id_lo)
        list->assignment_id_lo = assignment_id;
    if (list->count == 0 || assignment_id > list->assignment_id_hi)
        list->assignment_id_hi = assignment_id;
    return VEC_PUSH(list->ids, list->count, list->capacity, sqlite3_column_int64(stmt, 0))
               ? CK_OK
               : CK_ERR_NOMEM;
}

static int compare_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The smallest and largest promise_id of the promises due in the period (the query of
 * engine_load.c load_promises_due, through promises_by_due, which holds the ids): promises
 * are recorded as they are made, so those due in a stretch of months are a stretch of the
 * table, and a chunk's scan reads that stretch alone. An id that is no INTEGER (NULL, TEXT:
 * ordered apart from the numbers) or any failure leaves the whole table. */
static void find_promise_ids(engine_data *data)
{
    static const char sql[] = "SELECT min(promise_id), max(promise_id), count(*),"
                              " sum(typeof(promise_id) = 'integer') FROM promises"
                              " WHERE due_on >= ?1 AND due_on < ?2";
    char from[DATETIME_DATE_SIZE], to[DATETIME_DATE_SIZE];
    engine_period_due_texts(&data->request->period, from, to);
    sqlite3_stmt *stmt = NULL;
    data->promise_ids_known = false;
    if (sqlite3_prepare_v2(data->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_INTEGER &&
        sqlite3_column_type(stmt, 1) == SQLITE_INTEGER &&
        sqlite3_column_int64(stmt, 2) == sqlite3_column_int64(stmt, 3)) {
        data->promise_ids_known = true;
        data->promise_id_lo = sqlite3_column_int64(stmt, 0);
        data->promise_id_hi = sqlite3_column_int64(stmt, 1);
    }
    sqlite3_finalize(stmt);
}

/* Whether each chunk should read the promises due in the period by scanning the table rather
 * than through promises_by_due: that index holds no case_id, so each chunk would look up the
 * table row of every promise due in the period, which costs about five rows of a scan each.
 * When the period holds a quarter or more of the days between the first and last due date,
 * the scan is the cheaper read (the twelve-month trend at the large size: 0.3 s a chunk
 * instead of 0.7 s; 0.2 s once the scan keeps to the promise ids of find_promise_ids). */
static void choose_promise_read(engine_data *data, bool id_ranges)
{
    static const char sql[] = "SELECT min(due_on), max(due_on) FROM promises";
    sqlite3_stmt *stmt = NULL;
    int64_t first, last;
    data->promises_by_scan = false;
    if (sqlite3_prepare_v2(data->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_TEXT &&
        sqlite3_column_type(stmt, 1) == SQLITE_TEXT &&
        datetime_parse_date((const char *)sqlite3_column_text(stmt, 0),
                            (size_t)sqlite3_column_bytes(stmt, 0), &first) &&
        datetime_parse_date((const char *)sqlite3_column_text(stmt, 1),
                            (size_t)sqlite3_column_bytes(stmt, 1), &last)) {
        const period *p = &data->request->period;
        int64_t period_days = (p->end - p->start) / DATETIME_SECONDS_PER_DAY;
        data->promises_by_scan = period_days * 4 >= last - first + 1;
    }
    sqlite3_finalize(stmt);
    if (data->promises_by_scan && id_ranges)
        find_promise_ids(data);
}

ck_error engine_case_chunks(engine_data *data, int64_t **bounds, size_t *chunk_count, ck_diag *diag)
{
    /* the assignments the case load reads (engine_load.c load_assignments), case and
     * assignment ids only: a covering read of assignments_by_end; a bad row is named by the
     * chunk's own read */
    static const char sql[] = "SELECT case_id, assignment_id FROM assignments"
                              " WHERE (start_at < ?1 OR start_at >= x'')"
                              " AND (end_at IS NULL OR end_at >= ?2 OR end_at < '')";
    const period *p = &data->request->period;
    case_ids list = {NULL, 0, 0, false, 0, 0};
    *bounds = NULL;
    *chunk_count = 1;
    data->assignment_ids_known = data->promise_ids_known = false;
    if (p->end - p->start <= ENGINE_CHUNK_MIN_SECONDS)
        return CK_OK;
    const db_param params[] = {DB_TEXT(p->end_text), DB_TEXT(p->start_text)};
    ck_error err = db_each_row(data->db, sql, params, 2, add_case_id, &list, diag);
    size_t per_chunk = data->request->chunk_assignments > 0 ? data->request->chunk_assignments
                       : data->request->beside_another_pass ? ENGINE_CHUNK_ASSIGNMENTS_BESIDE
                                                            : ENGINE_CHUNK_ASSIGNMENTS;
    size_t count = list.count / per_chunk + 1;
    if (err != CK_OK || count == 1)
        goto done;
    qsort(list.ids, list.count, sizeof *list.ids, compare_id);
    if ((*bounds = malloc(count * sizeof **bounds)) == NULL) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    /* chunk k starts at the id of the (k * count)-th assignment; a case is never split, since
     * each chunk is a range of ids */
    (*bounds)[0] = INT64_MIN;
    size_t n = 1;
    for (size_t k = 1; k < count; k++) {
        int64_t id = list.ids[list.count * k / count];
        if (id > (*bounds)[n - 1])
            (*bounds)[n++] = id;
    }
    *chunk_count = n;
    /* The report's own runs of a long period, beside the trend's pass, read through the
     * indexes as before: with the id ranges there too, the year's report peaked at 195 - 197
     * MiB instead of 178 - 185, too near the 200 MiB the tool keeps to (heaptrack saw the same
     * heap at the peak; where the extra resident pages come from is not known). The pass and
     * every other run keep them. */
    bool id_ranges = !data->request->beside_another_pass;
    data->assignment_ids_known = id_ranges && !list.other_ids;
    data->assignment_id_lo = list.assignment_id_lo;
    data->assignment_id_hi = list.assignment_id_hi;
    if (n > 1)
        choose_promise_read(data, id_ranges);
done:
    free(list.ids);
    return err;
}
