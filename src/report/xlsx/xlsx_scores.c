/* xlsx_scores.c - the Scores sheet: one row per agent with the review score of
 * scorecard.md, sorted by rank (unranked agents last, with the reason), and for each of the
 * six measures its value, target, attainment and sample, coloured by RAG against the target.
 *
 * Rows 1-3 hold the title, the targets and weights used and the colour legend; row 4 groups
 * the columns, row 5 holds the human labels, row 6 the column keys; agents start on row 7.
 * A measure that is not scored is grey, its attainment empty and its sample cell says why
 * ("n 12 < 20").
 *
 * The columns come in two blocks, so that the sheet prints legibly (landscape, a fixed
 * scale, never squeezed to one page width): the review list -- rank, agent, score, coverage,
 * team rank, team, employee number, why not ranked, why capped, and the six measures' values
 * in their RAG colours -- fits one page across; then, per measure, its target, attainment and
 * sample. A page break falls between the blocks and the pages run down first, so the ranked
 * list prints as one run of pages and the detail follows it, rank and agent repeated at the
 * left of every detail page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/labels.h"
#include "xlsx_internal.h"

#define GROUP_ROW  3 /* the names of the column groups */
#define HEADER_ROW 4 /* labels; keys on the row below */
#define FIRST_ROW  6
#define FIXED      7                                 /* rank .. cap_reason */
#define VALUES     FIXED                             /* the six measures' values */
#define EXTRA      (VALUES + SETTINGS_MEASURE_COUNT) /* team_rank, employee_no */
#define DETAIL     (EXTRA + 2) /* target, attainment, sample of each measure */
/* The measures whose detail starts the third printed block. */
#define DETAIL_SPLIT 3
#define PER_MEASURE  3
#define COLUMN_COUNT (DETAIL + PER_MEASURE * SETTINGS_MEASURE_COUNT)
#define NOTE_WIDTH   17.0 /* rank_note and cap_reason wrap within this */
/* Columns repeated at the left of the detail pages: rank and agent_name. */
#define PRINTED_IDENTITY 2

#define COLOR_GREEN_FILL 0xC6EFCE
#define COLOR_GREEN_TEXT 0x006100
#define COLOR_AMBER_FILL 0xFFEB9C
#define COLOR_AMBER_TEXT 0x9C5700
#define COLOR_RED_FILL   0xFFC7CE
#define COLOR_RED_TEXT   0x9C0006
#define COLOR_GREY_FILL  0xEDEDED
#define COLOR_GREY_TEXT  0x808080

/* Number formats of the sheet, each in the four RAG colours and plain. */
enum { NUM_COUNT, NUM_POINTS, NUM_RATE, NUM_INDEX, NUM_TEXT, NUM_COUNT_OF };
enum { PAINT_PLAIN = 4 }; /* after the four score_rag values */

typedef struct score_formats {
    lxw_format *cell[NUM_COUNT_OF][PAINT_PLAIN + 1];
    lxw_format *wrap[PAINT_PLAIN + 1]; /* text that wraps */
    lxw_format *keys;                  /* the key row: small, shrunk to the column's width */
    lxw_format *intro;                 /* the targets and the legend, wrapped */
    lxw_format *name;                  /* agent and team: shrunk to their fixed width */
} score_formats;

