/* engine_lists.c - the lists of a run that asks for them (kpi.h: promises, complaints,
 * resolutions): what a team lead follows up, beside the figures.
 *
 * A long period is credited a chunk of cases at a time (engine.c), so the lists are gathered
 * as the chunks go: each chunk's judged promises that are broken or pending are kept
 * (kpi_promise, plus the case's id and balance for the follow-up) and the chunk's cases are
 * freed. Kept promises are counted in the rows and not listed; no output shows them, and at
 * the large size they are most of a year's million promises. After the last chunk, the
 * follow-up facts are looked up once for every listed case (engine_followup.c) and the lists
 * move into the result in their order. The strings of a listed promise are not its own: the
 * case numbers are in the result's text blocks, and a holder's names are the agent row's when
 * the holder has one, else one copy per holder in the text blocks.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_data.h"

ck_error engine_list_promise(engine_data *data, const engine_promise *promise,
                             const kpi_promise *judged, ck_diag *diag)
{
    if (judged->status == KPI_PROMISE_KEPT)
        return CK_OK;
    engine_listed listed = {.promise = *judged,
                            .case_id = promise->case_id,
                            .placed_balance_minor =
                                data->cases[promise->case_slot].placed_balance_minor,
                            .holder_slot = IDMAP_NONE};
    listed.promise.promise_id = promise->promise_id;
    listed.promise.agent_index = promise->agent_slot; /* a slot until the lists are built */
    listed.promise.made_at = promise->made_at;
    listed.promise.due_on = promise->due_on;
    listed.promise.amount_minor = promise->amount_minor;
    ck_error err = CK_OK;
    if (data->listed == NULL &&
        (err = spill_new(sizeof listed, data->request->list_memory_budget, &data->listed)) != CK_OK)
        return err;
    return spill_push(data->listed, &listed, diag);
}

static int compare_promise_entry(const void *a, const void *b)
{
    const kpi_promise *x = a, *y = b;
    if (x->agent_index != y->agent_index)
        return x->agent_index < y->agent_index ? -1 : 1;
    if (x->due_on != y->due_on)
        return x->due_on < y->due_on ? -1 : 1;
    return (x->promise_id > y->promise_id) - (x->promise_id < y->promise_id);
}

/* The names of the reassigned case's holder: the result's agent row's when the holder has one
 * (build_agents moved the names there), else the loaded ones copied into the result's text
 * blocks once per holder (*kept_names[slot], 2 entries per slot). */
static ck_error name_holder(const engine_data *data, kpi_result *result,
                            const size_t *result_index_of_agent, size_t holder_slot,
                            const char **kept_names, kpi_promise *promise)
{
    if (holder_slot == IDMAP_NONE)
        return CK_OK;
    size_t index = result_index_of_agent[holder_slot];
    const char *employee_no, *name;
    if (index != KPI_NO_INDEX) {
        employee_no = result->agents[index].employee_no;
        name = result->agents[index].name;
    } else {
        const char **kept = &kept_names[2 * holder_slot];
        for (int k = 0; k < 2 && kept[k] == NULL; k++) {
            const char *loaded =
                k == 0 ? data->agents[holder_slot].employee_no : data->agents[holder_slot].name;
            if (loaded == NULL)
                loaded = "";
            if ((kept[k] = kpi_result_keep_text(result, loaded, strlen(loaded))) == NULL)
                return CK_ERR_NOMEM;
        }
        employee_no = kept[0];
        name = kept[1];
    }
    promise->holder_employee_no = employee_no != NULL ? employee_no : "";
    promise->holder_name = name != NULL ? name : "";
    return CK_OK;
}

/* The listed promises, followed up and named, into the result's list (a spill of kpi_promise
 * records of the same budget; an empty list is one all the same, as the readers expect), then
 * put in their order. */
