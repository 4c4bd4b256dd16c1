/* xlsx_compliance.c - the Compliance sheet (compliance.md), and the compliance lines of the
 * Summary and Definitions sheets.
 *
 * The sheet, top to bottom: the title; the rule profile, the permitted contact hours and one
 * line per rule of the profile with its severity and its definition under the values used;
 * the figures by agent (compliance.md's columns after team, employee_no and agent_name, the
 * `system` line last), then by team with the total; then the breach list, an Excel table
 * (autofilter, and Excel keeps its header row in view in place of the column letters while
 * the list scrolls), starting on a printed page of its own. Each table has a row of labels
 * in the report language above the row of column keys, as on the Agents sheet.
 *
 * Severity colours: a rule column's label is filled red (critical), amber (major) or yellow
 * (minor), and a non-zero count under it is tinted the same; the breach list tints the rules
 * cell with the most severe rule broken. Values are the engine's, cell for cell.
 */
#include <stdio.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/labels.h"
#include "collectkpi/utf8.h"
#include "xlsx_internal.h"

#define FIXED_COLUMNS 3 /* team, employee_no, agent_name */
#define TAIL_COLUMNS  4 /* breaching_contacts .. cases_with_breach */
#define MAX_COLUMNS   (FIXED_COLUMNS + 1 + COMPLIANCE_RULE_COUNT + TAIL_COLUMNS)
#define LIST_COLUMNS  8
#define SYSTEM_NO     "system"
/* The sheet's columns: measured, within these widths in characters (xlsx_sheet_close). */
#define COLUMN_MIN_WIDTH 8.0
#define COLUMN_MAX_WIDTH 30.0

/* Header fill, text colour and the light tint of cells, per severity (minor, major,
 * critical). */
static const lxw_color_t head_fill[COMPLIANCE_SEVERITY_COUNT] = {0xE6C34A, 0xD9822B, 0xC0392B};
static const lxw_color_t head_text[COMPLIANCE_SEVERITY_COUNT] = {0x3A3000, 0xFFFFFF, 0xFFFFFF};
static const lxw_color_t tint_fill[COMPLIANCE_SEVERITY_COUNT] = {0xFFF4C7, 0xFCE1C2, 0xF6C9C4};
static const lxw_color_t tint_text[COMPLIANCE_SEVERITY_COUNT] = {0x5C4A00, 0x7A3E00, 0x9C0006};

typedef struct severity_formats {
    lxw_format *head[COMPLIANCE_SEVERITY_COUNT];  /* a rule column's label */
    lxw_format *count[COMPLIANCE_SEVERITY_COUNT]; /* a non-zero count under it */
    lxw_format *text[COMPLIANCE_SEVERITY_COUNT];  /* the severity's name, a rules cell */
    /* the list's rules label and key, centred across the columns the rules span */
    lxw_format *rules_header, *rules_key;
} severity_formats;

typedef struct sheet_columns {
    const char *keys[MAX_COLUMNS];
    const char *labels[MAX_COLUMNS];
    char rule_keys[COMPLIANCE_RULE_COUNT][48];
    size_t count;
    const compliance_rule *rules;
    size_t rule_count;
} sheet_columns;