static ck_error create_formats(xlsx_book *book, score_formats *f, ck_diag *diag)
{
    static const char *const num_text[NUM_COUNT_OF] = {"0", "0.0", "0.0%", "0.00", "@"};
    static const uint32_t fill[4] = {COLOR_GREY_FILL, COLOR_RED_FILL, COLOR_AMBER_FILL,
                                     COLOR_GREEN_FILL};
    static const uint32_t text[4] = {COLOR_GREY_TEXT, COLOR_RED_TEXT, COLOR_AMBER_TEXT,
                                     COLOR_GREEN_TEXT};
    for (int n = 0; n < NUM_COUNT_OF; n++)
        for (int paint = 0; paint <= PAINT_PLAIN; paint++) {
            lxw_format *format = workbook_add_format(book->workbook);
            if (format == NULL) {
                ck_diag_set(diag, "out of memory while creating the Scores sheet's formats");
                return CK_ERR_NOMEM;
            }
            format_set_num_format(format, num_text[n]);
            format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
            /* Text stands off the number to its left (rank | agent, coverage | team). */
            if (n == NUM_TEXT)
                format_set_indent(format, 1);
            if (paint < PAINT_PLAIN) {
                format_set_pattern(format, LXW_PATTERN_SOLID);
                format_set_bg_color(format, fill[paint]);
                format_set_font_color(format, text[paint]);
            }
            f->cell[n][paint] = format;
        }
    for (int paint = 0; paint <= PAINT_PLAIN; paint++) {
        lxw_format *format = workbook_add_format(book->workbook);
        if (format == NULL) {
            ck_diag_set(diag, "out of memory while creating the Scores sheet's formats");
            return CK_ERR_NOMEM;
        }
        format_set_text_wrap(format);
        format_set_indent(format, 1);
        format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
        if (paint < PAINT_PLAIN) {
            format_set_pattern(format, LXW_PATTERN_SOLID);
            format_set_bg_color(format, fill[paint]);
            format_set_font_color(format, text[paint]);
        }
        f->wrap[paint] = format;
    }
    if ((f->keys = workbook_add_format(book->workbook)) == NULL) {
        ck_diag_set(diag, "out of memory while creating the Scores sheet's formats");
        return CK_ERR_NOMEM;
    }
    format_set_font_size(f->keys, 8);
    format_set_font_color(f->keys, 0x44546A);
    format_set_pattern(f->keys, LXW_PATTERN_SOLID);
    format_set_bg_color(f->keys, 0xDDE5F0);
    format_set_align(f->keys, LXW_ALIGN_CENTER);
    format_set_shrink(f->keys);
    if ((f->name = workbook_add_format(book->workbook)) == NULL) {
        ck_diag_set(diag, "out of memory while creating the Scores sheet's formats");
        return CK_ERR_NOMEM;
    }
    format_set_shrink(f->name);
    format_set_indent(f->name, 1);
    format_set_align(f->name, LXW_ALIGN_VERTICAL_CENTER);
    if ((f->intro = workbook_add_format(book->workbook)) == NULL) {
        ck_diag_set(diag, "out of memory while creating the Scores sheet's formats");
        return CK_ERR_NOMEM;
    }
    format_set_font_color(f->intro, 0x595959);
    format_set_text_wrap(f->intro);
    format_set_align(f->intro, LXW_ALIGN_VERTICAL_TOP);
    return CK_OK;
}

/* How each measure's value is shown. */
static int measure_num(int m)
{
    return m == SETTINGS_MEASURE_PTP_KEPT_RATE || m == SETTINGS_MEASURE_RPC_RATE ? NUM_RATE
                                                                                 : NUM_INDEX;
}

static void number_cell(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, stats_value v,
                        lxw_format *format)
{
    lxw_error err = v.defined ? worksheet_write_number(sheet->worksheet, row, col, v.value, format)
                              : worksheet_write_blank(sheet->worksheet, row, col, format);
    xlsx_sheet_note_error(sheet, err);
}

static void merge_group(xlsx_sheet *sheet, lxw_col_t first, lxw_col_t last, const char *text)
{
    xlsx_merge(sheet, GROUP_ROW, first, GROUP_ROW, last, text, sheet->book->label_header);
}

