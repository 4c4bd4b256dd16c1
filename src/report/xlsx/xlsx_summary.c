/* xlsx_summary.c - the Summary sheet: what a reader sees first.
 *
 * Title, period, as-of time, data cut-off and settings; the portfolio's headline figures
 * with last month's value and the change; a table of teams; native charts: recovery rate by
 * team, and the twelve-month trends of the portfolio's recovery and PTP kept rates (these
 * point at the portfolio rows of the Trend sheet).
 */
#include <stdio.h>
#include <string.h>

#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "collectkpi/report.h"
#include "xlsx_internal.h"

#define CHART_GAP_PX 16.0
/* With more teams than this the team table fills the first printed page: the charts start
 * on a page of their own. */
#define MANY_TEAMS 12
/* The columns' widths (characters), for xlsx_sheet_close and the charts' page. */
#define SUMMARY_MIN_WIDTH 10.0
#define SUMMARY_MAX_WIDTH 55.0

static const char *const team_keys[] = {
    "cases_worked",           "collected",  "recovery_rate",
    "ptp_kept_rate",          "complaints", "complaints_per_1k_contacts",
    "resolution_days_median",
};
#define TEAM_KEY_COUNT (sizeof team_keys / sizeof team_keys[0])

/* The portfolio's trends charted beside the team chart (XLSX_TREND_RECOVERY, _KEPT). */
static const char *const trend_chart_keys[2] = {"recovery_rate", "ptp_kept_rate"};

/* Whether the portfolio's trend of trend_chart_keys[i] is charted (twelve empty months are
 * not), and its column. */
static bool trend_chart_shown(const xlsx_book *book, size_t i, const kpi_column **column)
{
    *column = kpi_column_find(trend_chart_keys[i]);
    return book->data->trend_count > 0 && *column != NULL && xlsx_trend_has_values(book, *column);
}

/* Rows 0.. : title, source line, the settings block. Returns the next row. */
static lxw_row_t write_title(xlsx_sheet *sheet)
{
    const xlsx_book *book = sheet->book;
    char text[512];
    char database[256];
    snprintf(text, sizeof text, "%s  %s", xlsx_label(book, "report.title"), book->period_label);
    xlsx_text_wide(sheet, 0, 0, text, book->title);
    xlsx_safe_text(book->data->database_name, database, sizeof database);
    snprintf(text, sizeof text, "%s  ·  collectkpi %s", database, book->data->program_version);
    xlsx_text_wide(sheet, 1, 0, text, book->subtitle);

    /* The data does not cover the period: said above everything else, across the page. */
    char banner[FORMAT_COVERAGE_NOTE_SIZE];
    lxw_row_t first_setting = 3;
    if (format_coverage_note(book->current, book->lang, banner, sizeof banner)) {
        lxw_error err = worksheet_merge_range(sheet->worksheet, 3, 0, 3, (lxw_col_t)TEAM_KEY_COUNT,
                                              banner, book->banner);
        if (err == LXW_NO_ERROR)
            err = worksheet_set_row(sheet->worksheet, 3, 36.0, NULL);
        xlsx_sheet_note_error(sheet, err);
        first_setting = 5;
    }
    static const xlsx_place at = {0, 1, true};
    lxw_row_t row = xlsx_settings_block(sheet, &at, first_setting) + 1;
    if (book->current->agent_count == 0) {
        xlsx_text_wide(sheet, row, 0, xlsx_label(book, "report.no_data"), book->alert_note);
        row += 2;
    }
    return row;
}

/* The change from the previous period (kpi_cell_change), beside the two values: money
 * subtracted in minor units (exact to the cent), rates in percentage points. Coloured by
 * report_change_tone, as on the dashboard. */
static void write_change(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col,
                         const report_headline *headline, const kpi_column *column)
{
    const report_data *data = sheet->book->data;
    xlsx_num num = xlsx_change_num_of_kind(column->kind);
    if (data->previous == NULL) {
        xlsx_blank(sheet, row, col, num, XLSX_STYLE_PLAIN);
        return;
    }
    kpi_cell change = kpi_cell_change(kpi_row_cell(&data->current->total, column),
                                      kpi_row_cell(&data->previous->total, column));
    /* The sign as the cell shows it: "0.0 pp" is no change. */
    int sign;
    double shown = xlsx_change_shown(xlsx_change_in_cell_unit(change, column->kind), num, &sign);
    int news = change.defined ? report_change_tone(data, headline, sign) : 0;
    xlsx_number(sheet, row, col, change.defined, shown, num,
                news > 0   ? XLSX_STYLE_GOOD
                : news < 0 ? XLSX_STYLE_BAD
                           : XLSX_STYLE_PLAIN);
}

