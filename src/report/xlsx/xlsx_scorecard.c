/* xlsx_scorecard.c - one agent's review scorecard: a workbook with one sheet that prints on
 * one A4 page, for the review meeting.
 *
 * From the top: who and which period; score, coverage, rank and team rank; the six measures
 * against their target, the team median and the portfolio, with RAG and the 95% interval of
 * each rate; other figures; the last six months of score and recovery index (a table and
 * two small native charts); the agent's complaints in the period (case numbers only) and
 * contact-compliance counts; the definitions in short; an empty box for the reviewer's
 * comments. Every figure is the engine's or the score table's; nothing is computed here
 * except the team median, a percentile of the team's values.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collectkpi/atomic_file.h"
#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "collectkpi/xlsx.h"
#include "xlsx_internal.h"

#define COLUMNS 9
#define SHEET   "Scorecard"
/* At most this many complaints and breaches are listed (the rest are counted in a last line
 * that says where the full list is). */
#define LIST_MAX XLSX_SCORECARD_LIST_MAX

#define COLOR_GREEN_FILL 0xC6EFCE
#define COLOR_AMBER_FILL 0xFFEB9C
#define COLOR_RED_FILL   0xFFC7CE
#define COLOR_GREY_FILL  0xEDEDED
#define COLOR_BOX        0x808080

typedef struct card {
    xlsx_book *book;
    xlsx_sheet sheet;
    const kpi_agent *agent;
    const score_row *scores;
    size_t agent_index;
    const xlsx_breach_index *breaches;
    lxw_format *rag_text[4];
    lxw_format *box;
    lxw_format *centered;
    /* The breach list could not be read back (its temporary file): the card fails with it. */
    ck_error list_error;
    ck_diag list_diag;
} card;

static const char *label(const card *c, const char *key)
{
    return labels_score(key, c->book->lang);
}