static void write_header(xlsx_sheet *sheet, const xlsx_book *book, lxw_format *keys_format)
{
    /* Characters, before xlsx_sheet_close's margin of 2. */
    /* Bold labels are wider than the plain characters counted here: "Employee no." needs 9
     * to keep "Employee" whole (6 cut it as "Employe" over "e no."). */
    static const double fixed_width[DETAIL] = {
        4, 14, 6, 6, 9, NOTE_WIDTH - 2.0, NOTE_WIDTH - 2.0, [EXTRA] = 5, [EXTRA + 1] = 9};
    static const double detail_width[PER_MEASURE] = {6, 8, 8};
    /* Wide enough for the longest word of each measure's label ("Satisfaction"). */
    static const double value_width[SETTINGS_MEASURE_COUNT] = {8, 8, 8, 8, 8, 10};
    static const char *const fixed[FIXED] = {"rank", "agent_name", "score",     "coverage",
                                             "team", "rank_note",  "cap_reason"};
    const char *keys[COLUMN_COUNT];
    const char *labels[COLUMN_COUNT];
    char key_text[SETTINGS_MEASURE_COUNT][3][64];
    for (int i = 0; i < FIXED; i++)
        keys[i] = fixed[i];
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++) {
        const char *key = settings_measure_keys[m];
        size_t c = DETAIL + (size_t)m * PER_MEASURE;
        snprintf(key_text[m][0], sizeof key_text[m][0], "target_%s", key);
        snprintf(key_text[m][1], sizeof key_text[m][1], "a_%s", key);
        snprintf(key_text[m][2], sizeof key_text[m][2], "n_%s", key);
        keys[VALUES + m] = key;
        keys[EXTRA] = "team_rank";
        keys[EXTRA + 1] = "employee_no";
        keys[c] = key_text[m][0];
        keys[c + 1] = key_text[m][1];
        keys[c + 2] = key_text[m][2];
    }
    for (int i = 0; i < COLUMN_COUNT; i++) {
        const char *k = keys[i];
        labels[i] = strncmp(k, "target_", 7) == 0 ? labels_score("score.target", book->lang)
                    : strncmp(k, "a_", 2) == 0    ? labels_score("score.attainment", book->lang)
                    : strncmp(k, "n_", 2) == 0    ? labels_score("score.sample", book->lang)
                                                  : labels_score(k, book->lang);
    }
    /* Widths are set here, not from the labels and keys: the long column keys would make
     * every column wide enough for its key, and the sheet twice as wide as a page. The key
     * row shrinks its text to the width instead. Agent, team and employee number grow with
     * the names written below. */
    for (int i = 0; i < COLUMN_COUNT; i++) {
        /* English labels break before their bracket ("Score" over "(0-120)"); Chinese ones
         * are left to the viewer's wrap: the columns are fixed and narrower than
         * "（按账龄调整）", and widening them pushed the last measure off the page. */
        char broken[256];
        bool was_broken =
            xlsx_break_before_bracket(labels[i], XLSX_BREAK_LATIN, broken, sizeof broken, NULL);
        xlsx_text_wide(sheet, HEADER_ROW, (lxw_col_t)i, was_broken ? broken : labels[i],
                       book->label_header);
        xlsx_text_wide(sheet, HEADER_ROW + 1, (lxw_col_t)i, keys[i], keys_format);
        double width = i >= DETAIL                ? detail_width[(i - DETAIL) % PER_MEASURE]
                       : i >= VALUES && i < EXTRA ? value_width[i - VALUES]
                                                  : fixed_width[i];
        xlsx_sheet_measure(sheet, (lxw_col_t)i, width);
    }
    xlsx_row_lines(sheet, HEADER_ROW, 4);
    /* The detail labels say only "Target", "Attainment", "Sample": the measure's name spans
     * its three columns above them. */
    merge_group(sheet, 0, FIXED - 1, labels_score("score.group.agent", book->lang));
    merge_group(sheet, VALUES, EXTRA - 1, labels_score("score.group.values", book->lang));
    merge_group(sheet, EXTRA, DETAIL - 1, "");
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++) {
        lxw_col_t first = (lxw_col_t)(DETAIL + m * PER_MEASURE);
        merge_group(sheet, first, (lxw_col_t)(first + PER_MEASURE - 1),
                    labels_score(settings_measure_keys[m], book->lang));
    }
    xlsx_row_lines(sheet, GROUP_ROW, 2);
}

/* Lines a wrapped text takes in a column of NOTE_WIDTH characters, roughly. */
static unsigned note_lines(const char *text)
{
    return xlsx_text_lines(text, NOTE_WIDTH - 2.0);
}

/* A line of the intro, wrapped within the first printed block so that it prints whole. */
static void intro_line(xlsx_sheet *sheet, lxw_row_t row, const char *text, lxw_format *format,
                       unsigned lines)
{
    xlsx_merge(sheet, row, 0, row, EXTRA - 1, text, format);
    xlsx_row_lines(sheet, row, lines);
}

