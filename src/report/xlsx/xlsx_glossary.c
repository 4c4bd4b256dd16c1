/* xlsx_glossary.c - the tables of the Definitions sheet: a heading with its header row, and
 * rows of a key with its label and definition in English and in Chinese (whatever the
 * report's language: the sheet is the bilingual glossary). xlsx_definitions.c and
 * xlsx_compliance.c write their tables through these; the column layout is here alone.
 */
#include <math.h>

#include "collectkpi/utf8.h"
#include "xlsx_internal.h"

#define COL_KEY      XLSX_DEF_KEY
#define COL_LABEL_EN XLSX_DEF_LABEL_EN
#define COL_TEXT_EN  XLSX_DEF_TEXT_EN
#define COL_LABEL_ZH XLSX_DEF_LABEL_ZH
#define COL_TEXT_ZH  XLSX_DEF_TEXT_ZH
#define COLUMNS      XLSX_DEF_COLUMNS
#define TEXT_WIDTH   XLSX_DEF_TEXT_WIDTH

static unsigned lines_for(const char *text)
{
    /* Column widths count the digit '0': proportional Latin text is a little narrower, CJK
     * glyphs a little wider than two. Only an estimate for the row height; LibreOffice and
     * Excel wrap the text themselves. */
    double width = 0.0;
    const char *p = text;
    while (*p != '\0') {
        size_t len = utf8_sequence_length(p);
        width += len >= 3 ? 1.8 : 0.85;
        p += len != 0 ? len : 1; /* a stray byte: one narrow character */
    }
    double lines = ceil(width / (TEXT_WIDTH - 1.0));
    return lines < 1.0 ? 1u : (unsigned)lines;
}

void xlsx_definition_texts(xlsx_sheet *sheet, lxw_row_t row, const char *key, const char *label_en,
                           const char *text_en, const char *label_zh, const char *text_zh)
{
    const xlsx_book *book = sheet->book;
    xlsx_text(sheet, row, COL_KEY, key, book->top_text);
    xlsx_text(sheet, row, COL_LABEL_EN, label_en, book->top_label);
    xlsx_text_wide(sheet, row, COL_TEXT_EN, text_en, book->wrap);
    xlsx_text(sheet, row, COL_LABEL_ZH, label_zh, book->top_label);
    xlsx_text_wide(sheet, row, COL_TEXT_ZH, text_zh, book->wrap);
    unsigned en = lines_for(text_en);
    unsigned zh = lines_for(text_zh);
    xlsx_row_lines(sheet, row, en > zh ? en : zh);
}

lxw_row_t xlsx_definition_header(xlsx_sheet *sheet, lxw_row_t row, const char *heading_key)
{
    xlsx_book *book = sheet->book;
    static const char *const header_keys[COLUMNS] = {"report.def.key", "report.def.label_en",
                                                     "report.def.text_en", "report.def.label_zh",
                                                     "report.def.text_zh"};
    xlsx_text_wide(sheet, row++, 0, xlsx_label(book, heading_key), book->heading);
    for (lxw_col_t c = 0; c < COLUMNS; c++)
        xlsx_text(sheet, row, c, xlsx_label(book, header_keys[c]), book->label_header);
    return row + 1;
}
