/* xlsx_internal.h - what the xlsx_*.c files share; not a public interface.
 *
 * xlsx_book.c opens the workbook and calls one writer per sheet; xlsx_format.c holds the
 * cell formats and the cell helpers every sheet writes through (they turn an undefined value
 * into an empty cell, money minor units into a number, and measure column widths),
 * xlsx_sheet.c a worksheet from open to close (the columns sized from what was measured, the
 * row heights, the print setup), and xlsx_header.c the two header rows above a table;
 * xlsx_summary.c, xlsx_tables.c, xlsx_trend.c, xlsx_lists.c and xlsx_definitions.c write the
 * sheets. No file here computes a figure: values come from the kpi_result as they are.
 */
#ifndef COLLECTKPI_XLSX_INTERNAL_H
#define COLLECTKPI_XLSX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xlsxwriter.h>

#include "collectkpi/atomic_file.h"
#include "collectkpi/error.h"
#include "collectkpi/kpi.h"
#include "collectkpi/report.h"
#include "collectkpi/score.h"
#include "collectkpi/settings.h"
#include "collectkpi/xlsx.h"

/* Number formats: one per value kind, plus the "change" columns of the Summary sheet. */
typedef enum xlsx_num {
    XLSX_NUM_TEXT,
    XLSX_NUM_COUNT,
    XLSX_NUM_MONEY,
    XLSX_NUM_RATE,
    XLSX_NUM_DAYS,
    XLSX_NUM_PER_1K,
    XLSX_NUM_SCORE,
    XLSX_NUM_DATETIME,
    XLSX_NUM_DATETIME_SECONDS, /* where the second matters: a contact's time */
    XLSX_NUM_DATE,
    XLSX_NUM_MONTH,
    XLSX_NUM_MONEY_WHOLE, /* whole major units shown (the cell keeps the cents): the Trend */
    XLSX_NUM_CHANGE_MONEY,
    XLSX_NUM_CHANGE_RATE, /* percentage points */
    XLSX_NUM_CHANGE_DAYS,
    XLSX_NUM_CHANGE_PER_1K,
    XLSX_NUM_CHANGE_COUNT,
    XLSX_NUM_KINDS
} xlsx_num;

/* Cell styles layered on a number format. */
typedef enum xlsx_style {
    XLSX_STYLE_PLAIN,
    XLSX_STYLE_TOTAL, /* bold with a rule above: team and portfolio totals */
    XLSX_STYLE_ALERT, /* light red fill: a broken promise */
    XLSX_STYLE_WARN,  /* light yellow fill: a pending promise */
    XLSX_STYLE_GOOD,  /* bold green text: a change that is good news */
    XLSX_STYLE_BAD,   /* bold red text: a change that is bad news */
    XLSX_STYLE_COUNT
} xlsx_style;

typedef struct xlsx_book {
    lxw_workbook *workbook;
    const report_data *data;
    const kpi_result *current;
    settings_lang lang;
    char period_label[32];

    lxw_format *cell[XLSX_NUM_KINDS][XLSX_STYLE_COUNT];
    /* Text indented by one character: a text cell to the right of a right-aligned number,
     * which would otherwise touch it ("13 E0024 Steven Lam"). */
    lxw_format *indented[XLSX_STYLE_COUNT];
    lxw_format *title;        /* sheet title */
    lxw_format *subtitle;     /* grey line under a title */
    lxw_format *heading;      /* a section heading */
    lxw_format *label_header; /* the human label row of a table */
    lxw_format *key_header;   /* the column-key row of a table */
    lxw_format *month_header; /* a trend's month (a date shown yyyy-mm) over its column */
    lxw_format *label;        /* bold text in a key/value block */
    lxw_format *top_label;    /* the same, at the top of a tall row */
    lxw_format *top_text;     /* plain text at the top of a tall row */
    lxw_format *note;         /* an explanatory line */
    lxw_format *alert_note;   /* "no data" */
    lxw_format *banner;       /* the data does not cover the period: bold on red, wrapped */
    lxw_format *wrap;         /* long text that wraps (definitions) */

    /* RAG fills of figures with a target (xlsx_scores.c), made on first use. */
    lxw_format *rag[XLSX_NUM_KINDS][XLSX_STYLE_COUNT][4];

    report_trend_team *trend_teams; /* report_trend_teams: by name, then team_id */
    size_t trend_team_count;

    xlsx_cut cut; /* the list rows the sheets could not show (xlsx_list_fit) */
} xlsx_book;

