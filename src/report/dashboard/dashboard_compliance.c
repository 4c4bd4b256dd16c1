/* dashboard_compliance.c - contact compliance on the dashboard (compliance.md): two headline
 * cards beside the complaints (breaching contacts per 1,000 outbound contacts, critical
 * breaches) with their change against last month, and the rules of the profile with the
 * values used in the definitions. The figures are the engine's total row; the breaches by
 * rule and team are the chart breaches_by_rule.
 */
#include <stdbool.h>
#include <stdio.h>

#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "dashboard_internal.h"

typedef struct compliance_card {
    const char *key;
    kpi_kind kind;
    report_headline headline; /* more breaches are bad news */
} compliance_card;

static const compliance_card cards[] = {
    {"breaches_per_1k_outbound", KPI_KIND_PER_1K, {"breaches_per_1k_outbound", -1, true}},
    {"critical_breaches", KPI_KIND_COUNT, {"critical_breaches", -1, true}},
};

/* The card's figure in a result's total; undefined when the result has no compliance. */
static kpi_cell card_cell(const kpi_result *r, const compliance_card *card)
{
    kpi_cell cell = {false, 0, 0.0};
    if (r == NULL || !r->has_compliance)
        return cell;
    if (card->kind == KPI_KIND_COUNT) {
        cell.defined = true;
        cell.integer = r->compliance_total.critical_breaches;
        cell.value = (double)cell.integer;
    } else {
        cell.defined = r->compliance_total.breaches_per_1k_outbound.defined;
        cell.value = r->compliance_total.breaches_per_1k_outbound.value;
    }
    return cell;
}

void dashboard_compliance_cards(const dashboard_page *p)
{
    const kpi_result *r = p->data->current;
    if (!r->has_compliance)
        return;
    for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++) {
        char value[64];
        format_cell(card_cell(r, &cards[i]), cards[i].kind, FORMAT_STYLE_PAGE, value, sizeof value);
        fputs("<div class=\"card\"><div class=\"k\">", p->out);
        dashboard_put(p, labels_column(cards[i].key, p->lang));
        fputs("</div><div class=\"v\">", p->out);
        dashboard_put(p, value);
        fputs("</div>", p->out);
        if (p->data->previous != NULL)
            dashboard_put_change(p, card_cell(r, &cards[i]),
                                 card_cell(p->data->previous, &cards[i]), cards[i].kind,
                                 &cards[i].headline);
        fputs("</div>\n", p->out);
    }
}

static void put_term(const dashboard_page *p, const char *label, const char *key, const char *text)
{
    fputs("<dt>", p->out);
    dashboard_put(p, label);
    fputs(" <code>", p->out);
    dashboard_put(p, key);
    fputs("</code></dt><dd>", p->out);
    dashboard_put(p, text);
    fputs("</dd>\n", p->out);
}

void dashboard_compliance_definitions(const dashboard_page *p)
{
    const kpi_result *r = p->data->current;
    if (!r->has_compliance)
        return;
    const compliance_settings *s = &r->settings.compliance;
    fputs("<h3>", p->out);
    dashboard_put(p, dashboard_text(p, "dashboard.compliance_rules"));
    fputs("</h3>\n<dl class=\"defs\">\n<dt>", p->out);
    dashboard_put(p, dashboard_text(p, "report.compliance.profile"));
    fputs("</dt><dd>", p->out);
    char key[64];
    snprintf(key, sizeof key, "compliance.profile.%s", compliance_profile_names[s->profile]);
    dashboard_put(p, dashboard_text(p, key));
    fputs("</dd>\n", p->out);
    for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++)
        put_term(p, labels_column(cards[i].key, p->lang), cards[i].key,
                 labels_column_definition(cards[i].key, p->lang));
    const compliance_rule *rules;
    size_t count = compliance_profile_rules(s->profile, &rules);
    for (size_t i = 0; i < count; i++) {
        char definition[512], text[640];
        labels_compliance_rule_definition(rules[i], s, p->lang, definition, sizeof definition);
        bool zh = p->lang == SETTINGS_LANG_ZH;
        snprintf(text, sizeof text, "%s %s%s%s%s", definition,
                 dashboard_text(p, "report.compliance.severity"), zh ? "：" : ": ",
                 labels_compliance_severity(s->severity[rules[i]], p->lang), zh ? "。" : ".");
        put_term(p, labels_compliance_rule(rules[i], p->lang), compliance_rule_keys[rules[i]],
                 text);
    }
    fputs("</dl>\n", p->out);
}
