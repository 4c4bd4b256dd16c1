/* xlsx_changes.c - the change columns of the Agents and Teams sheets.
 *
 * For the figures a lead watches month to month (recovery rate, collected, PTP kept rate,
 * substantiated complaints): this period minus the previous one (period_before: last month,
 * or the same number of days before a --from/--to range), for the same agent (by agent_id)
 * or team (by team_id). Empty when there is no previous period, or the agent or team had no
 * row in it, or the figure is undefined on either side. Rates in percentage points, money
 * exact to the cent; a change that rounds to zero is written as 0 (no "-0.0 pp"). Not
 * coloured: the colours of these sheets are the targets'.
 */
#include <stdio.h>

#include "collectkpi/labels.h"
#include "xlsx_internal.h"

static const char *const change_figures[XLSX_CHANGE_COLUMNS] = {
    "recovery_rate", "collected", "ptp_kept_rate", "complaints_substantiated"};

size_t xlsx_change_headers(const xlsx_book *book, xlsx_change_names *names, const char **keys,
                           const char **labels, size_t n)
{
    for (size_t i = 0; i < XLSX_CHANGE_COLUMNS; i++) {
        snprintf(names->key[i], sizeof names->key[i], "%s_change", change_figures[i]);
        snprintf(names->label[i], sizeof names->label[i],
                 book->lang == SETTINGS_LANG_ZH ? "%s 变化" : "%s: change",
                 xlsx_column_label(change_figures[i], book->lang));
        keys[n] = names->key[i];
        labels[n] = names->label[i];
        n++;
    }
    return n;
}

double xlsx_change_in_cell_unit(kpi_cell change, kpi_kind kind)
{
    switch (kind) {
    case KPI_KIND_MONEY: return (double)change.integer / 100.0;
    case KPI_KIND_COUNT: return (double)change.integer;
    case KPI_KIND_RATE: return change.value * 100.0;
    case KPI_KIND_DAYS:
    case KPI_KIND_PER_1K:
    case KPI_KIND_SCORE: break;
    }
    return change.value;
}

void xlsx_change_cells(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const kpi_row *now,
                       const kpi_row *before, xlsx_style style)
{
    for (size_t i = 0; i < XLSX_CHANGE_COLUMNS; i++) {
        const kpi_column *column = kpi_column_find(change_figures[i]);
        if (column == NULL)
            continue;
        xlsx_num num = xlsx_change_num_of_kind(column->kind);
        lxw_col_t at = (lxw_col_t)(col + i);
        if (before == NULL) {
            xlsx_blank(sheet, row, at, num, style);
            continue;
        }
        kpi_cell change = kpi_cell_change(kpi_row_cell(now, column), kpi_row_cell(before, column));
        int sign;
        double shown =
            xlsx_change_shown(xlsx_change_in_cell_unit(change, column->kind), num, &sign);
        xlsx_number(sheet, row, at, change.defined, shown, num, style);
    }
}

const kpi_row *xlsx_previous_agent_row(const xlsx_book *book, int64_t agent_id)
{
    const kpi_result *prev = book->data->previous;
    for (size_t i = 0; prev != NULL && i < prev->agent_count; i++)
        if (prev->agents[i].agent_id == agent_id)
            return &prev->agents[i].row;
    return NULL;
}

const kpi_row *xlsx_previous_team_row(const xlsx_book *book, int64_t team_id)
{
    const kpi_result *prev = book->data->previous;
    for (size_t i = 0; prev != NULL && i < prev->team_count; i++)
        if (prev->teams[i].team_id == team_id)
            return &prev->teams[i].row;
    return NULL;
}
