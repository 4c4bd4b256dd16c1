/* xlsx_sheet.c - one worksheet from open to close: the widest content measured per column,
 * the columns sized from it, the row heights, and the print setup every sheet shares (A4
 * landscape, the margins below, the header rows repeated, a footer). The page sizes that
 * decide a print's scale and the rows a page holds derive from the constants here, so the
 * sheets that place charts or breaks by page (xlsx_fits_first_page, xlsx_page_rows) print
 * as xlsx_sheet_print_* sets them up.
 */
#include "xlsx_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Points per line of 11-point text: tall enough for the CJK fonts' larger ascent too. */
#define LINE_HEIGHT 17.0
/* Every printed sheet: A4 landscape (842 x 595 pt) with these margins in inches
 * (print_common); the page sizes below derive from them. */
#define PAGE_WIDTH_PT        842.0
#define PAGE_HEIGHT_PT       595.0
#define MARGIN_SIDE_IN       0.4
#define MARGIN_TOP_BOTTOM_IN 0.6

static ck_error open_sheet(xlsx_book *book, const char *name, size_t columns, bool streamed,
                           xlsx_sheet *sheet, ck_diag *diag)
{
    memset(sheet, 0, sizeof *sheet);
    sheet->book = book;
    sheet->name = name;
    /* libxlsxwriter reads constant_memory when it adds a worksheet, and every later choice
     * (inline strings, rows flushed to the sheet's temporary file, no chart cache) follows
     * that worksheet's own flag: switching it for this one call makes one streamed sheet in
     * a workbook whose other sheets stay in memory. */
    uint8_t saved = book->workbook->options.constant_memory;
    errno = 0;
    book->workbook->options.constant_memory = streamed ? LXW_TRUE : LXW_FALSE;
    sheet->worksheet = workbook_add_worksheet(book->workbook, name);
    book->workbook->options.constant_memory = saved;
    sheet->widths = calloc(columns > 0 ? columns : 1, sizeof *sheet->widths);
    sheet->width_count = columns;
    if (sheet->worksheet == NULL || sheet->widths == NULL) {
        free(sheet->widths);
        sheet->widths = NULL;
        if (streamed && errno != 0)
            ck_diag_set(diag, "cannot add the sheet '%s': cannot make its temporary file: %s", name,
                        strerror(errno));
        else
            ck_diag_set(diag, "cannot add the sheet '%s' (out of memory)", name);
        return CK_ERR_NOMEM;
    }
    worksheet_set_default_row(sheet->worksheet, LINE_HEIGHT, LXW_FALSE);
    return CK_OK;
}

ck_error xlsx_sheet_open(xlsx_book *book, const char *name, size_t columns, xlsx_sheet *sheet,
                         ck_diag *diag)
{
    return open_sheet(book, name, columns, false, sheet, diag);
}

ck_error xlsx_sheet_open_streamed(xlsx_book *book, const char *name, size_t columns,
                                  xlsx_sheet *sheet, ck_diag *diag)
{
    return open_sheet(book, name, columns, true, sheet, diag);
}

/* The width xlsx_sheet_close gives a column, in characters. */
static double column_width(const xlsx_sheet *sheet, size_t col, double min_width, double max_width)
{
    double width = sheet->widths[col] + 2.0; /* room for the filter button and margins */
    if (width < min_width)
        width = min_width;
    if (width > max_width)
        width = max_width;
    return width;
}

double xlsx_sheet_column_width(const xlsx_sheet *sheet, lxw_col_t col, double min_width,
                               double max_width)
{
    if (col >= sheet->width_count)
        return min_width;
    return column_width(sheet, col, min_width, max_width);
}

/* The points that columns first..last take printed at 100%: Excel draws a column of w
 * characters of Calibri 11 in w * 7 + 5 pixels (0.75 pt each). */
