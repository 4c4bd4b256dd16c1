/* csv_import.c - loading CSV files into a case database (see csv_import.h).
 *
 * The flow for one run: read every file's header first (a bad header is an error before any
 * row is read), BEGIN IMMEDIATE, load the stored teams, agents and cases into a rules_state,
 * then table by table in dependency order: stream each file's rows through the rules and a
 * prepared INSERT (the CSV reading and the rules of a row alone on a second thread, see
 * row_pipeline.h; the writing and everything that changes the rules_state on this one), and
 * after the table the rules over all rows of a case (rules_group, as
 * check runs them) on the cases it wrote rows of, read back with their stored rows. Any problem
 * without a rejects file means ROLLBACK; a rolled back transaction in rollback-journal mode leaves
 * the database file's bytes as they were. Large loads go through bulkload.h. The rows
 * themselves (their problems, the pipeline's hooks, the INSERTs) are csv_import_rows.c's, the
 * state they share csv_import_internal.h's. input_file.c reads and checks the headers and
 * maps their fields to the contract's columns; csv_import_files.c has the table of a file
 * name and the header-only templates.
 */
#include "collectkpi/csv_import.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "case_refs.h"
#include "csv_import_internal.h"
#include "collectkpi/db.h"
#include "collectkpi/vec.h"

/* ---- the rules over all rows of a case, after a table ---- */

static void on_group_problem(void *ctx, const rules_problem *problem)
{
    importer *im = ctx;
    /* stored rows are never blamed: the origin is a written row's */
    size_t file = (size_t)(problem->origin >> ORIGIN_LINE_BITS);
    long line = (long)(problem->origin & ((UINT64_C(1) << ORIGIN_LINE_BITS) - 1));
    csv_import_emit(im, file, line, problem->text);
    if (!VEC_RESERVE(im->late, im->late_capacity, im->late_count + 1))
        return; /* counted all the same; the run fails with NOMEM below */
    im->late[im->late_count++] = (late_reject){
        .file = file, .line = line, .id = problem->id, .reason = strdup(problem->text)};
}

static int by_first_id(const void *pa, const void *pb)
{
    const rules_new_rows *a = pa, *b = pb;
    return (a->first_id > b->first_id) - (a->first_id < b->first_id);
}

/* The rules over all rows of a case, for the cases this run wrote rows of: each case's
 * rows are read back (the stored ones fixed, never blamed), so the stored rows of other
 * cases are never read. */
static ck_error check_groups(importer *im, rules_table table)
{
    size_t first_late = im->late_count;
    uint64_t problems_before = im->res->problems;
    qsort(im->runs, im->run_count, sizeof *im->runs, by_first_id);
    ck_error err = rules_check_new_rows(im->db, table, im->runs, im->run_count, on_group_problem,
                                        im, im->diag);
    if (err == CK_OK && im->late_count - first_late != im->res->problems - problems_before)
        err = CK_ERR_NOMEM; /* a late reject could not be remembered */
    for (size_t i = first_late; i < im->late_count && err == CK_OK; i++) {
        if (im->late[i].reason == NULL)
            err = CK_ERR_NOMEM;
        im->res->tables[table].rejected++;
        im->res->bad_rows++;
        if (im->rejects == NULL)
            continue;
        /* leave it out: the rows of later tables do not refer to assignments or payments */
        sqlite3_bind_int64(im->delete, 1, im->late[i].id);
        if (sqlite3_step(im->delete) != SQLITE_DONE)
            err = csv_import_db_fail(im, "leaving out a row");
        sqlite3_reset(im->delete);
        im->res->tables[table].inserted--;
    }
    return err;
}

/* ---- rejects ---- */