void xlsx_score_settings_text(const xlsx_book *book, char *targets, size_t targets_size,
                              char *legend, size_t legend_size)
{
    const settings_score *s = &book->current->settings.score;
    size_t used =
        (size_t)snprintf(targets, targets_size, "%s", labels_score("score.targets", book->lang));
    for (int m = 0; m < SETTINGS_MEASURE_COUNT && used < targets_size; m++) {
        const settings_measure_target *t = &s->measure[m];
        bool rate = measure_num(m) == NUM_RATE;
        char target[32];
        snprintf(target, sizeof target, rate ? "%.4g%%" : "%.2f",
                 rate ? t->target * 100.0 : t->target);
        used += (size_t)snprintf(targets + used, targets_size - used, "%s %s %s %s (%g; %lld)",
                                 m ? " ·" : "", labels_score(settings_measure_keys[m], book->lang),
                                 settings_measure_lower_is_better[m] ? "≤" : "≥", target, t->weight,
                                 (long long)t->min_sample);
    }
    int legend_used = snprintf(legend, legend_size, labels_score("score.legend", book->lang),
                               s->amber_at * 100.0, s->min_coverage * 100.0, s->critical_cap);
    if (legend_used > 0 && (size_t)legend_used + 1 < legend_size) {
        legend[legend_used++] = ' ';
        labels_score_critical_categories(s, book->lang, legend + legend_used,
                                         legend_size - (size_t)legend_used);
    }
}

/* Title, the targets used and the legend. */
static void write_intro(xlsx_sheet *sheet, const xlsx_book *book, lxw_format *intro)
{
    char text[1024], legend[1024];
    snprintf(text, sizeof text, "%s  %s", labels_score("score.sheet_title", book->lang),
             book->period_label);
    xlsx_text_wide(sheet, 0, 0, text, book->title);
    xlsx_score_settings_text(book, text, sizeof text, legend, sizeof legend);
    intro_line(sheet, 1, text, intro, 2);
    intro_line(sheet, 2, legend, intro, 3);
}

static void write_agent(xlsx_sheet *sheet, const xlsx_book *book, const score_formats *f,
                        lxw_row_t row, const kpi_agent *agent, const score_row *s)
{
    const kpi_result *r = book->current;
    lxw_format *plain_text = f->cell[NUM_TEXT][PAINT_PLAIN];
    number_cell(sheet, row, 0, (stats_value){s->rank > 0, (double)s->rank},
                f->cell[NUM_COUNT][PAINT_PLAIN]);
    /* Agent and team have fixed widths (a longer name shrinks to fit), so that the review
     * list always fits one page across whatever the names. */
    xlsx_text_wide(sheet, row, 1, agent->name, f->name);
    number_cell(sheet, row, 2, s->score, f->cell[NUM_POINTS][PAINT_PLAIN]);
    number_cell(sheet, row, 3, s->coverage, f->cell[NUM_RATE][PAINT_PLAIN]);
    xlsx_text_wide(sheet, row, 4,
                   agent->team_index < r->team_count ? r->teams[agent->team_index].name : "",
                   f->name);
    /* The two reasons wrap in narrow columns (not measured): most rows have neither. */
    char key[48];
    snprintf(key, sizeof key, "score.note.%s", score_note_key(s->note));
    const char *note = s->note != SCORE_NOTE_NONE ? labels_score(key, book->lang) : "";
    xlsx_text_wide(sheet, row, 5, note, f->wrap[PAINT_PLAIN]);
    snprintf(key, sizeof key, "score.cap.%s", score_cap_key(s->cap));
    const char *cap = s->cap != SCORE_CAP_NONE ? labels_score(key, book->lang) : "";
    xlsx_text_wide(sheet, row, 6, cap,
                   f->wrap[s->cap != SCORE_CAP_NONE ? SCORE_RAG_RED : PAINT_PLAIN]);
    number_cell(sheet, row, EXTRA, (stats_value){s->team_rank > 0, (double)s->team_rank},
                f->cell[NUM_COUNT][PAINT_PLAIN]);
    xlsx_text(sheet, row, EXTRA + 1, agent->employee_no, plain_text);
    unsigned lines = note_lines(note) > note_lines(cap) ? note_lines(note) : note_lines(cap);
    if (lines > 1)
        xlsx_row_lines(sheet, row, lines);
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++) {
        const score_measure *x = &s->measure[m];
        lxw_col_t c = (lxw_col_t)(DETAIL + m * PER_MEASURE);
        int paint = (int)x->rag;
        number_cell(sheet, row, (lxw_col_t)(VALUES + m), x->value, f->cell[measure_num(m)][paint]);
        stats_value target = {true, r->settings.score.measure[m].target};
        number_cell(sheet, row, c, target, f->cell[measure_num(m)][PAINT_PLAIN]);
        number_cell(sheet, row, c + 1, x->attainment, f->cell[NUM_RATE][paint]);
        if (x->reason == SCORE_REASON_SCORED) {
            number_cell(sheet, row, c + 2, (stats_value){true, (double)x->sample},
                        f->cell[NUM_COUNT][PAINT_PLAIN]);
        } else {
            char why[64];
            snprintf(key, sizeof key, "score.reason.%s", score_reason_key(x->reason));
            snprintf(why, sizeof why, labels_score(key, book->lang), (long long)x->sample,
                     (long long)r->settings.score.measure[m].min_sample);
            xlsx_text(sheet, row, c + 2, why, f->cell[NUM_TEXT][SCORE_RAG_GREY]);
        }
    }
}

