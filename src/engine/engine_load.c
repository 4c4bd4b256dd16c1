/* engine_load.c - reads the rows one engine run needs (see engine_data.h).
 *
 * Every query is a fixed statement with the period bound as parameters; the bounds are the
 * contract's timestamp text, whose text order is time order. A row the engine cannot read
 * (a timestamp that is not real, an id that points nowhere) stops the run with the table
 * and row id, and the advice to run `collectkpi check`: a figure is never computed from a
 * row the engine had to guess about.
 *
 * The period's rows are picked by comparing text timestamps with the bounds, so a timestamp
 * stored as a number or a BLOB (a view, or a table made without the contract's CHECKs)
 * would never be picked and its row would be left out of the figures without a word.
 * Numbers sort before every text and BLOBs after, so check_range_columns finds such a value
 * with one seek of the column's index (sql/indexes.sql), which costs nothing next to the
 * reads; assignments.start_at leads no index, so the assignments query takes those values
 * itself and its row type check stops the run on them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/db.h"
#include "collectkpi/schema.h"
#include "collectkpi/utf8.h"
#include "collectkpi/vec.h"
#include "engine_data.h"
#include "witness_internal.h"

static ck_error bad_row(ck_diag *diag, const char *table, int64_t id, const char *what)
{
    ck_diag_set(diag, "%s row %lld: %s; run 'collectkpi check' on the database", table,
                (long long)id, what);
    return CK_ERR_DATA;
}

/* An amount (already known to be INTEGER) within the contract's limit: min..SCHEMA_MONEY_MAX. */
static ck_error column_money(sqlite3_stmt *stmt, int col, const char *table, int64_t id,
                             int64_t min, int64_t *out, ck_diag *diag)
{
    *out = sqlite3_column_int64(stmt, col);
    if (*out >= min && *out <= SCHEMA_MONEY_MAX)
        return CK_OK;
    ck_diag_set(diag,
                "%s row %lld: column %s is %lld, outside the contract's range %lld..%lld; run "
                "'collectkpi check' on the database",
                table, (long long)id, sqlite3_column_name(stmt, col), (long long)*out,
                (long long)min, (long long)SCHEMA_MONEY_MAX);
    return CK_ERR_DATA;
}

/* Column col of the current row as a timestamp in seconds. */
static ck_error column_ts(sqlite3_stmt *stmt, int col, const char *table, const char *column,
                          int64_t id, int64_t *out, ck_diag *diag)
{
    const char *text = (const char *)sqlite3_column_text(stmt, col);
    if (text == NULL || !datetime_parse_ts(text, (size_t)sqlite3_column_bytes(stmt, col), out)) {
        char what[96];
        snprintf(what, sizeof what, "%s is not a real timestamp 'YYYY-MM-DD HH:MM:SS'", column);
        return bad_row(diag, table, id, what);
    }
    return CK_OK;
}

static ck_error column_date(sqlite3_stmt *stmt, int col, const char *table, const char *column,
                            int64_t id, int64_t *out, ck_diag *diag)
{
    const char *text = (const char *)sqlite3_column_text(stmt, col);
    if (text == NULL || !datetime_parse_date(text, (size_t)sqlite3_column_bytes(stmt, col), out)) {
        char what[96];
        snprintf(what, sizeof what, "%s is not a real date 'YYYY-MM-DD'", column);
        return bad_row(diag, table, id, what);
    }
    return CK_OK;
}

/* A name or code for the outputs, with NUL bytes and bytes that are not UTF-8 as U+FFFD (the
 * one rule of data-model.md "Text"): every format then shows the same visible mark, where a
 * NUL would cut the name and jansson or libxlsxwriter would drop or refuse it. */
char *engine_column_strdup(sqlite3_stmt *stmt, int col)
{
    const char *text = (const char *)sqlite3_column_text(stmt, col);
    return utf8_dup_replacing(text ? text : "", text ? (size_t)sqlite3_column_bytes(stmt, col) : 0);
}

static ck_error step_error(sqlite3 *db, ck_diag *diag)
{
    ck_diag_set(diag, "%s", sqlite3_errmsg(db));
    return CK_ERR_DB;
}

/* The two bound texts of a query over the period: ?1 start, ?2 end. */
static void period_params(const period *p, db_param params[2])
{
    params[0] = DB_TEXT(p->start_text);
    params[1] = DB_TEXT(p->end_text);
}