/* One worksheet being written: the widest content seen per column, the first error. */
typedef struct xlsx_sheet {
    xlsx_book *book;
    lxw_worksheet *worksheet;
    const char *name;
    double *widths;
    size_t width_count;
    lxw_error error;
} xlsx_sheet;

/* xlsx_format.c */
ck_error xlsx_formats_create(xlsx_book *book, ck_diag *diag);
xlsx_num xlsx_num_of_kind(kpi_kind kind);
/* The Excel number format text of a kind (money with the currency code). */
void xlsx_number_format(xlsx_num num, const char *currency, char *out, size_t size);
/* A new format in the look of a table's label row: bold white text on the header fill, for
 * the caller to align (xlsx_add_label_header's, the Agent trend sheet's month and group rows);
 * NULL when the library is out of memory, as for the two below. */
lxw_format *xlsx_add_header_look(xlsx_book *book);
/* A new format like book->label_header with the horizontal alignment align (an
 * LXW_ALIGN_* value). */
lxw_format *xlsx_add_label_header(xlsx_book *book, uint8_t align);
/* A new format of a table's key row (book->key_header's look) with its own alignment. */
lxw_format *xlsx_add_key_header(xlsx_book *book, uint8_t align);
/* Adds a style's bold, rule or fill to a format. */
void xlsx_apply_style(lxw_format *format, xlsx_style style);
xlsx_num xlsx_change_num_of_kind(kpi_kind kind);
/* A change (in the unit its cell shows: points, currency units, ...) as the change format
 * num shows it: exactly 0 when it rounds to zero at the format's places, since Excel picks
 * the negative section by the value's sign ("-0.0 pp"); else the value itself. *sign gets
 * the sign as shown (-1, 0, +1). */
double xlsx_change_shown(double change, xlsx_num num, int *sign);
/* xlsx_sheet.c (with xlsx_lists.c's list_fit and list_cut, xlsx_commit.c's workbook start
 * and commit): a worksheet from open to close. */
/* Adds the next worksheet (sheets must be opened in their final order). */
ck_error xlsx_sheet_open(xlsx_book *book, const char *name, size_t columns, xlsx_sheet *sheet,
                         ck_diag *diag);
/* xlsx_sheet_open for a sheet whose rows grow with the period (the lists): libxlsxwriter's
 * constant_memory mode for this sheet alone, so each row goes to a temporary file (in the
 * workbook's folder) as soon as the next one starts and a year's list holds no cell in
 * memory. Its rows must be written top to bottom (a cell above the current row is refused,
 * which xlsx_sheet_close reports), its texts are stored in the cells instead of the shared
 * string table, and no chart may take its values from it (the chart would have no cached
 * values). */
ck_error xlsx_sheet_open_streamed(xlsx_book *book, const char *name, size_t columns,
                                  xlsx_sheet *sheet, ck_diag *diag);
/* The lists (promises, complaints, breaches) can outgrow a sheet: Excel holds 1,048,576 rows
 * (LXW_ROW_MAX) and libxlsxwriter refuses a row below. xlsx_list_fit is how many of `rows`
 * list rows, the first on row `first`, a sheet shows: all of them when they fit, else as many
 * as leave the sheet's last row free for xlsx_list_cut, which, given the row below the last
 * one shown, puts there how many rows were left out and where to find them (hint_key: a
 * label), and sets *left_out (a field of book->cut) to that number; with every row shown it
 * writes nothing. The counts above a list stay whole; only its rows stop. */