static ck_error card_formats(card *c, ck_diag *diag)
{
    static const uint32_t fill[4] = {COLOR_GREY_FILL, COLOR_RED_FILL, COLOR_AMBER_FILL,
                                     COLOR_GREEN_FILL};
    for (int rag = 0; rag < 4; rag++) {
        c->rag_text[rag] = workbook_add_format(c->book->workbook);
        if (c->rag_text[rag] == NULL)
            break;
        format_set_pattern(c->rag_text[rag], LXW_PATTERN_SOLID);
        format_set_bg_color(c->rag_text[rag], fill[rag]);
        format_set_align(c->rag_text[rag], LXW_ALIGN_CENTER);
    }
    c->box = workbook_add_format(c->book->workbook);
    c->centered = workbook_add_format(c->book->workbook);
    if (c->box == NULL || c->centered == NULL || c->rag_text[3] == NULL) {
        ck_diag_set(diag, "out of memory while creating the scorecard's formats");
        return CK_ERR_NOMEM;
    }
    format_set_border(c->box, LXW_BORDER_THIN);
    format_set_border_color(c->box, COLOR_BOX);
    format_set_align(c->box, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(c->box);
    format_set_align(c->centered, LXW_ALIGN_CENTER);
    return CK_OK;
}

/* How each measure's value reads: rates in percent, the rest with two places. */
static xlsx_num measure_num(int m)
{
    return m == SETTINGS_MEASURE_PTP_KEPT_RATE || m == SETTINGS_MEASURE_RPC_RATE ? XLSX_NUM_RATE
                                                                                 : XLSX_NUM_SCORE;
}

static void interval_text(score_interval ci, char *out, size_t size)
{
    if (!ci.lo.defined) {
        snprintf(out, size, "-");
        return;
    }
    char lo[FORMAT_TEXT_SIZE], hi[FORMAT_TEXT_SIZE];
    format_decimal(ci.lo.value * 100.0, 1, lo, sizeof lo);
    format_decimal(ci.hi.value * 100.0, 1, hi, sizeof hi);
    snprintf(out, size, "%s%% - %s%%", lo, hi);
}

/* The median of a measure over the agents of the same team that have a value. */
static stats_value team_median(const card *c, int m)
{
    const kpi_result *r = c->book->current;
    const score_table *t = c->book->data->scores;
    double *values = malloc((r->agent_count + 1) * sizeof *values);
    size_t n = 0;
    if (values == NULL)
        return (stats_value){false, 0.0};
    for (size_t i = 0; i < r->agent_count; i++)
        if (r->agents[i].team_index == c->agent->team_index &&
            t->agents[i].measure[m].value.defined)
            values[n++] = t->agents[i].measure[m].value.value;
    qsort(values, n, sizeof *values, stats_compare_double);
    stats_value median = stats_percentile_inc(values, n, 0.5);
    free(values);
    return median;
}

static lxw_row_t write_heading(card *c, lxw_row_t row)
{
    const kpi_result *r = c->book->current;
    const xlsx_book *book = c->book;
    char text[512];
    snprintf(text, sizeof text, "%s  %s  %s (%s)", label(c, "scorecard.title"), book->period_label,
             c->agent->name, c->agent->employee_no);
    xlsx_text_wide(&c->sheet, row++, 0, text, book->title);
    char as_of[DATETIME_TS_SIZE], hired[DATETIME_DATE_SIZE], left[DATETIME_DATE_SIZE];
    char first[DATETIME_DATE_SIZE], last[DATETIME_DATE_SIZE];
    datetime_format_ts(r->as_of, as_of);
    /* A reviewer reads days, both included, not a half-open range of timestamps. */
    datetime_format_date(datetime_day_of(r->period.start), first);
    datetime_format_date(datetime_day_of(r->period.end - 1), last);
    datetime_format_date(c->agent->hired_on, hired);
    if (c->agent->has_left_on)
        datetime_format_date(c->agent->left_on, left);
    snprintf(text, sizeof text, "%s: %s  ·  %s: %s – %s  ·  %s: %s  ·  %s: %s  ·  %s: %s",
             labels_column("team", book->lang), r->teams[c->agent->team_index].name,
             xlsx_label(book, "report.period"), first, last, xlsx_label(book, "report.as_of"),
             as_of, label(c, "scorecard.hired_on"), hired, label(c, "scorecard.left_on"),
             c->agent->has_left_on ? left : "-");
    xlsx_text_wide(&c->sheet, row++, 0, text, book->subtitle);
    return row + 1;
}

static size_t ranked_count(const card *c, bool same_team)
{
    const kpi_result *r = c->book->current;
    const score_table *t = c->book->data->scores;
    size_t n = 0;
    for (size_t i = 0; i < r->agent_count; i++)
        if (t->agents[i].rank > 0 &&
            (!same_team || r->agents[i].team_index == c->agent->team_index))
            n++;
    return n;
}

static lxw_row_t write_summary(card *c, lxw_row_t row)
{
    xlsx_book *book = c->book;
    const score_row *s = c->scores;
    static const char *const keys[6] = {
        "score", "coverage", "rank", "team_rank", "scorecard.rank_note", "cap_reason"};
    xlsx_text_wide(&c->sheet, row++, 0, label(c, "scorecard.summary"), book->heading);
    for (int i = 0; i < 6; i++)
        xlsx_text(&c->sheet, row,
                  (lxw_col_t)(i < 4    ? i
                              : i == 4 ? 4
                                       : 6),
                  label(c, keys[i]), book->label_header);
    row++;
    xlsx_number(&c->sheet, row, 0, s->score.defined, s->score.value, XLSX_NUM_DAYS,
                XLSX_STYLE_PLAIN);
    xlsx_number(&c->sheet, row, 1, s->coverage.defined, s->coverage.value, XLSX_NUM_RATE,
                XLSX_STYLE_PLAIN);
    char text[128];
    if (s->rank > 0)
        snprintf(text, sizeof text, label(c, "scorecard.rank_of"), (long long)s->rank,
                 (long long)ranked_count(c, false));
    else
        snprintf(text, sizeof text, "-");
    xlsx_text(&c->sheet, row, 2, text, c->centered);
    if (s->team_rank > 0)
        snprintf(text, sizeof text, label(c, "scorecard.rank_of"), (long long)s->team_rank,
                 (long long)ranked_count(c, true));
    else
        snprintf(text, sizeof text, "-");
    xlsx_text(&c->sheet, row, 3, text, c->centered);
    char key[48];
    snprintf(key, sizeof key, "score.note.%s", score_note_key(s->note));
    xlsx_text_wide(&c->sheet, row, 4, s->note != SCORE_NOTE_NONE ? label(c, key) : "-",
                   book->cell[XLSX_NUM_TEXT][XLSX_STYLE_PLAIN]);
    snprintf(key, sizeof key, "score.cap.%s", score_cap_key(s->cap));
    xlsx_text_wide(&c->sheet, row, 6, s->cap != SCORE_CAP_NONE ? label(c, key) : "-",
                   s->cap != SCORE_CAP_NONE ? c->rag_text[SCORE_RAG_RED]
                                            : book->cell[XLSX_NUM_TEXT][XLSX_STYLE_PLAIN]);
    return row + 2;
}

static lxw_row_t write_measures(card *c, lxw_row_t row)
{
    xlsx_book *book = c->book;
    const settings_score *set = &book->current->settings.score;
    const score_row *total = &book->data->scores->total;
    static const char *const header[COLUMNS] = {"scorecard.col.measure",
                                                "scorecard.col.value",
                                                "scorecard.col.interval",
                                                "score.target",
                                                "score.attainment",
                                                "scorecard.col.rag",
                                                "scorecard.col.team_median",
                                                "scorecard.col.portfolio",
                                                "score.sample"};
    xlsx_text_wide(&c->sheet, row++, 0, label(c, "scorecard.measures"), book->heading);
    for (lxw_col_t col = 0; col < COLUMNS; col++)
        xlsx_text(&c->sheet, row, col, label(c, header[col]), book->label_header);
    row++;
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++, row++) {
        const score_measure *x = &c->scores->measure[m];
        xlsx_cell_text(&c->sheet, row, 0, label(c, settings_measure_keys[m]), XLSX_STYLE_PLAIN);
        xlsx_rag_number(&c->sheet, row, 1, x->value, measure_num(m), XLSX_STYLE_PLAIN, x->rag);
        char text[160];
        score_interval none = {{false, 0}, {false, 0}};
        interval_text(m == SETTINGS_MEASURE_PTP_KEPT_RATE ? c->scores->ptp_kept_interval
                      : m == SETTINGS_MEASURE_RPC_RATE    ? c->scores->rpc_interval
                                                          : none,
                      text, sizeof text);
        xlsx_text(&c->sheet, row, 2, text, c->centered);
        xlsx_number(&c->sheet, row, 3, true, set->measure[m].target, measure_num(m),
                    XLSX_STYLE_PLAIN);
        xlsx_rag_number(&c->sheet, row, 4, x->attainment, XLSX_NUM_RATE, XLSX_STYLE_PLAIN, x->rag);
        char key[32];
        snprintf(key, sizeof key, "score.rag.%s", score_rag_key(x->rag));
        xlsx_text(&c->sheet, row, 5, label(c, key), c->rag_text[x->rag]);
        stats_value median = team_median(c, m);
        xlsx_number(&c->sheet, row, 6, median.defined, median.value, measure_num(m),
                    XLSX_STYLE_PLAIN);
        xlsx_number(&c->sheet, row, 7, total->measure[m].value.defined,
                    total->measure[m].value.value, measure_num(m), XLSX_STYLE_PLAIN);
        if (x->reason == SCORE_REASON_SCORED) {
            xlsx_count(&c->sheet, row, 8, x->sample, XLSX_STYLE_PLAIN);
        } else {
            snprintf(key, sizeof key, "score.reason.%s", score_reason_key(x->reason));
            snprintf(text, sizeof text, label(c, key), (long long)x->sample,
                     (long long)set->measure[m].min_sample);
            xlsx_text(&c->sheet, row, 8, text, c->rag_text[SCORE_RAG_GREY]);
        }
    }
    return row + 1;
}

