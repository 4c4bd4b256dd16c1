/* xlsx_format.c - the workbook's cell formats and the cell helpers every sheet writes
 * through.
 *
 * The helpers are where the traps of libxlsxwriter 1.1.4 are kept away from the sheets: an
 * undefined or non-finite value becomes an empty cell (the library would write NAN/INF and
 * corrupt the file), data text always goes through worksheet_write_string (never a formula),
 * and money leaves int64 minor units only here, at the cell. Each helper also measures what
 * it wrote so that xlsx_sheet_close can fit the columns (CJK characters count double).
 */
#include "xlsx_internal.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/datetime.h"
#include "collectkpi/labels.h"
#include "collectkpi/utf8.h"

#define COLOR_HEADER_FILL 0x1F4E79
#define COLOR_KEY_FILL    0xDDE5F0
#define COLOR_KEY_TEXT    0x44546A
#define COLOR_TITLE       0x1F4E79
#define COLOR_GREY        0x595959
#define COLOR_ALERT_FILL  0xFDE2E1
#define COLOR_WARN_FILL   0xFFF2CC
#define COLOR_ALERT_TEXT  0x9C0006
#define COLOR_RULE        0x808080
#define COLOR_GOOD_TEXT   0x1B7F3B

const char *xlsx_label(const xlsx_book *book, const char *key)
{
    return labels_text(key, book->lang);
}

const char *xlsx_column_label(const char *key, settings_lang lang)
{
    /* kpi.md columns are labelled in the column table; the report's own columns (case_no,
     * due_on, ...) in the report texts as "report.col.KEY". */
    const char *label = labels_column(key, lang);
    if (label != NULL && strcmp(label, key) != 0)
        return label;
    char text_key[96];
    snprintf(text_key, sizeof text_key, "report.col.%s", key);
    const char *text = labels_text(text_key, lang);
    if (text == NULL || strcmp(text, text_key) == 0)
        return key;
    return text;
}

xlsx_num xlsx_num_of_kind(kpi_kind kind)
{
    switch (kind) {
    case KPI_KIND_COUNT: return XLSX_NUM_COUNT;
    case KPI_KIND_MONEY: return XLSX_NUM_MONEY;
    case KPI_KIND_RATE: return XLSX_NUM_RATE;
    case KPI_KIND_DAYS: return XLSX_NUM_DAYS;
    case KPI_KIND_PER_1K: return XLSX_NUM_PER_1K;
    case KPI_KIND_SCORE: return XLSX_NUM_SCORE;
    }
    return XLSX_NUM_COUNT;
}

xlsx_num xlsx_change_num_of_kind(kpi_kind kind)
{
    switch (kind) {
    case KPI_KIND_MONEY: return XLSX_NUM_CHANGE_MONEY;
    case KPI_KIND_RATE: return XLSX_NUM_CHANGE_RATE;
    case KPI_KIND_DAYS: return XLSX_NUM_CHANGE_DAYS;
    case KPI_KIND_COUNT: return XLSX_NUM_CHANGE_COUNT;
    case KPI_KIND_PER_1K:
    case KPI_KIND_SCORE: return XLSX_NUM_CHANGE_PER_1K;
    }
    return XLSX_NUM_CHANGE_PER_1K;
}

double xlsx_change_shown(double change, xlsx_num num, int *sign)
{
    double steps_per_unit = 1.0; /* 10^places of the format */
    switch (num) {
    case XLSX_NUM_CHANGE_RATE:
    case XLSX_NUM_CHANGE_DAYS: steps_per_unit = 10.0; break;
    case XLSX_NUM_CHANGE_MONEY:
    case XLSX_NUM_CHANGE_PER_1K: steps_per_unit = 100.0; break;
    default: break;
    }
    if (round(change * steps_per_unit) == 0.0) {
        *sign = 0;
        return 0.0;
    }
    *sign = change > 0.0 ? 1 : -1;
    return change;
}

