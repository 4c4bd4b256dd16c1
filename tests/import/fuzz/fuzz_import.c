/* fuzz_import.c - libFuzzer target for CSV reading and row validation (tests/import/fuzz/run.sh).
 *
 * The first byte of an input picks the table and the options (all or nothing or
 * --skip-invalid, UTF-8 or GB18030); the rest is the CSV file. It is imported into an
 * in-memory case database holding a few valid rows, and then:
 *   - no problem sentence may hold the stored debtor_ref (unless the input has it);
 *   - whatever the import wrote, `check` must find nothing wrong with the database: import
 *     never lets in a row the rules refuse, and the two agree on the rules.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collectkpi/csv_import.h"
#include "collectkpi/db.h"
#include "collectkpi/rules.h"

#define STORED_SECRET "Zq9STORED"

static const char fixture_sql[] =
    "INSERT INTO teams VALUES (1, 'North'), (2, 'South');"
    "INSERT INTO agents VALUES (1, 'E1', 'Ann', 1, '2025-01-01', NULL),"
    " (2, 'E2', 'Bob', 2, '2025-01-01', '2026-06-30');"
    "INSERT INTO cases VALUES"
    " (1, 'C1', '" STORED_SECRET "1', 'credit_card', '2026-01-05 09:00:00', 100000, 30, NULL, "
    "NULL),"
    " (2, 'C2', '" STORED_SECRET "2', 'mortgage', '2026-01-06 09:00:00', 50000, 0,"
    " '2026-03-01 00:00:00', 'paid_in_full');"
    "INSERT INTO assignments VALUES (1, 1, 1, '2026-01-05 09:00:00', '2026-02-01 00:00:00'),"
    " (2, 2, 2, '2026-01-06 09:00:00', '2026-03-01 00:00:00'),"
    " (3, 1, 2, '2026-02-01 00:00:00', NULL);"
    "INSERT INTO payments VALUES (1, 1, '2026-02-01 10:00:00', 5000, 'card'),"
    " (2, 1, '2026-03-01 10:00:00', -5000, 'card'), (3, 2, '2026-02-01 00:00:00', 100, 'cash');"
    "INSERT INTO contacts VALUES (1, 1, 1, '2026-01-10 10:00:00', 'call', 'outbound', 'debtor',"
    " 'promise', 60);"
    "INSERT INTO promises VALUES (1, 1, 1, '2026-01-10 10:00:00', '2026-01-20', 3000);";

typedef struct fuzz_ctx {
    const uint8_t *data;
    size_t size;
} fuzz_ctx;

static bool input_has(const fuzz_ctx *f, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= f->size; i++)
        if (memcmp(f->data + i, needle, n) == 0)
            return true;
    return false;
}

static void on_problem(void *ctx, const char *path, long line, const char *text)
{
    const fuzz_ctx *f = ctx;
    (void)path;
    (void)line;
    if (strstr(text, STORED_SECRET) != NULL && !input_has(f, "Zq9")) {
        fprintf(stderr, "a stored debtor_ref was printed: %s\n", text);
        abort();
    }
}

static void on_check_problem(void *ctx, const rules_problem *problem)
{
    (void)ctx;
    fprintf(stderr, "check found a problem after the import: %s %lld: %s\n",
            schema_tables[problem->table].name, (long long)problem->id, problem->text);
    abort();
}

/* The fixture database, made once and copied into a fresh in-memory database per input
 * (libFuzzer runs every input in one process; this is the harness's only state). */
static unsigned char *fixture_image;
static sqlite3_int64 fixture_size;

static sqlite3 *open_fixture(void)
{
    sqlite3 *db = NULL;
    ck_diag diag = {{0}};
    if (fixture_image == NULL) {
        if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
            db_exec_script(db, db_schema_sql, &diag) != CK_OK ||
            db_exec_script(db, db_indexes_sql, &diag) != CK_OK ||
            db_exec_script(db, fixture_sql, &diag) != CK_OK) {
            fprintf(stderr, "fixture: %s\n", diag.text);
            abort();
        }
        fixture_image = sqlite3_serialize(db, "main", &fixture_size, 0);
        sqlite3_close(db);
        if (fixture_image == NULL)
            abort();
    }
    unsigned char *copy = sqlite3_malloc64((sqlite3_uint64)fixture_size);
    if (copy == NULL || sqlite3_open(":memory:", &db) != SQLITE_OK)
        abort();
    memcpy(copy, fixture_image, (size_t)fixture_size);
    if (sqlite3_deserialize(db, "main", copy, fixture_size, fixture_size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
        SQLITE_OK)
        abort();
    return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char csv_path[] = "/tmp/fuzz-import-XXXXXX";
    char rejects_path[64];
    int fd = mkstemp(csv_path);
    if (fd < 0)
        abort();
    if (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
        abort();
    close(fd);
    snprintf(rejects_path, sizeof rejects_path, "%s.rejects", csv_path);

    sqlite3 *db = open_fixture();
    ck_diag diag = {{0}};
    fuzz_ctx ctx = {data, size};
    const char *paths[] = {csv_path};
    rules_table tables[] = {(rules_table)((data[0] & 0x0F) % RULES_TABLE_COUNT)};
    csv_import_options options = {
        .paths = paths,
        .tables = tables,
        .file_count = 1,
        .encoding = (data[0] & 0x40) ? CSV_ENCODING_GB18030 : CSV_ENCODING_UTF8,
        .rejects_path = (data[0] & 0x80) ? rejects_path : NULL,
        .problem = on_problem,
        .ctx = &ctx,
    };
    csv_import_result result;
    ck_error err = csv_import_run(db, &options, &result, &diag);
    if (err != CK_OK && err != CK_ERR_DATA && err != CK_ERR_NOMEM) {
        fprintf(stderr, "import failed: %s\n", diag.text);
        abort();
    }
    if (err == CK_ERR_DATA && result.committed)
        abort(); /* all or nothing */
    int64_t rows = 0;
    if (rules_check_database(db, on_check_problem, NULL, &rows, &diag) != CK_OK)
        abort();
    sqlite3_close(db);
    unlink(csv_path);
    unlink(rejects_path);
    return 0;
}