static ck_error create_formats(xlsx_book *book, severity_formats *f, ck_diag *diag)
{
    memset(f, 0, sizeof *f);
    bool failed = false;
    for (int s = 0; s < COMPLIANCE_SEVERITY_COUNT && !failed; s++) {
        lxw_format *head = workbook_add_format(book->workbook);
        lxw_format *count = workbook_add_format(book->workbook);
        lxw_format *text = workbook_add_format(book->workbook);
        failed = head == NULL || count == NULL || text == NULL;
        if (failed)
            break;
        format_set_bold(head);
        format_set_text_wrap(head);
        format_set_align(head, LXW_ALIGN_CENTER);
        format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
        format_set_pattern(head, LXW_PATTERN_SOLID);
        format_set_bg_color(head, head_fill[s]);
        format_set_font_color(head, head_text[s]);
        format_set_num_format(count, "#,##0");
        format_set_align(count, LXW_ALIGN_VERTICAL_CENTER);
        lxw_format *tinted[2] = {count, text};
        for (int k = 0; k < 2; k++) {
            format_set_pattern(tinted[k], LXW_PATTERN_SOLID);
            format_set_bg_color(tinted[k], tint_fill[s]);
            format_set_font_color(tinted[k], tint_text[s]);
        }
        format_set_bold(text);
        format_set_align(text, LXW_ALIGN_VERTICAL_CENTER);
        f->head[s] = head;
        f->count[s] = count;
        f->text[s] = text;
    }
    /* centred across the columns the rules span (rules_last_column) */
    if (!failed) {
        f->rules_header = xlsx_add_label_header(book, LXW_ALIGN_CENTER_ACROSS);
        f->rules_key = xlsx_add_key_header(book, LXW_ALIGN_CENTER_ACROSS);
    }
    failed = failed || f->rules_header == NULL || f->rules_key == NULL;
    if (failed) {
        ck_diag_set(diag, "out of memory while creating the compliance formats");
        return CK_ERR_NOMEM;
    }
    return CK_OK;
}

static compliance_severity severity_of(const kpi_result *r, compliance_rule rule)
{
    compliance_severity s = r->settings.compliance.severity[rule];
    return (unsigned)s < COMPLIANCE_SEVERITY_COUNT ? s : COMPLIANCE_MAJOR;
}

/* ---- Summary: two headline lines ---------------------------------------------------- */

static kpi_cell count_cell(int64_t n)
{
    return (kpi_cell){true, n, (double)n};
}

static kpi_cell rate_cell(stats_value v)
{
    return (kpi_cell){v.defined, 0, v.value};
}

lxw_row_t xlsx_compliance_headline(xlsx_sheet *sheet, lxw_row_t row)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    if (!r->has_compliance)
        return row;
    const kpi_result *prev = book->data->previous;
    bool with_prev = prev != NULL && prev->has_compliance;
    /* More breaches are bad news; coloured by the Summary's one rule (report_change_tone). */
    static const report_headline headlines[2] = {{"breaches_per_1k_outbound", -1, true},
                                                 {"critical_breaches", -1, true}};
    for (int line = 0; line < 2; line++, row++) {
        bool rate = line == 0;
        kpi_cell now = rate ? rate_cell(r->compliance_total.breaches_per_1k_outbound)
                            : count_cell(r->compliance_total.critical_breaches);
        kpi_cell before = !with_prev ? (kpi_cell){false, 0, 0.0}
                          : rate     ? rate_cell(prev->compliance_total.breaches_per_1k_outbound)
                                     : count_cell(prev->compliance_total.critical_breaches);
        xlsx_num num = rate ? XLSX_NUM_PER_1K : XLSX_NUM_COUNT;
        xlsx_text(sheet, row, 0, xlsx_column_label(headlines[line].key, book->lang), book->label);
        xlsx_number(sheet, row, 1, now.defined, now.value, num, XLSX_STYLE_PLAIN);
        xlsx_number(sheet, row, 2, before.defined, before.value, num, XLSX_STYLE_PLAIN);
        kpi_cell change = kpi_cell_change(now, before);
        /* The sign as the cell shows it: "0.00" is no change. */
        xlsx_num change_num = rate ? XLSX_NUM_CHANGE_PER_1K : XLSX_NUM_CHANGE_COUNT;
        int sign;
        double shown = xlsx_change_shown(change.value, change_num, &sign);
        int news = change.defined ? report_change_tone(book->data, &headlines[line], sign) : 0;
        xlsx_number(sheet, row, 3, change.defined, shown, change_num,
                    news > 0   ? XLSX_STYLE_GOOD
                    : news < 0 ? XLSX_STYLE_BAD
                               : XLSX_STYLE_PLAIN);
    }
    return row;
}

/* ---- the Compliance sheet ----------------------------------------------------------- */