static ck_error build_promises(engine_data *data, kpi_result *result,
                               const size_t *result_index_of_agent, ck_diag *diag)
{
    size_t count = data->listed != NULL ? spill_count(data->listed) : 0;
    const char **kept_names = calloc(2 * data->agent_count + 1, sizeof *kept_names);
    ck_error err = kept_names != NULL ? CK_OK : CK_ERR_NOMEM;
    if (err == CK_OK)
        err = spill_new(sizeof(kpi_promise), data->request->list_memory_budget, &result->promises);
    if (err == CK_OK && count > 0)
        err = engine_promise_followup(data, result, diag);
    for (size_t i = 0; err == CK_OK && i < count; i++) {
        engine_listed listed;
        if ((err = spill_get(data->listed, i, &listed, diag)) != CK_OK)
            break;
        kpi_promise *p = &listed.promise;
        err = name_holder(data, result, result_index_of_agent, listed.holder_slot, kept_names, p);
        p->agent_index = result_index_of_agent[p->agent_index];
        if (err == CK_OK)
            err = spill_push(result->promises, p, diag);
    }
    /* the data's records go before the sort needs its memory */
    spill_free(data->listed);
    data->listed = NULL;
    if (err == CK_OK)
        err = spill_sort(result->promises, compare_promise_entry, diag);
    if (err == CK_OK)
        result->promise_count = count;
    free(kept_names);
    return err;
}

/* The complaints, with their case numbers, into the result in their order. */
static ck_error build_complaints(engine_data *data, kpi_result *result,
                                 const size_t *result_index_of_agent, ck_diag *diag)
{
    int64_t *case_ids = malloc((data->complaint_count + 1) * sizeof *case_ids);
    char **case_nos = calloc(data->complaint_count + 1, sizeof *case_nos);
    size_t id_count = 0;
    ck_error err = CK_OK;
    if (case_ids == NULL || case_nos == NULL) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < data->complaint_count; i++)
        if (data->complaints[i].has_case)
            case_ids[id_count++] = data->complaints[i].case_id;
    if ((err = engine_load_case_nos(data->db, case_ids, id_count, case_nos, diag)) != CK_OK)
        goto done;
    result->complaints = calloc(data->complaint_count + 1, sizeof *result->complaints);
    if (result->complaints == NULL) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    size_t k = 0;
    for (size_t i = 0; i < data->complaint_count; i++) {
        const engine_complaint *c = &data->complaints[i];
        kpi_complaint *out = &result->complaints[result->complaint_count++];
        out->complaint_id = c->complaint_id;
        if (c->has_case) {
            out->case_no = case_nos[k];
            case_nos[k++] = NULL;
        }
        out->agent_index =
            c->agent_slot == IDMAP_NONE ? KPI_NO_INDEX : result_index_of_agent[c->agent_slot];
        out->received_at = c->received_at;
        out->source = c->source;
        out->category = c->category;
        out->substantiated = c->substantiated;
        out->resolved = c->resolved;
        out->resolved_at = c->resolved_at;
        if (c->resolved)
            out->days_to_resolve =
                stats_ratio((double)(c->resolved_at - c->received_at), DATETIME_SECONDS_PER_DAY);
        engine_complaint_followup(&data->request->settings, result->as_of, out);
    }
done:
    for (size_t i = 0; case_nos != NULL && i < id_count; i++)
        free(case_nos[i]);
    free(case_nos);
    free(case_ids);
    return err;
}

ck_error engine_build_lists(engine_data *data, kpi_result *result,
                            const size_t *result_index_of_agent, kpi_resolution **resolutions,
                            size_t resolution_count, ck_diag *diag)
{
    ck_error err = build_promises(data, result, result_index_of_agent, diag);
    if (err == CK_OK)
        err = build_complaints(data, result, result_index_of_agent, diag);
    if (err == CK_OK) {
        result->resolutions = *resolutions;
        result->resolution_count = resolution_count;
        *resolutions = NULL;
    }
    return err;
}
