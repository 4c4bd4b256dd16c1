/* xlsx_book.c - the workbook as a whole: checking the database's texts, the temporary file
 * (atomic_file) and the rename, the document properties, and the sheets in their order.
 *
 * Determinism: libxlsxwriter stamps its zip entries with a fixed date, and the one clock it
 * reads, the document's creation time, is set here to the as-of time of the report.
 * The sheets charts read are kept in memory: constant_memory drops the cached values of
 * chart series (charts then look empty to viewers that do not recalculate, and text
 * categories lose their type). The list sheets, whose rows grow with the period, are
 * streamed one by one instead (xlsx_sheet_open_streamed; see docs/report.md).
 */
#include "collectkpi/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/atomic_file.h"
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
    for (size_t i = 0; i < len; i += utf8_sequence_length(text + i))
        chars++;
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
    for (size_t i = 0; err == CK_OK && i < r->promise_count; i++) {
        kpi_promise one;
        if ((err = kpi_result_promise(r, i, &one, diag)) == CK_OK)
            err = check_text(one.case_no, "promises", one.promise_id, "the case_no of its case",
                             diag);
    }
    for (size_t i = 0; err == CK_OK && i < r->complaint_count; i++)
        err = check_text(r->complaints[i].case_no, "complaints", r->complaints[i].complaint_id,
                         "the case_no of its case", diag);
    for (size_t i = 0; err == CK_OK && i < r->breach_count; i++) {
        kpi_breach one;
        if ((err = kpi_result_breach(r, i, &one, diag)) == CK_OK)
            err = check_text(one.case_no, "contacts", one.contact_id, "the case_no of its case",
                             diag);
    }
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

static ck_error list_trend_teams(xlsx_book *book, ck_diag *diag)
{
    ck_error err = report_trend_teams(book->data, &book->trend_teams, &book->trend_team_count);
    if (err != CK_OK)
        ck_diag_set(diag, "out of memory while listing the trend's teams");
    return err;
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
        err = list_trend_teams(book, diag);
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
        err = xlsx_write_agent_trend(book, diag);
    if (err == CK_OK)
        err = xlsx_write_promises(book, diag);
    if (err == CK_OK)
        err = xlsx_write_complaints(book, diag);
    if (err == CK_OK)
        err = xlsx_write_compliance(book, diag);
    if (err == CK_OK)
        err = xlsx_write_definitions(book, diag);
    return err;
}

ck_error xlsx_write(const char *report_dir, const report_data *data, xlsx_cut *cut, ck_diag *diag)
{
    if (cut != NULL)
        memset(cut, 0, sizeof *cut);
    ck_error err = xlsx_check_texts(data, diag);
    if (err != CK_OK)
        return err;

    char name[XLSX_FILE_NAME_SIZE], path[4096];
    xlsx_file_name(&data->current->period, name, sizeof name);
    int n = snprintf(path, sizeof path, "%s/%s", report_dir, name);
    if (n < 0 || (size_t)n >= sizeof path) {
        ck_diag_set(diag, "the report folder's path is too long");
        return CK_ERR_IO;
    }
    xlsx_book book;
    memset(&book, 0, sizeof book);
    book.data = data;
    book.current = data->current;
    book.lang = data->lang;
    period_label(&data->current->period, book.period_label, sizeof book.period_label);

    atomic_file file;
    err = xlsx_workbook_start(path, &file, &book.workbook, diag);
    if (err != CK_OK)
        return err;
    err = write_sheets(&book, diag);
    if (err != CK_OK) {
        lxw_workbook_free(book.workbook);
        goto done;
    }
    err = xlsx_workbook_commit(book.workbook, &file, path, diag);
    if (err == CK_OK && cut != NULL)
        *cut = book.cut;

done:
    atomic_file_abort(&file);
    free(book.trend_teams);
    return err;
}