size_t xlsx_list_fit(lxw_row_t first, size_t rows);
void xlsx_list_cut(xlsx_sheet *sheet, lxw_row_t row, size_t rows, size_t shown,
                   const char *hint_key, size_t *left_out);
/* Sets the column widths from the content seen (clamped to [min, max] characters), frees the
 * tracking, and turns the first library error into CK_ERR_IO. */
ck_error xlsx_sheet_close(xlsx_sheet *sheet, double min_width, double max_width, ck_diag *diag);

/* Reserves the temporary file for path and starts a workbook on it (libxlsxwriter writes to
 * a path of its own); on an error nothing is left reserved. Finish with
 * xlsx_workbook_commit, or lxw_workbook_free then atomic_file_abort. */
ck_error xlsx_workbook_start(const char *path, atomic_file *file, lxw_workbook **workbook,
                             ck_diag *diag);
/* Closes a finished workbook written to file->temp_path and moves it into place at path;
 * the one way a report workbook and a scorecard are completed (xlsx_commit.c). Errors name
 * path and the cause (a full disk: "No space left on device"); libxlsxwriter's own lines
 * about the failure never reach standard error. */
ck_error xlsx_workbook_commit(lxw_workbook *workbook, atomic_file *file, const char *path,
                              ck_diag *diag);
/* Landscape, one page wide, rows first_row..last_row repeated on every page, a footer. */
void xlsx_sheet_print_setup(xlsx_sheet *sheet, lxw_row_t repeat_first, lxw_row_t repeat_last);
/* Landscape at XLSX_PRINT_SCALE percent, as many pages across as the columns need, rows
 * repeat_first..repeat_last and the first identity_columns columns on every page, a footer:
 * for wide tables that one page width would squeeze below legibility. */
#define XLSX_PRINT_SCALE       75
#define XLSX_PRINT_SCALE_BANDS 70
void xlsx_sheet_print_wide(xlsx_sheet *sheet, lxw_row_t repeat_first, lxw_row_t repeat_last,
                           lxw_col_t identity_columns);
/* Landscape at XLSX_PRINT_SCALE_BANDS percent, rows repeat_first..repeat_last and the first
 * identity_columns columns on every page, a page break before each column of the
 * zero-terminated breaks, pages down first: a sheet whose columns come in blocks that each
 * fit a page across prints block after block. */
void xlsx_sheet_print_bands(xlsx_sheet *sheet, lxw_row_t repeat_first, lxw_row_t repeat_last,
                            lxw_col_t identity_columns, const lxw_col_t *breaks);
/* Landscape at scale percent, row 0 (the title) on every page, a page break before each row
 * of the zero-terminated row_breaks: a sheet of blocks (a table, its charts under it), each
 * kept whole on a page. */
void xlsx_sheet_print_blocks(xlsx_sheet *sheet, unsigned scale, const lxw_row_t *row_breaks);
/* The print scale, at most `most` percent, at which columns first..last (as
 * xlsx_sheet_close(sheet, min_width, max_width) will size them), and anything reaching
 * right_px pixels right of column first (a chart), fit one A4 landscape page across. */
unsigned xlsx_sheet_scale_to_fit(const xlsx_sheet *sheet, lxw_col_t first, lxw_col_t last,
                                 double min_width, double max_width, double right_px,
                                 unsigned most);
/* Whether drawings height_px tall, placed at `row`, print whole on the first page of a sheet
 * printed at one page's width (xlsx_sheet_print_setup), that width set by its columns
 * 0..last (sized as xlsx_sheet_close(sheet, min_width, max_width) will) or by drawings
 * reaching drawings_px from the left of column A, whichever is wider. */