/* Columns first..last as one cell for a number of kind num, which the caller then writes in
 * the first: the card's columns have fixed widths, and a year's collections ("12,345,678.90
 * CNY") are wider than one of them, which a spreadsheet shows as "###". */
static void number_span(card *c, lxw_row_t row, lxw_col_t first, lxw_col_t last, xlsx_num num)
{
    xlsx_merge(&c->sheet, row, first, row, last, "", c->book->cell[num][XLSX_STYLE_PLAIN]);
}

/* Two pairs a row: label and number in columns 0 - 2, label in 4 - 5 and number in 6 - 8.
 * Column 3 stays empty, so that a long sum ("12,345,678.90 CNY", right-aligned) never runs
 * into the label beside it. */
static lxw_row_t write_other(card *c, lxw_row_t row)
{
    xlsx_book *book = c->book;
    const score_row *s = c->scores;
    xlsx_text_wide(&c->sheet, row++, 0, label(c, "scorecard.other"), book->heading);
    xlsx_cell_text(&c->sheet, row, 0, label(c, "collected"), XLSX_STYLE_PLAIN);
    number_span(c, row, 1, 2, XLSX_NUM_MONEY);
    xlsx_money(&c->sheet, row, 1, s->collected_minor, XLSX_STYLE_PLAIN);
    xlsx_cell_text(&c->sheet, row, 4, label(c, "expected_collected"), XLSX_STYLE_PLAIN);
    number_span(c, row, 6, 8, XLSX_NUM_MONEY);
    xlsx_money(&c->sheet, row, 6, (int64_t)llround(s->expected_collected_minor), XLSX_STYLE_PLAIN);
    row++;
    xlsx_cell_text(&c->sheet, row, 0, label(c, "paying_case_rate"), XLSX_STYLE_PLAIN);
    xlsx_number(&c->sheet, row, 1, s->paying_case_rate.defined, s->paying_case_rate.value,
                XLSX_NUM_RATE, XLSX_STYLE_PLAIN);
    char text[160];
    interval_text(s->paying_case_interval, text, sizeof text);
    xlsx_text(&c->sheet, row, 2, text, c->centered);
    xlsx_cell_text(&c->sheet, row, 4, label(c, "complaints_under_review"), XLSX_STYLE_PLAIN);
    number_span(c, row, 6, 8, XLSX_NUM_COUNT); /* right-aligned under the sum above */
    xlsx_count(&c->sheet, row, 6, s->complaints_under_review, XLSX_STYLE_PLAIN);
    return row + 2;
}

