/* xlsx_agent_trend.c - the Agent trend sheet: one row per agent, the twelve trend months of
 * recovery rate and PTP kept rate side by side, each run of months ending in a sparkline, so
 * a team lead sees at a glance who is sliding.
 *
 * An agent is matched across months by agent_id and named (team, employee number, name) as
 * in the newest month it has a row in; rows are sorted like the Agents sheet (team, then
 * employee number). Every value is the engine's figure of that month, cell for cell; a month
 * without the agent's row, or a rate with nothing to divide by, is an empty cell.
 *
 * libxlsxwriter 1.1.4 has no sparkline API (worksheet_add_sparkline does not exist in it),
 * so the sparkline is drawn in the cell with the eight block characters U+2581..U+2588: one
 * character per month, scaled between the row's own lowest and highest value (as an Excel
 * sparkline is), a middle dot for a month with no value. It reads the same in Excel,
 * LibreOffice and a phone's viewer, and prints.
 */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/datetime.h"
#include "collectkpi/vec.h"
#include "xlsx_internal.h"

#define TITLE_ROW        0
#define NOTE_ROW         1
#define GROUP_ROW        2
#define MONTH_ROW        3
#define FIRST_AGENT_ROW  4
#define IDENTITY_COLUMNS 3
#define METRICS          2

static const char *const metric_keys[METRICS] = {"recovery_rate", "ptp_kept_rate"};

/* One agent of the trend: where its newest row is, for its names. */
typedef struct trend_agent {
    int64_t agent_id;
    const kpi_result *newest; /* the newest month with a row of this agent */
    const kpi_agent *agent;   /* that row */
} trend_agent;

/* A month's agents by agent_id, for the lookups of every cell. */
typedef struct month_index {
    const kpi_agent **by_id;
    size_t count;
} month_index;

static int compare_agent_ptr_id(const void *a, const void *b)
{
    const kpi_agent *x = *(const kpi_agent *const *)a, *y = *(const kpi_agent *const *)b;
    return (x->agent_id > y->agent_id) - (x->agent_id < y->agent_id);
}

static const char *team_name(const kpi_result *r, const kpi_agent *agent)
{
    return agent->team_index < r->team_count ? r->teams[agent->team_index].name : "";
}

static int compare_trend_agent(const void *a, const void *b)
{
    const trend_agent *x = a, *y = b;
    int c = strcmp(team_name(x->newest, x->agent), team_name(y->newest, y->agent));
    if (c == 0)
        c = strcmp(x->agent->employee_no, y->agent->employee_no);
    if (c == 0)
        c = (x->agent_id > y->agent_id) - (x->agent_id < y->agent_id);
    return c;
}

static const kpi_agent *find_agent(const month_index *month, int64_t agent_id)
{
    kpi_agent key = {.agent_id = agent_id};
    const kpi_agent *key_ptr = &key;
    const kpi_agent **hit = month->count > 0 ? bsearch(&key_ptr, month->by_id, month->count,
                                                       sizeof *month->by_id, compare_agent_ptr_id)
                                             : NULL;
    return hit != NULL ? *hit : NULL;
}

/* The months' indexes and the union of their agents (newest row wins), sorted for the sheet. */
static ck_error collect_agents(const report_data *data, month_index *months, trend_agent **out,
                               size_t *out_count)
{
    trend_agent *agents = NULL;
    size_t count = 0, capacity = 0;
    for (size_t m = 0; m < data->trend_count; m++) {
        const kpi_result *r = data->trend[m];
        months[m].by_id = malloc((r->agent_count + 1) * sizeof *months[m].by_id);
        if (months[m].by_id == NULL)
            goto nomem;
        for (size_t i = 0; i < r->agent_count; i++)
            months[m].by_id[i] = &r->agents[i];
        months[m].count = r->agent_count;
        if (r->agent_count > 0)
            qsort(months[m].by_id, r->agent_count, sizeof *months[m].by_id, compare_agent_ptr_id);
    }
    /* Newest month first: an agent's first sighting is its newest row. */
    for (size_t m = data->trend_count; m-- > 0;) {
        for (size_t i = 0; i < months[m].count; i++) {
            const kpi_agent *agent = months[m].by_id[i];
            bool seen = false;
            for (size_t n = m + 1; n < data->trend_count && !seen; n++)
                seen = find_agent(&months[n], agent->agent_id) != NULL;
            if (seen)
                continue;
            if (!VEC_PUSH(agents, count, capacity,
                          ((trend_agent){agent->agent_id, data->trend[m], agent})))
                goto nomem;
        }
    }
    if (count > 0)
        qsort(agents, count, sizeof *agents, compare_trend_agent);
    *out = agents;
    *out_count = count;
    return CK_OK;
nomem:
    free(agents);
    return CK_ERR_NOMEM;
}