static void profile_columns(const xlsx_book *book, sheet_columns *c)
{
    memset(c, 0, sizeof *c);
    static const char *const fixed[FIXED_COLUMNS] = {"team", "employee_no", "agent_name"};
    static const char *const tail[TAIL_COLUMNS] = {"breaching_contacts", "critical_breaches",
                                                   "breaches_per_1k_outbound", "cases_with_breach"};
    c->rule_count = compliance_profile_rules(book->current->settings.compliance.profile, &c->rules);
    for (size_t i = 0; i < FIXED_COLUMNS; i++)
        c->keys[c->count++] = fixed[i];
    c->keys[c->count++] = "outbound_contacts";
    for (size_t i = 0; i < c->rule_count; i++) {
        snprintf(c->rule_keys[i], sizeof c->rule_keys[i], "breaches_%s",
                 compliance_rule_keys[c->rules[i]]);
        c->keys[c->count++] = c->rule_keys[i];
    }
    for (size_t i = 0; i < TAIL_COLUMNS; i++)
        c->keys[c->count++] = tail[i];
    for (size_t i = 0; i < c->count; i++)
        c->labels[i] = xlsx_column_label(c->keys[i], book->lang);
    for (size_t i = 0; i < c->rule_count; i++)
        c->labels[FIXED_COLUMNS + 1 + i] = labels_compliance_rule(c->rules[i], book->lang);
}

/* Title, note, profile, contact hours, then one line per rule. Returns the next row. */
static lxw_row_t write_rules(xlsx_sheet *sheet, const sheet_columns *c, const severity_formats *f)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    const compliance_settings *s = &r->settings.compliance;
    bool zh = book->lang == SETTINGS_LANG_ZH;
    char text[1024];
    snprintf(text, sizeof text, "%s  %s", xlsx_label(book, "report.compliance.title"),
             book->period_label);
    xlsx_text_wide(sheet, 0, 0, text, book->title);
    xlsx_text_wide(sheet, 1, 0, xlsx_label(book, "report.compliance.note"), book->note);
    lxw_format *plain = book->cell[XLSX_NUM_TEXT][XLSX_STYLE_PLAIN];
    lxw_row_t row = 3;
    /* Labels run on over the empty cells to their right; values start in column C. */
    xlsx_text_wide(sheet, row, 0, xlsx_label(book, "report.compliance.profile"), book->label);
    snprintf(text, sizeof text, "compliance.profile.%s", compliance_profile_names[s->profile]);
    xlsx_text_wide(sheet, row++, 2, xlsx_label(book, text), plain);
    char from[9], until[9];
    compliance_format_time_of_day(s->contact_from_s[s->profile], from);
    compliance_format_time_of_day(s->contact_until_s[s->profile], until);
    /* As in the rules' definitions: 08:00 for a whole minute. */
    if (strcmp(from + 5, ":00") == 0)
        from[5] = '\0';
    if (strcmp(until + 5, ":00") == 0)
        until[5] = '\0';
    snprintf(text, sizeof text, "%s – %s", from, until);
    xlsx_text_wide(sheet, row, 0, xlsx_label(book, "report.compliance.hours"), book->label);
    xlsx_text_wide(sheet, row++, 2, text, plain);
    row++;
    xlsx_text_wide(sheet, row++, 0, xlsx_label(book, "report.compliance.rules"), book->heading);
    xlsx_text(sheet, row, 0, xlsx_label(book, "report.compliance.severity"), book->label);
    xlsx_text_wide(sheet, row++, 1, xlsx_label(book, "report.compliance.definition"), book->label);
    for (size_t i = 0; i < c->rule_count; i++, row++) {
        compliance_rule rule = c->rules[i];
        compliance_severity sev = severity_of(r, rule);
        xlsx_text(sheet, row, 0, labels_compliance_severity(sev, book->lang), f->text[sev]);
        char definition[512];
        labels_compliance_rule_definition(rule, s, book->lang, definition, sizeof definition);
        /* "Rapid redial (burst): An outbound call ..." in one cell that runs on to the
         * right: the table below decides the widths of these columns. */
        snprintf(text, sizeof text, zh ? "%s（%s）：%s" : "%s (%s): %s",
                 labels_compliance_rule(rule, book->lang), compliance_rule_keys[rule], definition);
        xlsx_text_wide(sheet, row, 1, text, plain);
    }
    xlsx_text_wide(sheet, row++, 0, xlsx_label(book, "report.compliance.colours"), book->note);
    return row + 1;
}