/* The agent's figures of one history month, or NULL when the agent had no row then. */
static const score_row *history_row(const card *c, const xlsx_scorecard_month *month)
{
    for (size_t i = 0; i < month->result->agent_count; i++)
        if (month->result->agents[i].agent_id == c->agent->agent_id)
            return &month->scores->agents[i];
    return NULL;
}

static lxw_row_t write_history(card *c, lxw_row_t row, const xlsx_scorecard_month *history,
                               size_t count)
{
    xlsx_book *book = c->book;
    xlsx_text_wide(&c->sheet, row++, 0, label(c, "scorecard.history"), book->heading);
    xlsx_text(&c->sheet, row, 0, label(c, "scorecard.month"), book->label_header);
    xlsx_text(&c->sheet, row, 1, label(c, "score"), book->label_header);
    xlsx_text(&c->sheet, row, 2, label(c, "scorecard.history_index"), book->label_header);
    xlsx_row_lines(&c->sheet, row, 2);
    lxw_row_t first = ++row;
    for (size_t i = 0; i < count; i++, row++) {
        const score_row *s = history_row(c, &history[i]);
        xlsx_month(&c->sheet, row, 0, &history[i].result->period, XLSX_STYLE_PLAIN);
        xlsx_number(&c->sheet, row, 1, s && s->score.defined, s ? s->score.value : 0, XLSX_NUM_DAYS,
                    XLSX_STYLE_PLAIN);
        xlsx_number(&c->sheet, row, 2, s && s->recovery_index.defined,
                    s ? s->recovery_index.value : 0, XLSX_NUM_SCORE, XLSX_STYLE_PLAIN);
    }
    if (count > 0) {
        lxw_row_t last = row - 1;
        xlsx_range months = {first, 0, last, 0};
        lxw_chart *score = xlsx_chart_new(&c->sheet, LXW_CHART_LINE, label(c, "score"), "0");
        lxw_chart *index =
            xlsx_chart_new(&c->sheet, LXW_CHART_LINE, label(c, "recovery_index"), "0.00");
        if (score != NULL && index != NULL) {
            xlsx_chart_add(score, SHEET, months, (xlsx_range){first, 1, last, 1}, 0, true);
            xlsx_chart_add(index, SHEET, months, (xlsx_range){first, 2, last, 2}, 1, false);
            chart_legend_set_position(score, LXW_CHART_LEGEND_NONE);
            chart_legend_set_position(index, LXW_CHART_LEGEND_NONE);
            /* The categories are month dates: show them as months, not day serials. */
            chart_axis_set_num_format(score->x_axis, "yyyy-mm");
            chart_axis_set_num_format(index->x_axis, "yyyy-mm");
            xlsx_chart_place(&c->sheet, first - 1, 3, score, 250, 150);
            xlsx_chart_place(&c->sheet, first - 1, 6, index, 250, 150);
        }
    }
    /* The charts stand beside the table; leave room when the table is shorter. */
    lxw_row_t below_charts = first + 8;
    return (row > below_charts ? row : below_charts) + 1;
}

