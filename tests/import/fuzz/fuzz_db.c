/* fuzz_db.c - libFuzzer target for `check` and the engine on a fuzzed database
 * (tests/import/fuzz/run.sh).
 *
 * A database from another tool may hold anything: the contract's tables without a type or a
 * constraint, duplicate ids, BLOB dates, huge amounts. The input builds such a database in
 * memory and then runs what the reading commands run on it: the rules of `check`, the engine
 * for a month (kpi.md, with the lists and the compliance pass of compliance.md) and the
 * scores of scorecard.md. A crash, a sanitizer report or a hang is a bug; so is an error
 * other than "the data breaks the contract" (CK_ERR_DATA), and so is the engine refusing a
 * database that `check` found nothing wrong with: the two must agree on the contract.
 *
 * The input: the first byte picks the schema (the contract's own CREATE TABLEs with their
 * CHECKs, or bare columns without type or key), whether the indexes and the few valid
 * fixture rows are there, the month and the compliance profile. The rest is a sequence of
 * operations, each a byte (table and kind: insert a row, change one value, delete a row)
 * followed by what it needs; every value is a type byte and its bytes: NULL, integers (small,
 * edge values, any 64 bits), reals, texts (well-formed dates and codes of the column, or
 * any bytes) and BLOBs. A statement SQLite refuses (a CHECK, a key) is skipped.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/rules.h"
#include "collectkpi/schema.h"
#include "collectkpi/score.h"

#define MAX_OPERATIONS 64

static const char fixture_sql[] =
    "INSERT INTO teams VALUES (1, 'North'), (2, 'South');"
    "INSERT INTO agents VALUES (1, 'E1', 'Ann', 1, '2025-01-01', NULL),"
    " (2, 'E2', 'Bob', 2, '2025-01-01', '2026-06-30');"
    "INSERT INTO cases VALUES"
    " (1, 'C1', 'D1', 'credit_card', '2026-01-05 09:00:00', 100000, 30, NULL, NULL),"
    " (2, 'C2', 'D2', 'mortgage', '2026-01-06 09:00:00', 50000, 0,"
    " '2026-03-01 00:00:00', 'paid_in_full');"
    "INSERT INTO assignments VALUES (1, 1, 1, '2026-01-05 09:00:00', '2026-02-01 00:00:00'),"
    " (2, 2, 2, '2026-01-06 09:00:00', '2026-03-01 00:00:00'),"
    " (3, 1, 2, '2026-02-01 00:00:00', NULL);"
    "INSERT INTO payments VALUES (1, 1, '2026-02-01 10:00:00', 5000, 'card'),"
    " (2, 1, '2026-03-01 10:00:00', -5000, 'card'), (3, 2, '2026-02-01 00:00:00', 50000, "
    "'cash');"
    "INSERT INTO contacts VALUES (1, 1, 1, '2026-01-10 10:00:00', 'call', 'outbound', 'debtor',"
    " 'promise', 60), (2, 1, 2, '2026-02-10 23:30:00', 'call', 'outbound', 'third_party',"
    " 'no_answer', 0);"
    "INSERT INTO promises VALUES (1, 1, 1, '2026-01-10 10:00:00', '2026-01-20', 3000),"
    " (2, 1, 2, '2026-02-10 10:00:00', '2026-02-12', 5000);"
    "INSERT INTO complaints VALUES (1, 1, 2, '2026-02-11 09:00:00', 'regulator', 'threat', 1,"
    " NULL);"
    "INSERT INTO surveys VALUES (1, 1, 2, '2026-02-11 09:00:00', 4);";

typedef struct input {
    const uint8_t *data;
    size_t size, at;
} input;

static uint8_t take(input *in)
{
    return in->at < in->size ? in->data[in->at++] : 0;
}

static uint64_t take_u64(input *in)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | take(in);
    return v;
}

/* Up to max bytes of the input (fewer at its end). */
static size_t take_bytes(input *in, size_t max, const uint8_t **out)
{
    size_t n = in->size - in->at < max ? in->size - in->at : max;
    *out = in->data + in->at;
    in->at += n;
    return n;
}

static const int64_t edge_integers[] = {
    0,
    1,
    -1,
    2,
    7,
    100,
    INT64_MAX,
    INT64_MIN,
    INT64_MAX - 1,
    INT64_MIN + 1,
    SCHEMA_MONEY_MAX,
    SCHEMA_MONEY_MAX + 1,
    -SCHEMA_MONEY_MAX,
    -SCHEMA_MONEY_MAX - 1,
    INT32_MAX,
    INT32_MIN,
    (int64_t)INT32_MAX + 1,
    86400,
    4611686018427387904, /* 2^62 */
    9000000000000000000,
};

/* A timestamp or date text near the fixture's months, well-formed or nearly so (day 31 of a
 * short month, hour 24, year 0 or 9999). */
