/* xlsx_header.c - the two header rows above a table's columns: the human label (in the
 * report's language, wrapped on up to two lines) over the contract's column key. Each
 * header measures the width its label asks for, so that xlsx_sheet_close fits the column
 * to it (xlsx_format.c keeps the cells and the measuring). */
#include "xlsx_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "collectkpi/utf8.h"

bool xlsx_break_before_bracket(const char *label, unsigned brackets, char *out, size_t size,
                               double *width)
{
    static const char open[] = "（"; /* U+FF08, three bytes in UTF-8 */
    const char *bracket = (brackets & XLSX_BREAK_CJK) ? strstr(label, open) : NULL;
    size_t head = bracket != NULL ? (size_t)(bracket - label) : 0;
    const char *tail = bracket;
    if (head == 0 && (brackets & XLSX_BREAK_LATIN) && (bracket = strstr(label, " (")) != NULL) {
        head = (size_t)(bracket - label);
        tail = bracket + 1; /* the space goes: the line ends there */
    }
    if (head == 0 || strchr(label, '\n') != NULL || strlen(label) + 2 > size)
        return false;
    memcpy(out, label, head);
    out[head] = '\0';
    double head_width = (double)utf8_display_width(out);
    double tail_width = (double)utf8_display_width(tail);
    snprintf(out + head, size - head, "\n%s", tail);
    if (width != NULL)
        *width = head_width > tail_width ? head_width : tail_width;
    return true;
}

/* A label may wrap: it asks for the width of its longest word or half its length. */
static double label_width(const char *label)
{
    double total = (double)utf8_display_width(label);
    double longest = 0.0;
    const char *p = label;
    while (*p != '\0') {
        size_t len = strcspn(p, " ");
        char word[128];
        size_t copy = len < sizeof word - 1 ? len : sizeof word - 1;
        memcpy(word, p, copy);
        word[copy] = '\0';
        double w = (double)utf8_display_width(word);
        bool ascii = true;
        for (size_t i = 0; i < copy; i++)
            ascii = ascii && (unsigned char)word[i] < 0x80;
        if (!ascii)
            w = ceil(w / 2.0); /* CJK text wraps between any two characters */
        if (w > longest)
            longest = w;
        p += len;
        p += strspn(p, " ");
    }
    double half = ceil(total / 2.0);
    return longest > half ? longest : half;
}

void xlsx_header(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *const *keys,
                 const char *const *labels, size_t count)
{
    xlsx_header_formatted(sheet, row, col, keys, labels, NULL, NULL, count);
}

void xlsx_header_formatted(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, const char *const *keys,
                           const char *const *labels, lxw_format *const *label_formats,
                           lxw_format *const *key_formats, size_t count)
{
    const xlsx_book *book = sheet->book;
    double most_lines = 1.0;
    /* Row by row, top to bottom (a streamed sheet takes no cell above its current row): the
     * labels with their row's height, then the keys. */
    for (size_t i = 0; i < count; i++) {
        lxw_col_t c = (lxw_col_t)(col + i);
        lxw_format *format = label_formats != NULL && label_formats[i] != NULL ? label_formats[i]
                                                                               : book->label_header;
        /* The key row is in a 9-point font: about 0.85 of a character each. */
        xlsx_sheet_measure(sheet, c, 0.85 * (double)strlen(keys[i]));
        char broken[256];
        double w;
        if (xlsx_break_before_bracket(labels[i], XLSX_BREAK_CJK, broken, sizeof broken, &w)) {
            xlsx_text_wide(sheet, row, c, broken, format);
            most_lines = 2.0;
        } else {
            xlsx_text_wide(sheet, row, c, labels[i], format);
            w = label_width(labels[i]);
            /* Two lines are enough for any label at the width asked for above. */
            if ((double)utf8_display_width(labels[i]) > w + 0.5)
                most_lines = 2.0;
        }
        xlsx_sheet_measure(sheet, c, w);
    }
    xlsx_row_lines(sheet, row, (unsigned)most_lines);
    for (size_t i = 0; i < count; i++)
        xlsx_text_wide(sheet, row + 1, (lxw_col_t)(col + i), keys[i],
                       key_formats != NULL && key_formats[i] != NULL ? key_formats[i]
                                                                     : book->key_header);
}