/* A table head over columns first..last: one merged cell, so that a table whose values stand
 * every other column still reads as one table, not as boxes with gaps between them. */
static void head_span(card *c, lxw_row_t row, lxw_col_t first, lxw_col_t last, const char *text)
{
    if (first == last)
        xlsx_text_wide(&c->sheet, row, first, text, c->book->label_header);
    else
        xlsx_merge(&c->sheet, row, first, row, last, text, c->book->label_header);
}

static lxw_row_t more_line(card *c, lxw_row_t row, size_t more, const char *key)
{
    if (more == 0)
        return row;
    char text[256];
    snprintf(text, sizeof text, label(c, key), (long long)more);
    xlsx_text_wide(&c->sheet, row, 0, text, c->book->note);
    return row + 1;
}

ck_error xlsx_breach_index_make(const kpi_result *r, xlsx_breach_index *index, ck_diag *diag)
{
    index->agent_count = r->agent_count;
    index->agents = calloc(r->agent_count + 1, sizeof *index->agents);
    if (index->agents == NULL) {
        ck_diag_set(diag, "out of memory");
        return CK_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->breach_count; i++) {
        kpi_breach one;
        ck_error err = kpi_result_breach(r, i, &one, diag);
        if (err != CK_OK) {
            xlsx_breach_index_free(index);
            return err;
        }
        if (one.agent_index >= r->agent_count) /* the automated contacts: on no card */
            continue;
        xlsx_agent_breaches *mine = &index->agents[one.agent_index];
        if (mine->count < LIST_MAX)
            mine->first[mine->count] = i;
        mine->count++;
    }
    return CK_OK;
}

void xlsx_breach_index_free(xlsx_breach_index *index)
{
    free(index->agents);
    index->agents = NULL;
    index->agent_count = 0;
}

