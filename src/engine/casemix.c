/* casemix.c - which delinquency bucket an (agent, case) pair of scorecard.md falls in.
 *
 * The pair's bucket is fixed by the case's days past due when the agent took it in the
 * period (t0), so the t0 balance and every payment the agent is credited with on that case
 * land in the same bucket; payments are bucketed in the pass that credits them. */
#include "engine_data.h"

kpi_bucket engine_case_bucket_at(const engine_case *c, int64_t t)
{
    int64_t days = datetime_day_of(t) - datetime_day_of(c->placed_at);
    return kpi_bucket_of_dpd(c->dpd_at_placement + days);
}

int64_t engine_pair_t0(const engine_data *data, const engine_case *c, size_t agent_slot)
{
    const period *p = &data->request->period;
    const engine_assignment *list = data->assignments + c->assignment_first;
    /* Assignments are sorted by start, so the first overlapping one is the earliest. */
    for (size_t i = 0; i < c->assignment_count; i++)
        if (list[i].agent_slot == agent_slot && list[i].start < p->end && list[i].end > p->start)
            return list[i].start > p->start ? list[i].start : p->start;
    return p->start;
}
