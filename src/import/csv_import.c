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
 * the database file's bytes as they were. Large loads go through bulkload.h. input_file.c reads
 * and checks the headers and maps their fields to the contract's columns; csv_import_files.c has
 * the table of a file name and the header-only templates.
 */
#include "collectkpi/csv_import.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bulkload.h"
#include "case_refs.h"
#include "input_file.h"
#include "row_batch.h"
#include "row_pipeline.h"
#include "collectkpi/db.h"
#include "collectkpi/rejects.h"
#include "collectkpi/vec.h"

#define REASONS_SIZE 2048

/* A row of assignments or payments blamed by the rules over a case, after it was written. */
typedef struct late_reject {
    size_t file;
    long line;
    int64_t id;
    char *reason;
} late_reject;

typedef struct importer {
    sqlite3 *db;
    const csv_import_options *opt;
    csv_import_result *res;
    ck_diag *diag;
    input_file *files;
    rules_state st;
    rejects *rejects;
    /* the file being read */
    size_t file;
    bool header_seen;
    sqlite3_stmt *insert, *select, *delete;
    /* the clean rows waiting to be written together (row_batch.h); batching: the table's
     * rows may wait there */
    row_batch batch;
    bool batching;
    /* the row being read */
    long line;
    size_t row_problems;
    char reasons[REASONS_SIZE];
    size_t reasons_len;
    /* assignments and payments written by this run, as runs of consecutive ids read from
     * consecutive lines (a file in id order is one run, so memory does not grow with the
     * load); origin: file << ORIGIN_LINE_BITS | line */
    rules_new_rows *runs;
    size_t run_count, run_capacity;
    late_reject *late;
    size_t late_count, late_capacity, late_cursor;
    uint64_t written;
    bulkload bulk;
} importer;

/* ---- problems ---- */

static void add_reason(importer *im, const char *text)
{
    size_t n = strlen(text);
    if (im->reasons_len + n + 3 >= REASONS_SIZE)
        return;
    if (im->reasons_len > 0) {
        memcpy(im->reasons + im->reasons_len, "; ", 2);
        im->reasons_len += 2;
    }
    memcpy(im->reasons + im->reasons_len, text, n + 1);
    im->reasons_len += n;
}

static void emit(importer *im, size_t file, long line, const char *text)
{
    im->res->problems++;
    if (im->opt->problem != NULL)
        im->opt->problem(im->opt->ctx, im->files[file].path, line, text);
}

/* A problem of the row being read. */
static void row_problem(importer *im, const char *text)
{
    emit(im, im->file, im->line, text);
    add_reason(im, text);
    im->row_problems++;
}

static void on_rule_problem(void *ctx, const rules_problem *problem)
{
    row_problem(ctx, problem->text);
}

static void on_file_problem(void *ctx, size_t file, long line, const char *text)
{
    emit(ctx, file, line, text);
}

/* ---- rows ---- */

static ck_error db_fail(importer *im, const char *what)
{
    ck_diag_set(im->diag, "%s: %s", what, sqlite3_errmsg(im->db));
    return CK_ERR_DB;
}