/* The agent's breaching contacts in the period: case number, time, rules broken. */
static lxw_row_t write_breaches(card *c, lxw_row_t row)
{
    xlsx_book *book = c->book;
    const kpi_result *r = book->current;
    head_span(c, row, 0, 1, xlsx_column_label("case_no", book->lang));
    head_span(c, row, 2, 3, label(c, "scorecard.contact_at"));
    head_span(c, row, 4, COLUMNS - 1, label(c, "scorecard.rules"));
    row++;
    const xlsx_agent_breaches *mine = &c->breaches->agents[c->agent_index];
    size_t shown = 0, more = mine->count > LIST_MAX ? mine->count - LIST_MAX : 0;
    for (; shown < mine->count && shown < LIST_MAX; shown++) {
        kpi_breach one;
        if ((c->list_error = kpi_result_breach(r, mine->first[shown], &one, &c->list_diag)) !=
            CK_OK)
            break;
        const kpi_breach *b = &one;
        char rules[256] = "";
        size_t used = 0;
        for (int rule = 0; rule < COMPLIANCE_RULE_COUNT && used < sizeof rules; rule++)
            if (b->rules & (1u << rule))
                used +=
                    (size_t)snprintf(rules + used, sizeof rules - used, "%s%s", used ? ", " : "",
                                     labels_compliance_rule((compliance_rule)rule, book->lang));
        xlsx_cell_text(&c->sheet, row, 0, b->case_no ? b->case_no : "-", XLSX_STYLE_PLAIN);
        xlsx_timestamp(&c->sheet, row, 2, b->contact_at, XLSX_STYLE_PLAIN);
        xlsx_text_wide(&c->sheet, row, 4, rules, book->cell[XLSX_NUM_TEXT][XLSX_STYLE_PLAIN]);
        row++;
    }
    if (shown == 0)
        xlsx_cell_text(&c->sheet, row++, 0, label(c, "scorecard.none"), XLSX_STYLE_PLAIN);
    row = more_line(c, row, more, "scorecard.more_breaches");
    return row + 1;
}

static lxw_row_t write_conduct(card *c, lxw_row_t row)
{
    xlsx_book *book = c->book;
    const kpi_result *r = book->current;
    xlsx_text_wide(&c->sheet, row++, 0, label(c, "scorecard.complaints"), book->heading);
    /* The category gets three columns: "Attitude, no callback, slow handling" is wider
     * than two, and a text is cut where the next cell holds something. */
    static const char *const header[4] = {"case_no", "received_at", "category", "substantiated"};
    static const lxw_col_t first_col[5] = {0, 2, 4, 7, COLUMNS};
    for (int h = 0; h < 4; h++)
        head_span(c, row, first_col[h], first_col[h + 1] - 1,
                  xlsx_column_label(header[h], book->lang));
    row++;
    size_t shown = 0, more = 0;
    for (size_t i = 0; i < r->complaint_count; i++) {
        const kpi_complaint *k = &r->complaints[i];
        if (k->agent_index != c->agent_index)
            continue;
        if (shown == LIST_MAX) {
            more++;
            continue;
        }
        xlsx_cell_text(&c->sheet, row, 0, k->case_no ? k->case_no : "-", XLSX_STYLE_PLAIN);
        xlsx_timestamp(&c->sheet, row, 2, k->received_at, XLSX_STYLE_PLAIN);
        xlsx_cell_text(&c->sheet, row, 4,
                       labels_code(&codes_complaint_category, k->category, book->lang),
                       XLSX_STYLE_PLAIN);
        const char *status = k->substantiated == 1   ? "complaint.substantiated.yes"
                             : k->substantiated == 0 ? "complaint.substantiated.no"
                                                     : "complaint.substantiated.review";
        xlsx_cell_text(&c->sheet, row, first_col[3], xlsx_label(book, status),
                       k->substantiated == 1 ? XLSX_STYLE_ALERT : XLSX_STYLE_PLAIN);
        row++;
        shown++;
    }
    if (shown == 0)
        xlsx_cell_text(&c->sheet, row++, 0, label(c, "scorecard.none"), XLSX_STYLE_PLAIN);
    row = more_line(c, row, more, "scorecard.more_complaints");
    row++;
    xlsx_text_wide(&c->sheet, row++, 0, label(c, "scorecard.breaches"), book->heading);
    const kpi_compliance_row *k = &c->agent->compliance;
    static const char *const keys[4] = {"outbound_contacts", "breaching_contacts",
                                        "critical_breaches", "breaches_per_1k_outbound"};
    for (lxw_col_t col = 0; col < 4; col++)
        head_span(c, row, col * 2, col == 3 ? COLUMNS - 1 : col * 2 + 1, label(c, keys[col]));
    row++;
    xlsx_count(&c->sheet, row, 0, k->outbound_contacts, XLSX_STYLE_PLAIN);
    xlsx_count(&c->sheet, row, 2, k->breaching_contacts, XLSX_STYLE_PLAIN);
    xlsx_count(&c->sheet, row, 4, k->critical_breaches,
               k->critical_breaches > 0 ? XLSX_STYLE_ALERT : XLSX_STYLE_PLAIN);
    xlsx_number(&c->sheet, row, 6, c->scores->breaches_per_1k_outbound.defined,
                c->scores->breaches_per_1k_outbound.value, XLSX_NUM_PER_1K, XLSX_STYLE_PLAIN);
    row += 2;
    return write_breaches(c, row);
}