static lxw_row_t write_headline(xlsx_sheet *sheet, lxw_row_t row)
{
    const xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    const kpi_result *prev = book->data->previous;
    xlsx_text_wide(sheet, row, 0, xlsx_label(book, "report.headline"), book->heading);
    row++;
    const char *header[4] = {xlsx_label(book, "report.figure"),
                             xlsx_label(book, "report.this_period"), NULL,
                             xlsx_label(book, "report.change")};
    char before[96];
    if (prev != NULL) {
        char label[32];
        period_label(&prev->period, label, sizeof label);
        snprintf(before, sizeof before, "%s (%s)",
                 xlsx_label(book, r->period.month != 0 ? "report.previous_month"
                                                       : "report.previous_period"),
                 label);
        header[2] = before;
    } else {
        header[2] = xlsx_label(book, "report.previous_period");
    }
    for (lxw_col_t c = 0; c < 4; c++)
        xlsx_text(sheet, row, c, header[c], book->label_header);
    row++;
    for (size_t i = 0; i < report_headline_count; i++, row++) {
        const kpi_column *column = kpi_column_find(report_headlines[i].key);
        if (column == NULL)
            continue;
        xlsx_text(sheet, row, 0, xlsx_column_label(column->key, book->lang), book->label);
        xlsx_kpi(sheet, row, 1, &r->total, column, XLSX_STYLE_PLAIN);
        if (prev != NULL)
            xlsx_kpi(sheet, row, 2, &prev->total, column, XLSX_STYLE_PLAIN);
        else
            xlsx_blank(sheet, row, 2, xlsx_num_of_kind(column->kind), XLSX_STYLE_PLAIN);
        write_change(sheet, row, 3, &report_headlines[i], column);
        /* Contact compliance right below the complaint rate. */
        if (strcmp(column->key, "complaints_per_1k_contacts") == 0)
            row = xlsx_compliance_headline(sheet, row + 1) - 1;
        /* Undecided complaints beside the upheld ones: a lag in reviews is not good news. */
        if (strcmp(column->key, "complaints_substantiated") == 0) {
            row++;
            xlsx_text(sheet, row, 0, xlsx_label(book, "report.under_review"), book->label);
            xlsx_count(sheet, row, 1, r->total.complaints_under_review, XLSX_STYLE_PLAIN);
            if (prev != NULL) {
                xlsx_count(sheet, row, 2, prev->total.complaints_under_review, XLSX_STYLE_PLAIN);
                xlsx_number(sheet, row, 3, true,
                            (double)(r->total.complaints_under_review -
                                     prev->total.complaints_under_review),
                            XLSX_NUM_CHANGE_COUNT, XLSX_STYLE_PLAIN);
            }
        }
    }
    /* Payments no agent held the case for: in the portfolio only. */
    xlsx_text(sheet, row, 0, xlsx_column_label("unassigned_collected", book->lang), book->label);
    xlsx_money(sheet, row, 1, r->unassigned_collected_minor, XLSX_STYLE_PLAIN);
    if (prev != NULL) {
        xlsx_money(sheet, row, 2, prev->unassigned_collected_minor, XLSX_STYLE_PLAIN);
        xlsx_number(sheet, row, 3, true,
                    (double)(r->unassigned_collected_minor - prev->unassigned_collected_minor) /
                        100.0,
                    XLSX_NUM_CHANGE_MONEY, XLSX_STYLE_PLAIN);
    }
    row++;
    xlsx_text_wide(
        sheet, row, 0,
        xlsx_label(book, prev != NULL ? "report.change.note" : "report.change.no_previous"),
        book->note);
    if (prev != NULL && kpi_result_comparable(r) && kpi_result_comparable(prev) &&
        report_review_shares_differ(&r->total, &prev->total))
        xlsx_text_wide(sheet, ++row, 0, xlsx_label(book, "report.review_gap"), book->alert_note);
    return row + 2;
}

/* Restated figures (report.h): what a reader of the earlier report must know first. At most
 * REPORT_RESTATED_SHOWN lines; the rest is counted. Nothing at all when none. */