/* A run in case chunks (engine_run on a long period) reads, of every table picked by time, only
 * the rows of the chunk's cases: case_id in [case_lo, case_hi], an open end bound as NULL. The
 * time index stays the plan (+case_id keeps SQLite from switching to a case index), and a
 * case_id that is not an INTEGER (a TEXT or BLOB sorts after every number, NULL before) lands
 * in the first or last chunk, whose checked read names it as one thread's single read would. */
#define CHUNK_FILTER(lo, hi)                                                                       \
    " AND (" lo " IS NULL OR +case_id >= " lo ") AND (" hi " IS NULL OR +case_id <= " hi           \
    " OR (" lo " IS NULL AND +case_id IS NULL))"

/* The chunk's bounds as ?n and ?n+1 (NULL for an open end). */
static void chunk_params(const engine_data *data, db_param params[2])
{
    params[0] =
        data->case_lo == INT64_MIN ? (db_param){DB_PARAM_NULL, 0, NULL} : DB_INT(data->case_lo);
    params[1] =
        data->case_hi == INT64_MAX ? (db_param){DB_PARAM_NULL, 0, NULL} : DB_INT(data->case_hi);
}

typedef struct people_load {
    engine_data *data;
    idmap team_ids;
    size_t team_capacity, agent_capacity;
} people_load;

static ck_error add_team(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    (void)diag;
    people_load *load = ctx;
    engine_data *data = load->data;
    size_t slot;
    if (!VEC_RESERVE(data->teams, load->team_capacity, data->team_count + 1))
        return CK_ERR_NOMEM;
    ck_error err = idmap_insert(&load->team_ids, sqlite3_column_int64(stmt, 0), &slot, NULL);
    if (err != CK_OK)
        return err;
    engine_team *team = &data->teams[data->team_count++];
    team->team_id = sqlite3_column_int64(stmt, 0);
    team->name = engine_column_strdup(stmt, 1);
    return team->name == NULL ? CK_ERR_NOMEM : CK_OK;
}

static ck_error add_agent(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    people_load *load = ctx;
    engine_data *data = load->data;
    int64_t agent_id = sqlite3_column_int64(stmt, 0);
    size_t slot, team_slot = idmap_find(&load->team_ids, sqlite3_column_int64(stmt, 3));
    if (team_slot == IDMAP_NONE)
        return bad_row(diag, "agents", agent_id, "team_id names no team");
    if (!VEC_RESERVE(data->agents, load->agent_capacity, data->agent_count + 1))
        return CK_ERR_NOMEM;
    ck_error err = idmap_insert(&data->agent_ids, agent_id, &slot, NULL);
    if (err != CK_OK)
        return err;
    engine_agent *agent = &data->agents[data->agent_count++];
    memset(agent, 0, sizeof *agent);
    agent->agent_id = agent_id;
    agent->team_slot = team_slot;
    agent->employee_no = engine_column_strdup(stmt, 1);
    agent->name = engine_column_strdup(stmt, 2);
    if (agent->employee_no == NULL || agent->name == NULL)
        return CK_ERR_NOMEM;
    /* Employment dates decide only whether a score is ranked (scorecard.md). */
    err = column_date(stmt, 4, "agents", "hired_on", agent_id, &agent->hired_on, diag);
    agent->has_left_on = sqlite3_column_type(stmt, 5) != SQLITE_NULL;
    if (err == CK_OK && agent->has_left_on)
        err = column_date(stmt, 5, "agents", "left_on", agent_id, &agent->left_on, diag);
    return err;
}

static ck_error load_teams_and_agents(engine_data *data, ck_diag *diag)
{
    people_load load = {.data = data};
    idmap_init(&load.team_ids);
    ck_error err = db_each_checked_row(data->db, SCHEMA_TEAMS, 0,
                                       "SELECT team_id, name FROM teams ORDER BY team_id", NULL, 0,
                                       add_team, &load, diag);
    if (err == CK_OK)
        err = db_each_checked_row(
            data->db, SCHEMA_AGENTS, 0,
            "SELECT agent_id, employee_no, name, team_id, hired_on, left_on FROM agents"
            " ORDER BY agent_id",
            NULL, 0, add_agent, &load, diag);
    idmap_free(&load.team_ids);
    return err;
}