static void merged_text(card *c, lxw_row_t row, const char *text, lxw_format *format,
                        unsigned lines)
{
    xlsx_merge(&c->sheet, row, 0, row, COLUMNS - 1, text, format);
    xlsx_row_lines(&c->sheet, row, lines);
}

static lxw_row_t write_definitions(card *c, lxw_row_t row)
{
    xlsx_book *book = c->book;
    static const char *const keys[] = {"recovery_index", "score.attainment", "score", "coverage",
                                       "rank"};
    xlsx_text_wide(&c->sheet, row++, 0, label(c, "scorecard.definitions"), book->heading);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char text[1024];
        const char *name = strcmp(keys[i], "score.attainment") == 0 ? label(c, "score.attainment")
                                                                    : label(c, keys[i]);
        snprintf(text, sizeof text, "%s: %s", name, labels_score_definition(keys[i], book->lang));
        merged_text(c, row++, text, book->wrap, 2);
    }
    /* The settings the score was made with: a reviewer may be asked why a figure is amber. */
    char targets[1024], legend[1024];
    xlsx_score_settings_text(book, targets, sizeof targets, legend, sizeof legend);
    merged_text(c, row++, targets, book->wrap, 2);
    merged_text(c, row++, legend, book->wrap, 3);
    return row + 1;
}

static void write_comments(card *c, lxw_row_t row)
{
    xlsx_text_wide(&c->sheet, row++, 0, label(c, "scorecard.comments"), c->book->heading);
    xlsx_merge(&c->sheet, row, 0, row + 9, COLUMNS - 1, "", c->box);
}

static ck_error write_card(card *c, const xlsx_scorecard_month *history, size_t history_count,
                           ck_diag *diag)
{
    ck_error err = xlsx_formats_create(c->book, diag);
    if (err == CK_OK)
        err = card_formats(c, diag);
    if (err == CK_OK)
        err = xlsx_sheet_open(c->book, SHEET, COLUMNS, &c->sheet, diag);
    if (err != CK_OK)
        return err;
    lxw_row_t row = write_heading(c, 0);
    row = write_summary(c, row);
    row = write_measures(c, row);
    row = write_other(c, row);
    row = write_history(c, row, history, history_count);
    row = write_conduct(c, row);
    row = write_definitions(c, row);
    write_comments(c, row);
    /* The workbook's footer (period, sheet, page), then one portrait A4 page: the card is
     * printed, discussed and signed. */
    xlsx_sheet_print_setup(&c->sheet, 1, 0);
    lxw_worksheet *ws = c->sheet.worksheet;
    worksheet_set_portrait(ws);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    worksheet_fit_to_pages(ws, 1, 1);
    /* Fixed widths, not fitted to the content: the page's layout must not move with a long
     * name, and the measure names need the first column wide. */
    static const double widths[COLUMNS] = {30, 16, 16, 13, 12, 13, 13, 11, 11};
    for (lxw_col_t col = 0; col < COLUMNS; col++) {
        lxw_error lerr = worksheet_set_column(ws, col, col, widths[col], NULL);
        xlsx_sheet_note_error(&c->sheet, lerr);
    }
    c->sheet.width_count = 0; /* xlsx_sheet_close sets no width of its own */
    err = xlsx_sheet_close(&c->sheet, 11.0, 16.0, diag);
    if (err == CK_OK && c->list_error != CK_OK) {
        ck_diag_set(diag, "%s", c->list_diag.text);
        err = c->list_error;
    }
    return err;
}

