/* xlsx_book.c - the workbook as a whole (issue 3): checking the database's texts, the
 * temporary file and the rename, the document properties, and the sheets in their order.
 *
 * Determinism: libxlsxwriter stamps its zip entries with a fixed date, and the one clock it
 * reads, the document's creation time, is set here to the as-of time of the report.
 * The workbook is written without constant_memory: that mode drops the cached values of
 * chart series (charts then look empty to viewers that do not recalculate, and text
 * categories lose their type), and the largest sheet of the benchmark database, Promises,
 * is small enough to keep in memory (see docs/report.md).
 */
#include "collectkpi/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectkpi/datetime.h"
#include "collectkpi/labels.h"
#include "collectkpi/utf8.h"
#include "xlsx_internal.h"

/* Excel's limit for the text of one cell, in characters. */
#define CELL_TEXT_MAX 32767

void xlsx_file_name(const period *p, char *out, size_t size)
{
    char label[32];
    period_label(p, label, sizeof label);
    snprintf(out, size, "collectkpi-%s.xlsx", label);
}

/* One database text: valid UTF-8 (invalid bytes corrupt the shared strings of 1.1.4) and not
 * longer than a cell holds (the library would print a warning and drop it). */
static ck_error check_text(const char *text, const char *what, int64_t row_id, const char *column,
                           ck_diag *diag)
{
    if (text == NULL)
        return CK_OK;
    size_t len = strlen(text);
    size_t bad = 0;
    if (!utf8_valid(text, len, &bad)) {
        ck_diag_set(diag,
                    "%s row %lld: %s is not valid UTF-8 (bad byte at offset %zu); fix the "
                    "text in the database",
                    what, (long long)row_id, column, bad);
        return CK_ERR_DATA;
    }
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    if (chars > CELL_TEXT_MAX) {
        ck_diag_set(diag, "%s row %lld: %s has %zu characters, more than a cell holds (%d)", what,
                    (long long)row_id, column, chars, CELL_TEXT_MAX);
        return CK_ERR_DATA;
    }
    return CK_OK;
}

static ck_error check_result(const kpi_result *r, ck_diag *diag)
{
    ck_error err = CK_OK;
    for (size_t i = 0; err == CK_OK && i < r->team_count; i++)
        err = check_text(r->teams[i].name, "teams", r->teams[i].team_id, "name", diag);
    for (size_t i = 0; err == CK_OK && i < r->agent_count; i++) {
        err = check_text(r->agents[i].employee_no, "agents", r->agents[i].agent_id, "employee_no",
                         diag);
        if (err == CK_OK)
            err = check_text(r->agents[i].name, "agents", r->agents[i].agent_id, "name", diag);
    }
    for (size_t i = 0; err == CK_OK && i < r->promise_count; i++)
        err = check_text(r->promises[i].case_no, "promises", r->promises[i].promise_id,
                         "the case_no of its case", diag);
    for (size_t i = 0; err == CK_OK && i < r->complaint_count; i++)
        err = check_text(r->complaints[i].case_no, "complaints", r->complaints[i].complaint_id,
                         "the case_no of its case", diag);
    return err;
}

ck_error xlsx_check_texts(const report_data *data, ck_diag *diag)
{
    ck_error err = check_result(data->current, diag);
    if (err == CK_OK && data->previous != NULL)
        err = check_result(data->previous, diag);
    for (size_t i = 0; err == CK_OK && i < data->trend_count; i++)
        err = check_result(data->trend[i], diag);
    return err;
}

static int compare_trend_team(const void *a, const void *b)
{
    const xlsx_trend_team *x = a;
    const xlsx_trend_team *y = b;
    int c = strcmp(x->name, y->name);
    if (c != 0)
        return c;
    return (x->team_id > y->team_id) - (x->team_id < y->team_id);
}

ck_error xlsx_trend_teams(xlsx_book *book, ck_diag *diag)
{
    const report_data *data = book->data;
    size_t capacity = 0;
    for (size_t m = 0; m < data->trend_count; m++)
        capacity += data->trend[m]->team_count;
    book->trend_teams = calloc(capacity > 0 ? capacity : 1, sizeof *book->trend_teams);
    if (book->trend_teams == NULL) {
        ck_diag_set(diag, "out of memory while listing the trend's teams");
        return CK_ERR_NOMEM;
    }
    /* Newest month first, so a team's name is the one it has at the end of the trend. */
    for (size_t m = data->trend_count; m-- > 0;) {
        const kpi_result *r = data->trend[m];
        for (size_t t = 0; t < r->team_count; t++) {
            bool seen = false;
            for (size_t k = 0; k < book->trend_team_count && !seen; k++)
                seen = book->trend_teams[k].team_id == r->teams[t].team_id;
            if (!seen) {
                book->trend_teams[book->trend_team_count].team_id = r->teams[t].team_id;
                book->trend_teams[book->trend_team_count].name = r->teams[t].name;
                book->trend_team_count++;
            }
        }
    }
    qsort(book->trend_teams, book->trend_team_count, sizeof *book->trend_teams, compare_trend_team);
    return CK_OK;
}