bool xlsx_fits_first_page(const xlsx_sheet *sheet, lxw_col_t last, double min_width,
                          double max_width, double drawings_px, lxw_row_t row, double height_px);
/* The lines of the default height that one such page holds at scale percent. */
unsigned xlsx_page_rows(unsigned scale);
/* Keeps err as the sheet's error when it is the first (xlsx_sheet_close reports it). */
void xlsx_sheet_note_error(xlsx_sheet *sheet, lxw_error err);
/* Counts text of this display width (characters, CJK double) towards a column's width. */
void xlsx_sheet_measure(xlsx_sheet *sheet, lxw_col_t col, double width);
/* The width, in characters, xlsx_sheet_close(sheet, min_width, max_width) gives column col as
 * measured so far. */
double xlsx_sheet_column_width(const xlsx_sheet *sheet, lxw_col_t col, double min_width,
                               double max_width);
/* Sets a row's height for wrapped text of `lines` lines. */
void xlsx_row_lines(xlsx_sheet *sheet, lxw_row_t row, unsigned lines);

/* xlsx_format.c: the cell helpers; all record the first library error in the sheet and
 * measure the column. */
void xlsx_text(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
               lxw_format *format);
/* xlsx_cell_text in the style's indented format, for a text column to the right of a column of
 * right-aligned numbers. */
void xlsx_cell_text_indented(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                             xlsx_style style);
/* Text that does not count towards its column's width (titles that run across). */
void xlsx_text_wide(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                    lxw_format *format);
void xlsx_cell_text(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                    xlsx_style style);
/* A finite number, or an empty (formatted) cell when !defined or not finite. */
void xlsx_number(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, bool defined, double value,
                 xlsx_num num, xlsx_style style);
void xlsx_count(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t value, xlsx_style style);
void xlsx_money(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t minor, xlsx_style style);
/* The same in num, XLSX_NUM_MONEY or XLSX_NUM_MONEY_WHOLE. */
void xlsx_money_as(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t minor, xlsx_num num,
                   xlsx_style style);
void xlsx_blank(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, xlsx_num num, xlsx_style style);
/* The value of one kpi.md column of a row, in that column's format. */
void xlsx_kpi(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const kpi_row *kpi,
              const kpi_column *column, xlsx_style style);
void xlsx_timestamp(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t seconds,
                    xlsx_style style);
/* The same to the second (yyyy-mm-dd hh:mm:ss). */
void xlsx_timestamp_seconds(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t seconds,
                            xlsx_style style);
void xlsx_date(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, int64_t days, xlsx_style style);
/* The first day of a month, shown as "2026-10". */
void xlsx_month(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const period *month,
                xlsx_style style);
/* xlsx_header.c. A table header: the human label row at `row`, the key row below it. A
 * Chinese label breaks before its bracketed part ("有效联络" over "（本人）"). */
void xlsx_header(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *const *keys,
                 const char *const *labels, size_t count);
/* xlsx_header with a format of its own for some labels and keys (label_formats[i] or
 * key_formats[i] NULL, or the array NULL: the usual format); written row by row, so a streamed
 * sheet takes it too. */
void xlsx_header_formatted(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *const *keys,
                           const char *const *labels, lxw_format *const *label_formats,
                           lxw_format *const *key_formats, size_t count);
/* A label with a bracketed part after its name, broken into two lines before the bracket,
 * into out, with the width the longer line asks for in *width, for the brackets asked for:
 * XLSX_BREAK_CJK "有效联络（本人）" (Chinese wraps between any two characters, and a
 * viewer's own wrap left "人）" or a lone "）" on the second line), XLSX_BREAK_LATIN
 * "Score (0-120)", the space dropped (English wraps between words, but a narrow column cut
 * "Score (0-" over "120)"). width may be NULL. False (out untouched) when there is no such
 * bracket. */
