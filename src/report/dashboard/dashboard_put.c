/* dashboard_put.c - how every part of the page writes text (see dashboard_internal.h): labels
 * in the page's language, user text escaped by html.c. dashboard.c (the page) and
 * dashboard_tables.c (the figures) both write through here; it calls neither.
 */
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