/* The label row (rule columns in their severity's colour) and the key row. */
static void table_header(xlsx_sheet *sheet, lxw_row_t row, const sheet_columns *c,
                         const severity_formats *f)
{
    const kpi_result *r = sheet->book->current;
    lxw_format *formats[sizeof c->keys / sizeof c->keys[0]];
    memset(formats, 0, sizeof formats);
    for (size_t i = 0; i < c->rule_count; i++)
        formats[FIXED_COLUMNS + 1 + i] = f->head[severity_of(r, c->rules[i])];
    xlsx_header_formatted(sheet, row, 0, c->keys, c->labels, formats, NULL, c->count);
}

/* One row of figures from column D on; names are written by the caller. */
static void figures(xlsx_sheet *sheet, lxw_row_t row, const sheet_columns *c,
                    const severity_formats *f, const kpi_compliance_row *figures, xlsx_style style)
{
    const kpi_result *r = sheet->book->current;
    lxw_col_t col = FIXED_COLUMNS;
    xlsx_count(sheet, row, col++, figures->outbound_contacts, style);
    for (size_t i = 0; i < c->rule_count; i++, col++) {
        int64_t n = figures->breaches[c->rules[i]];
        if (n > 0 && style == XLSX_STYLE_PLAIN) {
            xlsx_sheet_note_error(sheet,
                                  worksheet_write_number(sheet->worksheet, row, col, (double)n,
                                                         f->count[severity_of(r, c->rules[i])]));
            xlsx_sheet_measure(sheet, col, 6.0);
        } else {
            xlsx_count(sheet, row, col, n, style);
        }
    }
    xlsx_count(sheet, row, col++, figures->breaching_contacts, style);
    if (figures->critical_breaches > 0 && style == XLSX_STYLE_PLAIN)
        xlsx_sheet_note_error(sheet, worksheet_write_number(sheet->worksheet, row, col++,
                                                            (double)figures->critical_breaches,
                                                            f->count[COMPLIANCE_CRITICAL]));
    else
        xlsx_count(sheet, row, col++, figures->critical_breaches, style);
    xlsx_number(sheet, row, col++, figures->breaches_per_1k_outbound.defined,
                figures->breaches_per_1k_outbound.value, XLSX_NUM_PER_1K, style);
    xlsx_count(sheet, row, col, figures->cases_with_breach, style);
}

static const char *team_name(const kpi_result *r, size_t team_index)
{
    return team_index < r->team_count ? r->teams[team_index].name : "";
}

/* Agents with a row in the engine's order (employee_no), then the system line. */
static lxw_row_t write_agents(xlsx_sheet *sheet, lxw_row_t row, const sheet_columns *c,
                              const severity_formats *f)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    xlsx_text_wide(sheet, row++, 0, xlsx_label(book, "report.compliance.by_agent"), book->heading);
    table_header(sheet, row, c, f);
    row += 2;
    for (size_t i = 0; i < r->agent_count; i++) {
        const kpi_agent *a = &r->agents[i];
        if (!kpi_compliance_has_row(&a->compliance))
            continue;
        xlsx_cell_text(sheet, row, 0, team_name(r, a->team_index), XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 1, a->employee_no, XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 2, a->name, XLSX_STYLE_PLAIN);
        figures(sheet, row++, c, f, &a->compliance, XLSX_STYLE_PLAIN);
    }
    if (kpi_compliance_has_row(&r->compliance_system)) {
        /* The name cell says what the line is; team stays empty, as in the command. */
        xlsx_cell_text(sheet, row, 0, "", XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 1, SYSTEM_NO, XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 2, xlsx_label(book, "compliance.system"), XLSX_STYLE_PLAIN);
        figures(sheet, row++, c, f, &r->compliance_system, XLSX_STYLE_PLAIN);
    }
    return row + 1;
}