static double columns_points(const xlsx_sheet *sheet, size_t first, size_t last, double min_width,
                             double max_width)
{
    double points = 0.0;
    for (size_t col = first; col <= last && col < sheet->width_count; col++)
        points += (column_width(sheet, col, min_width, max_width) * 7.0 + 5.0) * 0.75;
    return points;
}

/* The print scale, at most `most` percent, at which `points` fit one A4 landscape page
 * across. The page holds 842 pt less the side margins, 784 pt, of which 740 are counted:
 * LibreOffice draws the same columns a few percent wider. */
static unsigned scale_for_points(double points, unsigned most)
{
    double page_points = PAGE_WIDTH_PT - 2.0 * 72.0 * MARGIN_SIDE_IN - 44.0;
    unsigned scale = most;
    if (points > 0.0 && page_points * 100.0 / points < (double)most)
        scale = (unsigned)(page_points * 100.0 / points);
    return scale < 10 ? 10 : scale; /* Excel's smallest print scale */
}

unsigned xlsx_sheet_scale_to_fit(const xlsx_sheet *sheet, lxw_col_t first, lxw_col_t last,
                                 double min_width, double max_width, double right_px, unsigned most)
{
    double points = columns_points(sheet, first, last, min_width, max_width);
    double first_points = columns_points(sheet, first, first, min_width, max_width);
    if (first_points + right_px * 0.75 > points)
        points = first_points + right_px * 0.75;
    return scale_for_points(points, most);
}

bool xlsx_fits_first_page(const xlsx_sheet *sheet, lxw_col_t last, double min_width,
                          double max_width, double drawings_px, lxw_row_t row, double height_px)
{
    /* The scale of a print at one page's width (xlsx_sheet_print_setup): the columns or the
     * drawings, whichever reach further right. */
    double points = columns_points(sheet, 0, last, min_width, max_width);
    if (drawings_px * 0.75 > points)
        points = drawings_px * 0.75;
    unsigned scale = scale_for_points(points, 100);
    /* Three lines to spare: some rows above are two lines high (wrapped notes, headers). */
    double rows = (double)row + ceil(height_px * 0.75 / LINE_HEIGHT) + 3.0;
    return rows <= (double)xlsx_page_rows(scale);
}

unsigned xlsx_page_rows(unsigned scale)
{
    /* the page's height less the top and bottom margins, at scale, in lines; less two for the
     * footer and the repeated title row */
    double points = (PAGE_HEIGHT_PT - 2.0 * 72.0 * MARGIN_TOP_BOTTOM_IN) * 100.0 / (double)scale;
    return (unsigned)(points / LINE_HEIGHT) - 2;
}

void xlsx_sheet_note_error(xlsx_sheet *sheet, lxw_error err)
{
    if (err != LXW_NO_ERROR && sheet->error == LXW_NO_ERROR)
        sheet->error = err;
}

ck_error xlsx_sheet_close(xlsx_sheet *sheet, double min_width, double max_width, ck_diag *diag)
{
    for (size_t col = 0; col < sheet->width_count && sheet->error == LXW_NO_ERROR; col++) {
        double width = column_width(sheet, col, min_width, max_width);
        lxw_error err =
            worksheet_set_column(sheet->worksheet, (lxw_col_t)col, (lxw_col_t)col, width, NULL);
        if (err != LXW_NO_ERROR)
            sheet->error = err;
    }
    free(sheet->widths);
    sheet->widths = NULL;
    if (sheet->error != LXW_NO_ERROR) {
        ck_diag_set(diag, "cannot write the sheet '%s': %s", sheet->name,
                    lxw_strerror(sheet->error));
        return CK_ERR_IO;
    }
    return CK_OK;
}

/* What every printed sheet shares: A4 landscape, narrow margins, the header rows on every
 * page, a footer with the period, the sheet and the page. */
