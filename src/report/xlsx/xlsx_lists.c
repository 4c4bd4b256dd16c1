/* xlsx_lists.c - the Promises and Complaints sheets: the team lead's follow-up lists.
 *
 * Each sheet starts with a count per agent (who has the most to follow up), then the list:
 * one row per promise or complaint of the period. Promises lists only the promises due in
 * the period that were broken or are still pending (kept ones need no follow-up), grouped by
 * team with a page break before each team so each team lead gets their own pages; broken rows
 * are tinted red, pending ones yellow. Beside each promise: what is still missing, how long
 * ago its window closed, who holds the case now if it moved, the last contact and the
 * balance. Complaints keeps the order of receipt, with the days an open complaint has waited
 * and a flag past the handling limit. Every figure is the engine's (kpi_promise,
 * kpi_complaint). Cases are named by case_no only: the kpi_result carries no debtor
 * reference, so none can leak here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/labels.h"
#include "xlsx_internal.h"

#define TITLE_ROW   0
#define NOTE_ROW    1
#define FIRST_BLOCK 3
/* Excel keeps at most 1023 manual page breaks in a sheet. */
#define MAX_PAGE_BREAKS 1023

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

/* The list's header (label row, key row) at `top`, its autofilter over the rows below, the
 * header repeated on every printed page. */
static void finish_list(xlsx_sheet *sheet, lxw_row_t top, size_t rows, size_t columns)
{
    lxw_row_t last = (lxw_row_t)(rows > 0 ? top + 2 + rows - 1 : top + 1);
    xlsx_sheet_note_error(
        sheet, worksheet_autofilter(sheet->worksheet, top + 1, 0, last, (lxw_col_t)(columns - 1)));
    xlsx_sheet_print_setup(sheet, top, top + 1);
}

size_t xlsx_list_fit(lxw_row_t first, size_t rows)
{
    size_t room = first < LXW_ROW_MAX ? (size_t)(LXW_ROW_MAX - first) : 0;
    if (rows <= room)
        return rows;
    return room > 0 ? room - 1 : 0;
}

void xlsx_list_cut(xlsx_sheet *sheet, lxw_row_t row, size_t rows, size_t shown,
                   const char *hint_key, size_t *left_out)
{
    *left_out = rows - shown;
    if (*left_out == 0)
        return;
    char text[512];
    snprintf(text, sizeof text, xlsx_label(sheet->book, "report.list.cut"), *left_out,
             xlsx_label(sheet->book, hint_key));
    xlsx_text_wide(sheet, row, 0, text, sheet->book->alert_note);
}

/* ---- Promises ---- */

static int64_t promise_team(const kpi_result *r, const kpi_promise *p)
{
    const kpi_agent *agent = agent_at(r, p->agent_index);
    return agent != NULL ? (int64_t)agent->team_index : (int64_t)r->team_count;
}

/* A listed promise's place: its team and its index in the result's list (which may wait in a
 * temporary file: the sheet reads each promise again by its index when it writes the row). */
typedef struct promise_order {
    int64_t team;
    size_t index;
} promise_order;

/* Team (teams are sorted by name), then the engine's order: agent, due date, id. */
static int compare_promise_order(const void *a, const void *b)
{
    const promise_order *x = a, *y = b;
    if (x->team != y->team)
        return x->team < y->team ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Broken and pending promises per agent, most broken first: whom to talk to first. */
typedef struct agent_followup {
    size_t agent_index;
    int64_t broken, pending, shortfall_minor;
} agent_followup;

static int compare_agent_followup(const void *a, const void *b)
{
    const agent_followup *x = a, *y = b;
    if (x->broken != y->broken)
        return x->broken > y->broken ? -1 : 1;
    if (x->pending != y->pending)
        return x->pending > y->pending ? -1 : 1;
    return (x->agent_index > y->agent_index) - (x->agent_index < y->agent_index);
}

/* The per-agent block from `top`; returns the row after it. */
static lxw_row_t write_promise_counts(xlsx_sheet *sheet, lxw_row_t top, agent_followup *counts,
                                      size_t count)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    static const char *const keys[] = {"team",         "employee_no",   "agent_name",
                                       "broken_count", "pending_count", "shortfall"};
    enum { COLUMNS = sizeof keys / sizeof keys[0] };
    const char *labels[COLUMNS];
    labels_of(book, keys, labels, COLUMNS);
    xlsx_text_wide(sheet, top, 0, xlsx_label(book, "report.promises.by_agent"), book->heading);
    xlsx_header(sheet, top + 1, 0, keys, labels, COLUMNS);
    qsort(counts, count, sizeof *counts, compare_agent_followup);
    lxw_row_t row = top + 3;
    for (size_t i = 0; i < count; i++, row++) {
        const kpi_agent *agent = agent_at(r, counts[i].agent_index);
        xlsx_cell_text(sheet, row, 0, agent_team(r, agent), XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 1, agent != NULL ? agent->employee_no : "", XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 2, agent != NULL ? agent->name : "", XLSX_STYLE_PLAIN);
        xlsx_count(sheet, row, 3, counts[i].broken,
                   counts[i].broken > 0 ? XLSX_STYLE_ALERT : XLSX_STYLE_PLAIN);
        xlsx_count(sheet, row, 4, counts[i].pending, XLSX_STYLE_PLAIN);
        xlsx_money(sheet, row, 5, counts[i].shortfall_minor, XLSX_STYLE_PLAIN);
    }
    return row + 1;
}