/* Teams with a row, by name, then the total (every agent plus the system line). */
static lxw_row_t write_teams(xlsx_sheet *sheet, lxw_row_t row, const sheet_columns *c,
                             const severity_formats *f)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    xlsx_text_wide(sheet, row++, 0, xlsx_label(book, "report.compliance.by_team"), book->heading);
    table_header(sheet, row, c, f);
    row += 2;
    for (size_t t = 0; t < r->team_count; t++) {
        if (!kpi_compliance_has_row(&r->teams[t].compliance))
            continue;
        xlsx_cell_text(sheet, row, 0, r->teams[t].name, XLSX_STYLE_PLAIN);
        figures(sheet, row++, c, f, &r->teams[t].compliance, XLSX_STYLE_PLAIN);
    }
    xlsx_cell_text(sheet, row, 0, xlsx_label(book, "common.total"), XLSX_STYLE_TOTAL);
    xlsx_cell_text(sheet, row, 1, "", XLSX_STYLE_TOTAL);
    xlsx_cell_text(sheet, row, 2, "", XLSX_STYLE_TOTAL);
    figures(sheet, row++, c, f, &r->compliance_total, XLSX_STYLE_TOTAL);
    return row + 1;
}

/* The rules of a breach as names in the report language, and the most severe of them. */
static compliance_severity breach_rules(const xlsx_book *book, const sheet_columns *c,
                                        unsigned mask, char *out, size_t size)
{
    const kpi_result *r = book->current;
    const char *separator = xlsx_label(book, "report.list_separator");
    compliance_severity worst = COMPLIANCE_MINOR;
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < c->rule_count; i++) {
        if (!(mask & (1u << c->rules[i])))
            continue;
        compliance_severity s = severity_of(r, c->rules[i]);
        worst = s > worst ? s : worst;
        int n = snprintf(out + used, size - used, "%s%s", used > 0 ? separator : "",
                         labels_compliance_rule(c->rules[i], book->lang));
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    return worst;
}

/* The last column the breach list's rules take: the sheet's widest column is COLUMN_MAX_WIDTH
 * characters, and a longer list of rules runs on over the empty cells to its right (the tables
 * above are wider than the list), so the rules column's header and fill span as many columns as
 * the longest text of the `shown` rows needs (bold: about a tenth wider than measured). Measures
 * the rules column with that text first, so that its width is final. The columns to its right
 * belong to the tables above, measured already. */
static ck_error rules_last_column(xlsx_sheet *sheet, const sheet_columns *c, size_t shown,
                                  lxw_col_t *last, ck_diag *diag)
{
    const kpi_result *r = sheet->book->current;
    double longest = 0.0;
    /* The text depends on the set of rules alone: each set is written out once. */
    bool measured[1u << COMPLIANCE_RULE_COUNT] = {false};
    for (size_t i = 0; i < shown; i++) {
        kpi_breach one;
        ck_error err = kpi_result_breach(r, i, &one, diag);
        if (err != CK_OK)
            return err;
        if (one.rules < (1u << COMPLIANCE_RULE_COUNT)) {
            if (measured[one.rules])
                continue;
            measured[one.rules] = true;
        }
        char rules[512];
        breach_rules(sheet->book, c, one.rules, rules, sizeof rules);
        double width = (double)utf8_display_width(rules);
        longest = width > longest ? width : longest;
    }
    xlsx_sheet_measure(sheet, LIST_COLUMNS - 1, longest);
    double needed = longest * 1.1 + 1.0;
    double covered =
        xlsx_sheet_column_width(sheet, LIST_COLUMNS - 1, COLUMN_MIN_WIDTH, COLUMN_MAX_WIDTH);
    *last = LIST_COLUMNS - 1;
    while (covered < needed && (size_t)*last + 1 < c->count) {
        ++*last;
        covered += xlsx_sheet_column_width(sheet, *last, COLUMN_MIN_WIDTH, COLUMN_MAX_WIDTH);
    }
    return CK_OK;
}

