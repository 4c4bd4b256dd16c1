/* demo_db.c - the demo generator's SQLite writer.
 *
 * A bulk load into a fresh file nobody else can see yet: journal off, no syncs, a large
 * page cache, one transaction, prepared statements with bound parameters. The tables get
 * the embedded schema up front and the indexes of sql/indexes.sql only at the end, which is
 * faster than maintaining them row by row. Each month's rows are sorted by time before they
 * are written, so row ids follow time (good locality for the engine's range queries).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/datetime.h"
#include "collectkpi/db.h"
#include "collectkpi/schema.h"
#include "collectkpi/settings.h"
#include "demo_internal.h"

static ck_error db_fail(demo_db *w, ck_diag *diag)
{
    ck_diag_set(diag, "%s", sqlite3_errmsg(w->db));
    return CK_ERR_DB;
}

/* Appends text to sql; false once it does not fit. */
static bool append(char *sql, size_t size, size_t *len, const char *text)
{
    size_t add = strlen(text);
    if (*len + add >= size)
        return false;
    memcpy(sql + *len, text, add + 1);
    *len += add;
    return true;
}

/* "INSERT INTO table (columns) VALUES (?, ...)[, (?, ...) ...]" with the columns of
 * schema.h in order, rows groups of values; the id column only when with_id. */
static ck_error prepare_insert(demo_db *w, schema_table_id table, bool with_id, int rows,
                               sqlite3_stmt **stmt, ck_diag *diag)
{
    const schema_table *t = &schema_tables[table];
    char sql[2048];
    size_t len = 0, first = with_id ? 0 : 1;
    bool fits = append(sql, sizeof sql, &len, "INSERT INTO ") &&
                append(sql, sizeof sql, &len, t->name) && append(sql, sizeof sql, &len, " (");
    for (size_t c = first; c < t->column_count && fits; c++)
        fits = append(sql, sizeof sql, &len, c > first ? ", " : "") &&
               append(sql, sizeof sql, &len, t->columns[c].name);
    fits = fits && append(sql, sizeof sql, &len, ") VALUES ");
    for (int r = 0; r < rows && fits; r++) {
        fits = append(sql, sizeof sql, &len, r > 0 ? ", (" : "(");
        for (size_t c = first; c < t->column_count && fits; c++)
            fits = append(sql, sizeof sql, &len, c > first ? ", ?" : "?");
        fits = fits && append(sql, sizeof sql, &len, ")");
    }
    if (!fits) {
        ck_diag_set(diag, "the insert statement of %s is too long", t->name);
        return CK_ERR_PROGRAM;
    }
    return db_prepare(w->db, sql, stmt, diag);
}

static void invert_ranks(const demo_world *world, demo_db *out);
static ck_error run_indexes(demo_db *w, bool during_load, const demo_summary *rows,
                            void (*step)(void *ctx, double fraction), void *ctx, ck_diag *diag);

