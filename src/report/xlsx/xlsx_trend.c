/* xlsx_trend.c - the Trend sheet: twelve months of five figures, per team and for
 * the portfolio, each block with a native line chart under it.
 *
 * Months run across (the header cells are real dates shown as "2026-10", so the charts get
 * a proper time axis); the portfolio total is the first row of a block, the teams follow
 * by name. A team is matched across months by team_id; a month in which it has no row is
 * an empty cell. Every value is the engine's row for that month.
 */
#include <stdio.h>
#include <string.h>

#include "collectkpi/datetime.h"
#include "collectkpi/labels.h"
#include "xlsx_internal.h"

#define FIRST_BLOCK_ROW 3
#define CHART_ROWS      17 /* rows a chart under a block's table covers */
#define CHART_WIDTH_PX  700.0
#define CHART_GAP_PX    16.0 /* between the two charts of a split block */
#define CHART_HEIGHT_PX (CHART_ROWS * 20.0 - 8.0)
#define MAX_CHART_TEAMS 8   /* more lines than this are unreadable: chart the total only */
#define MIN_WIDTH       8.0 /* a column's width in characters: "2026-10" */
#define MAX_WIDTH       40.0

static const char *const metric_keys[XLSX_TREND_METRICS] = {
    "recovery_rate", "collected", "ptp_kept_rate", "resolution_days_median",
    "complaints_per_1k_contacts"};

/* Money adds up: the total is the sum of the teams and dwarfs every one of them, so on one
 * axis the team lines lie flat along the bottom. The total and the teams get a chart each,
 * side by side. (Rates and days are on the same scale for the total and the teams.) */
static bool split_total(const xlsx_book *book, int metric)
{
    const kpi_column *column = kpi_column_find(metric_keys[metric]);
    return column != NULL && column->kind == KPI_KIND_MONEY && book->trend_team_count > 0 &&
           book->trend_team_count <= MAX_CHART_TEAMS;
}

/* The table (heading, month header, total, one row per team), a gap, the chart(s), a gap:
 * the charts sit under the table so that a block prints on one page as wide as its table. */
static lxw_row_t table_height(const xlsx_book *book)
{
    return (lxw_row_t)(3 + book->trend_team_count);
}

static lxw_row_t block_height(const xlsx_book *book)
{
    return table_height(book) + 1 + CHART_ROWS + 1;
}

static lxw_row_t block_row(const xlsx_book *book, int metric)
{
    lxw_row_t row = FIRST_BLOCK_ROW;
    for (int m = 0; m < metric; m++)
        row += block_height(book);
    return row;
}

lxw_row_t xlsx_trend_total_row(const xlsx_book *book, int metric)
{
    return block_row(book, metric) + 2;
}

bool xlsx_trend_has_values(const xlsx_book *book, const kpi_column *column)
{
    for (size_t m = 0; m < book->data->trend_count; m++)
        if (kpi_row_cell(&book->data->trend[m]->total, column).defined &&
            book->data->trend[m]->agent_count > 0)
            return true;
    return false;
}

static const kpi_team *find_team(const kpi_result *r, int64_t team_id)
{
    for (size_t t = 0; t < r->team_count; t++)
        if (r->teams[t].team_id == team_id)
            return &r->teams[t];
    return NULL;
}

/* Value-axis format of a metric's chart. */
static const char *axis_format(kpi_kind kind)
{
    switch (kind) {
    case KPI_KIND_RATE: return "0%";
    case KPI_KIND_MONEY: return "#,##0";
    case KPI_KIND_DAYS: return "0.0";
    case KPI_KIND_COUNT: return "#,##0";
    case KPI_KIND_PER_1K:
    case KPI_KIND_SCORE: return "0.00";
    }
    return "General";
}

/* A line chart of `rows` rows from first_row on (the total row is drawn thick), from row
 * `at` of the first month's column, x_px to the right. */
