/* report_trend.c - the teams of the trend months (see report.h). The workbook's Trend sheet
 * and the trend charts draw one line per team from this one list, so they always show the
 * same teams under the same names in the same order.
 */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/report.h"
#include "collectkpi/vec.h"

static int compare_team(const void *a, const void *b)
{
    const report_trend_team *x = a, *y = b;
    int by_name = strcmp(x->name, y->name);
    if (by_name != 0)
        return by_name;
    return (x->team_id > y->team_id) - (x->team_id < y->team_id);
}

ck_error report_trend_teams(const report_data *data, report_trend_team **teams, size_t *count)
{
    report_trend_team *list = NULL;
    size_t used = 0, capacity = 0;
    /* Room for one, so that an empty list is still an allocation the caller frees. */
    if (!VEC_RESERVE(list, capacity, 1))
        return CK_ERR_NOMEM;
    /* Newest month first, so a team's name is the one it has at the end of the trend. */
    for (size_t m = data->trend_count; m-- > 0;) {
        const kpi_result *month = data->trend[m];
        for (size_t t = 0; t < month->team_count; t++) {
            const kpi_team *team = &month->teams[t];
            bool seen = false;
            for (size_t k = 0; k < used && !seen; k++)
                seen = list[k].team_id == team->team_id;
            if (!seen &&
                !VEC_PUSH(list, used, capacity, ((report_trend_team){team->team_id, team->name}))) {
                free(list);
                return CK_ERR_NOMEM;
            }
        }
    }
    qsort(list, used, sizeof *list, compare_team);
    *teams = list;
    *count = used;
    return CK_OK;
}