static ck_error begin_rejects(importer *im)
{
    bool several = false;
    for (size_t i = 1; i < im->opt->file_count; i++)
        several |= im->files[i].table != im->files[0].table;
    ck_error err = rejects_open(im->opt->rejects_path, several, &im->rejects, im->diag);
    input_file_set_remap(im->files, im->opt->file_count);
    for (size_t i = 0; i < im->opt->file_count && err == CK_OK; i++) {
        const input_file *f = &im->files[i];
        const char *contract[SCHEMA_MAX_COLUMNS];
        for (size_t c = 0; c < schema_tables[f->table].column_count; c++)
            contract[c] = schema_tables[f->table].columns[c].name;
        err = f->remap ? rejects_begin_table(im->rejects, f->table, contract,
                                             schema_tables[f->table].column_count, im->diag)
                       : rejects_begin_table(im->rejects, f->table, (const char *const *)f->names,
                                             f->field_count, im->diag);
    }
    return err;
}

static ck_error on_late_row(void *ctx, const csv_record *rec)
{
    importer *im = ctx;
    if (!im->header_seen) {
        im->header_seen = true;
        return CK_OK;
    }
    /* im->late is sorted by file and line; late_cursor walks it along the file */
    while (im->late_cursor < im->late_count && im->late[im->late_cursor].file == im->file &&
           im->late[im->late_cursor].line < rec->line)
        im->late_cursor++;
    if (im->late_cursor == im->late_count || im->late[im->late_cursor].file != im->file ||
        im->late[im->late_cursor].line != rec->line)
        return CK_OK;
    const late_reject *l = &im->late[im->late_cursor++];
    snprintf(im->reasons, sizeof im->reasons, "%s", l->reason ? l->reason : "");
    return csv_import_write_reject_fields(im, rec);
}

/* The rows blamed after they were written are read again to be written as they were. */
static ck_error write_late_rejects(importer *im)
{
    ck_error err = CK_OK;
    for (size_t i = 0; i < im->opt->file_count && err == CK_OK; i++) {
        bool any = false;
        for (size_t l = 0; l < im->late_count; l++)
            any |= im->late[l].file == i;
        while (im->late_cursor < im->late_count && im->late[im->late_cursor].file < i)
            im->late_cursor++;
        if (any)
            err = csv_import_read_file(im, i, on_late_row);
    }
    return err;
}

/* ---- the run ---- */

static ck_error prepare_table(importer *im, rules_table table)
{
    const schema_table *info = &schema_tables[table];
    char columns[400], params[64], sql[700];
    size_t o = 0, p = 0;
    for (size_t c = 0; c < info->column_count; c++) {
        o += (size_t)snprintf(columns + o, sizeof columns - o, "%s%s", c ? ", " : "",
                              info->columns[c].name);
        p += (size_t)snprintf(params + p, sizeof params - p, "%s?%zu", c ? ", " : "", c + 1);
    }
    /* The names are the contract's own, never text from a file. OR ABORT overrides an ON
     * CONFLICT clause another tool's schema may give a constraint (REPLACE would delete the
     * stored row, IGNORE drop the new one unseen, ROLLBACK end the transaction): a refused
     * row is always refused, and reported (insert_row, csv_import_rows.c). */
    snprintf(sql, sizeof sql, "INSERT OR ABORT INTO %s (%s) VALUES (%s)", info->name, columns,
             params);
    ck_error err = db_prepare(im->db, sql, &im->insert, im->diag);
    if (err == CK_OK) {
        snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE %s = ?1", columns, info->name,
                 info->columns[0].name);
        err = db_prepare(im->db, sql, &im->select, im->diag);
    }
    if (err == CK_OK) {
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = ?1", info->name,
                 info->columns[0].name);
        err = db_prepare(im->db, sql, &im->delete, im->diag);
    }
    return err;
}

static void finalize_table(importer *im)
{
    sqlite3_finalize(im->insert);
    sqlite3_finalize(im->select);
    sqlite3_finalize(im->delete);
    im->insert = im->select = im->delete = NULL;
    row_batch_finalize(&im->batch);
}

/* Rows the table's files hold, roughly (a contacts row is about 70 bytes, payments 50). */
static uint64_t estimated_rows(const importer *im, rules_table table)
{
    uint64_t bytes = 0;
    for (size_t i = 0; i < im->opt->file_count; i++) {
        struct stat st;
        if (im->files[i].table == table && stat(im->files[i].path, &st) == 0)
            bytes += (uint64_t)st.st_size;
    }
    return bytes / 64;
}