enum { XLSX_BREAK_CJK = 1u, XLSX_BREAK_LATIN = 2u };
bool xlsx_break_before_bracket(const char *label, unsigned brackets, char *out, size_t size,
                               double *width);
/* Merges the range into one cell holding text (may be "") in format; a failure is kept in
 * sheet->error, as every cell helper's. */
void xlsx_merge(xlsx_sheet *sheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
                lxw_col_t last_col, const char *text, lxw_format *format);
/* The lines text takes wrapped at about chars_per_line characters (CJK counting double). */
unsigned xlsx_text_lines(const char *text, double chars_per_line);

/* "Total" etc.: labels_text in the book's language. */
const char *xlsx_label(const xlsx_book *book, const char *key);
/* The human label of a column key in the book's language (kpi.md columns and the report's
 * own list columns alike); the key itself when there is none. */
const char *xlsx_column_label(const char *key, settings_lang lang);
/* The plain-words definition of a column in lang, or "". */
const char *xlsx_column_definition(const char *key, settings_lang lang);
/* Copies text with any byte of a bad UTF-8 sequence shown as '?'. */
void xlsx_safe_text(const char *text, char *out, size_t size);
/* Where a block of label/value lines goes; labels that are not measured may run on into an
 * empty column between them and their values. */
typedef struct xlsx_place {
    lxw_col_t label_col;
    lxw_col_t value_col;
    bool measure_labels;
} xlsx_place;
/* Period, as-of, data cut-off, grace days, kept threshold, resolved reasons and currency as
 * label/value lines from `row`; returns the row after the last. */
lxw_row_t xlsx_settings_block(xlsx_sheet *sheet, const xlsx_place *at, lxw_row_t row);

/* xlsx_chart.c */
typedef struct xlsx_range {
    lxw_row_t first_row;
    lxw_col_t first_col;
    lxw_row_t last_row;
    lxw_col_t last_col;
} xlsx_range;
/* A chart with the workbook's look; value_format is the value axis' number format. NULL (and
 * the error noted in the sheet) when out of memory. */
lxw_chart *xlsx_chart_new(xlsx_sheet *sheet, uint8_t type, const char *title,
                          const char *value_format);
/* A series over cells of sheet_name; emphasis = the portfolio total. */
lxw_chart_series *xlsx_chart_add(lxw_chart *chart, const char *sheet_name, xlsx_range categories,
                                 xlsx_range values, size_t color_index, bool emphasis);
void xlsx_chart_place(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, lxw_chart *chart,
                      double width_px, double height_px);
/* The same, x_px further right (across the next columns when wider than this one). */
void xlsx_chart_place_at(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, double x_px,
                         lxw_chart *chart, double width_px, double height_px);

/* xlsx_trend.c */
enum {
    XLSX_TREND_RECOVERY,
    XLSX_TREND_COLLECTED,
    XLSX_TREND_KEPT,
    XLSX_TREND_MEDIAN_DAYS,
    XLSX_TREND_COMPLAINTS,
    XLSX_TREND_METRICS
};
#define XLSX_TREND_FIRST_MONTH_COL 1
/* True when some trend month has agent rows and the column defined in its total. */
bool xlsx_trend_has_values(const xlsx_book *book, const kpi_column *column);
/* The row of the portfolio total of a metric's block on the Trend sheet. */
lxw_row_t xlsx_trend_total_row(const xlsx_book *book, int metric);
ck_error xlsx_write_trend(xlsx_book *book, ck_diag *diag);
/* xlsx_agent_trend.c: the Agent trend sheet, after Trend. */
ck_error xlsx_write_agent_trend(xlsx_book *book, ck_diag *diag);

/* xlsx_glossary.c: the columns of the Definitions sheet's tables (key, label and definition
 * in English, the same in Chinese); a definition column is TEXT_WIDTH characters wide and
 * longer text wraps. A table's heading and header row (returns the first row of the table),
 * and one row of it with texts in both languages. */
