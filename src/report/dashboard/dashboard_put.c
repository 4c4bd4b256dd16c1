/* dashboard_put.c - how every part of the page writes text (see dashboard_internal.h): labels
 * in the page's language, user text escaped by html.c, a headline card's change. dashboard.c
 * (the page), dashboard_tables.c and dashboard_compliance.c (the figures) write through
 * here; it calls none of them.
 */
#include <stdio.h>
#include <string.h>

#include "collectkpi/format.h"
#include "collectkpi/labels.h"
#include "dashboard_internal.h"
#include "html.h"

const char *dashboard_text(const dashboard_page *p, const char *key)
{
    return labels_text(key, p->lang);
}

void dashboard_put(const dashboard_page *p, const char *text)
{
    html_write_text(p->out, text);
}

void dashboard_put_colon(const dashboard_page *p)
{
    fputs(p->lang == SETTINGS_LANG_ZH ? "\xEF\xBC\x9A" : ": ", p->out); /* ： */
}

/* "▲ +1.2 pp", "▼ −3", "= 0" for a card; class good/bad by report_change_tone. */
void dashboard_put_change(const dashboard_page *p, kpi_cell now, kpi_cell then, kpi_kind kind,
                          const report_headline *headline)
{
    kpi_cell change = kpi_cell_change(now, then);
    if (!change.defined) {
        fputs("<div class=\"d\">" FORMAT_UNDEFINED_PAGE "</div>", p->out);
        return;
    }
    char text[128];
    int sign;
    if (kind == KPI_KIND_COUNT || kind == KPI_KIND_MONEY) {
        sign = (change.integer > 0) - (change.integer < 0);
        int64_t magnitude = change.integer < 0 ? -change.integer : change.integer;
        if (kind == KPI_KIND_MONEY)
            format_money_grouped(magnitude, text, sizeof text);
        else
            format_integer_grouped(magnitude, text, sizeof text);
    } else {
        int places = kind == KPI_KIND_RATE || kind == KPI_KIND_DAYS ? 1 : 2;
        double shown_change = change.value * (kind == KPI_KIND_RATE ? 100.0 : 1.0);
        char shown[48];
        format_decimal(shown_change < 0 ? -shown_change : shown_change, places, shown,
                       sizeof shown);
        sign = strspn(shown, "0.") == strlen(shown) ? 0 : (shown_change > 0) - (shown_change < 0);
        snprintf(text, sizeof text, "%s%s%s", shown, kind == KPI_KIND_RATE ? " " : "",
                 kind == KPI_KIND_RATE ? dashboard_text(p, "dashboard.pp") : "");
    }
    /* The one rule of the Summary and the dashboard: no colour against a period the data does
     * not cover. */
    int tone = report_change_tone(p->data, headline, sign);
    fprintf(p->out, "<div class=\"d%s\">%s",
            tone > 0   ? " good"
            : tone < 0 ? " bad"
                       : "",
            sign > 0   ? "\xE2\x96\xB2 +"
            : sign < 0 ? "\xE2\x96\xBC \xE2\x88\x92"
                       : "= ");
    dashboard_put(p, text);
    fputs("</div>", p->out);
}