static void write_promise(xlsx_sheet *sheet, lxw_row_t row, const kpi_promise *p)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    bool broken = p->status == KPI_PROMISE_BROKEN;
    xlsx_style style = broken ? XLSX_STYLE_ALERT : XLSX_STYLE_WARN;
    const kpi_agent *agent = agent_at(r, p->agent_index);
    xlsx_cell_text(sheet, row, 0, agent_team(r, agent), XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 1, agent != NULL ? agent->employee_no : "", XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 2, agent != NULL ? agent->name : "", XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 3, p->case_no != NULL ? p->case_no : "", XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 4, xlsx_label(book, broken ? "promise.broken" : "promise.pending"),
                   style);
    xlsx_date(sheet, row, 5, p->due_on, XLSX_STYLE_PLAIN);
    xlsx_money(sheet, row, 6, p->amount_minor, XLSX_STYLE_PLAIN);
    xlsx_money(sheet, row, 7, p->paid_toward_minor, XLSX_STYLE_PLAIN);
    xlsx_money(sheet, row, 8, p->shortfall_minor, XLSX_STYLE_PLAIN);
    if (broken)
        xlsx_count(sheet, row, 9, p->days_overdue, XLSX_STYLE_PLAIN);
    else
        xlsx_blank(sheet, row, 9, XLSX_NUM_COUNT, XLSX_STYLE_PLAIN);
    char holder[512] = "";
    if (p->holder_employee_no != NULL)
        snprintf(holder, sizeof holder, "%s %s", p->holder_employee_no,
                 p->holder_name != NULL ? p->holder_name : "");
    xlsx_cell_text_indented(sheet, row, 10, holder, XLSX_STYLE_PLAIN);
    if (p->has_last_contact)
        xlsx_timestamp(sheet, row, 11, p->last_contact_at, XLSX_STYLE_PLAIN);
    else
        xlsx_blank(sheet, row, 11, XLSX_NUM_DATETIME, XLSX_STYLE_PLAIN);
    xlsx_money(sheet, row, 12, p->outstanding_minor, XLSX_STYLE_PLAIN);
    xlsx_timestamp(sheet, row, 13, p->made_at, XLSX_STYLE_PLAIN);
}