static void near_time_text(input *in, bool date_only, char *out, size_t size)
{
    static const int years[] = {2026, 2025, 2027, 1900, 9999, 0, 1970, 2026};
    uint8_t a = take(in), b = take(in), c = take(in);
    int year = years[a & 7];
    int month = 1 + (a >> 3) % 13; /* 13 is not a month */
    int day = 1 + b % 32;          /* neither is 32 */
    int hour = c % 25, minute = (c * 7) % 61, second = (b * 13) % 61;
    if (date_only)
        snprintf(out, size, "%04d-%02d-%02d", year, month, day);
    else
        snprintf(out, size, "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute,
                 second);
}

/* Binds parameter p to one value read from the input, for column col of table t. */
static void bind_value(sqlite3_stmt *stmt, int p, input *in, schema_table_id t, size_t col)
{
    const schema_column *column = &schema_tables[t].columns[col];
    char text[64];
    const uint8_t *bytes = NULL;
    uint8_t kind = take(in);
    switch (kind % 12) {
    case 0: sqlite3_bind_null(stmt, p); break;
    case 1: sqlite3_bind_int64(stmt, p, (int8_t)take(in)); break;
    case 2:
        sqlite3_bind_int64(
            stmt, p, edge_integers[take(in) % (sizeof edge_integers / sizeof *edge_integers)]);
        break;
    case 3: sqlite3_bind_int64(stmt, p, (int64_t)take_u64(in)); break;
    case 4: {
        uint64_t bits = take_u64(in);
        double real;
        memcpy(&real, &bits, sizeof real);
        sqlite3_bind_double(stmt, p, real);
        break;
    }
    case 5: {
        size_t n = take_bytes(in, take(in) % 48, &bytes);
        sqlite3_bind_text(stmt, p, (const char *)bytes, (int)n, SQLITE_TRANSIENT);
        break;
    }
    case 6: {
        size_t n = take_bytes(in, take(in) % 16, &bytes);
        sqlite3_bind_blob(stmt, p, bytes, (int)n, SQLITE_TRANSIENT);
        break;
    }
    case 7: /* a timestamp or date as a BLOB: the bytes are right, the storage class is not */
        near_time_text(in, column->type == SCHEMA_DATE, text, sizeof text);
        sqlite3_bind_blob(stmt, p, text, (int)strlen(text), SQLITE_TRANSIENT);
        break;
    default: /* a value of the column's own type, mostly a good one */
        switch (column->type) {
        case SCHEMA_ID:
        case SCHEMA_REF: sqlite3_bind_int64(stmt, p, take(in) % 6); break;
        case SCHEMA_INTEGER:
        case SCHEMA_MONEY: {
            uint8_t v = take(in);
            int64_t value = (int64_t)(v & 0x7f) * ((v & 0x80) ? -100 : 1);
            if (column->max != 0 && kind % 12 == 11)
                /* the top of the range and past it */
                value =
                    (v & 1) && column->max < INT64_MAX ? column->max + 1 : column->max - (v & 3);
            sqlite3_bind_int64(stmt, p, value);
            break;
        }
        case SCHEMA_CODE:
            if (column->codes != NULL) {
                uint8_t i = take(in);
                sqlite3_bind_text(stmt, p, column->codes->codes[i % column->codes->count], -1,
                                  SQLITE_STATIC);
            } else {
                sqlite3_bind_null(stmt, p);
            }
            break;
        case SCHEMA_TIMESTAMP:
        case SCHEMA_DATE:
            near_time_text(in, column->type == SCHEMA_DATE, text, sizeof text);
            sqlite3_bind_text(stmt, p, text, -1, SQLITE_TRANSIENT);
            break;
        case SCHEMA_TEXT:
            snprintf(text, sizeof text, "%s%u", column->name, take(in));
            sqlite3_bind_text(stmt, p, text, -1, SQLITE_TRANSIENT);
            break;
        }
        break;
    }
}

/* Runs one operation of the input on the database; a statement SQLite refuses is skipped. */
static void run_operation(sqlite3 *db, input *in)
{
    uint8_t op = take(in);
    schema_table_id t = (schema_table_id)(op % SCHEMA_TABLE_COUNT);
    const schema_table *table = &schema_tables[t];
    char sql[512];
    int used = 0;
    size_t col = 0;
    switch ((op / SCHEMA_TABLE_COUNT) % 4) {
    case 0:
    case 1: /* insert a whole row */
        used = snprintf(sql, sizeof sql, "INSERT INTO %s VALUES (", table->name);
        for (size_t c = 0; c < table->column_count; c++)
            used += snprintf(sql + used, sizeof sql - (size_t)used, "%s?", c ? ", " : "");
        snprintf(sql + used, sizeof sql - (size_t)used, ")");
        break;
    case 2: /* change one value of one row */
        col = take(in) % table->column_count;
        snprintf(sql, sizeof sql, "UPDATE %s SET %s = ? WHERE rowid = ?", table->name,
                 table->columns[col].name);
        break;
    default: snprintf(sql, sizeof sql, "DELETE FROM %s WHERE rowid = ?", table->name); break;
    }
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        abort(); /* the harness's own SQL */
    switch ((op / SCHEMA_TABLE_COUNT) % 4) {
    case 0:
    case 1:
        for (size_t c = 0; c < table->column_count; c++)
            bind_value(stmt, (int)c + 1, in, t, c);
        break;
    case 2:
        bind_value(stmt, 1, in, t, col);
        sqlite3_bind_int64(stmt, 2, 1 + take(in) % 8);
        break;
    default: sqlite3_bind_int64(stmt, 1, 1 + take(in) % 8); break;
    }
    (void)sqlite3_step(stmt);
    sqlite3_finalize(stmt);
}