ck_error xlsx_scorecard_name_check(const char *employee_no, int64_t agent_id, ck_diag *diag)
{
    /* The employee number becomes a file name: nothing that could leave the folder, hide
     * the file or confuse a shell user. */
    bool ok = employee_no[0] != '\0' && employee_no[0] != '.' && employee_no[0] != '-' &&
              strlen(employee_no) <= 64;
    for (const char *p = employee_no; ok && *p != '\0'; p++)
        ok = (unsigned char)*p >= 0x20 && *p != '/' && *p != '\\' && *p != 0x7f;
    if (!ok) {
        ck_diag_set(diag,
                    "agents row %lld: employee_no cannot be a file name (empty, over 64 bytes, "
                    "starting with '.' or '-', or holding '/', '\\' or a control character)",
                    (long long)agent_id);
        return CK_ERR_DATA;
    }
    return CK_OK;
}

ck_error xlsx_write_scorecard(const char *dir, const report_data *data, size_t agent_index,
                              const xlsx_scorecard_month *history, size_t history_count,
                              const xlsx_breach_index *breaches, ck_diag *diag)
{
    const kpi_agent *agent = &data->current->agents[agent_index];
    /* an index of another result would name other breaches */
    assert(breaches->agent_count == data->current->agent_count);
    ck_error err = xlsx_scorecard_name_check(agent->employee_no, agent->agent_id, diag);
    if (err != CK_OK)
        return err;
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s.xlsx", dir, agent->employee_no);
    if (n < 0 || (size_t)n >= sizeof path) {
        ck_diag_set(diag, "the scorecard folder's path is too long");
        return CK_ERR_IO;
    }
    xlsx_book book;
    memset(&book, 0, sizeof book);
    book.data = data;
    book.current = data->current;
    book.lang = data->lang;
    period_label(&data->current->period, book.period_label, sizeof book.period_label);
    card c;
    memset(&c, 0, sizeof c);
    c.book = &book;
    c.breaches = breaches;
    c.agent = agent;
    c.agent_index = agent_index;
    c.scores = &data->scores->agents[agent_index];

    atomic_file file;
    err = xlsx_workbook_start(path, &file, &book.workbook, diag);
    if (err != CK_OK)
        return err;
    lxw_doc_properties properties = {0};
    char title[256], author[] = "collectkpi";
    snprintf(title, sizeof title, "%s %s %s", label(&c, "scorecard.title"), book.period_label,
             agent->employee_no);
    properties.title = title;
    properties.author = author;
    /* The as-of time, never the wall clock: the same inputs give the same bytes. */
    properties.created = (time_t)(book.current->as_of != 0 ? book.current->as_of : 1);
    workbook_set_properties(book.workbook, &properties);
    err = write_card(&c, history, history_count, diag);
    if (err != CK_OK) {
        lxw_workbook_free(book.workbook);
        goto done;
    }
    err = xlsx_workbook_commit(book.workbook, &file, path, diag);
done:
    atomic_file_abort(&file);
    return err;
}
