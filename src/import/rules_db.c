/* rules_db.c - the rules over a stored database: check's passes, and what import loads
 * before it reads a file. Each pass reads a table once in a single streaming query and runs
 * the same rules_check_row / rules_check_links / rules_group_* as an incoming CSV row gets,
 * so check and import can never disagree about a row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/datetime.h"
#include "collectkpi/db.h"
#include "collectkpi/vec.h"
#include "rules_private.h"

void rules_fields_from_stmt(sqlite3_stmt *stmt, int first, size_t n, rules_field *fields)
{
    for (size_t i = 0; i < n; i++) {
        int col = first + (int)i;
        rules_field *f = &fields[i];
        switch (sqlite3_column_type(stmt, col)) {
        case SQLITE_NULL: *f = (rules_field){.type = RULES_FIELD_NULL}; break;
        case SQLITE_INTEGER:
            *f = (rules_field){.type = RULES_FIELD_INT,
                               .stored = RULES_STORED_INTEGER,
                               .num = sqlite3_column_int64(stmt, col)};
            break;
        case SQLITE_BLOB:
            f->type = RULES_FIELD_TEXT;
            f->stored = RULES_STORED_BLOB;
            f->text = sqlite3_column_blob(stmt, col);
            f->len = (size_t)sqlite3_column_bytes(stmt, col);
            f->num = 0;
            break;
        default: /* text, and a float as the text SQLite gives it ("4.5" is no integer) */
            f->stored = sqlite3_column_type(stmt, col) == SQLITE_FLOAT ? RULES_STORED_REAL
                                                                       : RULES_STORED_TEXT;
            f->type = RULES_FIELD_TEXT;
            f->text = (const char *)sqlite3_column_text(stmt, col);
            f->len = (size_t)sqlite3_column_bytes(stmt, col);
            f->num = 0;
            break;
        }
    }
}

/* "SELECT every contract column FROM table<tail>"; the names are the contract's own. */
static void select_sql(rules_table table, const char *tail, char *out, size_t size)
{
    const schema_table *info = &schema_tables[table];
    size_t o = (size_t)snprintf(out, size, "SELECT ");
    for (size_t c = 0; c < info->column_count; c++)
        o += (size_t)snprintf(out + o, size - o, "%s%s", c ? ", " : "", info->columns[c].name);
    snprintf(out + o, size - o, " FROM %s%s", info->name, tail);
}

static ck_error step_error(sqlite3 *db, ck_diag *diag)
{
    ck_diag_set(diag, "%s", sqlite3_errmsg(db));
    return CK_ERR_DB;
}

/* Only what the links need: reading and parsing every column of a million cases would take
 * as long as loading a month of payments. */
#define STATE_CASES_SQL "SELECT case_id, case_no, placed_at, closed_at FROM cases"

ck_error rules_state_load(rules_state *st, sqlite3 *db, bool with_codes, bool with_cases,
                          ck_diag *diag)
{
    static const char *const sql[] = {
        "SELECT team_id, name FROM teams",
        "SELECT agent_id, employee_no FROM agents",
        STATE_CASES_SQL,
    };
    ck_error err = CK_OK;
    rules_table last = with_cases ? RULES_CASES : RULES_AGENTS;
    for (rules_table t = RULES_TEAMS; t <= last && err == CK_OK; t++) {
        /* the cases without their codes: on two threads (rules_cases_scan.c) */
        if (t == RULES_CASES && (!with_codes || st->codes_in_db[t])) {
            bool loaded = false;
            err = rules_cases_scan(st, db, &loaded, diag);
            if (loaded || err != CK_OK)
                break;
        }
        sqlite3_stmt *stmt = NULL;
        err = db_prepare(db, sql[t], &stmt, diag);
        if (err != CK_OK)
            break;
        int rc;
        while (err == CK_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            /* an id that is no integer cannot be referred to (check reports it) */
            if (sqlite3_column_type(stmt, 0) != SQLITE_INTEGER)
                continue;
            rules_row row;
            bool known;
            /* (no code to read where the database checks them: st->codes_in_db) */
            rules_stored_row_from_stmt(stmt, t, with_codes && !st->codes_in_db[t], &row);
            err = rules_state_add(st, &row, &known);
        }
        if (err == CK_OK && rc != SQLITE_DONE)
            err = step_error(db, diag);
        sqlite3_finalize(stmt);
    }
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory loading the cases");
    return err;
}

