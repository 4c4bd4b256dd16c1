/* casemix.c - which delinquency bucket an (agent, case) pair of scorecard.md falls in.
 *
 * The pair's bucket is fixed by the case's days past due when the agent took it in the
 * period (t0), so the t0 balance and every payment the agent is credited with on that case
 * land in the same bucket; payments are bucketed in the pass that credits them. */
#include "engine_data.h"

int64_t engine_case_dpd_at(const engine_case *c, int64_t t)
{
    int64_t days = datetime_day_of(t) - datetime_day_of(c->placed_at), dpd;
    /* The contract puts no top on dpd_at_placement: past INT64_MAX is as late as it gets. */
    if (__builtin_add_overflow(c->dpd_at_placement, days, &dpd))
        dpd = days < 0 ? INT64_MIN : INT64_MAX;
    return dpd;
}

kpi_bucket engine_case_bucket_at(const engine_case *c, int64_t t)
{
    return kpi_bucket_of_dpd(engine_case_dpd_at(c, t));
}

int64_t engine_pair_t0(const engine_data *data, const engine_case *c, size_t agent_slot)
{
    const period *p = &data->request->period;
    /* Assignments are sorted by start, so the first overlapping one is the earliest. (Indexed,
     * not a pointer: data->assignments is NULL when no case has one.) */
    for (size_t i = 0; i < c->assignment_count; i++) {
        const engine_assignment *a = &data->assignments[c->assignment_first + i];
        if (a->agent_slot == agent_slot && engine_span_in_period(p, a->start, a->end))
            return a->start > p->start ? a->start : p->start;
    }
    return p->start;
}