ck_error demo_db_open(demo_db *w, const char *path, const demo_world *world, ck_diag *diag)
{
    /* page_size comes before anything is written: 16 KiB pages instead of SQLite's 4 KiB
     * make a quarter of the page writes and reads (system calls were a third of the time,
     * most of it building the indexes) and of the B-tree pages to balance; the file is 1%
     * smaller and the reports read it as fast (bench/README.md).
     * Rows are appended in rowid order and the indexes but contacts_by_time come after the
     * load (made_during_load), so a small cache (2 MiB, 128 pages) holds the right-hand
     * pages the rows and the contacts' index entries go to; demo_db_finish gives the index
     * sorter more.
     * The CHECKs' IN lists build a temporary table per row (most of the load time); the
     * rows are valid by construction and tests/demo/validity.sh checks them. */
    static const char pragmas[] = "PRAGMA page_size = 16384;"
                                  "PRAGMA journal_mode = OFF;"
                                  "PRAGMA synchronous = OFF;"
                                  "PRAGMA locking_mode = EXCLUSIVE;"
                                  "PRAGMA cache_size = -2048;"
                                  "PRAGMA threads = 2;" /* the index sorter */
                                  "PRAGMA foreign_keys = OFF;"
                                  "PRAGMA ignore_check_constraints = ON;";
    memset(w, 0, sizeof *w);
    w->world = world;
    w->ts_day[0] = w->ts_day[1] = DEMO_NEVER;
    invert_ranks(world, w);
    /* One thread uses this connection: no per-call mutex. */
    if (sqlite3_open_v2(path, &w->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        ck_diag_set(diag, "%s", w->db != NULL ? sqlite3_errmsg(w->db) : "out of memory");
        return w->db != NULL ? CK_ERR_IO : CK_ERR_NOMEM;
    }
    /* The file is new (a temporary name): only a stray program could hold a lock on it. */
    sqlite3_busy_timeout(w->db, SETTINGS_BUSY_TIMEOUT_MS_DEFAULT);
    /* Ctrl-C stops the inserts and the index build; the temporary file is then removed. */
    db_stop_on_interrupt(w->db);
    ck_error err = db_exec_script(w->db, pragmas, diag);
    if (err == CK_OK)
        err = db_exec_script(w->db, "BEGIN", diag);
    if (err == CK_OK)
        err = db_exec_script(w->db, db_schema_sql, diag);
    if (err == CK_OK)
        err = run_indexes(w, true, NULL, NULL, NULL, diag);
    /* One insert per table of schema.h, in its order; the binds below follow each table's
     * column order. People and cases carry their ids (other rows refer to them); the rest
     * get theirs from SQLite in insertion order. */
    for (int t = 0; t < SCHEMA_TABLE_COUNT && err == CK_OK; t++)
        err = prepare_insert(w, (schema_table_id)t, t <= SCHEMA_CASES, 1, &w->one[t], diag);
    /* and DEMO_ROW_BATCH rows of values a statement, for the tables of many rows */
    for (int t = SCHEMA_CASES; t < SCHEMA_TABLE_COUNT && err == CK_OK; t++)
        err = prepare_insert(w, (schema_table_id)t, t <= SCHEMA_CASES, DEMO_ROW_BATCH, &w->batch[t],
                             diag);
    return err;
}

void demo_db_close(demo_db *w)
{
    for (int t = 0; t < SCHEMA_TABLE_COUNT; t++) {
        sqlite3_finalize(w->one[t]);
        sqlite3_finalize(w->batch[t]);
    }
    sqlite3_close(w->db);
    memset(w, 0, sizeof *w);
}

/* Steps and resets one insert. */
static ck_error run(demo_db *w, sqlite3_stmt *stmt, ck_diag *diag)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE ? CK_OK : db_fail(w, diag);
}

/* Timestamp text through datetime.h, the date part cached: rows come in time order, so
 * most rows only need their clock digits written. */
static const char *ts_text(demo_db *w, int slot, int64_t t)
{
    int64_t day = datetime_day_of(t);
    if (day != w->ts_day[slot]) {
        datetime_format_ts(day * DEMO_DAY, w->ts_text[slot]);
        w->ts_day[slot] = day;
    }
    int64_t s = t - day * DEMO_DAY;
    int hh = (int)(s / 3600), mm = (int)(s / 60 % 60), ss = (int)(s % 60);
    char *p = w->ts_text[slot] + 11;
    p[0] = (char)('0' + hh / 10);
    p[1] = (char)('0' + hh % 10);
    p[3] = (char)('0' + mm / 10);
    p[4] = (char)('0' + mm % 10);
    p[6] = (char)('0' + ss / 10);
    p[7] = (char)('0' + ss % 10);
    return w->ts_text[slot];
}

static void bind_date(demo_db *w, sqlite3_stmt *stmt, int col, int slot, int64_t day)
{
    if (day == DEMO_NEVER) {
        sqlite3_bind_null(stmt, col);
        return;
    }
    datetime_format_date(day, w->date_text[slot]);
    sqlite3_bind_text(stmt, col, w->date_text[slot], DATETIME_DATE_SIZE - 1, SQLITE_STATIC);
}

/* A timestamp (0: NULL) copied into text, a row's own, which stays as it is until the
 * statement is stepped (the cache of ts_text changes with the next row). */
static void bind_row_ts(demo_db *w, sqlite3_stmt *stmt, int col, int slot, int64_t t, char *text)
{
    if (t == 0) {
        sqlite3_bind_null(stmt, col);
        return;
    }
    memcpy(text, ts_text(w, slot, t), DATETIME_TS_SIZE);
    sqlite3_bind_text(stmt, col, text, DATETIME_TS_SIZE - 1, SQLITE_STATIC);
}