static void print_common(xlsx_sheet *sheet, lxw_row_t repeat_first, lxw_row_t repeat_last)
{
    lxw_worksheet *ws = sheet->worksheet;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, MARGIN_SIDE_IN, MARGIN_SIDE_IN, MARGIN_TOP_BOTTOM_IN,
                          MARGIN_TOP_BOTTOM_IN);
    if (repeat_last >= repeat_first) {
        lxw_error err = worksheet_repeat_rows(ws, repeat_first, repeat_last);
        xlsx_sheet_note_error(sheet, err);
    }
    /* The period label and sheet name are ASCII without '&', so no escaping is needed. */
    char footer[128];
    snprintf(footer, sizeof footer, "&Lcollectkpi %s&C%s&R&P / &N", sheet->book->period_label,
             sheet->name);
    lxw_error err = worksheet_set_footer(ws, footer);
    xlsx_sheet_note_error(sheet, err);
}

void xlsx_sheet_print_setup(xlsx_sheet *sheet, lxw_row_t repeat_first, lxw_row_t repeat_last)
{
    print_common(sheet, repeat_first, repeat_last);
    worksheet_fit_to_pages(sheet->worksheet, 1, 0);
}

void xlsx_sheet_print_wide(xlsx_sheet *sheet, lxw_row_t repeat_first, lxw_row_t repeat_last,
                           lxw_col_t identity_columns)
{
    print_common(sheet, repeat_first, repeat_last);
    /* Not fitted to the page width: a fixed scale keeps the figures legible, and the pages run
     * across as far as the columns need, each starting with the identity columns. Across
     * first, so the pages of one group of rows lie side by side. */
    worksheet_set_print_scale(sheet->worksheet, XLSX_PRINT_SCALE);
    worksheet_print_across(sheet->worksheet);
    if (identity_columns > 0) {
        lxw_error err = worksheet_repeat_columns(sheet->worksheet, 0, identity_columns - 1);
        xlsx_sheet_note_error(sheet, err);
    }
}

void xlsx_sheet_print_bands(xlsx_sheet *sheet, lxw_row_t repeat_first, lxw_row_t repeat_last,
                            lxw_col_t identity_columns, const lxw_col_t *breaks)
{
    print_common(sheet, repeat_first, repeat_last);
    worksheet_set_print_scale(sheet->worksheet, XLSX_PRINT_SCALE_BANDS);
    lxw_error err = LXW_NO_ERROR;
    if (identity_columns > 0)
        err = worksheet_repeat_columns(sheet->worksheet, 0, identity_columns - 1);
    /* libxlsxwriter copies the zero-terminated list. */
    if (err == LXW_NO_ERROR && breaks != NULL && breaks[0] != 0)
        err = worksheet_set_v_pagebreaks(sheet->worksheet, (lxw_col_t *)breaks);
    xlsx_sheet_note_error(sheet, err);
}

void xlsx_sheet_print_blocks(xlsx_sheet *sheet, unsigned scale, const lxw_row_t *row_breaks)
{
    print_common(sheet, 0, 0);
    worksheet_set_print_scale(sheet->worksheet, scale);
    /* libxlsxwriter copies the zero-terminated list. */
    if (row_breaks != NULL && row_breaks[0] != 0) {
        lxw_error err = worksheet_set_h_pagebreaks(sheet->worksheet, (lxw_row_t *)row_breaks);
        xlsx_sheet_note_error(sheet, err);
    }
}

void xlsx_sheet_measure(xlsx_sheet *sheet, lxw_col_t col, double width)
{
    if (col < sheet->width_count && width > sheet->widths[col])
        sheet->widths[col] = width;
}

void xlsx_row_lines(xlsx_sheet *sheet, lxw_row_t row, unsigned lines)
{
    if (lines < 1)
        lines = 1;
    lxw_error err = worksheet_set_row(sheet->worksheet, row, LINE_HEIGHT * (double)lines, NULL);
    xlsx_sheet_note_error(sheet, err);
}
