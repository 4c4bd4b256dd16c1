/* dashboard_ranking.c - the review ranking of the dashboard (scorecard.md): the ten best and
 * the ten lowest ranked agents, then every agent who is not ranked with the reason, each row
 * with its score and its six measures coloured by RAG against their targets.
 *
 * Ranked agents are ordered by rank, ties by employee number (as on the workbook's Scores
 * sheet); the bottom table takes the last ten of that order that the top table did not show,
 * so no agent appears twice and fewer than 20 ranked agents still show each one once. The
 * unranked follow by reason (new, left, too few measures scored), then employee number.
 * A measure that is not scored is shown grey in brackets, with why in its tooltip.
 */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "dashboard_internal.h"

#define RANKING_SHOWN 10

/* How a figure reads: rates in percent with one decimal, the rest with `places` decimals;
 * "–" when undefined. */
typedef struct value_style {
    bool percent;
    int places;
} value_style;

static value_style measure_style(int m)
{
    bool rate = m == SETTINGS_MEASURE_PTP_KEPT_RATE || m == SETTINGS_MEASURE_RPC_RATE;
    return (value_style){rate, rate ? 1 : 2};
}

static void put_value(const dashboard_page *p, stats_value v, value_style style)
{
    if (!v.defined) {
        fputs(FORMAT_UNDEFINED_PAGE, p->out);
        return;
    }
    char text[64];
    format_decimal(style.percent ? v.value * 100.0 : v.value, style.places, text, sizeof text);
    dashboard_put(p, text);
    if (style.percent)
        fputc('%', p->out);
}

/* "≥ 60.0%" or "≤ 1.00": the target as the column head shows it. */
static void put_target(const dashboard_page *p, int m)
{
    const settings_measure_target *t = &p->data->current->settings.score.measure[m];
    fputs(settings_measure_lower_is_better[m] ? "\xE2\x89\xA4 " : "\xE2\x89\xA5 ", p->out);
    put_value(p, (stats_value){true, t->target}, measure_style(m));
}

static void put_head_cell(const dashboard_page *p, const char *key, bool numeric)
{
    fprintf(p->out, "<th scope=\"col\"%s>", numeric ? " class=\"n\" data-type=\"num\"" : "");
    dashboard_put(p, labels_score(key, p->lang));
    fputs("</th>", p->out);
}

static void put_head(const dashboard_page *p, bool ranked)
{
    FILE *out = p->out;
    fputs("<thead><tr>", out);
    put_head_cell(p, "agent_name", false);
    put_head_cell(p, ranked ? "rank" : "rank_note", ranked);
    put_head_cell(p, "score", true);
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++) {
        fputs("<th scope=\"col\" class=\"n\" data-type=\"num\">", out);
        dashboard_put(p, labels_score(settings_measure_keys[m], p->lang));
        fputs("<span class=\"tg\">", out);
        put_target(p, m);
        fputs("</span></th>", out);
    }
    put_head_cell(p, "coverage", true);
    put_head_cell(p, "team_rank", true);
    put_head_cell(p, "cap_reason", false);
    put_head_cell(p, "team", false);
    put_head_cell(p, "employee_no", false);
    fputs("</tr></thead>\n", out);
}

/* A count cell, "–" when zero (not ranked). */
static void put_rank_cell(const dashboard_page *p, int64_t rank, const char *field)
{
    if (rank > 0)
        fprintf(p->out, "<td class=\"n\" data-field=\"%s\" data-v=\"%lld\">%lld</td>", field,
                (long long)rank, (long long)rank);
    else
        fprintf(p->out, "<td class=\"n\" data-field=\"%s\" data-v=\"\">%s</td>", field,
                FORMAT_UNDEFINED_PAGE);
}

static void put_sort_value(FILE *out, stats_value v)
{
    if (!v.defined)
        return;
    char text[64];
    format_decimal(v.value, 6, text, sizeof text);
    fputs(text, out);
}

