/* dashboard_tables.c - the figures of the dashboard (see dashboard_internal.h): headline
 * cards with their change against last month, the team and agent tables, the definitions.
 *
 * Every figure is the engine's, formatted by format.h as everywhere else; the
 * change of a headline figure against last month comes from kpi_cell_change, the same
 * function the workbook's Summary uses (shown in percentage points for rates). Complaint and
 * compliance columns stand right beside recovery, so no one reads money alone.
 */
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/labels.h"
#include "collectkpi/format.h"
#include "collectkpi/period.h"
#include "collectkpi/report.h"
#include "dashboard_internal.h"

#define UNDEFINED_MARK FORMAT_UNDEFINED_PAGE

/* The columns of both tables after the names: recovery, then complaints and compliance
 * (marked 'c'), then the work that leads to them. */
static const struct {
    const char *key;
    bool compliance;
} table_columns[] = {
    {"cases_worked", false},
    {"collected", false},
    {"recovery_rate", false},
    {"complaints", true},
    {"complaints_substantiated", true},
    {"complaints_per_1k_contacts", true},
    {"csat_mean", true},
    {"contacts", false},
    {"rpc_rate", false},
    {"ptp_kept_rate", false},
    {"cases_resolved", false},
    {"resolution_days_median", false},
};
#define TABLE_COLUMNS (sizeof table_columns / sizeof table_columns[0])

/* The sort key of a cell: the plain number, or "" when undefined (sorted last). */
static void put_sort_value(const dashboard_page *p, const kpi_row *row, const kpi_column *column)
{
    kpi_cell cell = kpi_row_cell(row, column);
    if (!cell.defined)
        return;
    char text[64];
    if (column->kind == KPI_KIND_COUNT || column->kind == KPI_KIND_MONEY)
        snprintf(text, sizeof text, "%lld", (long long)cell.integer);
    else
        format_decimal(cell.value, 6, text, sizeof text);
    fputs(text, p->out);
}

/* A card's change against the previous period (dashboard_put_change). */
static void put_change(const dashboard_page *p, const kpi_column *column, const report_headline *c)
{
    const kpi_result *prev = p->data->previous;
    kpi_cell now = kpi_row_cell(&p->data->current->total, column);
    kpi_cell then = prev != NULL ? kpi_row_cell(&prev->total, column) : (kpi_cell){0};
    dashboard_put_change(p, now, then, column->kind, c);
}

static void put_cards(const dashboard_page *p, bool compliance)
{
    const report_headline *cards = report_headlines;
    for (size_t i = 0; i < report_headline_count; i++) {
        if (cards[i].compliance != compliance)
            continue;
        const kpi_column *column = kpi_column_find(cards[i].key);
        if (column == NULL)
            continue;
        char value[64];
        format_cell(kpi_row_cell(&p->data->current->total, column), column->kind, FORMAT_STYLE_PAGE,
                    value, sizeof value);
        fputs("<div class=\"card\"><div class=\"k\">", p->out);
        dashboard_put(p, labels_column(cards[i].key, p->lang));
        if (column->kind == KPI_KIND_MONEY) {
            fputs(" (", p->out);
            dashboard_put(p, p->data->current->settings.currency);
            fputc(')', p->out);
        }
        fputs("</div><div class=\"v\">", p->out);
        dashboard_put(p, value);
        fputs("</div>", p->out);
        if (p->data->previous != NULL)
            put_change(p, column, &cards[i]);
        /* Undecided complaints beside the upheld ones: a lag in reviews is not good news. */
        if (strcmp(cards[i].key, "complaints_substantiated") == 0) {
            char count[FORMAT_TEXT_SIZE];
            format_integer_grouped(p->data->current->total.complaints_under_review, count,
                                   sizeof count);
            fputs("<div class=\"d review\">", p->out);
            dashboard_put(p, count);
            if (p->lang != SETTINGS_LANG_ZH)
                fputc(' ', p->out);
            dashboard_put(p, dashboard_text(p, "dashboard.under_review"));
            fputs("</div>", p->out);
        }
        fputs("</div>\n", p->out);
        /* The contact-compliance cards right after the complaint rate. */
        if (strcmp(cards[i].key, "complaints_per_1k_contacts") == 0)
            dashboard_compliance_cards(p);
    }
}