/* The stored row with the same id: skipped when it says the same, a problem otherwise. */
static ck_error compare_stored(importer *im, const rules_row *row)
{
    const schema_table *info = &schema_tables[row->table];
    sqlite3_bind_int64(im->select, 1, row->v[0].num);
    int rc = sqlite3_step(im->select);
    ck_error err = CK_OK;
    if (rc == SQLITE_ROW) {
        rules_field fields[SCHEMA_MAX_COLUMNS];
        rules_row stored;
        rules_fields_from_stmt(im->select, 0, info->column_count, fields);
        rules_check_row(row->table, fields, &stored, NULL, NULL);
        if (rules_row_equal(&stored, row)) {
            im->res->tables[row->table].identical++;
        } else {
            char differ[256] = "", a[1200], b[1200], text[3000];
            size_t o = 0;
            for (size_t c = 1; c < info->column_count; c++)
                if (!rules_value_equal(&stored, row, c) && o < sizeof differ)
                    o += (size_t)snprintf(differ + o, sizeof differ - o, "%s%s", o ? ", " : "",
                                          info->columns[c].name);
            rules_format_row(&stored, a, sizeof a);
            rules_format_row(row, b, sizeof b);
            snprintf(text, sizeof text,
                     "%s %" PRId64 " exists already with other content (different: %s): "
                     "stored [%s], this file [%s]",
                     info->columns[0].name, row->v[0].num, differ, a, b);
            row_problem(im, text);
        }
    } else if (rc == SQLITE_DONE) {
        row_problem(im, "the database refused the row");
    } else {
        err = db_fail(im, "reading a stored row");
    }
    sqlite3_reset(im->select);
    return err;
}

/* A line number and a file index packed in one origin: 2^40 lines, 2^24 files. */
#define ORIGIN_LINE_BITS 40

static ck_error remember_item(importer *im, const rules_row *row)
{
    if ((uint64_t)im->line >= UINT64_C(1) << ORIGIN_LINE_BITS ||
        im->file >= (size_t)1 << (64 - ORIGIN_LINE_BITS)) {
        ck_diag_set(im->diag, "too many lines or files for one import");
        return CK_ERR_USAGE;
    }
    int64_t id = row->v[0].num;
    uint64_t origin = (uint64_t)im->file << ORIGIN_LINE_BITS | (uint64_t)im->line;
    rules_new_rows *last = im->run_count > 0 ? &im->runs[im->run_count - 1] : NULL;
    if (last != NULL && last->last_id < INT64_MAX && id == last->last_id + 1 &&
        origin == last->first_origin + (uint64_t)(id - last->first_id)) {
        last->last_id = id;
        return CK_OK;
    }
    if (!VEC_RESERVE(im->runs, im->run_capacity, im->run_count + 1))
        return CK_ERR_NOMEM;
    im->runs[im->run_count++] = (rules_new_rows){id, id, origin};
    return CK_OK;
}

/* The row's code is taken (the table's UNIQUE constraint said so; rules_state keeps no
 * codes for it): the same problem rules_check_links reports from the codes it keeps.
 * refusal: SQLite's message, for a UNIQUE index of another tool's that is not the code's. */
static ck_error name_code_holder(importer *im, const rules_row *row, const char *refusal)
{
    int64_t holder;
    bool found;
    ck_error err = rules_code_holder(im->db, row, &holder, &found, im->diag);
    if (err == CK_OK && found)
        rules_say_code_used(row, holder, on_rule_problem, im);
    else if (err == CK_OK)
        row_problem(im, refusal);
    return err;
}

/* What follows a row's write, alone or in a batch: counted, and known to the rules. */
static ck_error row_written(importer *im, const rules_row *row)
{
    bool known;
    im->res->tables[row->table].inserted++;
    ck_error err = rules_state_add(&im->st, row, &known);
    row_batch_note_written(&im->batch, row);
    if (err == CK_OK && (row->table == RULES_ASSIGNMENTS || row->table == RULES_PAYMENTS))
        err = remember_item(im, row);
    if (im->opt->abort_after_rows != 0 && ++im->written >= im->opt->abort_after_rows)
        abort(); /* the test hook: a crash in the middle of the transaction */
    return err;
}

