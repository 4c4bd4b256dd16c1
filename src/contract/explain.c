/* explain.c - frees what explain_run (src/engine/explain.c) filled. */
#include "collectkpi/explain.h"

#include <stdlib.h>

void explain_result_free(explain_result *result)
{
    if (result == NULL)
        return;
    for (size_t p = 0; p < result->part_count; p++) {
        for (size_t i = 0; i < result->parts[p].count; i++) {
            free(result->parts[p].rows[i].case_no);
            free(result->parts[p].rows[i].employee_no);
            for (size_t c = 0; c < result->parts[p].rows[i].cause_count; c++)
                free(result->parts[p].rows[i].causes[c].case_no);
            free(result->parts[p].rows[i].causes);
        }
        free(result->parts[p].rows);
    }
    for (size_t i = 0; i < result->why_count; i++)
        free(result->why[i].employee_no);
    free(result->why);
    free(result->why_case_no);
    free(result->days);
    free(result->target_name);
    free(result->agent_name);
    free(result->figure);
    free(result);
}

void explain_list_free(explain_list *list)
{
    for (size_t i = 0; list->items != NULL && i < list->count; i++)
        explain_result_free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}