/* The slot of a case the run is interested in, adding it (details are loaded later). */
static ck_error case_slot_of(engine_data *data, int64_t case_id, size_t *slot)
{
    bool added;
    ck_error err = idmap_insert(&data->case_ids, case_id, slot, &added);
    if (err != CK_OK || !added)
        return err;
    if (!VEC_RESERVE(data->cases, data->case_capacity, data->case_count + 1))
        return CK_ERR_NOMEM;
    engine_case *c = &data->cases[data->case_count++];
    memset(c, 0, sizeof *c);
    c->case_id = case_id;
    c->close_reason = -1;
    return CK_OK;
}

static size_t agent_slot_of(const engine_data *data, int64_t agent_id)
{
    return idmap_find(&data->agent_ids, agent_id);
}

static ck_error add_assignment(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    engine_data *data = ctx;
    int64_t id = sqlite3_column_int64(stmt, 0);
    engine_assignment a;
    ck_error err;
    a.agent_slot = agent_slot_of(data, sqlite3_column_int64(stmt, 2));
    if (a.agent_slot == IDMAP_NONE)
        return bad_row(diag, "assignments", id, "agent_id names no agent");
    if ((err = column_ts(stmt, 3, "assignments", "start_at", id, &a.start, diag)) != CK_OK)
        return err;
    a.end = ENGINE_OPEN_END;
    if (sqlite3_column_type(stmt, 4) != SQLITE_NULL &&
        (err = column_ts(stmt, 4, "assignments", "end_at", id, &a.end, diag)) != CK_OK)
        return err;
    if ((err = case_slot_of(data, sqlite3_column_int64(stmt, 1), &a.case_slot)) != CK_OK)
        return err;
    return VEC_PUSH(data->assignments, data->assignment_count, data->assignment_capacity, a)
               ? CK_OK
               : CK_ERR_NOMEM;
}

/* Assignments that overlap the period, or end exactly at its start (a closure at P.start
 * is credited to the assignment that ends then: start_at < closed_at <= end_at). A chunk scans
 * the period's range of ids when known (engine_chunks.c; the + keep SQLite to it): cheaper
 * than reading all of the period's assignments through assignments_by_end in every chunk. */
static ck_error load_assignments(engine_data *data, ck_diag *diag)
{
#define ASSIGNMENTS_SQL(plus)                                                                      \
    "SELECT assignment_id, case_id, agent_id, start_at, end_at FROM assignments"                   \
    " WHERE (" plus "start_at < ?1 OR " plus "start_at >= x'')"                                    \
    " AND (" plus "end_at IS NULL OR " plus "end_at >= ?2 OR " plus "end_at < '')"
    static const char sql[] = ASSIGNMENTS_SQL("");
    static const char chunk_sql[] = ASSIGNMENTS_SQL("") CHUNK_FILTER("?3", "?4");
    static const char chunk_ids_sql[] = ASSIGNMENTS_SQL("+")
        CHUNK_FILTER("?3", "?4") " AND assignment_id >= ?5 AND assignment_id <= ?6";
#undef ASSIGNMENTS_SQL
    db_param params[] = {DB_TEXT(data->request->period.end_text),
                         DB_TEXT(data->request->period.start_text),
                         DB_INT(0),
                         DB_INT(0),
                         DB_INT(data->assignment_id_lo),
                         DB_INT(data->assignment_id_hi)};
    chunk_params(data, params + 2);
    const char *query = !data->case_chunked          ? sql
                        : data->assignment_ids_known ? chunk_ids_sql
                                                     : chunk_sql;
    size_t param_count = query == sql ? 2 : query == chunk_sql ? 4 : 6;
    return db_each_checked_row(data->db, SCHEMA_ASSIGNMENTS, 0, query, params, param_count,
                               add_assignment, data, diag);
}

static ck_error add_closed_case(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    (void)diag;
    size_t slot;
    return case_slot_of(ctx, sqlite3_column_int64(stmt, 0), &slot);
}

static ck_error load_closed_cases(engine_data *data, ck_diag *diag)
{
#define CLOSED_SQL "SELECT case_id FROM cases WHERE closed_at >= ?1 AND closed_at < ?2"
    static const char sql[] = CLOSED_SQL;
    static const char chunk_sql[] = CLOSED_SQL CHUNK_FILTER("?3", "?4");
#undef CLOSED_SQL
    db_param params[4];
    period_params(&data->request->period, params);
    chunk_params(data, params + 2);
    return db_each_checked_row(data->db, SCHEMA_CASES, 0, data->case_chunked ? chunk_sql : sql,
                               params, data->case_chunked ? 4 : 2, add_closed_case, data, diag);
}