static void put_measure(const dashboard_page *p, const score_measure *x, int m)
{
    FILE *out = p->out;
    const settings_measure_target *t = &p->data->current->settings.score.measure[m];
    char key[48], title[128];
    snprintf(key, sizeof key, "score.rag.%s", score_rag_key(x->rag));
    if (x->reason == SCORE_REASON_SCORED) {
        char attainment[32];
        format_decimal(x->attainment.value, 2, attainment, sizeof attainment);
        snprintf(title, sizeof title, "%s \xC2\xB7 %s %s", labels_score(key, p->lang),
                 labels_score("score.attainment", p->lang), attainment);
    } else {
        char why[64], reason_key[48];
        snprintf(reason_key, sizeof reason_key, "score.reason.%s", score_reason_key(x->reason));
        snprintf(why, sizeof why, labels_score(reason_key, p->lang), (long long)x->sample,
                 (long long)t->min_sample);
        snprintf(title, sizeof title, "%s \xC2\xB7 %s", labels_score(key, p->lang), why);
    }
    fprintf(out, "<td class=\"n rag-%s\" data-field=\"%s\" title=\"", score_rag_key(x->rag),
            settings_measure_keys[m]);
    dashboard_put(p, title);
    fputs("\" data-v=\"", out);
    put_sort_value(out, x->value);
    fputs("\">", out);
    if (x->reason != SCORE_REASON_SCORED && x->value.defined)
        fputc('(', out);
    put_value(p, x->value, measure_style(m));
    if (x->reason != SCORE_REASON_SCORED && x->value.defined)
        fputc(')', out);
    fputs("</td>", out);
}

static void put_row(const dashboard_page *p, size_t agent_index)
{
    FILE *out = p->out;
    const kpi_result *r = p->data->current;
    const kpi_agent *agent = &r->agents[agent_index];
    const score_row *s = &p->data->scores->agents[agent_index];
    char key[48];
    fputs("<tr><th scope=\"row\">", out);
    dashboard_put(p, agent->name);
    fputs("</th>", out);
    if (s->rank > 0) {
        put_rank_cell(p, s->rank, "rank");
    } else {
        snprintf(key, sizeof key, "score.note.%s", score_note_key(s->note));
        fprintf(out, "<td class=\"note-cell\" data-field=\"rank_note\" data-note=\"%s\">",
                score_note_key(s->note));
        dashboard_put(p, labels_score(key, p->lang));
        fputs("</td>", out);
    }
    fputs("<td class=\"n sc\" data-field=\"score\" data-v=\"", out);
    put_sort_value(out, s->score);
    fputs("\">", out);
    put_value(p, s->score, (value_style){false, 1});
    fputs("</td>", out);
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++)
        put_measure(p, &s->measure[m], m);
    fputs("<td class=\"n\" data-field=\"coverage\" data-v=\"", out);
    put_sort_value(out, s->coverage);
    fputs("\">", out);
    put_value(p, s->coverage, (value_style){true, 0});
    fputs("</td>", out);
    put_rank_cell(p, s->team_rank, "team_rank");
    snprintf(key, sizeof key, "score.cap.%s", score_cap_key(s->cap));
    fprintf(out, "<td%s data-field=\"cap_reason\">",
            s->cap != SCORE_CAP_NONE ? " class=\"cap\"" : "");
    dashboard_put(p, s->cap != SCORE_CAP_NONE ? labels_score(key, p->lang) : "");
    fputs("</td><td>", out);
    dashboard_put(p, agent->team_index < r->team_count ? r->teams[agent->team_index].name : "");
    fputs("</td><td data-field=\"employee_no\">", out);
    dashboard_put(p, agent->employee_no);
    fputs("</td></tr>\n", out);
}