enum {
    XLSX_DEF_KEY,
    XLSX_DEF_LABEL_EN,
    XLSX_DEF_TEXT_EN,
    XLSX_DEF_LABEL_ZH,
    XLSX_DEF_TEXT_ZH,
    XLSX_DEF_COLUMNS
};
#define XLSX_DEF_TEXT_WIDTH 58.0
lxw_row_t xlsx_definition_header(xlsx_sheet *sheet, lxw_row_t row, const char *heading_key);
void xlsx_definition_texts(xlsx_sheet *sheet, lxw_row_t row, const char *key, const char *label_en,
                           const char *text_en, const char *label_zh, const char *text_zh);

/* xlsx_compliance.c: the Compliance sheet, and its parts on other sheets: the Summary's
 * headline lines (breaching contacts per 1,000 outbound, critical breaches; the header is
 * figure, this period, previous month, change) and the Definitions sheet's rules and
 * columns. Each returns the row after what it wrote (row itself when there is nothing). */
ck_error xlsx_write_compliance(xlsx_book *book, ck_diag *diag);
lxw_row_t xlsx_compliance_headline(xlsx_sheet *sheet, lxw_row_t row);
lxw_row_t xlsx_compliance_definitions(xlsx_sheet *sheet, lxw_row_t row);

/* The sheet writers, one per sheet. */
ck_error xlsx_write_summary(xlsx_book *book, ck_diag *diag);
ck_error xlsx_write_agents(xlsx_book *book, ck_diag *diag);
ck_error xlsx_write_teams(xlsx_book *book, ck_diag *diag);
/* xlsx_scores.c: only when the report data carries scores. */
ck_error xlsx_write_scores(xlsx_book *book, ck_diag *diag);
/* The score settings in two lines of the book's language, as the Scores sheet and the
 * scorecard print them: each measure's target, weight and minimum sample; then the colour
 * legend (amber_at), min_coverage, critical_cap and the critical complaint categories. */
void xlsx_score_settings_text(const xlsx_book *book, char *targets, size_t targets_size,
                              char *legend, size_t legend_size);
/* A figure in its number format and style, filled by its RAG colour against its target
 * (scorecard.md): green, amber, red, or grey when the measure is not scored. */
void xlsx_rag_number(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, stats_value value,
                     xlsx_num num, xlsx_style style, score_rag rag);
ck_error xlsx_write_promises(xlsx_book *book, ck_diag *diag);
ck_error xlsx_write_complaints(xlsx_book *book, ck_diag *diag);
ck_error xlsx_write_definitions(xlsx_book *book, ck_diag *diag);

/* The change columns of Agents and Teams (xlsx_changes.c): recovery_rate, collected,
 * ptp_kept_rate and complaints_substantiated, this period minus the previous one. */
#define XLSX_CHANGE_COLUMNS 4
typedef struct xlsx_change_names {
    char key[XLSX_CHANGE_COLUMNS][48];
    char label[XLSX_CHANGE_COLUMNS][128];
} xlsx_change_names;
/* Appends the change columns' keys ("recovery_rate_change") and labels at keys[n],
 * labels[n] (texts kept in names); returns the new count. */
size_t xlsx_change_headers(const xlsx_book *book, xlsx_change_names *names, const char **keys,
                           const char **labels, size_t n);
/* A change (kpi_cell_change) of a figure of kind in the unit its cell shows: money in
 * currency units, rates in percentage points. */
double xlsx_change_in_cell_unit(kpi_cell change, kpi_kind kind);
/* The change cells from col on; before NULL (no row then): empty cells. */
void xlsx_change_cells(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const kpi_row *now,
                       const kpi_row *before, xlsx_style style);
/* The previous period's row of an agent or team, or NULL. */
const kpi_row *xlsx_previous_agent_row(const xlsx_book *book, int64_t agent_id);
const kpi_row *xlsx_previous_team_row(const xlsx_book *book, int64_t team_id);

#endif
