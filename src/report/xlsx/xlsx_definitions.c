/* xlsx_definitions.c - the Definitions sheet: what every column means, in English
 * and Chinese whatever the report language, and where the figures came from (settings,
 * database file, row count of each table, as-of time, program version).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "collectkpi/labels.h"
#include "collectkpi/schema.h"
#include "collectkpi/utf8.h"
#include "xlsx_internal.h"

#define COL_KEY     XLSX_DEF_KEY
#define COL_TEXT_EN XLSX_DEF_TEXT_EN
#define COL_TEXT_ZH XLSX_DEF_TEXT_ZH
#define COLUMNS     XLSX_DEF_COLUMNS
#define TEXT_WIDTH  XLSX_DEF_TEXT_WIDTH

/* The columns of Agents (and Teams' unassigned_collected), then those of the two lists. */
static const char *const agent_fixed[] = {"team", "employee_no", "agent_name"};
static const char *const list_keys[] = {
    "case_no",     "made_at",         "due_on",       "amount",         "paid_toward",
    "status",      "shortfall",       "days_overdue", "current_holder", "last_contact_at",
    "outstanding", "received_at",     "source",       "category",       "substantiated",
    "resolved_at", "days_to_resolve", "days_open",    "overdue"};

static void definition_row(xlsx_sheet *sheet, lxw_row_t row, const char *key)
{
    /* Both languages, whatever the report's: the sheet is the bilingual glossary. */
    xlsx_definition_texts(sheet, row, key, xlsx_column_label(key, SETTINGS_LANG_EN),
                          xlsx_column_definition(key, SETTINGS_LANG_EN),
                          xlsx_column_label(key, SETTINGS_LANG_ZH),
                          xlsx_column_definition(key, SETTINGS_LANG_ZH));
}

/* The review columns of Agents, Teams and Scores (scorecard.md). */
static const char *const review_keys[] = {"complaints_under_review",
                                          "recovery_index",
                                          "expected_collected",
                                          "score",
                                          "coverage",
                                          "rank",
                                          "team_rank",
                                          "rank_note",
                                          "cap_reason",
                                          "score.attainment",
                                          "score.sample"};

static void review_definition_row(xlsx_sheet *sheet, lxw_row_t row, const char *key)
{
    /* Attainment and sample stand for a_M and n_M of every measure. */
    const char *shown = strcmp(key, "score.attainment") == 0 ? "a_MEASURE"
                        : strcmp(key, "score.sample") == 0   ? "n_MEASURE"
                                                             : key;
    xlsx_definition_texts(sheet, row, shown, labels_score(key, SETTINGS_LANG_EN),
                          labels_score_definition(key, SETTINGS_LANG_EN),
                          labels_score(key, SETTINGS_LANG_ZH),
                          labels_score_definition(key, SETTINGS_LANG_ZH));
}

static lxw_row_t definition_table(xlsx_sheet *sheet, lxw_row_t row, const char *heading_key,
                                  const char *const *keys, size_t count, bool with_kpi)
{
    row = xlsx_definition_header(sheet, row, heading_key);
    for (size_t i = 0; i < count; i++)
        definition_row(sheet, row++, keys[i]);
    if (with_kpi) {
        for (size_t i = 0; i < kpi_column_count; i++)
            definition_row(sheet, row++, kpi_columns[i].key);
        definition_row(sheet, row++, "unassigned_collected");
    }
    return row + 1;
}

static const xlsx_place settings_place = {COL_KEY, COL_TEXT_EN, false};