static void bind_row_date(sqlite3_stmt *stmt, int col, int64_t day, char *text)
{
    if (day == DEMO_NEVER) {
        sqlite3_bind_null(stmt, col);
        return;
    }
    datetime_format_date(day, text);
    sqlite3_bind_text(stmt, col, text, DATETIME_DATE_SIZE - 1, SQLITE_STATIC);
}

static void bind_id(sqlite3_stmt *stmt, int col, int32_t id)
{
    if (id == 0)
        sqlite3_bind_null(stmt, col);
    else
        sqlite3_bind_int(stmt, col, id);
}

static void bind_code(sqlite3_stmt *stmt, int col, const codes_list *list, int index)
{
    sqlite3_bind_text(stmt, col, list->codes[index], -1, SQLITE_STATIC);
}

/* out[rank[i]] = the text of code i of list. */
static void texts_by_rank(const codes_list *list, const uint8_t *rank, demo_code_text *out)
{
    for (size_t i = 0; i < list->count; i++)
        out[rank[i]] = (demo_code_text){list->codes[i], (int)strlen(list->codes[i])};
}

static void invert_ranks(const demo_world *world, demo_db *out)
{
    texts_by_rank(&codes_channel, world->rank_channel, out->channel_of_rank);
    texts_by_rank(&codes_direction, world->rank_direction, out->direction_of_rank);
    texts_by_rank(&codes_party, world->rank_party, out->party_of_rank);
    texts_by_rank(&codes_outcome, world->rank_outcome, out->outcome_of_rank);
}

static void bind_code_text(sqlite3_stmt *stmt, int col, const demo_code_text *code)
{
    sqlite3_bind_text(stmt, col, code->text, code->len, SQLITE_STATIC);
}

/* The 8 parameters of one contacts row, from parameter base + 1 on. */
static void bind_contact(const demo_db *w, sqlite3_stmt *stmt, int base, const demo_contact *r,
                         const char *ts)
{
    uint64_t key = r->key;
    sqlite3_bind_int(stmt, base + 1, r->case_id);
    bind_id(stmt, base + 2, (int32_t)(key >> DEMO_KEY_AGENT_SHIFT & DEMO_KEY_AGENT_MASK));
    sqlite3_bind_text(stmt, base + 3, ts, DATETIME_TS_SIZE - 1, SQLITE_STATIC);
    /* the lengths known: no strlen for each of the 4 codes of every contact */
    bind_code_text(stmt, base + 4, &w->channel_of_rank[key >> 7 & 15]);
    bind_code_text(stmt, base + 5, &w->direction_of_rank[key >> 6 & 1]);
    bind_code_text(stmt, base + 6, &w->party_of_rank[key >> 4 & 3]);
    bind_code_text(stmt, base + 7, &w->outcome_of_rank[key & 15]);
    sqlite3_bind_int(stmt, base + 8, r->duration_s);
}

ck_error demo_db_write_people(demo_db *w, ck_diag *diag)
{
    const demo_world *world = w->world;
    ck_error err = CK_OK;
    sqlite3_stmt *team = w->one[SCHEMA_TEAMS], *agent = w->one[SCHEMA_AGENTS];
    for (int t = 1; t <= world->team_count && err == CK_OK; t++) {
        sqlite3_bind_int(team, 1, t);
        sqlite3_bind_text(team, 2, world->teams[t].name, -1, SQLITE_STATIC);
        err = run(w, team, diag);
    }
    for (int i = 1; i <= world->agent_count && err == CK_OK; i++) {
        const demo_agent *a = &world->agents[i];
        sqlite3_bind_int(agent, 1, i);
        sqlite3_bind_text(agent, 2, a->employee_no, -1, SQLITE_STATIC);
        sqlite3_bind_text(agent, 3, a->name, -1, SQLITE_STATIC);
        sqlite3_bind_int(agent, 4, a->team_id);
        bind_date(w, agent, 5, 0, a->hired_day);
        bind_date(w, agent, 6, 1, a->left_day);
        err = run(w, agent, diag);
    }
    return err;
}

/* The rows of a day's blocks one after another. */
typedef struct contact_cursor {
    const demo_contact_block *block;
    size_t at;
} contact_cursor;

static const demo_contact *next_contact(contact_cursor *c)
{
    while (c->block->count == c->at) {
        c->block = c->block->next;
        c->at = 0;
    }
    return &c->block->rows[c->at++];
}