static ck_error add_promise_due(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    engine_data *data = ctx;
    engine_promise p;
    ck_error err;
    p.promise_id = sqlite3_column_int64(stmt, 0);
    p.case_id = sqlite3_column_int64(stmt, 1);
    p.agent_slot = agent_slot_of(data, sqlite3_column_int64(stmt, 2));
    if ((err = column_money(stmt, 5, "promises", p.promise_id, 1, &p.amount_minor, diag)) != CK_OK)
        return err;
    if (p.agent_slot == IDMAP_NONE)
        return bad_row(diag, "promises", p.promise_id, "agent_id names no agent");
    if ((err = column_ts(stmt, 3, "promises", "made_at", p.promise_id, &p.made_at, diag)) !=
            CK_OK ||
        (err = column_date(stmt, 4, "promises", "due_on", p.promise_id, &p.due_on, diag)) !=
            CK_OK ||
        (err = case_slot_of(data, p.case_id, &p.case_slot)) != CK_OK)
        return err;
    if (!VEC_RESERVE(data->promises_due, data->promise_capacity, data->promise_count + 1))
        return CK_ERR_NOMEM;
    if (p.made_at < data->payment_bound)
        data->payment_bound = p.made_at;
    data->promises_due[data->promise_count++] = p;
    return CK_OK;
}

/* Promises due in the period: a date d is in P when date(P.start) <= d <= date(P.end - 1).
 * A chunk that scans the table keeps to the range of ids of the period's promises when it is
 * known (engine_chunks.c). */
static ck_error load_promises_due(engine_data *data, ck_diag *diag)
{
#define PROMISES_SQL                                                                               \
    "SELECT promise_id, case_id, agent_id, made_at, due_on, amount FROM promises"                  \
    " WHERE due_on >= ?1 AND due_on < ?2"
    static const char sql[] = PROMISES_SQL;
    static const char chunk_sql[] = PROMISES_SQL CHUNK_FILTER("?3", "?4");
#undef PROMISES_SQL
#define PROMISES_SCAN_SQL                                                                          \
    "SELECT promise_id, case_id, agent_id, made_at, due_on, amount FROM promises"                  \
    " WHERE +due_on >= ?1 AND +due_on < ?2" CHUNK_FILTER("?3", "?4")
    static const char chunk_scan_sql[] = PROMISES_SCAN_SQL;
    static const char chunk_ids_scan_sql[] =
        PROMISES_SCAN_SQL " AND promise_id >= ?5 AND promise_id <= ?6";
#undef PROMISES_SCAN_SQL
    char from[DATETIME_DATE_SIZE], to[DATETIME_DATE_SIZE];
    engine_period_due_texts(&data->request->period, from, to);
    db_param params[] = {DB_TEXT(from),
                         DB_TEXT(to),
                         DB_INT(0),
                         DB_INT(0),
                         DB_INT(data->promise_id_lo),
                         DB_INT(data->promise_id_hi)};
    chunk_params(data, params + 2);
    const char *query = !data->case_chunked       ? sql
                        : !data->promises_by_scan ? chunk_sql
                        : data->promise_ids_known ? chunk_ids_scan_sql
                                                  : chunk_scan_sql;
    size_t param_count = query == sql ? 2 : query == chunk_ids_scan_sql ? 6 : 4;
    return db_each_checked_row(data->db, SCHEMA_PROMISES, 0, query, params, param_count,
                               add_promise_due, data, diag);
}