static ck_error insert_row(importer *im, const rules_row *row)
{
    row_batch_bind(im->insert, 1, row);
    int rc = sqlite3_step(im->insert);
    sqlite3_reset(im->insert);
    ck_error err = CK_OK;
    if (rc == SQLITE_DONE && sqlite3_changes(im->db) == 0) {
        /* another tool's trigger dropped it (RAISE(IGNORE)): not stored, so not imported */
        row_problem(im, "the database did not store the row (a trigger of its own ignored it)");
    } else if (rc == SQLITE_DONE) {
        err = row_written(im, row);
    } else if (sqlite3_get_autocommit(im->db)) {
        /* the transaction is gone (another tool's trigger raised ROLLBACK): what the run
         * wrote is undone, and nothing more may be written outside a transaction */
        ck_diag_set(im->diag, "writing a row: %s (the database ended the import's transaction)",
                    sqlite3_errmsg(im->db));
        err = CK_ERR_DB;
    } else if (sqlite3_extended_errcode(im->db) == SQLITE_CONSTRAINT_PRIMARYKEY) {
        err = compare_stored(im, row);
    } else if ((rc & 0xFF) == SQLITE_CONSTRAINT) {
        char text[600];
        snprintf(text, sizeof text, "the database refused the row: %s", sqlite3_errmsg(im->db));
        if (sqlite3_extended_errcode(im->db) == SQLITE_CONSTRAINT_UNIQUE &&
            row->table <= RULES_CASES && im->st.codes_in_db[row->table])
            err = name_code_holder(im, row, text);
        else
            row_problem(im, text);
    } else {
        err = db_fail(im, "writing a row");
    }
    return err;
}

/* The row as it was read, in the rejects file's layout, with im->reasons. */
static ck_error write_reject_fields(importer *im, const csv_record *rec)
{
    const input_file *f = &im->files[im->file];
    if (!f->remap || rec->count != f->field_count)
        return rejects_write(im->rejects, f->table, rec->text, rec->len, rec->count, im->reasons,
                             im->diag);
    const char *texts[SCHEMA_MAX_COLUMNS];
    size_t lens[SCHEMA_MAX_COLUMNS];
    size_t n = schema_tables[f->table].column_count;
    for (size_t c = 0; c < n; c++) {
        int i = f->field_of_column[c];
        texts[c] = i >= 0 ? rec->text[i] : NULL;
        lens[c] = i >= 0 ? rec->len[i] : 0;
    }
    return rejects_write(im->rejects, f->table, texts, lens, n, im->reasons, im->diag);
}

static ck_error write_reject(importer *im, const csv_record *rec)
{
    const input_file *f = &im->files[im->file];
    im->res->tables[f->table].rejected++;
    im->res->bad_rows++;
    return im->rejects != NULL ? write_reject_fields(im, rec) : CK_OK;
}

/* What the reading thread made of one record (row_pipeline.h). */
typedef struct prepared_row {
    bool counted; /* as many fields as the header: row is parsed */
    bool linked;  /* the rules against the stored rows ran there too */
    rules_row row;
} prepared_row;

/* What the reading thread reads: fixed while a file is read. */
typedef struct prepare_context {
    const input_file *file;
    const rules_state *st;
    bool link; /* st does not change while this table is loaded */
} prepare_context;

static void note_problem(void *ctx, const rules_problem *problem)
{
    row_pipeline_note(ctx, problem->text);
}

/* On the reading thread: the rules of the row alone and, for the tables after cases (whose
 * rows add nothing to st), its references and placement. The problems become notes, in the
 * order on_row reported them. */
static void prepare_row(const void *ctx, const csv_record *rec, size_t index, void *slot,
                        row_pipeline_notes *notes)
{
    const prepare_context *pc = ctx;
    const input_file *f = pc->file;
    const schema_table *info = &schema_tables[f->table];
    prepared_row *p = slot;
    if (index == 0 || rec->count != f->field_count)
        return; /* the header (read by input_file_read_headers), or a problem found by on_row */
    rules_field fields[SCHEMA_MAX_COLUMNS];
    for (size_t c = 0; c < info->column_count; c++) {
        int i = f->field_of_column[c];
        const char *text = i >= 0 ? rec->text[i] : info->columns[c].default_text;
        fields[c] = text == NULL ? (rules_field){.type = RULES_FIELD_NULL}
                                 : (rules_field){.type = RULES_FIELD_TEXT,
                                                 .text = text,
                                                 .len = i >= 0 ? rec->len[i] : strlen(text)};
    }
    p->counted = true;
    if (rules_check_row(f->table, fields, &p->row, note_problem, notes) == 0 && pc->link) {
        p->linked = true;
        rules_check_links(pc->st, &p->row, note_problem, notes);
    }
}