/* Writes one day's (sorted) contacts. */
static ck_error write_contacts(demo_db *w, const demo_contact_day *day, int64_t month_start,
                               ck_diag *diag)
{
    ck_error err = CK_OK;
    contact_cursor cursor = {day->first, 0};
    size_t n = day->count, i = 0;
    for (; i + DEMO_ROW_BATCH <= n && err == CK_OK; i += DEMO_ROW_BATCH) {
        for (int j = 0; j < DEMO_ROW_BATCH; j++) {
            /* Each row of the batch needs its own timestamp text until the step. */
            const demo_contact *r = next_contact(&cursor);
            int64_t at = month_start + (int64_t)(r->key >> DEMO_KEY_TIME_SHIFT);
            memcpy(w->row_text[j][0], ts_text(w, 0, at), DATETIME_TS_SIZE);
            bind_contact(w, w->batch[SCHEMA_CONTACTS], 8 * j, r, w->row_text[j][0]);
        }
        err = run(w, w->batch[SCHEMA_CONTACTS], diag);
    }
    for (; i < n && err == CK_OK; i++) {
        const demo_contact *r = next_contact(&cursor);
        int64_t at = month_start + (int64_t)(r->key >> DEMO_KEY_TIME_SHIFT);
        bind_contact(w, w->one[SCHEMA_CONTACTS], 0, r, ts_text(w, 0, at));
        err = run(w, w->one[SCHEMA_CONTACTS], diag);
    }
    return err;
}

/* The parameters of one row of a table, from parameter base + 1 on, its texts in text. */
typedef void (*row_binder)(demo_db *w, sqlite3_stmt *stmt, int base, const void *row,
                           char (*text)[24]);

static void bind_promise(demo_db *w, sqlite3_stmt *stmt, int base, const void *row,
                         char (*text)[24])
{
    const demo_promise *r = row;
    sqlite3_bind_int(stmt, base + 1, r->case_id);
    sqlite3_bind_int(stmt, base + 2, r->agent_id);
    bind_row_ts(w, stmt, base + 3, 0, r->made_at, text[0]);
    bind_row_date(stmt, base + 4, r->due_day, text[1]);
    sqlite3_bind_int64(stmt, base + 5, r->amount);
}

static void bind_payment(demo_db *w, sqlite3_stmt *stmt, int base, const void *row,
                         char (*text)[24])
{
    const demo_payment *r = row;
    sqlite3_bind_int(stmt, base + 1, r->case_id);
    bind_row_ts(w, stmt, base + 2, 0, r->at, text[0]);
    sqlite3_bind_int64(stmt, base + 3, r->amount);
    bind_code(stmt, base + 4, &codes_method, r->method);
}

static void bind_assignment(demo_db *w, sqlite3_stmt *stmt, int base, const void *row,
                            char (*text)[24])
{
    const demo_assignment *r = row;
    sqlite3_bind_int(stmt, base + 1, r->case_id);
    sqlite3_bind_int(stmt, base + 2, r->agent_id);
    bind_row_ts(w, stmt, base + 3, 0, r->start_at, text[0]);
    bind_row_ts(w, stmt, base + 4, 1, r->end_at, text[1]);
}

static void bind_complaint(demo_db *w, sqlite3_stmt *stmt, int base, const void *row,
                           char (*text)[24])
{
    const demo_complaint *r = row;
    bind_id(stmt, base + 1, r->case_id);
    bind_id(stmt, base + 2, r->agent_id);
    bind_row_ts(w, stmt, base + 3, 0, r->at, text[0]);
    bind_code(stmt, base + 4, &codes_complaint_source, r->source);
    bind_code(stmt, base + 5, &codes_complaint_category, r->category);
    if (r->substantiated < 0)
        sqlite3_bind_null(stmt, base + 6);
    else
        sqlite3_bind_int(stmt, base + 6, r->substantiated);
    bind_row_ts(w, stmt, base + 7, 1, r->resolved_at, text[1]);
}

static void bind_survey(demo_db *w, sqlite3_stmt *stmt, int base, const void *row, char (*text)[24])
{
    const demo_survey *r = row;
    sqlite3_bind_int(stmt, base + 1, r->case_id);
    sqlite3_bind_int(stmt, base + 2, r->agent_id);
    bind_row_ts(w, stmt, base + 3, 0, r->at, text[0]);
    sqlite3_bind_int(stmt, base + 4, r->score);
}

/* Writes count rows of `size` bytes each, in order: DEMO_ROW_BATCH to a statement, the rest
 * one by one. The rows get the same ids as one at a time (SQLite gives them in order). */