ck_error rules_case_lookup_prepare(sqlite3 *db, sqlite3_stmt **stmt, ck_diag *diag)
{
    return db_prepare(db, STATE_CASES_SQL " WHERE case_id = ?1", stmt, diag);
}

ck_error rules_state_look_up_case(rules_state *st, sqlite3_stmt *stmt, int64_t case_id,
                                  ck_diag *diag)
{
    if (rules_state_has(st, RULES_CASES, case_id))
        return CK_OK;
    sqlite3_bind_int64(stmt, 1, case_id);
    int rc = sqlite3_step(stmt);
    ck_error err = CK_OK;
    if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_INTEGER) {
        rules_row row;
        bool known;
        rules_stored_row_from_stmt(stmt, RULES_CASES, false, &row);
        err = rules_state_add(st, &row, &known);
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        err = step_error(sqlite3_db_handle(stmt), diag);
    }
    sqlite3_reset(stmt);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory looking up a case");
    return err;
}

/* The rows of the rules over a case: the same columns for check and import. */
static const char *items_sql(rules_table table)
{
    return table == RULES_ASSIGNMENTS
               ? "SELECT assignment_id, case_id, start_at, end_at FROM assignments"
               : "SELECT payment_id, case_id, paid_at, amount FROM payments";
}

/* The current row as an item; false for rows whose own values are broken (those are
 * check's per-row problems and are left out of the rules over the case). */
static bool item_from_stmt(sqlite3_stmt *stmt, rules_table table, rules_item *item)
{
    if (sqlite3_column_type(stmt, 0) != SQLITE_INTEGER ||
        sqlite3_column_type(stmt, 1) != SQLITE_INTEGER)
        return false;
    *item =
        (rules_item){.id = sqlite3_column_int64(stmt, 0), .case_id = sqlite3_column_int64(stmt, 1)};
    item->origin = (uint64_t)item->id;
    const char *at = (const char *)sqlite3_column_text(stmt, 2);
    if (at == NULL || !datetime_parse_ts(at, (size_t)sqlite3_column_bytes(stmt, 2), &item->at))
        return false;
    if (table == RULES_ASSIGNMENTS) {
        const char *end = (const char *)sqlite3_column_text(stmt, 3);
        if (end == NULL) {
            item->value = INT64_MAX;
            return true;
        }
        return datetime_parse_ts(end, (size_t)sqlite3_column_bytes(stmt, 3), &item->value) &&
               item->value > item->at;
    }
    if (sqlite3_column_type(stmt, 3) != SQLITE_INTEGER)
        return false;
    item->value = sqlite3_column_int64(stmt, 3);
    return item->value != 0;
}

ck_error rules_scan_groups(sqlite3 *db, rules_table table, rules_report_fn report, void *ctx,
                           ck_diag *diag)
{
    char sql[128];
    snprintf(sql, sizeof sql, "%s ORDER BY case_id", items_sql(table));
    sqlite3_stmt *stmt = NULL;
    rules_group group;
    rules_group_init(&group, table);
    ck_error err = db_prepare(db, sql, &stmt, diag);
    int rc = SQLITE_DONE;
    while (err == CK_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        rules_item item;
        if (item_from_stmt(stmt, table, &item))
            err = rules_group_add(&group, &item, report, ctx);
    }
    if (err == CK_OK && rc != SQLITE_DONE)
        err = step_error(db, diag);
    if (err == CK_OK)
        rules_group_finish(&group, report, ctx);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory checking the %s of one case", schema_tables[table].name);
    rules_group_free(&group);
    sqlite3_finalize(stmt);
    return err;
}

/* True when one of table's indexes leads with case_id (a per-case read can seek). */
static ck_error has_case_index(sqlite3 *db, rules_table table, bool *has, ck_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(db,
                              "SELECT count(*) FROM pragma_index_list(?1) AS l, "
                              "pragma_index_info(l.name) AS i WHERE i.seqno = 0 AND "
                              "i.name = 'case_id'",
                              &stmt, diag);
    if (err != CK_OK)
        return err;
    sqlite3_bind_text(stmt, 1, schema_tables[table].name, -1, SQLITE_STATIC);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        *has = sqlite3_column_int64(stmt, 0) > 0;
    else
        err = step_error(db, diag);
    sqlite3_finalize(stmt);
    return err;
}