/* Writes the rows waiting in the batch: in one statement, or, when that cannot be, one by
 * one exactly as on_row would have written them (row_batch.h). Called before any other
 * row's outcome is settled, so problems and rejects keep the file's order. */
static ck_error write_batch(importer *im)
{
    row_batch *b = &im->batch;
    if (b->count == 0)
        return CK_OK;
    bool written = false;
    ck_error err = row_batch_write(b, &written, im->diag);
    for (size_t i = 0; i < b->count && err == CK_OK; i++) {
        const row_batch_entry *e = &b->entries[i];
        im->line = e->record.line;
        if (written) {
            err = row_written(im, e->row);
            continue;
        }
        im->row_problems = 0;
        im->reasons_len = 0;
        im->reasons[0] = '\0';
        err = insert_row(im, e->row);
        if (err == CK_OK && im->row_problems > 0)
            err = write_reject(im, &e->record);
    }
    row_batch_clear(b);
    return err;
}

/* Whether a row may wait in the batch: it passed every rule so far, it goes at the end of
 * the table (row_batch_fits: its id is after every other, so neither stored nor waiting),
 * and what happens to it depends on no row still waiting. The rows of the tables after
 * cases change nothing the rules read (their links were checked on the reading thread); a
 * case waits unless a rule of its links fails (then the problems are reported in order).
 * Tables whose codes the rules keep (teams, agents: a waiting row's code is not kept yet)
 * never batch: im->batching. */
static bool may_wait(importer *im, const prepared_row *p, size_t note_count)
{
    if (!im->batching || !p->counted || note_count > 0 || !row_batch_fits(&im->batch, &p->row))
        return false;
    const rules_row *row = &p->row;
    if (row->table > RULES_CASES)
        return p->linked;
    return !rules_state_has(&im->st, row->table, row->v[0].num) &&
           rules_check_links(&im->st, row, NULL, NULL) == 0;
}

/* On the calling thread, in file order: the problems found while reading, then the rest of
 * the rules and the INSERT (a clean row through the batch). */
static ck_error on_row(void *ctx, const csv_record *rec, size_t index, void *slot,
                       const char *const *notes, size_t note_count)
{
    importer *im = ctx;
    const input_file *f = &im->files[im->file];
    prepared_row *p = slot;
    if (index == 0)
        return CK_OK; /* the header: read and checked by read_headers */
    im->res->tables[f->table].read++;
    if (may_wait(im, p, note_count))
        return row_batch_add(&im->batch, &p->row, rec) ? write_batch(im) : CK_OK;
    ck_error err = write_batch(im);
    if (err != CK_OK)
        return err;
    im->line = rec->line;
    im->row_problems = 0;
    im->reasons_len = 0;
    im->reasons[0] = '\0';
    if (!p->counted) {
        char text[128];
        snprintf(text, sizeof text, "%zu field%s where the header has %zu", rec->count,
                 rec->count == 1 ? "" : "s", f->field_count);
        row_problem(im, text);
    } else {
        for (size_t i = 0; i < note_count; i++)
            row_problem(im, notes[i]);
        if (im->row_problems == 0) {
            if (f->table <= RULES_CASES && rules_state_has(&im->st, f->table, p->row.v[0].num))
                err = compare_stored(im, &p->row);
            else if (p->linked || rules_check_links(&im->st, &p->row, on_rule_problem, im) == 0)
                err = insert_row(im, &p->row);
        }
    }
    if (err == CK_OK && im->row_problems > 0)
        err = write_reject(im, rec);
    return err;
}