static ck_error write_rows(demo_db *w, schema_table_id table, const void *rows, size_t size,
                           size_t count, row_binder bind, ck_diag *diag)
{
    const char *at = rows;
    sqlite3_stmt *many = w->batch[table], *one = w->one[table];
    /* cases carry their ids; the other rows' ids are SQLite's */
    int columns = (int)schema_tables[table].column_count - (table <= SCHEMA_CASES ? 0 : 1);
    ck_error err = CK_OK;
    size_t i = 0;
    for (; i + DEMO_ROW_BATCH <= count && err == CK_OK; i += DEMO_ROW_BATCH) {
        for (int j = 0; j < DEMO_ROW_BATCH; j++)
            bind(w, many, j * columns, at + (i + (size_t)j) * size, w->row_text[j]);
        err = run(w, many, diag);
    }
    for (; i < count && err == CK_OK; i++) {
        bind(w, one, 0, at + i * size, w->row_text[0]);
        err = run(w, one, diag);
    }
    return err;
}

ck_error demo_db_write_month(demo_db *w, demo_rows *rows, demo_month_rows *m, int64_t month_start,
                             ck_diag *diag)
{
    ck_error err = CK_OK;
    for (int d = 0; d < DEMO_MONTH_DAYS && err == CK_OK; d++) {
        err = write_contacts(w, &m->days[d], month_start, diag);
        demo_rows_release_day(rows, &m->days[d]);
    }
    if (err == CK_OK)
        err = write_rows(w, SCHEMA_PROMISES, m->promises.items, sizeof(demo_promise),
                         m->promises.count, bind_promise, diag);
    if (err == CK_OK)
        err = write_rows(w, SCHEMA_PAYMENTS, m->payments.items, sizeof(demo_payment),
                         m->payments.count, bind_payment, diag);
    if (err == CK_OK)
        err = write_rows(w, SCHEMA_ASSIGNMENTS, m->assignments.items, sizeof(demo_assignment),
                         m->assignments.count, bind_assignment, diag);
    if (err == CK_OK)
        err = demo_db_write_late_rows(w, m, diag);
    return err;
}

/* A case of w->world's, with its id (its index in world->cases). */
static void bind_case(demo_db *w, sqlite3_stmt *stmt, int base, const void *row, char (*text)[24])
{
    const demo_case *c = row;
    int32_t id = (int32_t)(c - w->world->cases);
    snprintf(text[2], sizeof text[2], "C%08d", (int)id);
    demo_sim_debtor_ref(w->world, c->debtor, text[3]);
    sqlite3_bind_int(stmt, base + 1, id);
    sqlite3_bind_text(stmt, base + 2, text[2], -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, base + 3, text[3], -1, SQLITE_STATIC);
    bind_code(stmt, base + 4, &codes_product, c->product);
    bind_row_ts(w, stmt, base + 5, 0, c->placed_at, text[0]);
    sqlite3_bind_int64(stmt, base + 6, c->balance);
    sqlite3_bind_int(stmt, base + 7, c->dpd);
    bind_row_ts(w, stmt, base + 8, 1, demo_case_time(c, closed_at), text[1]);
    if (demo_case_time(c, closed_at) != 0)
        bind_code(stmt, base + 9, &codes_close_reason, c->close_reason);
    else
        sqlite3_bind_null(stmt, base + 9);
}

ck_error demo_db_write_cases(demo_db *w, ck_diag *diag)
{
    const demo_world *world = w->world;
    return write_rows(w, SCHEMA_CASES, &world->cases[1], sizeof(demo_case),
                      (size_t)world->case_count, bind_case, diag);
}

ck_error demo_db_write_late_rows(demo_db *w, const demo_month_rows *m, ck_diag *diag)
{
    ck_error err = write_rows(w, SCHEMA_COMPLAINTS, m->complaints.items, sizeof(demo_complaint),
                              m->complaints.count, bind_complaint, diag);
    if (err == CK_OK)
        err = write_rows(w, SCHEMA_SURVEYS, m->surveys.items, sizeof(demo_survey), m->surveys.count,
                         bind_survey, diag);
    return err;
}

/* The table an index statement is ON (SCHEMA_CONTACTS for contacts_by_time), or
 * SCHEMA_TABLE_COUNT. sqlite3_sql() gives the comments before the statement too: look after
 * its keywords. */