/* The run holding id, or NULL. */
static const rules_new_rows *find_run(const rules_new_rows *runs, size_t count, int64_t id)
{
    size_t lo = 0, hi = count; /* the first run starting after id is at lo */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (runs[mid].first_id <= id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && runs[lo - 1].last_id >= id ? &runs[lo - 1] : NULL;
}

/* The current row as an item: one this run wrote (may be blamed) or a fixed one. False
 * for rows whose own values are broken (check reports them; the group leaves them out). */
static bool read_item(sqlite3_stmt *stmt, rules_table table, const rules_new_rows *runs,
                      size_t run_count, rules_item *item)
{
    if (!item_from_stmt(stmt, table, item))
        return false;
    const rules_new_rows *run = find_run(runs, run_count, item->id);
    item->fixed = run == NULL;
    if (run != NULL)
        item->origin = run->first_origin + (uint64_t)(item->id - run->first_id);
    return true;
}

static int by_value(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

/* The distinct cases of the written rows, sorted, read back by id. */
static ck_error written_cases(sqlite3 *db, rules_table table, const rules_new_rows *runs,
                              size_t run_count, int64_t **cases, size_t *count, ck_diag *diag)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT case_id FROM %s WHERE %s BETWEEN ?1 AND ?2",
             schema_tables[table].name, schema_tables[table].columns[0].name);
    sqlite3_stmt *stmt = NULL;
    size_t capacity = 0;
    ck_error err = db_prepare(db, sql, &stmt, diag);
    for (size_t r = 0; r < run_count && err == CK_OK; r++) {
        sqlite3_bind_int64(stmt, 1, runs[r].first_id);
        sqlite3_bind_int64(stmt, 2, runs[r].last_id);
        int rc;
        while (err == CK_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (!VEC_RESERVE(*cases, capacity, *count + 1))
                err = CK_ERR_NOMEM;
            else
                (*cases)[(*count)++] = sqlite3_column_int64(stmt, 0);
        }
        if (err == CK_OK && rc != SQLITE_DONE)
            err = step_error(db, diag);
        sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    if (err == CK_OK && *count > 0) {
        qsort(*cases, *count, sizeof **cases, by_value);
        size_t kept = 1;
        for (size_t i = 1; i < *count; i++)
            if ((*cases)[i] != (*cases)[kept - 1])
                (*cases)[kept++] = (*cases)[i];
        *count = kept;
    }
    return err;
}

ck_error rules_check_new_rows(sqlite3 *db, rules_table table, const rules_new_rows *runs,
                              size_t run_count, rules_report_fn report, void *ctx, ck_diag *diag)
{
    uint64_t written = 0;
    for (size_t r = 0; r < run_count; r++)
        written += (uint64_t)(runs[r].last_id - runs[r].first_id) + 1;
    bool has_index = false;
    ck_error err = has_case_index(db, table, &has_index, diag);
    int64_t rows = 0;
    sqlite3_stmt *stmt = NULL;
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT max(rowid) FROM %s", schema_tables[table].name);
    if (err == CK_OK)
        err = db_prepare(db, sql, &stmt, diag);
    if (err == CK_OK && sqlite3_step(stmt) == SQLITE_ROW)
        rows = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    stmt = NULL;
    /* A seek costs about as much as reading a few rows in order: when the written rows are
     * an eighth of the table or more, one pass in case order is the cheaper way. */
    bool by_case = has_index && rows > 0 && written < (uint64_t)rows / 8;
    int64_t *cases = NULL;
    size_t case_count = 0;
    if (err == CK_OK && by_case)
        err = written_cases(db, table, runs, run_count, &cases, &case_count, diag);
    snprintf(sql, sizeof sql, "%s%s", items_sql(table),
             by_case ? " WHERE case_id = ?1" : " ORDER BY case_id");
    if (err == CK_OK)
        err = db_prepare(db, sql, &stmt, diag);
    rules_group group;
    rules_group_init(&group, table);
    int rc = SQLITE_DONE;
    rules_item item;
    for (size_t c = 0; by_case && c < case_count && err == CK_OK; c++) {
        sqlite3_bind_int64(stmt, 1, cases[c]);
        while (err == CK_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
            if (read_item(stmt, table, runs, run_count, &item))
                err = rules_group_add(&group, &item, report, ctx);
        sqlite3_reset(stmt);
        if (err == CK_OK && rc != SQLITE_DONE)
            err = step_error(db, diag);
    }
    /* the pass in case order: a case none of whose rows was written is dropped unchecked */
    bool case_written = false;
    while (!by_case && err == CK_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!read_item(stmt, table, runs, run_count, &item))
            continue;
        if (group.count > 0 && group.items[0].case_id != item.case_id) {
            if (!case_written)
                group.count = 0;
            case_written = false;
        }
        case_written |= !item.fixed;
        err = rules_group_add(&group, &item, report, ctx);
    }
    if (!by_case && err == CK_OK && rc != SQLITE_DONE)
        err = step_error(db, diag);
    if (!by_case && !case_written)
        group.count = 0;
    if (err == CK_OK)
        rules_group_finish(&group, report, ctx);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory checking the %s of one case", schema_tables[table].name);
    rules_group_free(&group);
    sqlite3_finalize(stmt);
    free(cases);
    return err;
}

/* True when the table's id column is its INTEGER PRIMARY KEY (so SQLite keeps it unique);
 * a database made by another tool may lack that. */
static ck_error id_is_rowid(sqlite3 *db, rules_table table, bool *is_rowid, ck_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(
        db, "SELECT name, upper(type), pk FROM pragma_table_info(?1) WHERE pk > 0", &stmt, diag);
    if (err != CK_OK)
        return err;
    sqlite3_bind_text(stmt, 1, schema_tables[table].name, -1, SQLITE_STATIC);
    int keys = 0, rc;
    bool id_key = false;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        const char *type = (const char *)sqlite3_column_text(stmt, 1);
        keys++;
        if (name != NULL && type != NULL &&
            strcmp(name, schema_tables[table].columns[0].name) == 0 && strcmp(type, "INTEGER") == 0)
            id_key = true;
    }
    if (rc != SQLITE_DONE)
        err = step_error(db, diag);
    sqlite3_finalize(stmt);
    *is_rowid = id_key && keys == 1;
    return err;
}