/* The Excel number format of each kind; money carries the --currency code. */
static void number_format(xlsx_num num, const char *currency, char *out, size_t size)
{
    switch (num) {
    case XLSX_NUM_TEXT: snprintf(out, size, "@"); return;
    case XLSX_NUM_COUNT: snprintf(out, size, "#,##0"); return;
    case XLSX_NUM_MONEY:
        snprintf(out, size, "#,##0.00 [$%s];-#,##0.00 [$%s]", currency, currency);
        return;
    case XLSX_NUM_RATE: snprintf(out, size, "0.0%%"); return;
    case XLSX_NUM_DAYS: snprintf(out, size, "0.0"); return;
    case XLSX_NUM_PER_1K:
    case XLSX_NUM_SCORE: snprintf(out, size, "0.00"); return;
    case XLSX_NUM_DATETIME: snprintf(out, size, "yyyy-mm-dd hh:mm"); return;
    case XLSX_NUM_DATETIME_SECONDS: snprintf(out, size, "yyyy-mm-dd hh:mm:ss"); return;
    case XLSX_NUM_DATE: snprintf(out, size, "yyyy-mm-dd"); return;
    case XLSX_NUM_MONTH: snprintf(out, size, "yyyy-mm"); return;
    case XLSX_NUM_MONEY_WHOLE:
        snprintf(out, size, "#,##0 [$%s];-#,##0 [$%s]", currency, currency);
        return;
    case XLSX_NUM_CHANGE_MONEY:
        snprintf(out, size, "+#,##0.00 [$%s];-#,##0.00 [$%s];0.00 [$%s]", currency, currency,
                 currency);
        return;
    /* The value is in percentage points already (xlsx_summary.c): "+1.7 pp". */
    case XLSX_NUM_CHANGE_RATE: snprintf(out, size, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\""); return;
    case XLSX_NUM_CHANGE_DAYS: snprintf(out, size, "+0.0;-0.0;0.0"); return;
    case XLSX_NUM_CHANGE_PER_1K: snprintf(out, size, "+0.00;-0.00;0.00"); return;
    case XLSX_NUM_CHANGE_COUNT: snprintf(out, size, "+#,##0;-#,##0;0"); return;
    case XLSX_NUM_KINDS: break;
    }
    snprintf(out, size, "General");
}

void xlsx_number_format(xlsx_num num, const char *currency, char *out, size_t size)
{
    number_format(num, currency, out, size);
}

static lxw_format *add_format(xlsx_book *book, bool *failed)
{
    lxw_format *format = workbook_add_format(book->workbook);
    if (format == NULL)
        *failed = true;
    return format;
}

static void apply_style(lxw_format *format, xlsx_style style)
{
    switch (style) {
    case XLSX_STYLE_PLAIN: break;
    case XLSX_STYLE_TOTAL:
        format_set_bold(format);
        format_set_top(format, LXW_BORDER_THIN);
        format_set_top_color(format, COLOR_RULE);
        break;
    case XLSX_STYLE_ALERT:
        format_set_pattern(format, LXW_PATTERN_SOLID);
        format_set_bg_color(format, COLOR_ALERT_FILL);
        break;
    case XLSX_STYLE_WARN:
        format_set_pattern(format, LXW_PATTERN_SOLID);
        format_set_bg_color(format, COLOR_WARN_FILL);
        break;
    case XLSX_STYLE_GOOD:
        format_set_bold(format);
        format_set_font_color(format, COLOR_GOOD_TEXT);
        break;
    case XLSX_STYLE_BAD:
        format_set_bold(format);
        format_set_font_color(format, COLOR_ALERT_TEXT);
        break;
    case XLSX_STYLE_COUNT: break;
    }
}

void xlsx_apply_style(lxw_format *format, xlsx_style style)
{
    apply_style(format, style);
}

lxw_format *xlsx_add_header_look(xlsx_book *book)
{
    lxw_format *format = workbook_add_format(book->workbook);
    if (format == NULL)
        return NULL;
    format_set_bold(format);
    format_set_font_color(format, LXW_COLOR_WHITE);
    format_set_pattern(format, LXW_PATTERN_SOLID);
    format_set_bg_color(format, COLOR_HEADER_FILL);
    return format;
}

lxw_format *xlsx_add_label_header(xlsx_book *book, uint8_t align)
{
    lxw_format *format = xlsx_add_header_look(book);
    if (format == NULL)
        return NULL;
    format_set_text_wrap(format);
    format_set_align(format, align);
    format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
    return format;
}

