/* csv_import_rows.c - the rows of an import run (see csv_import_internal.h): their
 * problems and reasons, the reading thread's rules of a row alone (prepare_row), the calling
 * thread's rules against the run's rows and the INSERT, one row at a time or in batches of
 * clean rows (row_batch.h), and the reading of one file through the row pipeline. */
#include "csv_import_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "row_pipeline.h"
#include "collectkpi/db.h"
#include "collectkpi/vec.h"

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

void csv_import_emit(importer *im, size_t file, long line, const char *text)
{
    im->res->problems++;
    if (im->opt->problem != NULL)
        im->opt->problem(im->opt->ctx, im->files[file].path, line, text);
}

/* The row at line of the file being read is next: no problem, no reason yet. */
static void begin_row(importer *im, long line)
{
    im->line = line;
    im->row_problems = 0;
    im->reasons_len = 0;
    im->reasons[0] = '\0';
}

/* A problem of the row being read. */
static void row_problem(importer *im, const char *text)
{
    csv_import_emit(im, im->file, im->line, text);
    add_reason(im, text);
    im->row_problems++;
}

static void on_rule_problem(void *ctx, const rules_problem *problem)
{
    row_problem(ctx, problem->text);
}

void csv_import_on_file_problem(void *ctx, size_t file, long line, const char *text)
{
    csv_import_emit(ctx, file, line, text);
}

/* ---- rows ---- */

ck_error csv_import_db_fail(importer *im, const char *what)
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
        err = csv_import_db_fail(im, "reading a stored row");
    }
    sqlite3_reset(im->select);
    return err;
}

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
        row_batch_note_written(&im->batch, row); /* (a batch's rows were noted as they came) */
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
        err = csv_import_db_fail(im, "writing a row");
    }
    return err;
}

/* The row as it was read, in the rejects file's layout, with im->reasons. */
ck_error csv_import_write_reject_fields(importer *im, const csv_record *rec)
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
    return im->rejects != NULL ? csv_import_write_reject_fields(im, rec) : CK_OK;
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
        begin_row(im, e->record.line);
        if (written) {
            err = row_written(im, e->row);
            continue;
        }
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
    begin_row(im, rec->line);
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
ck_error csv_import_read_file(importer *im, size_t i,
                              ck_error (*record)(void *, const csv_record *))
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
        csv_import_emit(im, i, bad_line, why.text); /* the reader's own: CSV syntax, encoding */
        im->res->bad_rows++;
    } else if (err != CK_OK && im->diag->text[0] == '\0') {
        ck_diag_set(im->diag, "%s: %s", im->files[i].path,
                    why.text[0] ? why.text : ck_strerror(err));
    }
    return err;
}