ck_error rules_unique_in_db(sqlite3 *db, rules_table table, bool *holds, ck_diag *diag)
{
    *holds = false;
    if (table > RULES_CASES || schema_tables[table].unique_column < 0)
        return CK_OK;
    /* origin 'u': made by a UNIQUE clause of CREATE TABLE (an autoindex: not dropped by a
     * bulk load); key columns only (xinfo also lists the rowid it carries) */
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(db,
                              "SELECT l.name FROM pragma_index_list(?1) AS l "
                              "JOIN pragma_index_xinfo(l.name) AS x "
                              "WHERE l.\"unique\" = 1 AND l.origin = 'u' AND l.partial = 0 "
                              "AND x.key = 1 GROUP BY l.name "
                              "HAVING count(*) = 1 AND max(x.name) = ?2 "
                              "AND upper(max(x.coll)) = 'BINARY'",
                              &stmt, diag);
    if (err != CK_OK)
        return err;
    const schema_table *info = &schema_tables[table];
    sqlite3_bind_text(stmt, 1, info->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, info->columns[info->unique_column].name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *holds = true;
    else if (rc != SQLITE_DONE)
        err = step_error(db, diag);
    sqlite3_finalize(stmt);
    return err;
}

ck_error rules_code_holder(sqlite3 *db, const rules_row *row, int64_t *holder, bool *found,
                           ck_diag *diag)
{
    const schema_table *info = &schema_tables[row->table];
    int u = info->unique_column;
    *found = false;
    if (u < 0 || !row->v[u].ok || row->v[u].null || row->v[u].len > INT32_MAX)
        return CK_OK;
    char sql[160]; /* the contract's own names, never the row's */
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE %s = ?1 LIMIT 1", info->columns[0].name,
             info->name, info->columns[u].name);
    sqlite3_stmt *stmt = NULL;
    ck_error err = db_prepare(db, sql, &stmt, diag);
    if (err != CK_OK)
        return err;
    sqlite3_bind_text(stmt, 1, row->v[u].text, (int)row->v[u].len, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_INTEGER) {
        *holder = sqlite3_column_int64(stmt, 0);
        *found = true;
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        err = step_error(db, diag);
    }
    sqlite3_finalize(stmt);
    return err;
}

ck_error rules_cases_to_look_up(sqlite3 *db, uint64_t more_than, bool *look_up, ck_diag *diag)
{
    bool is_rowid = false;
    *look_up = false;
    ck_error err = id_is_rowid(db, RULES_CASES, &is_rowid, diag);
    if (err != CK_OK || !is_rowid)
        return err;
    /* The rowids are distinct: no more rows than last - first + 1. When that is not above
     * more_than, no count is needed (a million cases: 0.05 s of an import of 300,000
     * surveys that takes 1 s). */
    bool by_rowid, any;
    int64_t first, last;
    err = rules_cases_rowid_span(db, &by_rowid, &any, &first, &last, diag);
    if (err != CK_OK || (by_rowid && (!any || (uint64_t)last - (uint64_t)first < more_than)))
        return err;
    /* count no further than the answer needs: a large table answers at once */
    sqlite3_stmt *stmt = NULL;
    err = db_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM cases LIMIT ?1)", &stmt, diag);
    if (err != CK_OK)
        return err;
    sqlite3_bind_int64(stmt, 1, more_than < INT64_MAX ? (int64_t)more_than + 1 : INT64_MAX);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        *look_up = (uint64_t)sqlite3_column_int64(stmt, 0) > more_than;
    else
        err = step_error(db, diag);
    sqlite3_finalize(stmt);
    return err;
}