/* An error only when the list cannot be read back (its temporary file). */
static ck_error write_breach_list(xlsx_sheet *sheet, lxw_row_t row, const sheet_columns *c,
                                  const severity_formats *f, ck_diag *diag)
{
    xlsx_book *book = sheet->book;
    const kpi_result *r = book->current;
    /* The list's columns, then empty header cells over the columns its rules run on to. */
    const char *keys[MAX_COLUMNS] = {"case_no", "employee_no", "agent_name", "contact_at",
                                     "channel", "party",       "outcome",    "rules"};
    const char *labels[MAX_COLUMNS];
    for (size_t i = 0; i < MAX_COLUMNS; i++) {
        keys[i] = i < LIST_COLUMNS ? keys[i] : "";
        labels[i] = i < LIST_COLUMNS ? xlsx_column_label(keys[i], book->lang) : "";
    }
    /* A page of its own when printed: the list is what an officer works through. */
    lxw_row_t breaks[] = {row, 0};
    xlsx_sheet_note_error(sheet, worksheet_set_h_pagebreaks(sheet->worksheet, breaks));
    xlsx_text_wide(sheet, row++, 0, xlsx_label(book, "report.compliance.breaches"), book->heading);
    xlsx_text_wide(sheet, row++, 0, xlsx_label(book, "report.compliance.breaches.note"),
                   book->note);
    lxw_row_t header = row;
    size_t shown = xlsx_list_fit(row + 2, r->breach_count);
    lxw_col_t rules_last;
    ck_error err = rules_last_column(sheet, c, shown, &rules_last, diag);
    if (err != CK_OK)
        return err;
    lxw_format *label_formats[MAX_COLUMNS] = {NULL}, *key_formats[MAX_COLUMNS] = {NULL};
    for (lxw_col_t col = LIST_COLUMNS - 1; col <= rules_last; col++) {
        label_formats[col] = f->rules_header;
        key_formats[col] = f->rules_key;
    }
    xlsx_header_formatted(sheet, header, 0, keys, labels, label_formats, key_formats,
                          (size_t)rules_last + 1);
    row += 2;
    for (size_t i = 0; i < shown; i++, row++) {
        kpi_breach one;
        err = kpi_result_breach(r, i, &one, diag);
        if (err != CK_OK)
            return err;
        const kpi_breach *b = &one;
        const kpi_agent *a = b->agent_index < r->agent_count ? &r->agents[b->agent_index] : NULL;
        xlsx_cell_text(sheet, row, 0, b->case_no != NULL ? b->case_no : "", XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 1, a != NULL ? a->employee_no : SYSTEM_NO, XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 2, a != NULL ? a->name : xlsx_label(book, "compliance.system"),
                       XLSX_STYLE_PLAIN);
        xlsx_timestamp_seconds(sheet, row, 3, b->contact_at, XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 4, labels_code(&codes_channel, b->channel, book->lang),
                       XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 5, labels_code(&codes_party, b->party, book->lang),
                       XLSX_STYLE_PLAIN);
        xlsx_cell_text(sheet, row, 6, labels_code(&codes_outcome, b->outcome, book->lang),
                       XLSX_STYLE_PLAIN);
        char rules[512];
        compliance_severity worst = breach_rules(book, c, b->rules, rules, sizeof rules);
        xlsx_text_wide(sheet, row, LIST_COLUMNS - 1, rules, f->text[worst]); /* measured */
        for (lxw_col_t col = LIST_COLUMNS; col <= rules_last; col++)
            xlsx_sheet_note_error(
                sheet, worksheet_write_blank(sheet->worksheet, row, col, f->text[worst]));
    }
    if (r->breach_count == 0) {
        xlsx_text_wide(sheet, row, 0, xlsx_label(book, "report.compliance.empty"), book->note);
        return CK_OK;
    }
    /* A filter on the key row (the sheet is streamed, where libxlsxwriter makes no Excel
     * table): an officer narrows the list to a rule, an agent or a channel. */
    xlsx_sheet_note_error(
        sheet, worksheet_autofilter(sheet->worksheet, header + 1, 0, row - 1, LIST_COLUMNS - 1));
    xlsx_list_cut(sheet, row, r->breach_count, shown, "report.compliance.cut_hint",
                  &book->cut.breaches);
    return CK_OK;
}