lxw_format *xlsx_add_key_header(xlsx_book *book, uint8_t align)
{
    lxw_format *format = workbook_add_format(book->workbook);
    if (format == NULL)
        return NULL;
    format_set_font_size(format, 9);
    format_set_font_color(format, COLOR_KEY_TEXT);
    format_set_pattern(format, LXW_PATTERN_SOLID);
    format_set_bg_color(format, COLOR_KEY_FILL);
    format_set_align(format, align);
    format_set_bottom(format, LXW_BORDER_THIN);
    format_set_bottom_color(format, COLOR_RULE);
    return format;
}

ck_error xlsx_formats_create(xlsx_book *book, ck_diag *diag)
{
    bool failed = false;
    const char *currency = book->current->settings.currency;
    for (int num = 0; num < XLSX_NUM_KINDS; num++) {
        char text[128];
        number_format((xlsx_num)num, currency, text, sizeof text);
        for (int style = 0; style < XLSX_STYLE_COUNT; style++) {
            lxw_format *format = add_format(book, &failed);
            if (format == NULL)
                break;
            if (num != XLSX_NUM_TEXT)
                format_set_num_format(format, text);
            format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
            if (num == XLSX_NUM_DATETIME || num == XLSX_NUM_DATETIME_SECONDS ||
                num == XLSX_NUM_DATE || num == XLSX_NUM_MONTH)
                format_set_align(format, LXW_ALIGN_CENTER);
            apply_style(format, (xlsx_style)style);
            book->cell[num][style] = format;
        }
    }
    for (int style = 0; style < XLSX_STYLE_COUNT && !failed; style++) {
        lxw_format *format = add_format(book, &failed);
        if (format == NULL)
            break;
        format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
        format_set_indent(format, 1);
        apply_style(format, (xlsx_style)style);
        book->indented[style] = format;
    }
    if (!failed && (book->title = add_format(book, &failed)) != NULL) {
        format_set_bold(book->title);
        format_set_font_size(book->title, 16);
        format_set_font_color(book->title, COLOR_TITLE);
    }
    if (!failed && (book->subtitle = add_format(book, &failed)) != NULL)
        format_set_font_color(book->subtitle, COLOR_GREY);
    if (!failed && (book->heading = add_format(book, &failed)) != NULL) {
        format_set_bold(book->heading);
        format_set_font_size(book->heading, 12);
        format_set_font_color(book->heading, COLOR_TITLE);
    }
    if (!failed && (book->label_header = xlsx_add_label_header(book, LXW_ALIGN_CENTER)) == NULL)
        failed = true;
    if (!failed && (book->key_header = xlsx_add_key_header(book, LXW_ALIGN_CENTER)) == NULL)
        failed = true;
    if (!failed && (book->month_header = xlsx_add_header_look(book)) == NULL)
        failed = true;
    if (!failed) {
        format_set_align(book->month_header, LXW_ALIGN_CENTER);
        format_set_num_format(book->month_header, "yyyy-mm");
    }
    if (!failed && (book->label = add_format(book, &failed)) != NULL) {
        format_set_bold(book->label);
        format_set_align(book->label, LXW_ALIGN_VERTICAL_CENTER);
    }
    if (!failed && (book->top_label = add_format(book, &failed)) != NULL) {
        format_set_bold(book->top_label);
        format_set_align(book->top_label, LXW_ALIGN_VERTICAL_TOP);
    }
    if (!failed && (book->top_text = add_format(book, &failed)) != NULL)
        format_set_align(book->top_text, LXW_ALIGN_VERTICAL_TOP);
    if (!failed && (book->note = add_format(book, &failed)) != NULL) {
        format_set_italic(book->note);
        format_set_font_color(book->note, COLOR_GREY);
    }
    if (!failed && (book->alert_note = add_format(book, &failed)) != NULL) {
        format_set_bold(book->alert_note);
        format_set_font_color(book->alert_note, COLOR_ALERT_TEXT);
    }
    if (!failed && (book->banner = add_format(book, &failed)) != NULL) {
        format_set_bold(book->banner);
        format_set_font_color(book->banner, COLOR_ALERT_TEXT);
        format_set_bg_color(book->banner, COLOR_ALERT_FILL);
        format_set_border(book->banner, LXW_BORDER_MEDIUM);
        format_set_border_color(book->banner, COLOR_ALERT_TEXT);
        format_set_text_wrap(book->banner);
        format_set_align(book->banner, LXW_ALIGN_VERTICAL_CENTER);
    }
    if (!failed && (book->wrap = add_format(book, &failed)) != NULL) {
        format_set_text_wrap(book->wrap);
        format_set_align(book->wrap, LXW_ALIGN_VERTICAL_TOP);
    }
    if (failed) {
        ck_diag_set(diag, "out of memory while creating the workbook's formats");
        return CK_ERR_NOMEM;
    }
    return CK_OK;
}