ck_error xlsx_write_scores(xlsx_book *book, ck_diag *diag)
{
    const kpi_result *r = book->current;
    const score_table *scores = book->data->scores;
    score_formats formats;
    xlsx_sheet sheet;
    size_t ranked = 0;
    size_t *order = report_score_order(r, scores, &ranked);
    ck_error err = order ? create_formats(book, &formats, diag) : CK_ERR_NOMEM;
    if (err == CK_OK)
        err = xlsx_sheet_open(book, "Scores", COLUMN_COUNT, &sheet, diag);
    if (err != CK_OK) {
        if (err == CK_ERR_NOMEM && order == NULL)
            ck_diag_set(diag, "out of memory while sorting the scores");
        free(order);
        return err;
    }
    write_intro(&sheet, book, formats.intro);
    write_header(&sheet, book, formats.keys);
    for (size_t i = 0; i < r->agent_count; i++)
        write_agent(&sheet, book, &formats, (lxw_row_t)(FIRST_ROW + i), &r->agents[order[i]],
                    &scores->agents[order[i]]);
    free(order);
    worksheet_freeze_panes(sheet.worksheet, FIRST_ROW, PRINTED_IDENTITY);
    static const lxw_col_t breaks[] = {EXTRA, DETAIL + DETAIL_SPLIT * PER_MEASURE, 0};
    xlsx_sheet_print_bands(&sheet, GROUP_ROW, HEADER_ROW + 1, PRINTED_IDENTITY, breaks);
    return xlsx_sheet_close(&sheet, 5.0, 24.0, diag);
}

void xlsx_rag_number(xlsx_sheet *sheet, lxw_row_t row, lxw_col_t col, stats_value value,
                     xlsx_num num, xlsx_style style, score_rag rag)
{
    static const uint32_t fill[4] = {COLOR_GREY_FILL, COLOR_RED_FILL, COLOR_AMBER_FILL,
                                     COLOR_GREEN_FILL};
    static const uint32_t text[4] = {COLOR_GREY_TEXT, COLOR_RED_TEXT, COLOR_AMBER_TEXT,
                                     COLOR_GREEN_TEXT};
    xlsx_book *book = sheet->book;
    lxw_format **format = &book->rag[num][style][rag];
    if (*format == NULL) {
        /* The sheet's own format for this kind and style, with the fill on top. */
        *format = workbook_add_format(book->workbook);
        if (*format == NULL) {
            xlsx_sheet_note_error(sheet, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        char number[128];
        xlsx_number_format(num, book->current->settings.currency, number, sizeof number);
        format_set_num_format(*format, number);
        format_set_align(*format, LXW_ALIGN_VERTICAL_CENTER);
        xlsx_apply_style(*format, style);
        format_set_pattern(*format, LXW_PATTERN_SOLID);
        format_set_bg_color(*format, fill[rag]);
        format_set_font_color(*format, text[rag]);
    }
    number_cell(sheet, row, col, value, *format);
}