ck_error xlsx_write_compliance(xlsx_book *book, ck_diag *diag)
{
    sheet_columns c;
    profile_columns(book, &c);
    severity_formats f;
    ck_error err = create_formats(book, &f, diag);
    if (err != CK_OK)
        return err;
    xlsx_sheet sheet;
    err = xlsx_sheet_open_streamed(book, "Compliance", c.count, &sheet, diag);
    if (err != CK_OK)
        return err;
    if (!book->current->has_compliance) {
        xlsx_text_wide(&sheet, 0, 0, xlsx_label(book, "report.compliance.title"), book->title);
        xlsx_text_wide(&sheet, 2, 0, xlsx_label(book, "report.compliance.not_checked"),
                       book->alert_note);
    } else {
        lxw_row_t row = write_rules(&sheet, &c, &f);
        row = write_agents(&sheet, row, &c, &f);
        row = write_teams(&sheet, row, &c, &f);
        err = write_breach_list(&sheet, row, &c, &f, diag);
    }
    if (err != CK_OK) {
        /* frees the tracking; the read's error stands */
        xlsx_sheet_close(&sheet, COLUMN_MIN_WIDTH, COLUMN_MAX_WIDTH, NULL);
        return err;
    }
    xlsx_sheet_print_setup(&sheet, 1, 0); /* no repeated rows: the sheet holds three tables */
    return xlsx_sheet_close(&sheet, COLUMN_MIN_WIDTH, COLUMN_MAX_WIDTH, diag);
}

/* ---- Definitions: the rules and the columns ----------------------------------------- */

lxw_row_t xlsx_compliance_definitions(xlsx_sheet *sheet, lxw_row_t row)
{
    const kpi_result *r = sheet->book->current;
    if (!r->has_compliance)
        return row;
    const compliance_settings *s = &r->settings.compliance;
    row = xlsx_definition_header(sheet, row, "report.def.compliance");
    const compliance_rule *rules;
    size_t rule_count = compliance_profile_rules(s->profile, &rules);
    for (size_t i = 0; i < rule_count; i++, row++) {
        compliance_rule rule = rules[i];
        compliance_severity sev = severity_of(r, rule);
        char text[2][640];
        for (int l = 0; l < 2; l++) {
            settings_lang lang = l == 0 ? SETTINGS_LANG_EN : SETTINGS_LANG_ZH;
            char definition[512];
            labels_compliance_rule_definition(rule, s, lang, definition, sizeof definition);
            snprintf(text[l], sizeof text[l],
                     lang == SETTINGS_LANG_ZH ? "%s 严重程度：%s。" : "%s Severity: %s.",
                     definition, labels_compliance_severity(sev, lang));
        }
        xlsx_definition_texts(sheet, row, compliance_rule_keys[rule],
                              labels_compliance_rule(rule, SETTINGS_LANG_EN), text[0],
                              labels_compliance_rule(rule, SETTINGS_LANG_ZH), text[1]);
    }
    static const char *const keys[] = {"outbound_contacts",
                                       "breaches_RULE",
                                       "breaching_contacts",
                                       "critical_breaches",
                                       "breaches_per_1k_outbound",
                                       "cases_with_breach",
                                       "contact_at",
                                       "channel",
                                       "party",
                                       "outcome",
                                       "rules"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++, row++)
        xlsx_definition_texts(sheet, row, keys[i], xlsx_column_label(keys[i], SETTINGS_LANG_EN),
                              xlsx_column_definition(keys[i], SETTINGS_LANG_EN),
                              xlsx_column_label(keys[i], SETTINGS_LANG_ZH),
                              xlsx_column_definition(keys[i], SETTINGS_LANG_ZH));
    return row + 1;
}
