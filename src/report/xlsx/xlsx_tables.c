/* xlsx_tables.c - the Agents and Teams sheets: every column of kpi.md under its key.
 *
 * Row 1 holds the human labels in the report language, row 2 the contract keys (what
 * scripts and the read-back test look up), the figures start on row 3. Values are the
 * engine's, cell for cell. Figures with a target (scorecard.md) are filled by their RAG
 * colour against it, never by the lowest and highest values on the sheet; upheld complaints
 * are red. complaints_under_review and recovery_index follow the kpi.md columns.
 */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/labels.h"
#include "xlsx_internal.h"

#define HEADER_ROWS         2
#define AGENT_FIXED_COLUMNS 3 /* team, employee_no, agent_name */
#define MAX_COLUMNS         64

/* Agents in display order: by team (teams are sorted by name), then employee number (the
 * engine's order of agents). */
typedef struct agent_order {
    size_t team_index;
    size_t agent_index;
} agent_order;

static int compare_agent_order(const void *a, const void *b)
{
    const agent_order *x = a;
    const agent_order *y = b;
    if (x->team_index != y->team_index)
        return x->team_index < y->team_index ? -1 : 1;
    return (x->agent_index > y->agent_index) - (x->agent_index < y->agent_index);
}

static const char *team_name(const kpi_result *r, size_t team_index)
{
    return team_index < r->team_count ? r->teams[team_index].name : "";
}

/* Fills keys and labels with the fixed columns then the kpi.md columns; returns the count. */
static size_t table_columns(const xlsx_book *book, const char *const *fixed, size_t fixed_count,
                            const char *tail, const char **keys, const char **labels)
{
    size_t n = 0;
    for (size_t i = 0; i < fixed_count; i++)
        keys[n++] = fixed[i];
    for (size_t i = 0; i < kpi_column_count; i++)
        keys[n++] = kpi_columns[i].key;
    if (tail != NULL)
        keys[n++] = tail;
    for (size_t i = 0; i < n; i++)
        labels[i] = xlsx_column_label(keys[i], book->lang);
    return n;
}

/* A kpi.md figure of a row: RAG-filled against its target where it has one (scorecard.md),
 * plain otherwise. Colours never depend on the other rows of the sheet. */
static void figure_cell(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const kpi_row *kpi,
                        const kpi_column *column, const score_row *scores, xlsx_style style)
{
    score_rag rag;
    if (!report_rag_of_column(scores, kpi, column->key, &rag)) {
        xlsx_kpi(sheet, row, col, kpi, column, style);
        return;
    }
    kpi_cell cell = kpi_row_cell(kpi, column);
    xlsx_rag_number(sheet, row, col, (stats_value){cell.defined, cell.defined ? cell.value : 0.0},
                    xlsx_num_of_kind(column->kind), style, rag);
}

/* The review columns after the kpi.md ones: complaints still under review (they count for
 * nobody until decided, so they are shown beside the figures) and the case-mix adjusted
 * recovery index against its target. */
#define REVIEW_COLUMNS 2
static const char *const review_keys[REVIEW_COLUMNS] = {"complaints_under_review",
                                                        "recovery_index"};

static void review_cells(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const score_row *scores,
                         xlsx_style style)
{
    xlsx_count(sheet, row, col, scores->complaints_under_review, style);
    xlsx_rag_number(sheet, row, col + 1, scores->recovery_index, XLSX_NUM_SCORE, style,
                    scores->measure[SETTINGS_MEASURE_RECOVERY_INDEX].rag);
}

static size_t add_review_columns(const xlsx_book *book, size_t n, const char **keys,
                                 const char **labels)
{
    if (book->data->scores == NULL)
        return n;
    for (size_t i = 0; i < REVIEW_COLUMNS; i++) {
        keys[n] = review_keys[i];
        labels[n] = labels_score(review_keys[i], book->lang);
        n++;
    }
    return n;
}