ck_error xlsx_write_promises(xlsx_book *book, ck_diag *diag)
{
    static const char *const keys[] = {
        "team",           "employee_no",     "agent_name",  "case_no",   "status",
        "due_on",         "amount",          "paid_toward", "shortfall", "days_overdue",
        "current_holder", "last_contact_at", "outstanding", "made_at"};
    enum { COLUMNS = sizeof keys / sizeof keys[0] };
    const char *labels[COLUMNS];
    labels_of(book, keys, labels, COLUMNS);
    const kpi_result *r = book->current;

    promise_order *order = calloc(r->promise_count + 1, sizeof *order);
    agent_followup *counts = calloc(r->agent_count + 1, sizeof *counts);
    lxw_row_t *breaks = calloc(r->team_count + 2, sizeof *breaks);
    if (order == NULL || counts == NULL || breaks == NULL) {
        free(order);
        free(counts);
        free(breaks);
        ck_diag_set(diag, "out of memory while writing the sheet 'Promises'");
        return CK_ERR_NOMEM;
    }
    size_t rows = 0;
    ck_error err = CK_OK;
    for (size_t a = 0; a < r->agent_count; a++)
        counts[a].agent_index = a;
    for (size_t i = 0; i < r->promise_count; i++) {
        kpi_promise one;
        if ((err = kpi_result_promise(r, i, &one, diag)) != CK_OK)
            goto done;
        const kpi_promise *p = &one;
        if (p->status == KPI_PROMISE_KEPT || p->agent_index >= r->agent_count)
            continue;
        order[rows++] = (promise_order){promise_team(r, p), i};
        agent_followup *c = &counts[p->agent_index];
        if (p->status == KPI_PROMISE_BROKEN) {
            c->broken++;
            c->shortfall_minor += p->shortfall_minor;
        } else {
            c->pending++;
        }
    }
    /* Only agents with something to follow up, most broken first. */
    size_t agents = 0;
    for (size_t a = 0; a < r->agent_count; a++)
        if (counts[a].broken + counts[a].pending > 0)
            counts[agents++] = counts[a];
    if (rows > 0)
        qsort(order, rows, sizeof *order, compare_promise_order);

    xlsx_sheet sheet;
    err = xlsx_sheet_open_streamed(book, "Promises", COLUMNS, &sheet, diag);
    if (err != CK_OK)
        goto done;
    xlsx_text_wide(&sheet, TITLE_ROW, 0, xlsx_label(book, "report.promises.title"), book->title);
    xlsx_text_wide(&sheet, NOTE_ROW, 0, xlsx_label(book, "report.promises.note"), book->note);
    lxw_row_t list_top = write_promise_counts(&sheet, FIRST_BLOCK, counts, agents);
    xlsx_text_wide(&sheet, list_top, 0, xlsx_label(book, "report.promises.list"), book->heading);
    list_top++;
    xlsx_header(&sheet, list_top, 0, keys, labels, COLUMNS);
    /* The filter before the rows: the sheet is streamed, and a range ending above the row
     * last written (the empty list's note) would be refused. */
    size_t shown = xlsx_list_fit(list_top + 2, rows);
    finish_list(&sheet, list_top, shown, COLUMNS);
    size_t break_count = 0;
    for (size_t i = 0; i < shown; i++) {
        lxw_row_t row = (lxw_row_t)(list_top + 2 + i);
        /* Each team on its own pages: a break above the first row of every team but the
         * first, and one above the list, so the per-agent counts print on their own. */
        if ((i == 0 || order[i].team != order[i - 1].team) && break_count < MAX_PAGE_BREAKS &&
            break_count < r->team_count + 1)
            breaks[break_count++] = i == 0 ? list_top - 1 : row;
        kpi_promise one;
        if ((err = kpi_result_promise(r, order[i].index, &one, diag)) != CK_OK)
            break;
        write_promise(&sheet, row, &one);
    }
    if (err != CK_OK) {
        xlsx_sheet_close(&sheet, 8.0, 40.0, NULL); /* frees the tracking; the read's error stands */
        goto done;
    }
    if (rows == 0)
        xlsx_text_wide(&sheet, list_top + 2, 0, xlsx_label(book, "report.promises.empty"),
                       book->note);
    xlsx_list_cut(&sheet, (lxw_row_t)(list_top + 2 + shown), rows, shown,
                  "report.list.shorter_period", &book->cut.promises);
    if (break_count > 0) {
        breaks[break_count] = 0;
        xlsx_sheet_note_error(&sheet, worksheet_set_h_pagebreaks(sheet.worksheet, breaks));
    }
    worksheet_freeze_panes(sheet.worksheet, 0, 3);
    err = xlsx_sheet_close(&sheet, 8.0, 40.0, diag);
done:
    free(order);
    free(counts);
    free(breaks);
    return err;
}

/* ---- Complaints ---- */

static const char *substantiated_label(const xlsx_book *book, int substantiated)
{
    if (substantiated > 0)
        return xlsx_label(book, "complaint.substantiated.yes");
    if (substantiated == 0)
        return xlsx_label(book, "complaint.substantiated.no");
    return xlsx_label(book, "complaint.substantiated.review");
}

/* Per agent named by a complaint: the agent row's counts and the open ones past the limit. */
static lxw_row_t write_complaint_counts(xlsx_sheet *sheet, lxw_row_t top)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    static const char *const keys[] = {"team",
                                       "employee_no",
                                       "agent_name",
                                       "complaints",
                                       "complaints_substantiated",
                                       "complaints_under_review",
                                       "overdue_count"};
    enum { COLUMNS = sizeof keys / sizeof keys[0] };
    const char *labels[COLUMNS];
    labels_of(book, keys, labels, COLUMNS);
    xlsx_text_wide(sheet, top, 0, xlsx_label(book, "report.complaints.by_agent"), book->heading);
    xlsx_header(sheet, top + 1, 0, keys, labels, COLUMNS);
    lxw_row_t row = top + 3;
    for (size_t a = 0; a < r->agent_count; a++) {
        const kpi_agent *agent = &r->agents[a];
        if (agent->row.complaints == 0)
            continue;
        int64_t overdue = 0;
        for (size_t i = 0; i < r->complaint_count; i++)
            overdue += r->complaints[i].agent_index == a && r->complaints[i].overdue;
        xlsx_cell_text(sheet, row, 0, agent_team(r, agent), XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 1, agent->employee_no, XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 2, agent->name, XLSX_STYLE_PLAIN);
        xlsx_count(sheet, row, 3, agent->row.complaints, XLSX_STYLE_PLAIN);
        xlsx_count(sheet, row, 4, agent->row.complaints_substantiated,
                   agent->row.complaints_substantiated > 0 ? XLSX_STYLE_ALERT : XLSX_STYLE_PLAIN);
        xlsx_count(sheet, row, 5, agent->row.complaints_under_review,
                   agent->row.complaints_under_review > 0 ? XLSX_STYLE_WARN : XLSX_STYLE_PLAIN);
        xlsx_count(sheet, row, 6, overdue, overdue > 0 ? XLSX_STYLE_ALERT : XLSX_STYLE_PLAIN);
        row++;
    }
    return row + 1;
}