static lxw_row_t write_restated(xlsx_sheet *sheet, lxw_row_t row)
{
    const xlsx_book *book = sheet->book;
    const report_data *data = book->data;
    if (data->restated_count == 0)
        return row;
    xlsx_text_wide(sheet, row, 0, xlsx_label(book, "report.restated"), book->heading);
    row++;
    static const char *const header[] = {
        "report.restated.who", "report.restated.figure",     "report.restated.old",
        "report.restated.new", "report.restated.old_cutoff", "report.restated.new_cutoff"};
    for (lxw_col_t c = 0; c < 6; c++)
        xlsx_text(sheet, row, c, xlsx_label(book, header[c]), book->label_header);
    row++;
    for (size_t i = 0; i < data->restated_count && i < REPORT_RESTATED_SHOWN; i++, row++) {
        const report_restated *r = &data->restated[i];
        bool total = strcmp(r->scope, "total") == 0;
        xlsx_cell_text(sheet, row, 0, total ? xlsx_label(book, "common.total") : r->name,
                       XLSX_STYLE_PLAIN);
        const kpi_column *column = kpi_column_find(r->key);
        xlsx_cell_text(sheet, row, 1,
                       column != NULL ? xlsx_column_label(r->key, book->lang) : r->key,
                       XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 2, r->old_value, XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 3, r->new_value, XLSX_STYLE_BAD);
        xlsx_cell_text(sheet, row, 4, r->old_cutoff, XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 5, r->new_cutoff, XLSX_STYLE_PLAIN);
    }
    if (data->restated_count > REPORT_RESTATED_SHOWN) {
        char more[128];
        snprintf(more, sizeof more, "%zu %s", data->restated_count - REPORT_RESTATED_SHOWN,
                 xlsx_label(book, "report.restated.more"));
        xlsx_text_wide(sheet, row++, 0, more, book->note);
    }
    xlsx_text_wide(sheet, row, 0, xlsx_label(book, "report.restated.note"), book->alert_note);
    return row + 2;
}

/* The team table; *first_team and *last_team get the rows of the team lines. */
static lxw_row_t write_teams(xlsx_sheet *sheet, lxw_row_t row, lxw_row_t *first_team)
{
    const xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    xlsx_text_wide(sheet, row, 0, xlsx_label(book, "report.teams"), book->heading);
    row++;
    xlsx_text(sheet, row, 0, xlsx_column_label("team", book->lang), book->label_header);
    for (size_t k = 0; k < TEAM_KEY_COUNT; k++)
        xlsx_text(sheet, row, (lxw_col_t)(1 + k), xlsx_column_label(team_keys[k], book->lang),
                  book->label_header);
    xlsx_row_lines(sheet, row, 2);
    row++;
    *first_team = row;
    for (size_t t = 0; t <= r->team_count; t++, row++) {
        bool total = t == r->team_count;
        const kpi_row *figures = total ? &r->total : &r->teams[t].row;
        xlsx_style style = total ? XLSX_STYLE_TOTAL : XLSX_STYLE_PLAIN;
        xlsx_cell_text(sheet, row, 0, total ? xlsx_label(book, "common.total") : r->teams[t].name,
                       style);
        for (size_t k = 0; k < TEAM_KEY_COUNT; k++) {
            const kpi_column *column = kpi_column_find(team_keys[k]);
            if (column != NULL)
                xlsx_kpi(sheet, row, (lxw_col_t)(1 + k), figures, column, style);
        }
    }
    return row + 1;
}

