/* labels_followup.c - English and Chinese texts of the Agent trend sheet, the columns the
 * follow-up lists (Promises, Complaints) add, and the charts' added notes. labels_text looks
 * here when its own table has no such key; the keys follow labels.c's sections. */
#include <stddef.h>
#include <string.h>

#include "labels_internal.h"

typedef struct followup_label {
    const char *key;
    const char *en, *zh;
} followup_label;

static const followup_label followup_labels[] = {
    /* -- workbook: Agent trend -- */
    {"report.agent_trend.title", "Agents, last 12 months", "催收员近12个月趋势"},
    {"report.agent_trend.note",
     "One row per agent: each month's recovery rate and PTP kept rate, then a line of the twelve "
     "months (lowest to highest of the row; · = no value). An empty cell: no row that month, a "
     "month the data has not reached, or a rate with nothing to divide by.",
     "每行一名催收员：各月金额回收率与承诺履约率，以及十二个月的走势条（按该行最低到最高缩放；· "
     "表示无数值）。空白单元格表示该月无该催收员数据、数据尚未覆盖该月，或比率的分母为零。"},
    {"report.agent_trend.sparkline", "12 months", "12个月走势"},
    {"report.agent_trend.empty", "No agent has a row in the last twelve months.",
     "近十二个月没有任何催收员的数据。"},
};

const char *labels_followup_text(const char *key, settings_lang lang)
{
    for (size_t i = 0; i < sizeof followup_labels / sizeof followup_labels[0]; i++)
        if (strcmp(followup_labels[i].key, key) == 0)
            return lang == SETTINGS_LANG_ZH ? followup_labels[i].zh : followup_labels[i].en;
    return NULL;
}
