/* dashboard_internal.h - private to dashboard.c (the page, its file and the charts) and
 * dashboard_tables.c (headline figures, the team and agent tables, the definitions).
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

const char *dashboard_text(const dashboard_page *p, const char *key);
/* HTML-escaped text. */
void dashboard_put(const dashboard_page *p, const char *text);
/* ": " or the full-width "：" of Chinese text. */
void dashboard_put_colon(const dashboard_page *p);

/* "1,234.56", "15.8%", "12.3", or "–" for an undefined cell: the value of column in row. */
void dashboard_format_cell(const kpi_row *row, const kpi_column *column, char *out, size_t size);

void dashboard_headline(const dashboard_page *p);
void dashboard_team_table(const dashboard_page *p);
void dashboard_agent_table(const dashboard_page *p);
void dashboard_definitions(const dashboard_page *p);

#endif