static int compare_case_ref(const void *a, const void *b)
{
    const struct engine_case_ref *x = a, *y = b;
    return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

/* Details of every case of interest, looked up by primary key in id order (one B-tree walk
 * per case: this scales with the cases worked, not with the size of the portfolio). */
static ck_error sort_cases_by_id(engine_data *data)
{
    data->cases_by_id = malloc((data->case_count + 1) * sizeof *data->cases_by_id);
    if (data->cases_by_id == NULL)
        return CK_ERR_NOMEM;
    for (size_t slot = 0; slot < data->case_count; slot++) {
        data->cases_by_id[slot].case_id = data->cases[slot].case_id;
        data->cases_by_id[slot].slot = slot;
    }
    qsort(data->cases_by_id, data->case_count, sizeof *data->cases_by_id, compare_case_ref);
    return CK_OK;
}

static ck_error load_case_details(engine_data *data, ck_diag *diag)
{
    static const char sql[] = "SELECT placed_at, placed_balance, closed_at, close_reason,"
                              " dpd_at_placement FROM cases WHERE case_id = ?1";
    sqlite3_stmt *stmt = NULL;
    ck_error err = CK_OK;
    if ((err = db_prepare(data->db, sql, &stmt, diag)) != CK_OK)
        return err;
    db_row_types types;
    db_row_types_init(&types, stmt, SCHEMA_CASES);
    for (size_t i = 0; i < data->case_count && err == CK_OK; i++) {
        int64_t id = data->cases_by_id[i].case_id;
        engine_case *c = &data->cases[data->cases_by_id[i].slot];
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, id);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) {
            err = bad_row(diag, "cases", id, "a row refers to this case_id, which does not exist");
            break;
        }
        if (rc != SQLITE_ROW) {
            err = step_error(data->db, diag);
            break;
        }
        if ((err = db_row_types_check(&types, stmt, id, diag)) != CK_OK ||
            (err = column_ts(stmt, 0, "cases", "placed_at", id, &c->placed_at, diag)) != CK_OK ||
            (err = column_money(stmt, 1, "cases", id, 1, &c->placed_balance_minor, diag)) != CK_OK)
            break;
        c->dpd_at_placement = sqlite3_column_int64(stmt, 4);
        if (sqlite3_column_type(stmt, 2) != SQLITE_NULL) {
            if ((err = column_ts(stmt, 2, "cases", "closed_at", id, &c->closed_at, diag)) != CK_OK)
                break;
            c->close_reason =
                codes_find(&codes_close_reason, (const char *)sqlite3_column_text(stmt, 3));
            if (c->close_reason < 0)
                err = bad_row(diag, "cases", id, "close_reason is not a contract code");
        }
    }
    sqlite3_finalize(stmt);
    return err;
}

static ck_error add_payment(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    engine_data *data = ctx;
    const period *p = &data->request->period;
    size_t slot = idmap_find(&data->case_ids, sqlite3_column_int64(stmt, 1));
    engine_payment pay = {.case_slot = slot, .payment_id = sqlite3_column_int64(stmt, 0)};
    ck_error err = column_money(stmt, 3, "payments", pay.payment_id, -SCHEMA_MONEY_MAX,
                                &pay.amount_minor, diag);
    if (err == CK_OK)
        err = column_ts(stmt, 2, "payments", "paid_at", pay.payment_id, &pay.at, diag);
    if (err != CK_OK)
        return err;
    if (slot != IDMAP_NONE)
        return VEC_PUSH(data->case_payments, data->case_payment_count, data->case_payment_capacity,
                        pay)
                   ? CK_OK
                   : CK_ERR_NOMEM;
    if (engine_at_in_period(p, pay.at)) {
        if (data->request->witness != NULL)
            engine_witness_payment(data, &pay, IDMAP_NONE);
        size_t m = 0;
        while (m + 1 < data->month_count && pay.at >= data->months[m + 1].start)
            m++;
        engine_add_money(data, &data->unlinked_minor[m], pay.amount_minor, "payments",
                         pay.payment_id);
    }
    return CK_OK;
}

/* The payments from payment_bound to the last promise window end: kept per case of
 * interest (t0 balances, promise windows, crediting); those of other cases in the period only
 * summed per month (unlinked_minor). A chunk with a lower bound reads its own cases' payments
 * through payments_by_case (+paid_at keeps SQLite off the time index), not the whole window
 * again (the trend's pass reads seven chunks); the first also takes a NULL case_id. */
