/* xlsx_lists.c - the Promises and Complaints sheets: the team lead's follow-up
 * lists, one row per promise or complaint of the period, in the engine's order.
 *
 * Promises lists only the promises due in the period that were broken or are still pending
 * (kept ones need no follow-up); broken rows are tinted red, pending ones yellow. Cases are
 * named by case_no only: the kpi_result carries no debtor reference, so none can leak here.
 */
#include <stdlib.h>

#include "collectkpi/codes.h"
#include "collectkpi/labels.h"
#include "xlsx_internal.h"

#define HEADER_ROWS 2

static const kpi_agent *agent_at(const kpi_result *r, size_t index)
{
    return index < r->agent_count ? &r->agents[index] : NULL;
}

static const char *agent_team(const kpi_result *r, const kpi_agent *agent)
{
    if (agent == NULL || agent->team_index >= r->team_count)
        return "";
    return r->teams[agent->team_index].name;
}

static void labels_of(const xlsx_book *book, const char *const *keys, const char **labels,
                      size_t count)
{
    for (size_t i = 0; i < count; i++)
        labels[i] = xlsx_column_label(keys[i], book->lang);
}

/* An empty list says so below its header, so nobody wonders whether it failed. */
static void empty_note(xlsx_sheet *sheet, const char *key)
{
    xlsx_text_wide(sheet, HEADER_ROWS, 0, xlsx_label(sheet->book, key), sheet->book->note);
}

static void finish_list(xlsx_sheet *sheet, size_t rows, size_t columns, lxw_col_t frozen_cols)
{
    worksheet_freeze_panes(sheet->worksheet, HEADER_ROWS, frozen_cols);
    lxw_row_t last = (lxw_row_t)(rows > 0 ? HEADER_ROWS + rows - 1 : HEADER_ROWS - 1);
    lxw_error err =
        worksheet_autofilter(sheet->worksheet, HEADER_ROWS - 1, 0, last, (lxw_col_t)(columns - 1));
    if (err != LXW_NO_ERROR && sheet->error == LXW_NO_ERROR)
        sheet->error = err;
    xlsx_sheet_print_setup(sheet, 0, HEADER_ROWS - 1);
}

ck_error xlsx_write_promises(xlsx_book *book, ck_diag *diag)
{
    static const char *const keys[] = {"case_no", "employee_no", "agent_name",  "team",  "made_at",
                                       "due_on",  "amount",      "paid_toward", "status"};
    enum { COLUMNS = sizeof keys / sizeof keys[0] };
    const char *labels[COLUMNS];
    labels_of(book, keys, labels, COLUMNS);
    const kpi_result *r = book->current;

    xlsx_sheet sheet;
    ck_error err = xlsx_sheet_open(book, "Promises", COLUMNS, &sheet, diag);
    if (err != CK_OK)
        return err;
    xlsx_header(&sheet, 0, 0, keys, labels, COLUMNS);
    size_t rows = 0;
    for (size_t i = 0; i < r->promise_count; i++) {
        const kpi_promise *p = &r->promises[i];
        if (p->status == KPI_PROMISE_KEPT)
            continue;
        lxw_row_t row = (lxw_row_t)(HEADER_ROWS + rows++);
        bool broken = p->status == KPI_PROMISE_BROKEN;
        xlsx_style style = broken ? XLSX_STYLE_ALERT : XLSX_STYLE_WARN;
        const kpi_agent *agent = agent_at(r, p->agent_index);
        xlsx_cell_text(&sheet, row, 0, p->case_no != NULL ? p->case_no : "", XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 1, agent != NULL ? agent->employee_no : "", XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 2, agent != NULL ? agent->name : "", XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 3, agent_team(r, agent), XLSX_STYLE_PLAIN);
        xlsx_timestamp(&sheet, row, 4, p->made_at, XLSX_STYLE_PLAIN);
        xlsx_date(&sheet, row, 5, p->due_on, XLSX_STYLE_PLAIN);
        xlsx_money(&sheet, row, 6, p->amount_minor, XLSX_STYLE_PLAIN);
        xlsx_money(&sheet, row, 7, p->paid_toward_minor, XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 8,
                       xlsx_label(book, broken ? "promise.broken" : "promise.pending"), style);
    }
    if (rows == 0)
        empty_note(&sheet, "report.promises.empty");
    finish_list(&sheet, rows, COLUMNS, 1);
    return xlsx_sheet_close(&sheet, 8.0, 40.0, diag);
}

static const char *substantiated_label(const xlsx_book *book, int substantiated)
{
    if (substantiated > 0)
        return xlsx_label(book, "complaint.substantiated.yes");
    if (substantiated == 0)
        return xlsx_label(book, "complaint.substantiated.no");
    return xlsx_label(book, "complaint.substantiated.review");
}

ck_error xlsx_write_complaints(xlsx_book *book, ck_diag *diag)
{
    static const char *const keys[] = {
        "received_at", "case_no",  "employee_no",   "agent_name",  "team",
        "source",      "category", "substantiated", "resolved_at", "days_to_resolve"};
    enum { COLUMNS = sizeof keys / sizeof keys[0] };
    const char *labels[COLUMNS];
    labels_of(book, keys, labels, COLUMNS);
    const kpi_result *r = book->current;

    xlsx_sheet sheet;
    ck_error err = xlsx_sheet_open(book, "Complaints", COLUMNS, &sheet, diag);
    if (err != CK_OK)
        return err;
    xlsx_header(&sheet, 0, 0, keys, labels, COLUMNS);
    for (size_t i = 0; i < r->complaint_count; i++) {
        const kpi_complaint *c = &r->complaints[i];
        lxw_row_t row = (lxw_row_t)(HEADER_ROWS + i);
        const kpi_agent *agent = agent_at(r, c->agent_index);
        xlsx_timestamp(&sheet, row, 0, c->received_at, XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 1, c->case_no != NULL ? c->case_no : "", XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 2, agent != NULL ? agent->employee_no : "", XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 3, agent != NULL ? agent->name : "", XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 4, agent_team(r, agent), XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 5, labels_code(&codes_complaint_source, c->source, book->lang),
                       XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 6,
                       labels_code(&codes_complaint_category, c->category, book->lang),
                       XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 7, substantiated_label(book, c->substantiated),
                       c->substantiated > 0 ? XLSX_STYLE_ALERT : XLSX_STYLE_PLAIN);
        if (c->resolved) {
            xlsx_timestamp(&sheet, row, 8, c->resolved_at, XLSX_STYLE_PLAIN);
            xlsx_number(&sheet, row, 9, c->days_to_resolve.defined, c->days_to_resolve.value,
                        XLSX_NUM_DAYS, XLSX_STYLE_PLAIN);
        } else {
            xlsx_blank(&sheet, row, 8, XLSX_NUM_DATETIME, XLSX_STYLE_PLAIN);
            xlsx_blank(&sheet, row, 9, XLSX_NUM_DAYS, XLSX_STYLE_PLAIN);
        }
    }
    if (r->complaint_count == 0)
        empty_note(&sheet, "report.complaints.empty");
    finish_list(&sheet, r->complaint_count, COLUMNS, 0);
    return xlsx_sheet_close(&sheet, 8.0, 45.0, diag);
}