static ck_error check_duplicate_ids(sqlite3 *db, rules_table table, rules_report_fn report,
                                    void *ctx, ck_diag *diag)
{
    bool is_rowid;
    ck_error err = id_is_rowid(db, table, &is_rowid, diag);
    if (err != CK_OK || is_rowid)
        return err;
    const schema_table *info = &schema_tables[table];
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT %s, count(*) FROM %s WHERE %s IS NOT NULL GROUP BY %s HAVING count(*) > 1",
             info->columns[0].name, info->name, info->columns[0].name, info->columns[0].name);
    sqlite3_stmt *stmt = NULL;
    err = db_prepare(db, sql, &stmt, diag);
    if (err != CK_OK)
        return err;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        rules_problem p = {.rule = RULES_RULE_UNIQUE,
                           .table = table,
                           .column = 0,
                           .has_id = sqlite3_column_type(stmt, 0) == SQLITE_INTEGER,
                           .id = sqlite3_column_int64(stmt, 0)};
        snprintf(p.text, sizeof p.text, "%s %s appears %" PRId64 " times", info->columns[0].name,
                 (const char *)sqlite3_column_text(stmt, 0),
                 (int64_t)sqlite3_column_int64(stmt, 1));
        report(ctx, &p);
    }
    if (rc != SQLITE_DONE)
        err = step_error(db, diag);
    sqlite3_finalize(stmt);
    return err;
}

/* One table: every row through the per-row and link rules; teams, agents and cases also
 * into st for the tables after them. */
static ck_error check_table(sqlite3 *db, rules_table table, rules_state *st, rules_report_fn report,
                            void *ctx, int64_t *rows, ck_diag *diag)
{
    char sql[512];
    sqlite3_stmt *stmt = NULL;
    select_sql(table, "", sql, sizeof sql);
    ck_error err = db_prepare(db, sql, &stmt, diag);
    if (err != CK_OK)
        return err;
    size_t n = schema_tables[table].column_count;
    int rc = SQLITE_DONE;
    while (err == CK_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        rules_field fields[SCHEMA_MAX_COLUMNS];
        rules_row row;
        (*rows)++;
        rules_fields_from_stmt(stmt, 0, n, fields);
        rules_check_row(table, fields, &row, report, ctx);
        rules_check_links(st, &row, report, ctx);
        if (table > RULES_CASES)
            continue;
        bool known;
        err = rules_state_add(st, &row, &known);
        if (err == CK_OK && known) {
            rules_problem p;
            rules_problem_begin(&p, &row, RULES_RULE_UNIQUE, 0);
            snprintf(p.text, sizeof p.text, "%s %" PRId64 " appears more than once",
                     schema_tables[table].columns[0].name, row.v[0].num);
            report(ctx, &p);
        }
    }
    if (err == CK_OK && rc != SQLITE_DONE)
        err = step_error(db, diag);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory reading %s", schema_tables[table].name);
    sqlite3_finalize(stmt);
    if (err == CK_OK && table > RULES_CASES)
        err = check_duplicate_ids(db, table, report, ctx, diag);
    if (err == CK_OK && (table == RULES_ASSIGNMENTS || table == RULES_PAYMENTS))
        err = rules_scan_groups(db, table, report, ctx, diag);
    return err;
}

ck_error rules_check_database(sqlite3 *db, rules_report_fn report, void *ctx, int64_t *rows,
                              ck_diag *diag)
{
    rules_state st;
    rules_state_init(&st);
    ck_error err = CK_OK;
    *rows = 0;
    /* Every pass streams a table or an index once and never comes back to a page: a small
     * page cache does as well as a large one, and leaves the memory to the cases' state. */
    sqlite3_exec(db, "PRAGMA cache_size = -8192", NULL, NULL, NULL);
    for (rules_table t = 0; t < RULES_TABLE_COUNT && err == CK_OK; t++)
        err = check_table(db, t, &st, report, ctx, rows, diag);
    rules_state_free(&st);
    return err;
}