/* What the rows may refer to (case_refs.h): the stored teams, agents and cases. */
static ck_error load_state(importer *im)
{
    case_refs_file *refs = calloc(im->opt->file_count ? im->opt->file_count : 1, sizeof *refs);
    if (refs == NULL)
        return CK_ERR_NOMEM;
    uint64_t referring = 0;
    for (rules_table t = RULES_CASES + 1; t < RULES_TABLE_COUNT; t++)
        referring += estimated_rows(im, t);
    for (size_t i = 0; i < im->opt->file_count; i++) {
        const input_file *f = &im->files[i];
        const schema_table *info = &schema_tables[f->table];
        refs[i] = (case_refs_file){.path = f->path, .table = f->table, .case_field = -1};
        for (size_t c = 1; c < info->column_count; c++)
            if (info->columns[c].type == SCHEMA_REF && info->columns[c].references == SCHEMA_CASES)
                refs[i].case_field = f->field_of_column[c];
    }
    /* A million case numbers would cost 60 MiB and a hash probe a row that SQLite's own
     * UNIQUE index pays anyway; teams and agents are few and keep theirs, so that a row's
     * every problem is listed at once (a taken code beside a missing team). */
    ck_error err =
        rules_unique_in_db(im->db, RULES_CASES, &im->st.codes_in_db[RULES_CASES], im->diag);
    if (err == CK_OK)
        err = case_refs_state_load(&im->st, im->db, refs, im->opt->file_count, referring,
                                   im->opt->encoding, im->diag);
    free(refs);
    return err;
}

static ck_error import_table(importer *im, rules_table table)
{
    bool grouped = table == RULES_ASSIGNMENTS || table == RULES_PAYMENTS;
    /* A table that gets no new row is put back exactly as it was (dropping its indexes
     * changed pages), so importing a file again leaves the database file's bytes alone. */
    if (sqlite3_exec(im->db, "SAVEPOINT load_table", NULL, NULL, NULL) != SQLITE_OK)
        return csv_import_db_fail(im, "cannot start loading a table");
    ck_error err = prepare_table(im, table);
    im->run_count = 0;
    if (err == CK_OK)
        err = bulkload_drop_indexes(&im->bulk, schema_tables[table].name, estimated_rows(im, table),
                                    im->diag);
    /* after the indexes are dropped or kept: the batch needs a table without them */
    im->batching =
        table > RULES_CASES || schema_tables[table].unique_column < 0 || im->st.codes_in_db[table];
    if (err == CK_OK && im->batching)
        err = row_batch_prepare(&im->batch, im->db, table, im->diag);
    for (size_t i = 0; i < im->opt->file_count && err == CK_OK; i++)
        if (im->files[i].table == table)
            err = csv_import_read_file(im, i, NULL);
    /* no need to make them again when everything is going to be rolled back */
    bool rolling_back = err != CK_OK || (im->res->bad_rows > 0 && im->rejects == NULL);
    ck_error restored = bulkload_restore_indexes(&im->bulk, !rolling_back, im->diag);
    if (err == CK_OK && !rolling_back)
        err = restored;
    /* after the indexes are back: the rules over a case read its rows through them */
    if (err == CK_OK && grouped && im->run_count > 0)
        err = check_groups(im, table);
    finalize_table(im);
    if (err == CK_OK && im->res->tables[table].inserted == 0 &&
        sqlite3_exec(im->db, "ROLLBACK TO load_table", NULL, NULL, NULL) != SQLITE_OK)
        err = csv_import_db_fail(im, "putting back a table");
    if (sqlite3_exec(im->db, "RELEASE load_table", NULL, NULL, NULL) != SQLITE_OK && err == CK_OK)
        err = csv_import_db_fail(im, "finishing a table");
    return err;
}