static ck_error set_properties(xlsx_book *book, ck_diag *diag)
{
    char title[256];
    char comments[128];
    char author[] = "collectkpi";
    snprintf(title, sizeof title, "%s %s", xlsx_label(book, "report.title"), book->period_label);
    snprintf(comments, sizeof comments, "collectkpi %s", book->data->program_version);
    lxw_doc_properties properties;
    memset(&properties, 0, sizeof properties);
    properties.title = title;
    properties.author = author;
    properties.comments = comments;
    /* The as-of time (civil seconds, read by the library as UTC) instead of the wall clock,
     * so the same inputs give the same bytes; 0 would mean "now" to the library. */
    int64_t as_of = book->current->as_of;
    properties.created = (time_t)(as_of != 0 ? as_of : 1);
    lxw_error err = workbook_set_properties(book->workbook, &properties);
    if (err != LXW_NO_ERROR) {
        ck_diag_set(diag, "cannot set the workbook's properties: %s", lxw_strerror(err));
        return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static ck_error write_sheets(xlsx_book *book, ck_diag *diag)
{
    ck_error err = xlsx_formats_create(book, diag);
    if (err == CK_OK)
        err = set_properties(book, diag);
    if (err == CK_OK)
        err = xlsx_trend_teams(book, diag);
    /* The order of interface.md: each writer adds its sheet after the ones before. */
    if (err == CK_OK)
        err = xlsx_write_summary(book, diag);
    if (err == CK_OK)
        err = xlsx_write_agents(book, diag);
    if (err == CK_OK)
        err = xlsx_write_teams(book, diag);
    if (err == CK_OK && book->data->scores != NULL)
        err = xlsx_write_scores(book, diag);
    if (err == CK_OK)
        err = xlsx_write_trend(book, diag);
    if (err == CK_OK)
        err = xlsx_write_promises(book, diag);
    if (err == CK_OK)
        err = xlsx_write_complaints(book, diag);
    if (err == CK_OK)
        err = xlsx_write_definitions(book, diag);
    return err;
}

static char *join_path(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t size = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
    char *path = malloc(size);
    if (path != NULL)
        snprintf(path, size, "%s/%s%s%s", dir, prefix, name, suffix);
    return path;
}

ck_error xlsx_write(const char *report_dir, const report_data *data, ck_diag *diag)
{
    ck_error err = xlsx_check_texts(data, diag);
    if (err != CK_OK)
        return err;

    char name[XLSX_FILE_NAME_SIZE];
    xlsx_file_name(&data->current->period, name, sizeof name);
    xlsx_book book;
    memset(&book, 0, sizeof book);
    book.data = data;
    book.current = data->current;
    book.lang = data->current->settings.lang;
    period_label(&data->current->period, book.period_label, sizeof book.period_label);

    char *final_path = join_path(report_dir, "", name, "");
    char *temp_path = join_path(report_dir, ".", name, ".XXXXXX");
    bool temp_exists = false;
    if (final_path == NULL || temp_path == NULL) {
        ck_diag_set(diag, "out of memory");
        err = CK_ERR_NOMEM;
        goto done;
    }
    int fd = mkstemp(temp_path);
    if (fd < 0) {
        ck_diag_set(diag, "cannot create a file in '%s': %s", report_dir, strerror(errno));
        err = CK_ERR_IO;
        goto done;
    }
    temp_exists = true;
    /* mkstemp makes the file private; a report is shared like any file the user writes. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || close(fd) != 0) {
        ck_diag_set(diag, "cannot prepare '%s': %s", temp_path, strerror(errno));
        err = CK_ERR_IO;
        goto done;
    }

    lxw_workbook_options options = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    book.workbook = workbook_new_opt(temp_path, &options);
    if (book.workbook == NULL) {
        ck_diag_set(diag, "cannot start the workbook (out of memory)");
        err = CK_ERR_NOMEM;
        goto done;
    }
    err = write_sheets(&book, diag);
    if (err != CK_OK) {
        lxw_workbook_free(book.workbook);
        goto done;
    }
    lxw_error lxw_err = workbook_close(book.workbook);
    if (lxw_err != LXW_NO_ERROR) {
        ck_diag_set(diag, "cannot write '%s': %s", temp_path, lxw_strerror(lxw_err));
        err = CK_ERR_IO;
        goto done;
    }
    if (rename(temp_path, final_path) != 0) {
        ck_diag_set(diag, "cannot rename '%s' to '%s': %s", temp_path, final_path, strerror(errno));
        err = CK_ERR_IO;
        goto done;
    }
    temp_exists = false;

done:
    if (temp_exists)
        unlink(temp_path);
    free(book.trend_teams);
    free(final_path);
    free(temp_path);
    return err;
}