static ck_error load_payments(engine_data *data, ck_diag *diag)
{
#define PAYMENTS_SQL(paid_at)                                                                      \
    "SELECT payment_id, case_id, paid_at, amount FROM payments WHERE " paid_at                     \
    " >= ?1 AND " paid_at " < ?2"
    static const char sql[] = PAYMENTS_SQL("paid_at");
    static const char chunk_sql[] = PAYMENTS_SQL("paid_at") CHUNK_FILTER("?3", "?4");
    static const char by_case_sql[] =
        PAYMENTS_SQL("+paid_at") " AND case_id >= ?3 AND case_id <= ?4";
    static const char last_by_case_sql[] = PAYMENTS_SQL("+paid_at") " AND case_id >= ?3";
#undef PAYMENTS_SQL
    char bound_text[DATETIME_TS_SIZE], end_text[DATETIME_TS_SIZE];
    datetime_format_ts(data->payment_bound, bound_text);
    datetime_format_ts(data->payment_end, end_text);
    db_param params[] = {DB_TEXT(bound_text), DB_TEXT(end_text), DB_INT(0), DB_INT(0)};
    chunk_params(data, params + 2);
    const char *query = !data->case_chunked          ? sql
                        : data->case_lo == INT64_MIN ? chunk_sql
                        : data->case_hi == INT64_MAX ? last_by_case_sql
                                                     : by_case_sql;
    size_t param_count = query == sql ? 2 : query == last_by_case_sql ? 3 : 4;
    data->unlinked_minor =
        calloc(data->month_count > 0 ? data->month_count : 1, sizeof *data->unlinked_minor);
    if (data->unlinked_minor == NULL)
        return CK_ERR_NOMEM;
    return db_each_checked_row(data->db, SCHEMA_PAYMENTS, 0, query, params, param_count,
                               add_payment, data, diag);
}

static ck_error add_complaint(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    engine_data *data = ctx;
    engine_complaint c;
    ck_error err;
    memset(&c, 0, sizeof c);
    c.complaint_id = sqlite3_column_int64(stmt, 0);
    c.has_case = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
    c.case_id = sqlite3_column_int64(stmt, 1);
    c.agent_slot = IDMAP_NONE;
    if (sqlite3_column_type(stmt, 2) != SQLITE_NULL) {
        c.agent_slot = agent_slot_of(data, sqlite3_column_int64(stmt, 2));
        if (c.agent_slot == IDMAP_NONE)
            return bad_row(diag, "complaints", c.complaint_id, "agent_id names no agent");
    }
    if ((err = column_ts(stmt, 3, "complaints", "received_at", c.complaint_id, &c.received_at,
                         diag)) != CK_OK)
        return err;
    c.source = codes_find(&codes_complaint_source, (const char *)sqlite3_column_text(stmt, 4));
    c.category = codes_find(&codes_complaint_category, (const char *)sqlite3_column_text(stmt, 5));
    if (c.source < 0 || c.category < 0)
        return bad_row(diag, "complaints", c.complaint_id,
                       "source or category is not a contract code");
    c.substantiated =
        sqlite3_column_type(stmt, 6) == SQLITE_NULL ? -1 : (int)sqlite3_column_int64(stmt, 6);
    c.resolved = sqlite3_column_type(stmt, 7) != SQLITE_NULL;
    if (c.resolved && (err = column_ts(stmt, 7, "complaints", "resolved_at", c.complaint_id,
                                       &c.resolved_at, diag)) != CK_OK)
        return err;
    return VEC_PUSH(data->complaints, data->complaint_count, data->complaint_capacity, c)
               ? CK_OK
               : CK_ERR_NOMEM;
}

static ck_error load_complaints(engine_data *data, ck_diag *diag)
{
    static const char sql[] =
        "SELECT complaint_id, case_id, agent_id, received_at, source, category, substantiated,"
        " resolved_at FROM complaints WHERE received_at >= ?1 AND received_at < ?2"
        " ORDER BY received_at, complaint_id";
    db_param params[2];
    period_params(&data->request->period, params);
    return db_each_checked_row(data->db, SCHEMA_COMPLAINTS, 0, sql, params, 2, add_complaint, data,
                               diag);
}

typedef ck_error (*agent_count_fn)(kpi_row *row, sqlite3_stmt *stmt, ck_diag *diag);

typedef struct agent_count {
    engine_data *data;
    const char *table;
    agent_count_fn add;
} agent_count;

static ck_error count_row(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    const agent_count *count = ctx;
    const engine_data *data = count->data;
    size_t slot = agent_slot_of(data, sqlite3_column_int64(stmt, 0));
    if (slot == IDMAP_NONE)
        return bad_row(diag, count->table, sqlite3_column_int64(stmt, 1),
                       "agent_id names no agent");
    kpi_row *row =
        data->month_count == 0
            ? &data->agents[slot].row
            : &data->month_rows[engine_month_of_row(data, stmt) * data->agent_count + slot];
    /* explain's witness only ever watches a one-month run. */
    if (data->request->witness == NULL)
        return count->add(row, stmt, diag);
    kpi_row before = *row;
    ck_error err = count->add(row, stmt, diag);
    if (err == CK_OK)
        engine_witness_count(count->data, slot, count->table, stmt, &before, row);
    return err;
}