static lxw_row_t snapshot(xlsx_sheet *sheet, lxw_row_t row, const int64_t *table_counts)
{
    xlsx_book *book = sheet->book;
    const report_data *data = book->data;
    lxw_format *plain = book->cell[XLSX_NUM_TEXT][XLSX_STYLE_PLAIN];
    char text[256];

    xlsx_text_wide(sheet, row++, 0, xlsx_label(book, "report.def.settings"), book->heading);
    /* Labels in A may run on over the empty B; values in the wide definition column. */
    row = xlsx_settings_block(sheet, &settings_place, row);
    xlsx_text_wide(sheet, row, COL_KEY, xlsx_label(book, "report.language"), book->label);
    xlsx_text_wide(sheet, row++, COL_TEXT_EN, xlsx_label(book, "report.language.name"), plain);
    row++;

    xlsx_text_wide(sheet, row++, 0, xlsx_label(book, "report.def.snapshot"), book->heading);
    xlsx_text_wide(sheet, row, COL_KEY, xlsx_label(book, "report.def.database"), book->label);
    xlsx_safe_text(data->database_name, text, sizeof text);
    xlsx_text_wide(sheet, row++, COL_TEXT_EN, text, plain);
    xlsx_text_wide(sheet, row, COL_KEY, xlsx_label(book, "report.def.version"), book->label);
    snprintf(text, sizeof text, "collectkpi %s (libxlsxwriter %s)", data->program_version,
             LXW_VERSION);
    xlsx_text_wide(sheet, row++, COL_TEXT_EN, text, plain);
    row++;
    xlsx_text(sheet, row, 0, xlsx_label(book, "report.def.table"), book->label_header);
    xlsx_text(sheet, row, 1, xlsx_label(book, "report.def.rows"), book->label_header);
    row++;
    for (size_t t = 0; t < SCHEMA_TABLE_COUNT; t++, row++) {
        xlsx_text(sheet, row, 0, schema_tables[t].name, plain);
        xlsx_count(sheet, row, 1, table_counts[t], XLSX_STYLE_PLAIN);
    }
    return row;
}

ck_error xlsx_write_definitions(xlsx_book *book, ck_diag *diag)
{
    xlsx_sheet sheet;
    ck_error err = xlsx_sheet_open(book, "Definitions", COLUMNS, &sheet, diag);
    if (err != CK_OK)
        return err;
    xlsx_text_wide(&sheet, 0, 0, xlsx_label(book, "report.def.title"), book->title);
    xlsx_text_wide(&sheet, 1, 0, xlsx_label(book, "report.def.note"), book->note);
    lxw_row_t row = definition_table(&sheet, 3, "report.def.columns", agent_fixed,
                                     sizeof agent_fixed / sizeof agent_fixed[0], true);
    row = definition_table(&sheet, row, "report.def.list_columns", list_keys,
                           sizeof list_keys / sizeof list_keys[0], false);
    if (book->data->scores != NULL) {
        static const char *const header_keys[COLUMNS] = {
            "report.def.key", "report.def.label_en", "report.def.text_en", "report.def.label_zh",
            "report.def.text_zh"};
        xlsx_text_wide(&sheet, row++, 0, labels_score("score.sheet_title", book->lang),
                       book->heading);
        for (lxw_col_t c = 0; c < COLUMNS; c++)
            xlsx_text(&sheet, row, c, xlsx_label(book, header_keys[c]), book->label_header);
        row++;
        for (size_t i = 0; i < sizeof review_keys / sizeof review_keys[0]; i++)
            review_definition_row(&sheet, row++, review_keys[i]);
        row++;
    }
    row = xlsx_compliance_definitions(&sheet, row);
    /* the counts are asked for last: the command may count them meanwhile (report.h) */
    const report_data *data = book->data;
    int64_t table_counts[SCHEMA_TABLE_COUNT];
    memcpy(table_counts, data->table_counts, sizeof table_counts);
    err = data->table_counts_wait == NULL
              ? CK_OK
              : data->table_counts_wait(data->table_counts_ctx, table_counts, diag);
    if (err != CK_OK) {
        ck_diag ignored;
        (void)xlsx_sheet_close(&sheet, 10.0, TEXT_WIDTH, &ignored); /* frees it */
        return err;
    }
    (void)snapshot(&sheet, row, table_counts);
    xlsx_sheet_measure(&sheet, COL_TEXT_EN, TEXT_WIDTH - 2.0);
    xlsx_sheet_measure(&sheet, COL_TEXT_ZH, TEXT_WIDTH - 2.0);
    xlsx_sheet_print_setup(&sheet, 0, 0);
    return xlsx_sheet_close(&sheet, 10.0, TEXT_WIDTH, diag);
}