ck_error xlsx_write_agents(xlsx_book *book, ck_diag *diag)
{
    static const char *const fixed[AGENT_FIXED_COLUMNS] = {"team", "employee_no", "agent_name"};
    const kpi_result *r = book->current;
    const char *keys[MAX_COLUMNS];
    const char *labels[MAX_COLUMNS];
    size_t columns = table_columns(book, fixed, AGENT_FIXED_COLUMNS, NULL, keys, labels);
    xlsx_change_names change_names;
    size_t change_col = columns;
    columns = xlsx_change_headers(book, &change_names, keys, labels, columns);
    size_t review_col = columns;
    columns = add_review_columns(book, columns, keys, labels);
    const score_table *scores = book->data->scores;

    agent_order *order = calloc(r->agent_count > 0 ? r->agent_count : 1, sizeof *order);
    xlsx_sheet sheet;
    ck_error err = xlsx_sheet_open(book, "Agents", columns, &sheet, diag);
    if (err != CK_OK) {
        free(order);
        return err;
    }
    if (order == NULL) {
        ck_diag_set(diag, "out of memory while sorting agents");
        (void)xlsx_sheet_close(&sheet, 0, 0, NULL);
        return CK_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->agent_count; i++) {
        order[i].team_index = r->agents[i].team_index;
        order[i].agent_index = i;
    }
    qsort(order, r->agent_count, sizeof *order, compare_agent_order);

    xlsx_header(&sheet, 0, 0, keys, labels, columns);
    for (size_t i = 0; i < r->agent_count; i++) {
        const kpi_agent *agent = &r->agents[order[i].agent_index];
        lxw_row_t row = (lxw_row_t)(HEADER_ROWS + i);
        xlsx_cell_text(&sheet, row, 0, team_name(r, agent->team_index), XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 1, agent->employee_no, XLSX_STYLE_PLAIN);
        xlsx_cell_text(&sheet, row, 2, agent->name, XLSX_STYLE_PLAIN);
        const score_row *srow = scores ? &scores->agents[order[i].agent_index] : NULL;
        for (size_t c = 0; c < kpi_column_count; c++)
            figure_cell(&sheet, row, (lxw_col_t)(AGENT_FIXED_COLUMNS + c), &agent->row,
                        &kpi_columns[c], srow, XLSX_STYLE_PLAIN);
        xlsx_change_cells(&sheet, row, (lxw_col_t)change_col, &agent->row,
                          xlsx_previous_agent_row(book, agent->agent_id), XLSX_STYLE_PLAIN);
        if (srow != NULL)
            review_cells(&sheet, row, (lxw_col_t)review_col, srow, XLSX_STYLE_PLAIN);
    }
    free(order);

    lxw_row_t last = (lxw_row_t)(HEADER_ROWS + r->agent_count - (r->agent_count > 0));
    worksheet_freeze_panes(sheet.worksheet, HEADER_ROWS, AGENT_FIXED_COLUMNS);
    lxw_error lerr =
        worksheet_autofilter(sheet.worksheet, HEADER_ROWS - 1, 0,
                             r->agent_count > 0 ? last : HEADER_ROWS - 1, (lxw_col_t)(columns - 1));
    xlsx_sheet_note_error(&sheet, lerr);
    /* Thirty-odd columns squeezed to one page width print unreadably small: pages across at a
     * fixed scale instead, each with the team, employee number and name. */
    xlsx_sheet_print_wide(&sheet, 0, HEADER_ROWS - 1, AGENT_FIXED_COLUMNS);
    return xlsx_sheet_close(&sheet, 8.0, 40.0, diag);
}

ck_error xlsx_write_teams(xlsx_book *book, ck_diag *diag)
{
    static const char *const fixed[1] = {"team"};
    const kpi_result *r = book->current;
    const char *keys[MAX_COLUMNS];
    const char *labels[MAX_COLUMNS];
    size_t columns = table_columns(book, fixed, 1, "unassigned_collected", keys, labels);
    xlsx_change_names change_names;
    size_t change_col = columns;
    columns = xlsx_change_headers(book, &change_names, keys, labels, columns);
    size_t review_col = columns;
    columns = add_review_columns(book, columns, keys, labels);
    const score_table *scores = book->data->scores;

    xlsx_sheet sheet;
    ck_error err = xlsx_sheet_open(book, "Teams", columns, &sheet, diag);
    if (err != CK_OK)
        return err;
    xlsx_header(&sheet, 0, 0, keys, labels, columns);
    lxw_col_t unassigned = (lxw_col_t)(change_col - 1);
    for (size_t t = 0; t < r->team_count; t++) {
        lxw_row_t row = (lxw_row_t)(HEADER_ROWS + t);
        const score_row *srow = scores ? &scores->teams[t] : NULL;
        xlsx_cell_text(&sheet, row, 0, r->teams[t].name, XLSX_STYLE_PLAIN);
        for (size_t c = 0; c < kpi_column_count; c++)
            figure_cell(&sheet, row, (lxw_col_t)(1 + c), &r->teams[t].row, &kpi_columns[c], srow,
                        XLSX_STYLE_PLAIN);
        if (srow != NULL)
            review_cells(&sheet, row, (lxw_col_t)review_col, srow, XLSX_STYLE_PLAIN);
        /* unassigned_collected belongs to the total row only (kpi.md). */
        xlsx_blank(&sheet, row, unassigned, XLSX_NUM_MONEY, XLSX_STYLE_PLAIN);
        xlsx_change_cells(&sheet, row, (lxw_col_t)change_col, &r->teams[t].row,
                          xlsx_previous_team_row(book, r->teams[t].team_id), XLSX_STYLE_PLAIN);
    }
    lxw_row_t total = (lxw_row_t)(HEADER_ROWS + r->team_count);
    xlsx_cell_text(&sheet, total, 0, xlsx_label(book, "common.total"), XLSX_STYLE_TOTAL);
    const score_row *trow = scores ? &scores->total : NULL;
    for (size_t c = 0; c < kpi_column_count; c++)
        figure_cell(&sheet, total, (lxw_col_t)(1 + c), &r->total, &kpi_columns[c], trow,
                    XLSX_STYLE_TOTAL);
    xlsx_money(&sheet, total, unassigned, r->unassigned_collected_minor, XLSX_STYLE_TOTAL);
    xlsx_change_cells(&sheet, total, (lxw_col_t)change_col, &r->total,
                      book->data->previous != NULL ? &book->data->previous->total : NULL,
                      XLSX_STYLE_TOTAL);
    if (trow != NULL)
        review_cells(&sheet, total, (lxw_col_t)review_col, trow, XLSX_STYLE_TOTAL);

    worksheet_freeze_panes(sheet.worksheet, HEADER_ROWS, 1);
    /* As many columns as Agents: fitted to one page width they print unreadably small, so
     * the same legible scale, pages across, the team's name on each. */
    xlsx_sheet_print_wide(&sheet, 0, HEADER_ROWS - 1, 1);
    return xlsx_sheet_close(&sheet, 8.0, 40.0, diag);
}