/* Runs a per-agent counting query "SELECT agent_id, a, b FROM ... WHERE t >= ?1 AND t < ?2"
 * and hands each row to add(). Rows naming no known agent are a data error. */
static ck_error count_per_agent(engine_data *data, const char *sql, schema_table_id table,
                                agent_count_fn add, ck_diag *diag)
{
    agent_count count = {data, schema_tables[table].name, add};
    db_param params[2];
    period_params(&data->request->period, params);
    return db_each_checked_row(data->db, table, 1, sql, params, 2, count_row, &count, diag);
}

static ck_error add_promise_made(kpi_row *row, sqlite3_stmt *stmt, ck_diag *diag)
{
    int64_t id = sqlite3_column_int64(stmt, 1), amount;
    ck_error err = column_money(stmt, 2, "promises", id, 1, &amount, diag);
    if (err == CK_OK &&
        __builtin_add_overflow(row->ptp_made_amount_minor, amount, &row->ptp_made_amount_minor))
        err = bad_row(diag, "promises", id,
                      "the amounts of its agent's promises sum beyond the int64 range");
    row->ptp_made++;
    return err;
}

static ck_error add_survey(kpi_row *row, sqlite3_stmt *stmt, ck_diag *diag)
{
    /* Within the contract's range (1 to 5), or a sum of scores could overflow and a mean
     * come out of the scale; the type was checked before (db_each_checked_row). */
    const schema_column *score = &schema_tables[SCHEMA_SURVEYS].columns[SCHEMA_SURVEY_SCORE];
    int64_t value = sqlite3_column_int64(stmt, 2);
    if (value < score->min || value > score->max)
        return bad_row(diag, "surveys", sqlite3_column_int64(stmt, 1), "score is out of range");
    row->surveys++;
    row->survey_score_sum += value;
    return CK_OK;
}

ck_error engine_load_counts_start(engine_data *data, engine_contact_job **job)
{
    *job = NULL;
    /* The breach pass reads every contact of the period anyway and credits these three
     * counts from its records (compliance.c): one read of the month's contacts, not two. */
    return data->request->want_compliance ? CK_OK : engine_contacts_start(data, job);
}

ck_error engine_load_rest(engine_data *data, engine_contact_job *job, ck_diag *diag)
{
    static const char promises_sql[] = "SELECT agent_id, promise_id, amount, made_at FROM promises"
                                       " WHERE made_at >= ?1 AND made_at < ?2";
    static const char surveys_sql[] = "SELECT agent_id, survey_id, score, surveyed_at FROM surveys"
                                      " WHERE surveyed_at >= ?1 AND surveyed_at < ?2";
    ck_error err = load_complaints(data, diag);
    /* joined (and freed) whatever happened; counted only when all went well before */
    ck_error counted = engine_contacts_finish(data, job, err == CK_OK ? diag : NULL);
    if (err == CK_OK)
        err = counted;
    if (err == CK_OK)
        err = count_per_agent(data, promises_sql, SCHEMA_PROMISES, add_promise_made, diag);
    if (err == CK_OK)
        err = count_per_agent(data, surveys_sql, SCHEMA_SURVEYS, add_survey, diag);
    return err;
}

/* A timestamp of a range column stored as a number (before '') or a BLOB (from x'' on): one
 * index seek per column (see the top of this file). */