/* The end of a block of records: the rows waiting point into it. */
static ck_error on_block_consumed(void *ctx)
{
    return write_batch(ctx);
}

static void progress(void *ctx, uint64_t done, uint64_t total)
{
    importer *im = ctx;
    if (im->opt->progress != NULL)
        im->opt->progress(im->opt->ctx, im->files[im->file].path, done, total);
}

/* Reads file i with record (late rejects) or, when record is NULL, through the row
 * pipeline with prepare_row and on_row (the rows). */
static ck_error read_file(importer *im, size_t i, ck_error (*record)(void *, const csv_record *))
{
    im->file = i;
    im->header_seen = false;
    FILE *in = fopen(im->files[i].path, "rb");
    if (in == NULL) {
        ck_diag_set(im->diag, "cannot read '%s': %s", im->files[i].path, strerror(errno));
        return CK_ERR_IO;
    }
    long bad_line;
    ck_diag why = {{0}};
    ck_error err;
    if (record != NULL) {
        csv_reader_options ro = {
            .encoding = im->opt->encoding, .record = record, .progress = progress, .ctx = im};
        err = csv_reader_run(in, &ro, &bad_line, &why);
    } else {
        prepare_context pc = {
            .file = &im->files[i], .st = &im->st, .link = im->files[i].table > RULES_CASES};
        row_pipeline_options po = {.encoding = im->opt->encoding,
                                   .slot_size = sizeof(prepared_row),
                                   .prepare = prepare_row,
                                   .prepare_ctx = &pc,
                                   .consume = on_row,
                                   .consumed = on_block_consumed,
                                   .progress = progress,
                                   .ctx = im};
        err = row_pipeline_run(in, &po, &bad_line, &why);
        row_batch_clear(&im->batch); /* written unless the run stopped: then never */
    }
    fclose(in);
    if (err == CK_ERR_DATA && why.text[0] != '\0') {
        emit(im, i, bad_line, why.text); /* the reader's own: CSV syntax, encoding */
        im->res->bad_rows++;
    } else if (err != CK_OK && im->diag->text[0] == '\0') {
        ck_diag_set(im->diag, "%s: %s", im->files[i].path,
                    why.text[0] ? why.text : ck_strerror(err));
    }
    return err;
}

/* ---- the rules over all rows of a case, after a table ---- */

static void on_group_problem(void *ctx, const rules_problem *problem)
{
    importer *im = ctx;
    /* stored rows are never blamed: the origin is a written row's */
    size_t file = (size_t)(problem->origin >> ORIGIN_LINE_BITS);
    long line = (long)(problem->origin & ((UINT64_C(1) << ORIGIN_LINE_BITS) - 1));
    emit(im, file, line, problem->text);
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
            err = db_fail(im, "leaving out a row");
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
    return write_reject_fields(im, rec);
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
            err = read_file(im, i, on_late_row);
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
     * row is always refused, and reported (insert_row). */
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
        return db_fail(im, "cannot start loading a table");
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
            err = read_file(im, i, NULL);
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
        err = db_fail(im, "putting back a table");
    if (sqlite3_exec(im->db, "RELEASE load_table", NULL, NULL, NULL) != SQLITE_OK && err == CK_OK)
        err = db_fail(im, "finishing a table");
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
                                      on_file_problem, &im, diag);
    if (err == CK_OK && result->problems > 0)
        err = CK_ERR_DATA; /* before any row is read */
    if (err == CK_OK && options->rejects_path != NULL)
        err = begin_rejects(&im);
    if (err != CK_OK)
        goto done;
    bulkload_begin(&im.bulk, db);
    bulk_begun = true;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        err = db_fail(&im, "cannot start writing (is another program writing to it?)");
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
        err = db_fail(&im, "cannot commit");
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