/* One table: a caption-like heading, then rows [from, to) of order. */
static void put_table(const dashboard_page *p, const char *part, const char *title,
                      const size_t *order, size_t from, size_t to, bool ranked)
{
    FILE *out = p->out;
    fprintf(out, "<h3 id=\"ranking-%s\">", part);
    dashboard_put(p, title);
    fprintf(out,
            "</h3>\n<div class=\"scroll\"><table class=\"data sortable ranking\" "
            "data-part=\"%s\">\n",
            part);
    put_head(p, ranked);
    fputs("<tbody>\n", out);
    for (size_t i = from; i < to; i++)
        put_row(p, order[i]);
    fputs("</tbody>\n</table></div>\n", out);
}

/* The targets with their weights and minimum samples, then the colour legend. */
static void put_legend(const dashboard_page *p)
{
    FILE *out = p->out;
    const settings_score *s = &p->data->current->settings.score;
    fputs("<p class=\"note\">", out);
    dashboard_put(p, labels_score("score.targets", p->lang));
    for (int m = 0; m < SETTINGS_MEASURE_COUNT; m++) {
        fputs(m ? " \xC2\xB7 " : " ", out);
        dashboard_put(p, labels_score(settings_measure_keys[m], p->lang));
        fputc(' ', out);
        put_target(p, m);
        fprintf(out, " (%g; %lld)", s->measure[m].weight, (long long)s->measure[m].min_sample);
    }
    fputs("</p>\n<p class=\"note\">", out);
    char text[1024];
    snprintf(text, sizeof text, labels_score("score.legend", p->lang), s->amber_at * 100.0,
             s->min_coverage * 100.0, s->critical_cap);
    fputs("<span class=\"key rag-green\">&nbsp;</span><span class=\"key rag-amber\">&nbsp;"
          "</span><span class=\"key rag-red\">&nbsp;</span><span class=\"key rag-grey\">&nbsp;"
          "</span> ",
          out);
    dashboard_put(p, text);
    fputc(' ', out);
    labels_score_critical_categories(s, p->lang, text, sizeof text);
    dashboard_put(p, text);
    fputs("</p>\n", out);
}

void dashboard_ranking(const dashboard_page *p)
{
    const kpi_result *r = p->data->current;
    const score_table *scores = p->data->scores;
    if (scores == NULL)
        return;
    FILE *out = p->out;
    fputs("<section id=\"ranking\">\n<h2>", out);
    dashboard_put(p, labels_score("score.dashboard.ranking", p->lang));
    fputs("</h2>\n", out);
    put_legend(p);
    size_t ranked = 0;
    size_t *order = report_score_order(r, scores, &ranked);
    if (order == NULL) {
        /* The page still says what it cannot show rather than failing the report. */
        fputs("<p class=\"note\">", out);
        dashboard_put(p, labels_score("score.dashboard.no_memory", p->lang));
        fputs("</p>\n</section>\n", out);
        return;
    }
    size_t top = ranked < RANKING_SHOWN ? ranked : RANKING_SHOWN;
    size_t bottom = ranked - top < RANKING_SHOWN ? ranked - top : RANKING_SHOWN;
    char title[128];
    if (ranked == 0) {
        fputs("<p class=\"note\">", out);
        dashboard_put(p, labels_score("score.dashboard.none_ranked", p->lang));
        fputs("</p>\n", out);
    } else {
        snprintf(title, sizeof title, labels_score("score.dashboard.top", p->lang), top);
        put_table(p, "top", title, order, 0, top, true);
    }
    if (bottom > 0) {
        snprintf(title, sizeof title, labels_score("score.dashboard.bottom", p->lang), bottom,
                 ranked);
        put_table(p, "bottom", title, order, ranked - bottom, ranked, true);
    }
    if (ranked < r->agent_count) {
        snprintf(title, sizeof title, labels_score("score.dashboard.unranked", p->lang),
                 r->agent_count - ranked);
        put_table(p, "unranked", title, order, ranked, r->agent_count, false);
    }
    free(order);
    fputs("</section>\n", out);
}