static ck_error check_range_columns(engine_data *data, ck_diag *diag)
{
    static const struct {
        const char *table, *column, *sql;
    } range_columns[] = {
#define RANGE_SQL(id, table, column)                                                               \
    "SELECT " id ", upper(typeof(" column ")) FROM " table " WHERE " column " < '' OR " column     \
    " >= x'' LIMIT 1"
        {"cases", "closed_at", RANGE_SQL("case_id", "cases", "closed_at")},
        {"promises", "due_on", RANGE_SQL("promise_id", "promises", "due_on")},
        {"promises", "made_at", RANGE_SQL("promise_id", "promises", "made_at")},
        {"payments", "paid_at", RANGE_SQL("payment_id", "payments", "paid_at")},
        {"complaints", "received_at", RANGE_SQL("complaint_id", "complaints", "received_at")},
        {"contacts", "contact_at", RANGE_SQL("contact_id", "contacts", "contact_at")},
        {"surveys", "surveyed_at", RANGE_SQL("survey_id", "surveys", "surveyed_at")},
#undef RANGE_SQL
    };
    ck_error err = CK_OK;
    for (size_t i = 0; i < sizeof range_columns / sizeof range_columns[0] && err == CK_OK; i++) {
        sqlite3_stmt *stmt = NULL;
        if ((err = db_prepare(data->db, range_columns[i].sql, &stmt, diag)) != CK_OK)
            break;
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW)
            ck_diag_set(diag,
                        "%s row %lld: column %s is stored as %s, not TEXT; run 'collectkpi "
                        "check' on the database",
                        range_columns[i].table, (long long)sqlite3_column_int64(stmt, 0),
                        range_columns[i].column, (const char *)sqlite3_column_text(stmt, 1));
        err = rc == SQLITE_ROW    ? CK_ERR_DATA
              : rc == SQLITE_DONE ? CK_OK
                                  : step_error(data->db, diag);
        sqlite3_finalize(stmt);
    }
    return err;
}

ck_error engine_load_agents(engine_data *data, ck_diag *diag)
{
    ck_error err = check_range_columns(data, diag);
    if (err == CK_OK)
        err = load_teams_and_agents(data, diag);
    if (err == CK_OK && data->month_count > 0) {
        data->month_rows =
            calloc(data->month_count * data->agent_count + 1, sizeof *data->month_rows);
        if (data->month_rows == NULL)
            err = CK_ERR_NOMEM;
    }
    return err;
}

ck_error engine_load_cases(engine_data *data, ck_diag *diag)
{
    const engine_request *req = data->request;
    data->payment_bound = req->period.start;
    data->payment_end = req->period.end + req->settings.grace_days * DATETIME_SECONDS_PER_DAY;
    engine_sums_job *sums = NULL;
    ck_error err = load_assignments(data, diag);
    if (err == CK_OK)
        err = load_closed_cases(data, diag);
    if (err == CK_OK)
        err = load_promises_due(data, diag);
    /* the cases of interest are all known: their old payments are summed (on another thread
     * when the run may use one) while their details are read */
    if (err == CK_OK)
        err = sort_cases_by_id(data);
    if (err == CK_OK)
        err = engine_sums_start(data, &sums);
    if (err == CK_OK)
        err = load_case_details(data, diag);
    ck_error summed = engine_sums_finish(data, sums, err == CK_OK ? diag : NULL);
    if (err == CK_OK)
        err = summed;
    if (err == CK_OK)
        err = load_payments(data, diag);
    return err;
}

ck_error engine_load_rows(engine_data *data, ck_diag *diag)
{
    engine_contact_job *job = NULL;
    ck_error err = engine_load_counts_start(data, &job);
    if (err == CK_OK)
        err = engine_load_cases(data, diag);
    if (err == CK_OK)
        return engine_load_rest(data, job, diag);
    engine_contacts_finish(data, job, NULL);
    return err;
}

ck_error engine_load(engine_data *data, ck_diag *diag)
{
    ck_error err = engine_load_agents(data, diag);
    return err == CK_OK ? engine_load_rows(data, diag) : err;
}

void engine_data_free_cases(engine_data *data)
{
    free(data->cases);
    free(data->cases_by_id);
    free(data->assignments);
    free(data->case_payments);
    free(data->unlinked_minor);
    idmap_free(&data->case_ids);
    data->cases = NULL;
    data->cases_by_id = NULL;
    data->assignments = NULL;
    data->case_payments = NULL;
    data->unlinked_minor = NULL;
    data->case_count = data->case_capacity = 0;
    data->assignment_count = data->assignment_capacity = 0;
    data->case_payment_count = data->case_payment_capacity = 0;
}

void engine_data_free(engine_data *data)
{
    for (size_t i = 0; i < data->agent_count; i++) {
        free(data->agents[i].employee_no);
        free(data->agents[i].name);
    }
    for (size_t i = 0; i < data->team_count; i++)
        free(data->teams[i].name);
    free(data->agents);
    free(data->teams);
    engine_data_free_cases(data);
    free(data->promises_due);
    free(data->complaints);
    spill_free(data->listed);
    free(data->month_rows);
    idmap_free(&data->agent_ids);
}
