/* dashboard_internal.h - private to dashboard.c (the page, its file and the charts),
 * dashboard_tables.c (headline figures, the team and agent tables, the definitions),
 * dashboard_compliance.c (the contact-compliance cards and rules) and dashboard_put.c (the text
 * helpers both write through, below them so that neither calls the other back).
 */
#ifndef COLLECTKPI_DASHBOARD_INTERNAL_H
#define COLLECTKPI_DASHBOARD_INTERNAL_H

#include <stdio.h>

#include "collectkpi/kpi.h"
#include "collectkpi/report.h"

typedef struct dashboard_page {
    FILE *out;
    const report_data *data;
    settings_lang lang;
} dashboard_page;

/* dashboard_put.c */
const char *dashboard_text(const dashboard_page *p, const char *key);
/* HTML-escaped text. */
void dashboard_put(const dashboard_page *p, const char *text);
/* ": " or the full-width "：" of Chinese text. */
void dashboard_put_colon(const dashboard_page *p);

/* A card's change against the previous period: "▲ +1.2 pp", "▼ −3", "= 0"; coloured good
 * or bad as report_change_tone says for the headline; "–" when either value is undefined. */
void dashboard_put_change(const dashboard_page *p, kpi_cell now, kpi_cell then, kpi_kind kind,
                          const report_headline *headline);

/* dashboard_tables.c */
/* The Restated block (report.h), when any figure is restated. */
void dashboard_restated(const dashboard_page *p);
void dashboard_headline(const dashboard_page *p);
void dashboard_team_table(const dashboard_page *p);
void dashboard_agent_table(const dashboard_page *p);
void dashboard_definitions(const dashboard_page *p);

/* dashboard_compliance.c: the contact-compliance cards (breaching contacts per 1,000
 * outbound, critical breaches) and the rules in the definitions. */
void dashboard_compliance_cards(const dashboard_page *p);
void dashboard_compliance_definitions(const dashboard_page *p);

#endif