static schema_table_id index_table(const char *sql)
{
    const char *create = strstr(sql, "CREATE INDEX");
    const char *on = create != NULL ? strstr(create, " ON ") : NULL;
    if (on == NULL)
        return SCHEMA_TABLE_COUNT;
    char name[32];
    size_t len = strcspn(on + 4, " (");
    if (len >= sizeof name)
        return SCHEMA_TABLE_COUNT;
    memcpy(name, on + 4, len);
    name[len] = '\0';
    return schema_table_find(name);
}

/* Rows of the table an index statement is built on (its share of the indexing time). */
static double index_weight(const char *sql, const demo_summary *rows)
{
    const int64_t counts[] = {
        [SCHEMA_TEAMS] = rows->teams,       [SCHEMA_AGENTS] = rows->agents,
        [SCHEMA_CASES] = rows->cases,       [SCHEMA_ASSIGNMENTS] = rows->assignments,
        [SCHEMA_CONTACTS] = rows->contacts, [SCHEMA_PROMISES] = rows->promises,
        [SCHEMA_PAYMENTS] = rows->payments, [SCHEMA_COMPLAINTS] = rows->complaints,
        [SCHEMA_SURVEYS] = rows->surveys};
    _Static_assert(sizeof counts / sizeof counts[0] == SCHEMA_TABLE_COUNT,
                   "a row count per contract table");
    schema_table_id table = index_table(sql);
    return 1.0 + (table < SCHEMA_TABLE_COUNT ? (double)counts[table] : 0.0);
}

/* The contacts' index is made before their rows go in, the others after. The contacts are
 * written in time order, which is the order of contacts_by_time: SQLite appends each entry
 * at the index's right-hand edge, where a CREATE INDEX after the load would sort 33 million
 * keys through temporary files (about 20 s of the large database's CPU time, and its wall
 * time on two cores: 53 - 63 s against 64 - 70 s, bench/README.md). The price: index pages
 * filled to about 88% instead of packed, the file about 5% larger. The other tables' rows
 * are fewer, and an index by case is not in their order. */
static bool made_during_load(const char *sql)
{
    return index_table(sql) == SCHEMA_CONTACTS;
}

/* One CREATE INDEX at a time: those made_during_load (during_load), or the others with
 * progress, weighted by the rows each one sorts (a first pass only reads the statements). */
static ck_error run_indexes(demo_db *w, bool during_load, const demo_summary *rows,
                            void (*step)(void *ctx, double fraction), void *ctx, ck_diag *diag)
{
    double total = 0, done = 0;
    for (int pass = during_load ? 1 : 0; pass < 2; pass++) {
        const char *sql = db_indexes_sql;
        while (*sql != '\0') {
            sqlite3_stmt *stmt = NULL;
            const char *tail = NULL;
            if (sqlite3_prepare_v2(w->db, sql, -1, &stmt, &tail) != SQLITE_OK)
                return db_fail(w, diag);
            if (stmt == NULL) /* only comments and blanks were left */
                break;
            int rc = SQLITE_DONE;
            if (made_during_load(sqlite3_sql(stmt)) == during_load) {
                double weight = during_load ? 0 : index_weight(sqlite3_sql(stmt), rows);
                if (pass == 0) {
                    total += weight;
                } else {
                    if (step != NULL)
                        step(ctx, total > 0 ? done / total : 0.0);
                    rc = sqlite3_step(stmt);
                    done += weight;
                }
            }
            sqlite3_finalize(stmt);
            if (rc != SQLITE_DONE)
                return db_fail(w, diag);
            sql = tail;
        }
    }
    return CK_OK;
}

ck_error demo_db_finish(demo_db *w, const demo_summary *rows,
                        void (*step)(void *ctx, double fraction), void *ctx, ck_diag *diag)
{
    /* SQLite sizes the index sorter's sorted runs by the page cache, one per sorter thread:
     * runs of 2 MiB stay in the processor's caches and sort at least as fast as runs of
     * 16 MiB (the eight indexes of the large database: 10.9 s against 11.0 - 12.3 s), in less
     * memory (bulkload.c has the import's figures). */
    ck_error err = db_exec_script(w->db, "PRAGMA cache_size = -2048", diag);
    if (err == CK_OK)
        err = run_indexes(w, false, rows, step, ctx, diag);
    if (err != CK_OK)
        return err;
    if (step != NULL)
        step(ctx, 1.0);
    return db_exec_script(w->db, "COMMIT", diag);
}