/* The in-cell sparkline of values[0..n): UTF-8 text, 3 bytes per month. */
static void sparkline_text(const kpi_cell *values, size_t n, char *out, size_t size)
{
    static const char *const blocks[8] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                          "\u2585", "\u2586", "\u2587", "\u2588"};
    bool any = false;
    double low = 0.0, high = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!values[i].defined)
            continue;
        if (!any || values[i].value < low)
            low = values[i].value;
        if (!any || values[i].value > high)
            high = values[i].value;
        any = true;
    }
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used + 4 < size; i++) {
        const char *glyph = "\u00B7";
        if (values[i].defined) {
            /* A flat row sits in the middle; otherwise the row's own range fills the cell. */
            size_t level = 3;
            if (high > low)
                level = (size_t)((values[i].value - low) / (high - low) * 7.0 + 0.5);
            glyph = blocks[level > 7 ? 7 : level];
        }
        size_t len = strlen(glyph);
        memcpy(out + used, glyph, len);
        used += len;
        out[used] = '\0';
    }
}

static lxw_col_t metric_first_col(int metric, size_t months)
{
    return (lxw_col_t)(IDENTITY_COLUMNS + (size_t)metric * (months + 1));
}

static void write_header(xlsx_sheet *sheet, lxw_format *group_header, lxw_format *spark_header)
{
    xlsx_book *book = sheet->book;
    const report_data *data = book->data;
    static const char *const identity[IDENTITY_COLUMNS] = {"team", "employee_no", "agent_name"};
    for (lxw_col_t c = 0; c < IDENTITY_COLUMNS; c++) {
        xlsx_text(sheet, GROUP_ROW, c, "", book->label_header);
        xlsx_text(sheet, MONTH_ROW, c, xlsx_column_label(identity[c], book->lang),
                  book->label_header);
    }
    for (int metric = 0; metric < METRICS; metric++) {
        lxw_col_t first = metric_first_col(metric, data->trend_count);
        char heading[160];
        snprintf(heading, sizeof heading, "%s  (%s)",
                 xlsx_column_label(metric_keys[metric], book->lang), metric_keys[metric]);
        lxw_col_t last = (lxw_col_t)(first + data->trend_count);
        xlsx_merge(sheet, GROUP_ROW, first, GROUP_ROW, last, heading, group_header);
        for (size_t m = 0; m < data->trend_count; m++) {
            int year, month, day;
            datetime_civil_from_days(datetime_day_of(data->trend[m]->period.start), &year, &month,
                                     &day);
            lxw_datetime when = {.year = year, .month = month, .day = 1};
            lxw_error err = worksheet_write_datetime(
                sheet->worksheet, MONTH_ROW, (lxw_col_t)(first + m), &when, book->month_header);
            xlsx_sheet_note_error(sheet, err);
            xlsx_sheet_measure(sheet, (lxw_col_t)(first + m), 8.0);
        }
        xlsx_text(sheet, MONTH_ROW, last, xlsx_label(book, "report.agent_trend.sparkline"),
                  spark_header);
    }
}

static void write_agent(xlsx_sheet *sheet, lxw_row_t row, const trend_agent *agent,
                        const month_index *months, lxw_format *spark)
{
    xlsx_book *book = sheet->book;
    const report_data *data = book->data;
    xlsx_cell_text(sheet, row, 0, team_name(agent->newest, agent->agent), XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 1, agent->agent->employee_no, XLSX_STYLE_PLAIN);
    xlsx_cell_text(sheet, row, 2, agent->agent->name, XLSX_STYLE_PLAIN);
    for (int metric = 0; metric < METRICS; metric++) {
        const kpi_column *column = kpi_column_find(metric_keys[metric]);
        lxw_col_t first = metric_first_col(metric, data->trend_count);
        kpi_cell values[REPORT_TREND_MONTHS] = {{0}};
        for (size_t m = 0; m < data->trend_count && m < REPORT_TREND_MONTHS; m++) {
            const kpi_agent *a = find_agent(&months[m], agent->agent_id);
            lxw_col_t col = (lxw_col_t)(first + m);
            if (a == NULL || column == NULL) {
                xlsx_blank(sheet, row, col, XLSX_NUM_RATE, XLSX_STYLE_PLAIN);
                continue;
            }
            xlsx_kpi(sheet, row, col, &a->row, column, XLSX_STYLE_PLAIN);
            /* A month the data has not reached is a gap in the line, not a drop to 0%. */
            if (!kpi_result_empty(data->trend[m]))
                values[m] = kpi_row_cell(&a->row, column);
        }
        char line[REPORT_TREND_MONTHS * 3 + 8];
        size_t n =
            data->trend_count < REPORT_TREND_MONTHS ? data->trend_count : REPORT_TREND_MONTHS;
        sparkline_text(values, n, line, sizeof line);
        lxw_col_t spark_col = (lxw_col_t)(first + data->trend_count);
        lxw_error err = worksheet_write_string(sheet->worksheet, row, spark_col, line, spark);
        xlsx_sheet_note_error(sheet, err);
        xlsx_sheet_measure(sheet, spark_col, (double)n * 1.2 + 1.0);
    }
}