static int late_order(const void *pa, const void *pb)
{
    const late_reject *a = pa, *b = pb;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* A contract table that is a view maps another platform's tables, which are that
 * platform's to write: refused before any file is read, naming the view. */
static ck_error refuse_views(importer *im)
{
    for (rules_table t = 0; t < RULES_TABLE_COUNT; t++) {
        bool is_view = false;
        if (!im->res->tables[t].present)
            continue;
        ck_error err = db_is_view(im->db, schema_tables[t].name, &is_view, im->diag);
        if (err != CK_OK)
            return err;
        if (is_view) {
            ck_diag_set(im->diag,
                        "'%s' is a view in this database (a mapping of another platform's "
                        "tables), and import writes only into tables; load the rows with that "
                        "platform's own tools",
                        schema_tables[t].name);
            return CK_ERR_DB;
        }
    }
    return CK_OK;
}

ck_error csv_import_run(sqlite3 *db, const csv_import_options *options, csv_import_result *result,
                        ck_diag *diag)
{
    importer im = {.db = db, .opt = options, .res = result, .diag = diag};
    bool began = false, bulk_begun = false;
    ck_error err = CK_OK;
    memset(result, 0, sizeof *result);
    diag->text[0] = '\0';
    rules_state_init(&im.st);
    im.files = calloc(options->file_count ? options->file_count : 1, sizeof *im.files);
    if (im.files == NULL) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < options->file_count; i++) {
        im.files[i].path = options->paths[i];
        im.files[i].table = options->tables[i];
        result->tables[options->tables[i]].present = true;
    }
    err = refuse_views(&im);
    if (err == CK_OK)
        err = input_file_read_headers(im.files, options->file_count, options->encoding,
                                      csv_import_on_file_problem, &im, diag);
    if (err == CK_OK && result->problems > 0)
        err = CK_ERR_DATA; /* before any row is read */
    if (err == CK_OK && options->rejects_path != NULL)
        err = begin_rejects(&im);
    if (err != CK_OK)
        goto done;
    bulkload_begin(&im.bulk, db);
    bulk_begun = true;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        err = csv_import_db_fail(&im, "cannot start writing (is another program writing to it?)");
        goto done;
    }
    began = true;
    err = load_state(&im);
    for (rules_table t = 0; t < RULES_TABLE_COUNT && err == CK_OK; t++)
        if (result->tables[t].present)
            err = import_table(&im, t);
    if (err == CK_OK && result->bad_rows > 0 && im.rejects == NULL)
        err = CK_ERR_DATA;
    if (err == CK_OK && im.rejects != NULL) {
        if (im.late_count > 0)
            qsort(im.late, im.late_count, sizeof *im.late, late_order);
        err = write_late_rejects(&im);
    }
    /* the rejects are on disk before the rows they leave out are committed */
    if (err == CK_OK && im.rejects != NULL)
        err = rejects_finish(im.rejects, diag);
    if (err != CK_OK)
        goto done;
    uint64_t inserted = 0;
    for (int t = 0; t < RULES_TABLE_COUNT; t++)
        inserted += result->tables[t].inserted;
    /* With no new row, a commit would still bump the file's change counter (drop_indexes
     * and the savepoints touched pages): roll back, so a no-op import changes no byte. */
    if (sqlite3_exec(db, inserted > 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK) {
        err = csv_import_db_fail(&im, "cannot commit");
        goto done;
    }
    result->committed = true;
    if (im.rejects != NULL)
        err = rejects_commit(im.rejects, diag);
done:
    if (began && !result->committed)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    if (bulk_begun)
        bulkload_end(&im.bulk);
    if (err == CK_ERR_NOMEM && diag->text[0] == '\0')
        ck_diag_set(diag, "out of memory");
    finalize_table(&im);
    rejects_free(im.rejects);
    rules_state_free(&im.st);
    free(im.runs);
    for (size_t i = 0; i < im.late_count; i++)
        free(im.late[i].reason);
    free(im.late);
    input_file_free_headers(im.files, options->file_count);
    free(im.files);
    return err;
}