void xlsx_merge(xlsx_sheet *sheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
                lxw_col_t last_col, const char *text, lxw_format *format)
{
    xlsx_sheet_note_error(sheet, worksheet_merge_range(sheet->worksheet, first_row, first_col,
                                                       last_row, last_col, text, format));
}

unsigned xlsx_text_lines(const char *text, double chars_per_line)
{
    double width = (double)utf8_display_width(text);
    unsigned lines = 1;
    while (chars_per_line > 0.0 && width > chars_per_line * lines)
        lines++;
    return lines;
}

void xlsx_text_wide(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                    lxw_format *format)
{
    /* Data text is always a string cell: a name like "=SUM(A1)" stays text. */
    xlsx_sheet_note_error(sheet, worksheet_write_string(sheet->worksheet, row, col, text, format));
}

void xlsx_text(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
               lxw_format *format)
{
    xlsx_text_wide(sheet, row, col, text, format);
    xlsx_sheet_measure(sheet, col, (double)utf8_display_width(text));
}

void xlsx_cell_text(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                    xlsx_style style)
{
    xlsx_text(sheet, row, col, text, sheet->book->cell[XLSX_NUM_TEXT][style]);
}

void xlsx_cell_text_indented(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                             xlsx_style style)
{
    xlsx_text_wide(sheet, row, col, text, sheet->book->indented[style]);
    /* Excel indents by the width of one character per level. */
    xlsx_sheet_measure(sheet, col, (double)utf8_display_width(text) + 1.0);
}

/* Characters the number takes in its format, roughly as Excel shows it. */
static double number_width(double value, xlsx_num num)
{
    int places = 0;
    bool grouped = false;
    double extra = 0.0;
    double shown = value;
    switch (num) {
    case XLSX_NUM_COUNT: grouped = true; break;
    case XLSX_NUM_MONEY:
    case XLSX_NUM_CHANGE_MONEY:
        places = 2;
        grouped = true;
        extra = 5.5; /* " CNY": letters are wider than digits */
        break;
    case XLSX_NUM_MONEY_WHOLE:
        shown = round(value); /* only to count the digits shown */
        grouped = true;
        extra = 5.5;
        break;
    case XLSX_NUM_RATE:
        shown = value * 100.0; /* only to count the digits shown */
        places = 1;
        extra = 1.0;
        break;
    case XLSX_NUM_CHANGE_RATE: /* already in points, then " pp" */
        places = 1;
        extra = 3.0;
        break;
    case XLSX_NUM_DAYS:
    case XLSX_NUM_CHANGE_DAYS: places = 1; break;
    case XLSX_NUM_PER_1K:
    case XLSX_NUM_SCORE:
    case XLSX_NUM_CHANGE_PER_1K: places = 2; break;
    case XLSX_NUM_CHANGE_COUNT: grouped = true; break;
    case XLSX_NUM_DATETIME: return 18.0;
    case XLSX_NUM_DATETIME_SECONDS: return 21.0;
    case XLSX_NUM_DATE: return 11.0;
    case XLSX_NUM_MONTH: return 8.0;
    case XLSX_NUM_TEXT:
    case XLSX_NUM_KINDS: break;
    }
    if (num >= XLSX_NUM_CHANGE_MONEY)
        extra += 1.0; /* the sign */
    char text[64];
    int len = snprintf(text, sizeof text, "%.*f", places, fabs(shown));
    if (len < 0)
        return 10.0;
    int digits = places > 0 ? len - places - 1 : len;
    double width = (double)len + extra + (shown < 0 ? 1.0 : 0.0);
    if (grouped && digits > 3)
        width += (double)((digits - 1) / 3);
    return width;
}

void xlsx_blank(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, xlsx_num num, xlsx_style style)
{
    xlsx_sheet_note_error(
        sheet, worksheet_write_blank(sheet->worksheet, row, col, sheet->book->cell[num][style]));
}