/* The note under the title, wrapped within the identity columns and the first NOTE_MONTHS
 * months: the first printed page, at any name's length (a line of its own ran on across
 * every page and printed cut in two). */
#define NOTE_MONTHS 8

static void write_note(xlsx_sheet *sheet, size_t months, lxw_format *format)
{
    const char *text = xlsx_label(sheet->book, "report.agent_trend.note");
    /* (one column past the names even without months) */
    size_t spanned = months == 0 ? 1 : months < NOTE_MONTHS ? months : NOTE_MONTHS;
    xlsx_merge(sheet, NOTE_ROW, 0, NOTE_ROW, (lxw_col_t)(IDENTITY_COLUMNS + spanned - 1), text,
               format);
    /* Lines at about 36 characters of names and 10 a month, the narrowest the columns get. */
    xlsx_row_lines(sheet, NOTE_ROW, xlsx_text_lines(text, 36.0 + 10.0 * (double)spanned));
}

static lxw_format *spark_format(xlsx_book *book, bool header)
{
    lxw_format *f = header ? xlsx_add_header_look(book) : workbook_add_format(book->workbook);
    if (f == NULL)
        return NULL;
    if (!header) {
        format_set_font_color(f, 0x1F4E79); /* the header fill's blue */
        format_set_font_name(f, "DejaVu Sans Mono");
    }
    format_set_align(f, LXW_ALIGN_CENTER);
    return f;
}

ck_error xlsx_write_agent_trend(xlsx_book *book, ck_diag *diag)
{
    const report_data *data = book->data;
    size_t columns = IDENTITY_COLUMNS + METRICS * (data->trend_count + 1);
    month_index *months = calloc(data->trend_count + 1, sizeof *months);
    trend_agent *agents = NULL;
    size_t agent_count = 0;
    ck_error err =
        months != NULL ? collect_agents(data, months, &agents, &agent_count) : CK_ERR_NOMEM;
    lxw_format *spark = spark_format(book, false);
    lxw_format *spark_header = spark_format(book, true);
    lxw_format *group_header = xlsx_add_header_look(book);
    lxw_format *note = workbook_add_format(book->workbook);
    if (err == CK_OK &&
        (spark == NULL || spark_header == NULL || group_header == NULL || note == NULL))
        err = CK_ERR_NOMEM;
    xlsx_sheet sheet;
    if (err == CK_OK)
        err = xlsx_sheet_open(book, "Agent trend", columns, &sheet, diag);
    if (err != CK_OK)
        goto done;
    /* A metric's heading spans its months. Where they run onto a second printed page (in a
     * viewer without Calibri's widths), a centred heading was cut at the page's edge; at the
     * left it prints whole at the start of the span, as the Trend sheet's headings do. */
    format_set_align(group_header, LXW_ALIGN_LEFT);
    format_set_align(group_header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_indent(group_header, 1);
    format_set_italic(note);
    format_set_font_color(note, 0x595959);
    format_set_text_wrap(note);
    format_set_align(note, LXW_ALIGN_VERTICAL_TOP);

    xlsx_text_wide(&sheet, TITLE_ROW, 0, xlsx_label(book, "report.agent_trend.title"), book->title);
    write_note(&sheet, data->trend_count, note);
    write_header(&sheet, group_header, spark_header);
    for (size_t i = 0; i < agent_count; i++)
        write_agent(&sheet, (lxw_row_t)(FIRST_AGENT_ROW + i), &agents[i], months, spark);
    if (agent_count == 0)
        xlsx_text_wide(&sheet, FIRST_AGENT_ROW, 0, xlsx_label(book, "report.agent_trend.empty"),
                       book->note);
    worksheet_freeze_panes(sheet.worksheet, FIRST_AGENT_ROW, IDENTITY_COLUMNS);
    xlsx_sheet_print_wide(&sheet, GROUP_ROW, MONTH_ROW, IDENTITY_COLUMNS);
    err = xlsx_sheet_close(&sheet, 6.0, 40.0, diag);
done:
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory while writing the sheet 'Agent trend'");
    for (size_t m = 0; months != NULL && m < data->trend_count; m++)
        free(months[m].by_id);
    free(months);
    free(agents);
    return err;
}