void dashboard_restated(const dashboard_page *p)
{
    const report_data *data = p->data;
    FILE *out = p->out;
    if (data->restated_count == 0)
        return;
    fputs("<section id=\"restated\">\n<h2>", out);
    dashboard_put(p, dashboard_text(p, "report.restated"));
    fputs("</h2>\n<p class=\"banner\" role=\"alert\">", out);
    dashboard_put(p, dashboard_text(p, "report.restated.note"));
    fputs("</p>\n<table>\n<thead><tr>", out);
    static const char *const header[] = {
        "report.restated.who", "report.restated.figure",     "report.restated.old",
        "report.restated.new", "report.restated.old_cutoff", "report.restated.new_cutoff"};
    for (size_t c = 0; c < 6; c++) {
        fputs("<th>", out);
        dashboard_put(p, dashboard_text(p, header[c]));
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < data->restated_count && i < REPORT_RESTATED_SHOWN; i++) {
        const report_restated *r = &data->restated[i];
        const char *cells[] = {
            strcmp(r->scope, "total") == 0 ? dashboard_text(p, "common.total") : r->name,
            kpi_column_find(r->key) != NULL ? labels_column(r->key, p->lang) : r->key,
            r->old_value,
            r->new_value,
            r->old_cutoff,
            r->new_cutoff};
        fputs("<tr>", out);
        for (size_t c = 0; c < 6; c++) {
            fputs("<td>", out);
            dashboard_put(p, cells[c]);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
    if (data->restated_count > REPORT_RESTATED_SHOWN) {
        fprintf(out, "<p class=\"note\">%zu ", data->restated_count - REPORT_RESTATED_SHOWN);
        dashboard_put(p, dashboard_text(p, "report.restated.more"));
        fputs("</p>\n", out);
    }
    fputs("</section>\n", out);
}

void dashboard_headline(const dashboard_page *p)
{
    FILE *out = p->out;
    const kpi_result *r = p->data->current;
    fputs("<section id=\"portfolio\">\n<h2>", out);
    dashboard_put(p, dashboard_text(p, "dashboard.portfolio"));
    fputs("</h2>\n<div class=\"groups\">\n<div class=\"group\"><h3>", out);
    dashboard_put(p, dashboard_text(p, "dashboard.recovery"));
    fputs("</h3><div class=\"cards\">\n", out);
    put_cards(p, false);
    fputs("</div></div>\n<div class=\"group compliance\"><h3>", out);
    dashboard_put(p, dashboard_text(p, "dashboard.compliance"));
    fputs("</h3><div class=\"cards\">\n", out);
    put_cards(p, true);
    fputs("</div></div>\n</div>\n<p class=\"note\">", out);
    char money[FORMAT_TEXT_SIZE];
    format_money_grouped(r->unassigned_collected_minor, money, sizeof money);
    dashboard_put(p, labels_column("unassigned_collected", p->lang));
    dashboard_put_colon(p);
    dashboard_put(p, money);
    fputc(' ', out);
    dashboard_put(p, r->settings.currency);
    fputs(p->lang == SETTINGS_LANG_ZH ? "\xE3\x80\x82" : ". ", out); /* 。 */
    if (p->data->previous != NULL) {
        char month[32];
        period_label(&p->data->previous->period, month, sizeof month);
        dashboard_put(p, dashboard_text(p, "dashboard.change.before"));
        dashboard_put(p, month);
        dashboard_put(p, dashboard_text(p, "dashboard.change.after"));
    } else {
        dashboard_put(p, dashboard_text(p, "dashboard.change.none"));
    }
    if (p->data->previous != NULL && kpi_result_comparable(r) &&
        kpi_result_comparable(p->data->previous) &&
        report_review_shares_differ(&r->total, &p->data->previous->total)) {
        fputc(' ', out);
        dashboard_put(p, dashboard_text(p, "report.review_gap"));
    }
    fputs("</p>\n</section>\n", out);
}

/* The head of a sortable table: the name columns, then table_columns. */
static void put_name_heads(const dashboard_page *p, const char *const *names, size_t name_count)
{
    for (size_t i = 0; i < name_count; i++) {
        fputs("<th scope=\"col\">", p->out);
        dashboard_put(p, labels_column(names[i], p->lang));
        fputs("</th>", p->out);
    }
}

/* The name columns before the figures, then the figures, then trailing name columns. */
static void put_table_head(const dashboard_page *p, const char *const *names, size_t name_count,
                           const char *const *trailing, size_t trailing_count)
{
    FILE *out = p->out;
    fputs("<thead><tr>", out);
    put_name_heads(p, names, name_count);
    for (size_t i = 0; i < TABLE_COLUMNS; i++) {
        fprintf(out, "<th scope=\"col\" class=\"n%s\" data-type=\"num\">",
                table_columns[i].compliance ? " c" : "");
        dashboard_put(p, labels_column(table_columns[i].key, p->lang));
        const kpi_column *column = kpi_column_find(table_columns[i].key);
        if (column != NULL && column->kind == KPI_KIND_MONEY) {
            fputs(" (", out);
            dashboard_put(p, p->data->current->settings.currency);
            fputc(')', out);
        }
        fputs("</th>", out);
    }
    put_name_heads(p, trailing, trailing_count);
    fputs("</tr></thead>\n", out);
}

static void put_figures(const dashboard_page *p, const kpi_row *row)
{
    for (size_t i = 0; i < TABLE_COLUMNS; i++) {
        const kpi_column *column = kpi_column_find(table_columns[i].key);
        if (column == NULL)
            continue;
        char value[64];
        format_cell(kpi_row_cell(row, column), column->kind, FORMAT_STYLE_PAGE, value,
                    sizeof value);
        fprintf(p->out, "<td class=\"n%s\" data-v=\"", table_columns[i].compliance ? " c" : "");
        put_sort_value(p, row, column);
        fputs("\">", p->out);
        dashboard_put(p, value);
        fputs("</td>", p->out);
    }
}

static void put_section_head(const dashboard_page *p, const char *id, const char *title_key)
{
    fprintf(p->out, "<section id=\"%s\">\n<h2>", id);
    dashboard_put(p, dashboard_text(p, title_key));
    fputs("</h2>\n<p class=\"hint\">", p->out);
    dashboard_put(p, dashboard_text(p, "dashboard.sort_hint"));
    fprintf(p->out, " %s ", UNDEFINED_MARK);
    dashboard_put(p, dashboard_text(p, "dashboard.undefined_note"));
    fputs("</p>\n<div class=\"scroll\"><table class=\"data sortable\">\n", p->out);
}

void dashboard_team_table(const dashboard_page *p)
{
    FILE *out = p->out;
    const kpi_result *r = p->data->current;
    static const char *const names[] = {"team"};
    put_section_head(p, "teams", "dashboard.teams");
    put_table_head(p, names, 1, NULL, 0);
    fputs("<tbody>\n", out);
    for (size_t t = 0; t < r->team_count; t++) {
        fputs("<tr><th scope=\"row\">", out);
        dashboard_put(p, r->teams[t].name);
        fputs("</th>", out);
        put_figures(p, &r->teams[t].row);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n<tfoot><tr><th scope=\"row\">", out);
    dashboard_put(p, dashboard_text(p, "common.total"));
    fputs("</th>", out);
    put_figures(p, &r->total);
    fputs("</tr></tfoot>\n</table></div>\n</section>\n", out);
}

void dashboard_agent_table(const dashboard_page *p)
{
    FILE *out = p->out;
    const kpi_result *r = p->data->current;
    /* The name is the sticky first column and the figures follow it, so a phone's first
     * screen shows whose figures they are and the figures themselves; the employee number
     * and team, needed less often, close the row. */
    static const char *const names[] = {"agent_name"};
    static const char *const trailing[] = {"team", "employee_no"};
    put_section_head(p, "agents", "dashboard.agents");
    put_table_head(p, names, 1, trailing, 2);
    fputs("<tbody>\n", out);
    for (size_t i = 0; i < r->agent_count; i++) {
        const kpi_agent *a = &r->agents[i];
        fputs("<tr><th scope=\"row\">", out);
        dashboard_put(p, a->name);
        fputs("</th>", out);
        put_figures(p, &a->row);
        fputs("<td>", out);
        dashboard_put(p, a->team_index < r->team_count ? r->teams[a->team_index].name : "");
        fputs("</td><td>", out);
        dashboard_put(p, a->employee_no);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table></div>\n</section>\n", out);
}

static void put_definition(const dashboard_page *p, const char *key)
{
    fputs("<dt>", p->out);
    dashboard_put(p, labels_column(key, p->lang));
    fputs(" <code>", p->out);
    dashboard_put(p, key);
    fputs("</code></dt><dd>", p->out);
    dashboard_put(p, labels_column_definition(key, p->lang));
    fputs("</dd>\n", p->out);
}

static void put_setting(const dashboard_page *p, const char *label_key, const char *value)
{
    fputs("<dt>", p->out);
    dashboard_put(p, dashboard_text(p, label_key));
    fputs("</dt><dd>", p->out);
    dashboard_put(p, value);
    fputs("</dd>\n", p->out);
}

void dashboard_definitions(const dashboard_page *p)
{
    FILE *out = p->out;
    const kpi_result *r = p->data->current;
    fputs("<section id=\"definitions\">\n<h2>", out);
    dashboard_put(p, dashboard_text(p, "dashboard.definitions"));
    fputs("</h2>\n<dl class=\"defs\">\n", out);
    for (size_t i = 0; i < kpi_column_count; i++)
        put_definition(p, kpi_columns[i].key);
    put_definition(p, "unassigned_collected");
    fputs("</dl>\n", out);
    dashboard_compliance_definitions(p);
    fputs("<h3>", out);
    dashboard_put(p, dashboard_text(p, "dashboard.settings"));
    fputs("</h3>\n<dl class=\"defs\">\n", out);
    char text[512];
    snprintf(text, sizeof text, "%d", r->settings.grace_days);
    put_setting(p, "report.grace_days", text);
    snprintf(text, sizeof text, "%d%%", r->settings.kept_threshold_pct);
    put_setting(p, "report.kept_threshold", text);
    labels_resolved_reasons(&r->settings, p->lang, LABELS_REASON_LABEL,
                            dashboard_text(p, "report.list_separator"), text, sizeof text);
    put_setting(p, "report.resolved_reasons", text);
    put_setting(p, "report.currency", r->settings.currency);
    fputs("</dl>\n</section>\n", out);
}