void xlsx_number(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, bool defined, double value,
                 xlsx_num num, xlsx_style style)
{
    /* libxlsxwriter 1.1.4 writes NaN and infinity as NAN/INF, which corrupts the file. */
    if (!defined || !isfinite(value)) {
        xlsx_blank(sheet, row, col, num, style);
        return;
    }
    xlsx_sheet_note_error(sheet, worksheet_write_number(sheet->worksheet, row, col, value,
                                                        sheet->book->cell[num][style]));
    /* Bold digits are about a tenth wider. */
    double bold = style == XLSX_STYLE_TOTAL ? 1.1 : 1.0;
    xlsx_sheet_measure(sheet, col, bold * number_width(value, num));
}

void xlsx_count(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t value, xlsx_style style)
{
    xlsx_number(sheet, row, col, true, (double)value, XLSX_NUM_COUNT, style);
}

void xlsx_money_as(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t minor, xlsx_num num,
                   xlsx_style style)
{
    /* The one float step of money: minor units to a major-unit number, at the cell. A double
     * holds every cent exactly enough that reading it back and rounding to the cent gives
     * the engine's integer (|minor| < 2^53). Only the format may show fewer places. */
    assert(num == XLSX_NUM_MONEY || num == XLSX_NUM_MONEY_WHOLE);
    xlsx_number(sheet, row, col, true, (double)minor / 100.0, num, style);
}

void xlsx_money(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t minor, xlsx_style style)
{
    xlsx_money_as(sheet, row, col, minor, XLSX_NUM_MONEY, style);
}

void xlsx_kpi(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const kpi_row *kpi,
              const kpi_column *column, xlsx_style style)
{
    kpi_cell cell = kpi_row_cell(kpi, column);
    if (column->kind == KPI_KIND_MONEY)
        xlsx_money(sheet, row, col, cell.integer, style);
    else if (column->kind == KPI_KIND_COUNT)
        xlsx_count(sheet, row, col, cell.integer, style);
    else
        xlsx_number(sheet, row, col, cell.defined, cell.value, xlsx_num_of_kind(column->kind),
                    style);
}

/* Excel serial dates start in 1900; an earlier timestamp is shown as text. */
static bool excel_datetime(int64_t seconds, lxw_datetime *out)
{
    int64_t days = datetime_day_of(seconds);
    int64_t in_day = seconds - days * DATETIME_SECONDS_PER_DAY;
    int year, month, day;
    datetime_civil_from_days(days, &year, &month, &day);
    if (year < 1900 || year > 9999)
        return false;
    out->year = year;
    out->month = month;
    out->day = day;
    out->hour = (int)(in_day / 3600);
    out->min = (int)(in_day / 60 % 60);
    out->sec = (double)(in_day % 60);
    return true;
}

static void write_timestamp(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t seconds,
                            xlsx_num num, xlsx_style style)
{
    lxw_datetime when;
    if (!excel_datetime(seconds, &when)) {
        char text[DATETIME_TS_SIZE];
        datetime_format_ts(seconds, text);
        xlsx_cell_text(sheet, row, col, text, style);
        return;
    }
    xlsx_sheet_note_error(sheet, worksheet_write_datetime(sheet->worksheet, row, col, &when,
                                                          sheet->book->cell[num][style]));
    xlsx_sheet_measure(sheet, col, number_width(0, num));
}

void xlsx_timestamp(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t seconds,
                    xlsx_style style)
{
    write_timestamp(sheet, row, col, seconds, XLSX_NUM_DATETIME, style);
}

void xlsx_timestamp_seconds(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t seconds,
                            xlsx_style style)
{
    write_timestamp(sheet, row, col, seconds, XLSX_NUM_DATETIME_SECONDS, style);
}

void xlsx_date(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t days, xlsx_style style)
{
    lxw_datetime when;
    if (!excel_datetime(days * DATETIME_SECONDS_PER_DAY, &when)) {
        char text[DATETIME_DATE_SIZE];
        datetime_format_date(days, text);
        xlsx_cell_text(sheet, row, col, text, style);
        return;
    }
    xlsx_sheet_note_error(sheet, worksheet_write_datetime(sheet->worksheet, row, col, &when,
                                                          sheet->book->cell[XLSX_NUM_DATE][style]));
    xlsx_sheet_measure(sheet, col, number_width(0, XLSX_NUM_DATE));
}