static void write_charts(xlsx_sheet *sheet, lxw_row_t row, lxw_row_t first_team)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    double left_px = 0.0;
    /* A bar per team, but never taller than a printed page: many teams get thinner bars and
     * smaller names. */
    double bars_height = 90.0 + 22.0 * (double)r->team_count;
    bars_height = bars_height < 288.0 ? 288.0 : bars_height > 660.0 ? 660.0 : bars_height;
    /* The charts start a page of their own when they would not print whole below the
     * tables: with many teams, and whenever the sheet's width (three charts across) leaves
     * the first page too short for them (six teams and the settings already were; a page
     * break fell through the charts). */
    size_t charts = r->team_count > 0;
    const kpi_column *column;
    for (size_t i = 0; i < 2; i++)
        charts += trend_chart_shown(book, i, &column);
    double charts_px = (double)charts * (480.0 + CHART_GAP_PX) + 4.0;
    double charts_height = r->team_count > 0 ? bars_height : 288.0;
    if (r->team_count > MANY_TEAMS ||
        (charts > 0 && !xlsx_fits_first_page(sheet, TEAM_KEY_COUNT, SUMMARY_MIN_WIDTH,
                                             SUMMARY_MAX_WIDTH, charts_px, row, charts_height))) {
        lxw_row_t breaks[] = {row, 0};
        lxw_error err = worksheet_set_h_pagebreaks(sheet->worksheet, breaks);
        xlsx_sheet_note_error(sheet, err);
    }
    if (r->team_count > 0) {
        lxw_chart *bars = xlsx_chart_new(sheet, LXW_CHART_BAR,
                                         xlsx_label(book, "report.chart.team_recovery"), "0%");
        if (bars == NULL)
            return;
        /* recovery_rate is the third figure of the team table (column D). */
        lxw_row_t last_team = (lxw_row_t)(first_team + r->team_count - 1);
        xlsx_range names = {first_team, 0, last_team, 0};
        xlsx_range rates = {first_team, 3, last_team, 3};
        lxw_chart_series *series = xlsx_chart_add(bars, "Summary", names, rates, 0, false);
        if (series == NULL) {
            sheet->error = LXW_ERROR_MEMORY_MALLOC_FAILED;
            return;
        }
        chart_series_set_name(series, xlsx_column_label("recovery_rate", book->lang));
        chart_legend_set_position(bars, LXW_CHART_LEGEND_NONE);
        chart_axis_set_reverse(bars->y_axis); /* first team on top, as in the table */
        chart_axis_set_crossing_max(bars->y_axis);
        chart_axis_set_min(bars->x_axis, 0);
        if (r->team_count > MANY_TEAMS) {
            lxw_chart_font small = {.size = 7, .color = 0x595959};
            chart_axis_set_num_font(bars->y_axis, &small);
            /* Every team named: left to itself, LibreOffice names every second bar. */
            chart_axis_set_interval_unit(bars->y_axis, 1);
        }
        xlsx_chart_place(sheet, row, 0, bars, 480.0, bars_height);
        left_px = 480.0 + CHART_GAP_PX;
    }
    if (book->data->trend_count == 0)
        return;
    /* One chart per rate: on one axis the kept rate (around 60%) would flatten the
     * recovery rate (a few percent) into a line along the bottom. */
    static const int metrics[2] = {XLSX_TREND_RECOVERY, XLSX_TREND_KEPT};
    static const char *const titles[2] = {"report.chart.trend_recovery", "report.chart.trend_kept"};
    lxw_col_t last_col = (lxw_col_t)(XLSX_TREND_FIRST_MONTH_COL + book->data->trend_count - 1);
    for (size_t i = 0; i < 2; i++) {
        if (!trend_chart_shown(book, i, &column))
            continue; /* twelve empty months: no chart */
        lxw_chart *trend =
            xlsx_chart_new(sheet, LXW_CHART_LINE, xlsx_label(book, titles[i]), "0.0%");
        if (trend == NULL)
            return;
        lxw_row_t total = xlsx_trend_total_row(book, metrics[i]);
        xlsx_range months = {total - 1, XLSX_TREND_FIRST_MONTH_COL, total - 1, last_col};
        xlsx_range values = {total, XLSX_TREND_FIRST_MONTH_COL, total, last_col};
        lxw_chart_series *series = xlsx_chart_add(trend, "Trend", months, values, i, i == 0);
        if (series == NULL) {
            sheet->error = LXW_ERROR_MEMORY_MALLOC_FAILED;
            return;
        }
        chart_series_set_name(series, xlsx_column_label(trend_chart_keys[i], book->lang));
        chart_legend_set_position(trend, LXW_CHART_LEGEND_NONE);
        chart_axis_set_num_format(trend->x_axis, "yyyy-mm");
        /* Beside the team chart: an offset wider than a column carries over to the next. */
        lxw_chart_options options = {
            .x_offset = (int32_t)(left_px + 4.0), .y_offset = 4, .x_scale = 1.0, .y_scale = 1.0};
        lxw_error err = worksheet_insert_chart_opt(sheet->worksheet, row, 0, trend, &options);
        xlsx_sheet_note_error(sheet, err);
        left_px += 480.0 + CHART_GAP_PX;
    }
}

ck_error xlsx_write_summary(xlsx_book *book, ck_diag *diag)
{
    xlsx_sheet sheet;
    ck_error err = xlsx_sheet_open(book, "Summary", 1 + TEAM_KEY_COUNT, &sheet, diag);
    if (err != CK_OK)
        return err;
    lxw_row_t row = write_title(&sheet);
    row = write_restated(&sheet, row);
    row = write_headline(&sheet, row);
    lxw_row_t first_team = 0;
    row = write_teams(&sheet, row, &first_team);
    write_charts(&sheet, row, first_team);
    worksheet_activate(sheet.worksheet);
    xlsx_sheet_print_setup(&sheet, 1, 0); /* no repeated rows */
    return xlsx_sheet_close(&sheet, SUMMARY_MIN_WIDTH, SUMMARY_MAX_WIDTH, diag);
}