static void add_chart(xlsx_sheet *sheet, const char *title, const kpi_column *column,
                      xlsx_range months, lxw_row_t first_row, size_t rows, lxw_row_t at,
                      double x_px)
{
    lxw_chart *chart = xlsx_chart_new(sheet, LXW_CHART_LINE, title, axis_format(column->kind));
    if (chart == NULL)
        return;
    lxw_row_t total = months.first_row + 1;
    for (size_t s = 0; s < rows; s++) {
        lxw_row_t row = (lxw_row_t)(first_row + s);
        xlsx_range values = {row, months.first_col, row, months.last_col};
        lxw_chart_series *series = xlsx_chart_add(chart, "Trend", months, values,
                                                  row > total ? row - total - 1 : 0, row == total);
        if (series == NULL) {
            xlsx_sheet_note_error(sheet, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        chart_series_set_name_range(series, "Trend", row, 0);
    }
    chart_axis_set_num_format(chart->x_axis, "yyyy-mm");
    xlsx_chart_place_at(sheet, at, months.first_col, x_px, chart, CHART_WIDTH_PX, CHART_HEIGHT_PX);
}

/* Twelve months of money side by side print legibly only in whole units: the cell keeps the
 * cents (read back to the cent like every other sheet), the format shows "24,070,552 CNY". */
static xlsx_num trend_num(const kpi_column *column)
{
    return column->kind == KPI_KIND_MONEY ? XLSX_NUM_MONEY_WHOLE : xlsx_num_of_kind(column->kind);
}

static void trend_cell(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const kpi_row *kpi,
                       const kpi_column *column, xlsx_style style)
{
    if (column->kind == KPI_KIND_MONEY)
        xlsx_money_as(sheet, row, col, kpi_row_cell(kpi, column).integer, XLSX_NUM_MONEY_WHOLE,
                      style);
    else
        xlsx_kpi(sheet, row, col, kpi, column, style);
}

static void write_block(xlsx_sheet *sheet, int metric)
{
    xlsx_book *book = sheet->book;
    const report_data *data = book->data;
    const kpi_column *column = kpi_column_find(metric_keys[metric]);
    if (column == NULL)
        return;
    lxw_row_t top = block_row(book, metric);
    const char *label = xlsx_column_label(column->key, book->lang);
    char heading[256];
    snprintf(heading, sizeof heading, "%s  (%s)", label, column->key);
    xlsx_text_wide(sheet, top, 0, heading, book->heading);

    /* Month header: the team column's label, then each month as a date. */
    xlsx_text(sheet, top + 1, 0, xlsx_column_label("team", book->lang), book->label_header);
    for (size_t m = 0; m < data->trend_count; m++) {
        lxw_datetime when = {0};
        int year, month, day;
        datetime_civil_from_days(datetime_day_of(data->trend[m]->period.start), &year, &month,
                                 &day);
        when.year = year;
        when.month = month;
        when.day = 1;
        lxw_error err = worksheet_write_datetime(sheet->worksheet, top + 1,
                                                 (lxw_col_t)(XLSX_TREND_FIRST_MONTH_COL + m), &when,
                                                 book->month_header);
        xlsx_sheet_note_error(sheet, err);
    }
    /* Total first, then the teams. */
    lxw_row_t total = top + 2;
    xlsx_cell_text(sheet, total, 0, xlsx_label(book, "common.total"), XLSX_STYLE_TOTAL);
    for (size_t m = 0; m < data->trend_count; m++)
        trend_cell(sheet, total, (lxw_col_t)(XLSX_TREND_FIRST_MONTH_COL + m),
                   &data->trend[m]->total, column, XLSX_STYLE_TOTAL);
    for (size_t t = 0; t < book->trend_team_count; t++) {
        lxw_row_t row = (lxw_row_t)(total + 1 + t);
        xlsx_cell_text(sheet, row, 0, book->trend_teams[t].name, XLSX_STYLE_PLAIN);
        for (size_t m = 0; m < data->trend_count; m++) {
            lxw_col_t col = (lxw_col_t)(XLSX_TREND_FIRST_MONTH_COL + m);
            const kpi_team *team = find_team(data->trend[m], book->trend_teams[t].team_id);
            if (team != NULL)
                trend_cell(sheet, row, col, &team->row, column, XLSX_STYLE_PLAIN);
            else
                xlsx_blank(sheet, row, col, trend_num(column), XLSX_STYLE_PLAIN);
        }
    }
    /* No chart over twelve empty months: its axes would mean nothing. */
    if (!xlsx_trend_has_values(book, column))
        return;

    lxw_col_t last_col = (lxw_col_t)(XLSX_TREND_FIRST_MONTH_COL + data->trend_count - 1);
    xlsx_range months = {top + 1, XLSX_TREND_FIRST_MONTH_COL, top + 1, last_col};
    size_t team_rows = book->trend_team_count <= MAX_CHART_TEAMS ? book->trend_team_count : 0;
    lxw_row_t chart_row = top + table_height(book) + 1;
    if (!split_total(book, metric)) {
        add_chart(sheet, label, column, months, total, 1 + team_rows, chart_row, 0.0);
        return;
    }
    char title[320];
    const char *form = book->lang == SETTINGS_LANG_ZH ? "%s：%s" : "%s: %s";
    snprintf(title, sizeof title, form, label, xlsx_label(book, "common.total"));
    add_chart(sheet, title, column, months, total, 1, chart_row, 0.0);
    snprintf(title, sizeof title, form, label, xlsx_label(book, "report.trend.by_team"));
    add_chart(sheet, title, column, months, total + 1, team_rows, chart_row,
              CHART_WIDTH_PX + CHART_GAP_PX);
}

ck_error xlsx_write_trend(xlsx_book *book, ck_diag *diag)
{
    const report_data *data = book->data;
    xlsx_sheet sheet;
    ck_error err = xlsx_sheet_open(book, "Trend", 1 + data->trend_count, &sheet, diag);
    if (err != CK_OK)
        return err;

    char title[256];
    if (data->trend_count > 0) {
        char first[32], last[32];
        period_label(&data->trend[0]->period, first, sizeof first);
        period_label(&data->trend[data->trend_count - 1]->period, last, sizeof last);
        snprintf(title, sizeof title, "%s  %s – %s", xlsx_label(book, "report.trend.title"), first,
                 last);
    } else {
        snprintf(title, sizeof title, "%s", xlsx_label(book, "report.trend.title"));
    }
    xlsx_text_wide(&sheet, 0, 0, title, book->title);
    xlsx_text_wide(&sheet, 1, 0, xlsx_label(book, "report.trend.note"), book->note);
    for (int metric = 0; metric < XLSX_TREND_METRICS; metric++)
        write_block(&sheet, metric);
    /* Month columns are as wide as their widest value; at least as wide as "2026-10". */
    for (size_t m = 0; m < data->trend_count; m++)
        xlsx_sheet_measure(&sheet, (lxw_col_t)(XLSX_TREND_FIRST_MONTH_COL + m), 8.0);
    /* Printed, the sheet fitted to one page's width (tables and charts side by side) came
     * out at 40%. Now a block is as wide as its table (or its two charts): the sheet prints
     * as large as that width allows, at most 70%, with the blocks kept whole on a page. */
    lxw_col_t last_month = (lxw_col_t)(XLSX_TREND_FIRST_MONTH_COL + data->trend_count - 1);
    double charts_px = 4.0 + 2.0 * CHART_WIDTH_PX + CHART_GAP_PX; /* right of column A */
    unsigned scale = xlsx_sheet_scale_to_fit(&sheet, 0, last_month, MIN_WIDTH, MAX_WIDTH, charts_px,
                                             XLSX_PRINT_SCALE_BANDS);
    lxw_row_t page_rows = (lxw_row_t)xlsx_page_rows(scale);
    lxw_row_t row_breaks[XLSX_TREND_METRICS + 1] = {0};
    size_t break_count = 0;
    lxw_row_t page_top = 0;
    for (int metric = 0; metric < XLSX_TREND_METRICS; metric++) {
        lxw_row_t top = block_row(book, metric), bottom = top + block_height(book);
        if (bottom - page_top > page_rows && top > page_top) {
            row_breaks[break_count++] = top;
            page_top = top;
        }
    }
    xlsx_sheet_print_blocks(&sheet, scale, row_breaks);
    return xlsx_sheet_close(&sheet, MIN_WIDTH, MAX_WIDTH, diag);
}