void xlsx_month(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const period *month,
                xlsx_style style)
{
    lxw_datetime when;
    if (!excel_datetime(month->start, &when)) {
        char text[32];
        period_label(month, text, sizeof text);
        xlsx_cell_text(sheet, row, col, text, style);
        return;
    }
    xlsx_sheet_note_error(sheet,
                          worksheet_write_datetime(sheet->worksheet, row, col, &when,
                                                   sheet->book->cell[XLSX_NUM_MONTH][style]));
    xlsx_sheet_measure(sheet, col, number_width(0, XLSX_NUM_MONTH));
}

const char *xlsx_column_definition(const char *key, settings_lang lang)
{
    const char *text = labels_column_definition(key, lang);
    if (text != NULL && text[0] != '\0')
        return text;
    char text_key[96];
    snprintf(text_key, sizeof text_key, "report.coldef.%s", key);
    text = labels_text(text_key, lang);
    if (text == NULL || strcmp(text, text_key) == 0)
        return "";
    return text;
}

void xlsx_safe_text(const char *text, char *out, size_t size)
{
    /* A file name is bytes, not necessarily UTF-8: show bad bytes as '?' rather than
     * corrupting the workbook. */
    snprintf(out, size, "%s", text != NULL ? text : "");
    size_t len = strlen(out);
    size_t bad = 0;
    while (!utf8_valid(out, len, &bad) && bad < len)
        out[bad] = '?';
}

static void resolved_reasons(const xlsx_book *book, char *out, size_t size)
{
    labels_resolved_reasons(&book->current->settings, book->lang, LABELS_REASON_LABEL_AND_CODE,
                            xlsx_label(book, "report.list_separator"), out, size);
}

/* One "label: value" line; the value may run on into the empty cells to its right, so it
 * does not widen its column. */
static void info_line(xlsx_sheet *sheet, const xlsx_place *at, lxw_row_t row, const char *label_key,
                      const char *value)
{
    const char *label = xlsx_label(sheet->book, label_key);
    if (at->measure_labels)
        xlsx_text(sheet, row, at->label_col, label, sheet->book->label);
    else
        xlsx_text_wide(sheet, row, at->label_col, label, sheet->book->label);
    xlsx_text_wide(sheet, row, at->value_col, value,
                   sheet->book->cell[XLSX_NUM_TEXT][XLSX_STYLE_PLAIN]);
}

lxw_row_t xlsx_settings_block(xlsx_sheet *sheet, const xlsx_place *at, lxw_row_t row)
{
    const xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    char text[512];
    char from[DATETIME_DATE_SIZE], to[DATETIME_DATE_SIZE];
    datetime_format_date(datetime_day_of(r->period.start), from);
    datetime_format_date(datetime_day_of(r->period.end) - 1, to);
    snprintf(text, sizeof text, "%s – %s", from, to);
    info_line(sheet, at, row++, "report.period", text);

    char when[DATETIME_TS_SIZE];
    datetime_format_ts(r->as_of, when);
    const char *why = r->as_of_given  ? "report.as_of.given"
                      : r->has_cutoff ? "report.as_of.cutoff"
                                      : "report.as_of.period_end";
    snprintf(text, sizeof text, "%s  %s", when, xlsx_label(book, why));
    info_line(sheet, at, row++, "report.as_of", text);
    if (r->has_cutoff) {
        datetime_format_ts(r->data_cutoff, when);
        info_line(sheet, at, row++, "report.cutoff", when);
    } else {
        info_line(sheet, at, row++, "report.cutoff", xlsx_label(book, "report.cutoff.none"));
    }
    snprintf(text, sizeof text, "%d", r->settings.grace_days);
    info_line(sheet, at, row++, "report.grace_days", text);
    snprintf(text, sizeof text, "%d%%", r->settings.kept_threshold_pct);
    info_line(sheet, at, row++, "report.kept_threshold", text);
    resolved_reasons(book, text, sizeof text);
    info_line(sheet, at, row++, "report.resolved_reasons", text);
    info_line(sheet, at, row++, "report.currency", r->settings.currency);
    return row;
}