/* The contract's tables with bare columns: no type, no key, no constraint. */
static void create_bare_tables(sqlite3 *db)
{
    for (size_t t = 0; t < SCHEMA_TABLE_COUNT; t++) {
        char sql[512];
        int used = snprintf(sql, sizeof sql, "CREATE TABLE %s (", schema_tables[t].name);
        for (size_t c = 0; c < schema_tables[t].column_count; c++)
            used += snprintf(sql + used, sizeof sql - (size_t)used, "%s%s", c ? ", " : "",
                             schema_tables[t].columns[c].name);
        snprintf(sql + used, sizeof sql - (size_t)used, ")");
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
            abort();
    }
}

static void count_problem(void *ctx, const rules_problem *problem)
{
    (void)problem;
    (*(uint64_t *)ctx)++;
}

static void expect_ok_or_data(ck_error err, const char *what, const ck_diag *diag)
{
    if (err != CK_OK && err != CK_ERR_DATA && err != CK_ERR_NOMEM) {
        fprintf(stderr, "%s failed with error %d: %s\n", what, (int)err, diag->text);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The starting database of each of the eight schema, index and fixture choices, made once
 * and copied into a fresh in-memory database per input (libFuzzer runs every input in one
 * process; these images are the harness's only state). */
static unsigned char *start_images[8];
static sqlite3_int64 start_sizes[8];

static sqlite3 *open_start(unsigned choice)
{
    sqlite3 *db = NULL;
    ck_diag diag = {{0}};
    if (start_images[choice] == NULL) {
        if (sqlite3_open(":memory:", &db) != SQLITE_OK)
            abort();
        if (choice & 1) {
            if (db_exec_script(db, db_schema_sql, &diag) != CK_OK)
                abort();
        } else {
            create_bare_tables(db);
        }
        if ((choice & 2) && db_exec_script(db, db_indexes_sql, &diag) != CK_OK)
            abort();
        if (!(choice & 4) && db_exec_script(db, fixture_sql, &diag) != CK_OK)
            abort();
        start_images[choice] = sqlite3_serialize(db, "main", &start_sizes[choice], 0);
        sqlite3_close(db);
        if (start_images[choice] == NULL)
            abort();
    }
    unsigned char *copy = sqlite3_malloc64((sqlite3_uint64)start_sizes[choice]);
    if (copy == NULL || sqlite3_open(":memory:", &db) != SQLITE_OK)
        abort();
    memcpy(copy, start_images[choice], (size_t)start_sizes[choice]);
    if (sqlite3_deserialize(db, "main", copy, start_sizes[choice], start_sizes[choice],
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
        SQLITE_OK)
        abort();
    return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    input in = {data, size, 0};
    uint8_t mode = take(&in);
    sqlite3 *db = open_start(mode & 7);
    ck_diag diag = {{0}};
    for (int i = 0; i < MAX_OPERATIONS && in.at < in.size; i++)
        run_operation(db, &in);

    /* What `check` does. */
    uint64_t problems = 0;
    int64_t rows = 0;
    ck_error err = rules_check_database(db, count_problem, &problems, &rows, &diag);
    expect_ok_or_data(err, "check", &diag);
    if (err != CK_OK)
        goto done;

    /* What `kpi`, `compliance`, `score` and `report` do: one read transaction, a month. */
    engine_request request;
    memset(&request, 0, sizeof request);
    settings_defaults(&request.settings);
    period_of_month(2026, 1 + (mode >> 3) % 3, &request.period);
    request.settings.grace_days = (mode & 0x20) ? 3 : 0;
    request.settings.kept_threshold_pct = (mode & 0x20) ? 90 : 100;
    if ((mode & 0x40) && settings_set_profile(&request.settings, "us", &diag) != CK_OK)
        abort();
    request.want_lists = true;
    request.want_compliance = true;
    if (mode & 0x80) {
        request.has_as_of = true;
        request.as_of = request.period.end;
    }
    kpi_result *result = NULL;
    ck_diag engine_diag = {{0}};
    err = engine_run(db, &request, &result, &engine_diag);
    expect_ok_or_data(err, "the engine", &engine_diag);
    if (err == CK_ERR_DATA && problems == 0) {
        fprintf(stderr, "check found nothing wrong, but the engine stopped: %s\n",
                engine_diag.text);
        abort();
    }
    if (err == CK_OK) {
        score_table scores;
        memset(&scores, 0, sizeof scores);
        if (score_table_build(result, &scores) == CK_OK)
            score_table_free(&scores);
    }
    kpi_result_free(result);
done:
    sqlite3_close(db);
    return 0;
}