static void write_complaint(xlsx_sheet *sheet, lxw_row_t row, const kpi_complaint *c)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    const kpi_agent *agent = agent_at(r, c->agent_index);
    xlsx_timestamp(sheet, row, 0, c->received_at, XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 1, c->case_no != NULL ? c->case_no : "", XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 2, agent != NULL ? agent->employee_no : "", XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 3, agent != NULL ? agent->name : "", XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 4, agent_team(r, agent), XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 5, labels_code(&codes_complaint_source, c->source, book->lang),
                   XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 6, labels_code(&codes_complaint_category, c->category, book->lang),
                   XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 7, substantiated_label(book, c->substantiated),
                   c->substantiated > 0 ? XLSX_STYLE_ALERT : XLSX_STYLE_PLAIN);
    if (c->resolved) {
        xlsx_timestamp(sheet, row, 8, c->resolved_at, XLSX_STYLE_PLAIN);
        xlsx_number(sheet, row, 9, c->days_to_resolve.defined, c->days_to_resolve.value,
                    XLSX_NUM_DAYS, XLSX_STYLE_PLAIN);
    } else {
        xlsx_blank(sheet, row, 8, XLSX_NUM_DATETIME, XLSX_STYLE_PLAIN);
        xlsx_blank(sheet, row, 9, XLSX_NUM_DAYS, XLSX_STYLE_PLAIN);
    }
    xlsx_number(sheet, row, 10, c->days_open.defined, c->days_open.value, XLSX_NUM_DAYS,
                c->overdue ? XLSX_STYLE_ALERT : XLSX_STYLE_PLAIN);
    xlsx_cell_text_indented(sheet, row, 11, c->overdue ? xlsx_label(book, "complaint.overdue") : "",
                            c->overdue ? XLSX_STYLE_ALERT : XLSX_STYLE_PLAIN);
}

ck_error xlsx_write_complaints(xlsx_book *book, ck_diag *diag)
{
    static const char *const keys[] = {
        "received_at", "case_no",       "employee_no", "agent_name",      "team",      "source",
        "category",    "substantiated", "resolved_at", "days_to_resolve", "days_open", "overdue"};
    enum { COLUMNS = sizeof keys / sizeof keys[0] };
    const char *labels[COLUMNS];
    labels_of(book, keys, labels, COLUMNS);
    const kpi_result *r = book->current;

    xlsx_sheet sheet;
    ck_error err = xlsx_sheet_open_streamed(book, "Complaints", COLUMNS, &sheet, diag);
    if (err != CK_OK)
        return err;
    xlsx_text_wide(&sheet, TITLE_ROW, 0, xlsx_label(book, "report.complaints.title"), book->title);
    char note[768];
    snprintf(note, sizeof note, "%s %d %s", xlsx_label(book, "report.complaints.note"),
             r->settings.complaint_handling_days, xlsx_label(book, "report.complaints.note_days"));
    xlsx_text_wide(&sheet, NOTE_ROW, 0, note, book->note);
    lxw_row_t list_top = write_complaint_counts(&sheet, FIRST_BLOCK);
    xlsx_text_wide(&sheet, list_top, 0, xlsx_label(book, "report.complaints.list"), book->heading);
    list_top++;
    xlsx_header(&sheet, list_top, 0, keys, labels, COLUMNS);
    size_t shown = xlsx_list_fit(list_top + 2, r->complaint_count);
    finish_list(&sheet, list_top, shown, COLUMNS);
    for (size_t i = 0; i < shown; i++)
        write_complaint(&sheet, (lxw_row_t)(list_top + 2 + i), &r->complaints[i]);
    if (r->complaint_count == 0)
        xlsx_text_wide(&sheet, list_top + 2, 0, xlsx_label(book, "report.complaints.empty"),
                       book->note);
    xlsx_list_cut(&sheet, (lxw_row_t)(list_top + 2 + shown), r->complaint_count, shown,
                  "report.list.shorter_period", &book->cut.complaints);
    return xlsx_sheet_close(&sheet, 8.0, 45.0, diag);
}
