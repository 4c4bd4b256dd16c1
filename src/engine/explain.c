/* explain.c - `explain`: one engine run with a witness, the target's rows of one figure,
 * named and re-added (explain.h).
 *
 * The witness keeps only the events of the figure's kinds credited to the target (and, for
 * --why-not, every event of the one case). The rows' case numbers and the details the engine
 * counts without (a contact's time and codes) are read afterwards by primary key: display
 * only, they decide nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/db.h"
#include "collectkpi/engine.h"
#include "collectkpi/idmap.h"
#include "collectkpi/schema.h"
#include "collectkpi/score.h"
#include "collectkpi/utf8.h"
#include "collectkpi/vec.h"
#include "engine_data.h"
#include "explain_internal.h"

typedef struct recorder {
    const int64_t *agent_ids; /* the target's agents, sorted; everyone when NULL */
    size_t agent_count;
    unsigned kinds; /* bit k: witness_kind k is wanted */
    bool has_why_case;
    int64_t why_case_id;
    witness_event *events;
    size_t event_count, event_capacity;
    witness_event *why_events;
    size_t why_count, why_capacity;
    /* The breaches' earlier contacts: events[i]'s are causes[cause_first[i] ..] (the event's
     * own pointer is the engine's, gone after the call). */
    size_t *cause_first;
    size_t cause_first_capacity;
    witness_cause *causes;
    size_t cause_count, cause_capacity;
    bool out_of_memory;
} recorder;

static bool is_target_agent(const recorder *r, const witness_event *e)
{
    if (r->agent_ids == NULL)
        return true;
    return e->has_agent && bsearch(&e->agent_id, r->agent_ids, r->agent_count, sizeof *r->agent_ids,
                                   idmap_compare_ids) != NULL;
}

static bool is_target(const void *context, const witness_event *e)
{
    return is_target_agent(context, e);
}

static void record(void *context, const witness_event *e)
{
    recorder *r = context;
    witness_event copy = *e;
    copy.causes = NULL;
    if (r->has_why_case && e->has_case && e->case_id == r->why_case_id &&
        !VEC_PUSH(r->why_events, r->why_count, r->why_capacity, copy))
        r->out_of_memory = true;
    if (!(r->kinds & (1u << e->kind)) || !is_target_agent(r, e) || e->refused != WITNESS_CREDITED)
        return;
    size_t first = r->cause_count;
    if (!VEC_RESERVE(r->causes, r->cause_capacity, r->cause_count + e->cause_count + 1) ||
        !VEC_RESERVE(r->cause_first, r->cause_first_capacity, r->event_count + 1) ||
        !VEC_PUSH(r->events, r->event_count, r->event_capacity, copy)) {
        r->out_of_memory = true;
        return;
    }
    for (size_t i = 0; i < e->cause_count; i++)
        r->causes[r->cause_count++] = e->causes[i];
    r->cause_first[r->event_count - 1] = first;
}

/* ---- the agents: every agent's employee number, and the target's ids ---- */

typedef struct id_list {
    int64_t *ids;
    size_t count, capacity;
} id_list;

static ck_error add_id(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop;
    (void)diag;
    id_list *list = ctx;
    int64_t id = sqlite3_column_int64(stmt, 0);
    return VEC_PUSH(list->ids, list->count, list->capacity, id) ? CK_OK : CK_ERR_NOMEM;
}

/* The target's agent ids (sorted); a usage error naming what is not there. */
static ck_error target_agents(sqlite3 *db, const explain_request *request, id_list *out,
                              ck_diag *diag)
{
    static const char agent_sql[] = "SELECT agent_id FROM agents WHERE employee_no = ?1";
    static const char team_sql[] = "SELECT agent_id FROM agents WHERE team_id IN"
                                   " (SELECT team_id FROM teams WHERE name = ?1) ORDER BY agent_id";
    static const char team_exists_sql[] = "SELECT team_id FROM teams WHERE name = ?1";
    const db_param param = DB_TEXT(request->target_name);
    bool agent = request->target == EXPLAIN_AGENT;
    ck_error err = db_each_row(db, agent ? agent_sql : team_sql, &param, 1, add_id, out, diag);
    if (err != CK_OK || out->count > 0)
        return err;
    if (!agent) {
        id_list teams = {0};
        err = db_each_row(db, team_exists_sql, &param, 1, add_id, &teams, diag);
        bool found = teams.count > 0;
        free(teams.ids);
        if (err != CK_OK || found)
            return err; /* a team without agents: every figure is empty */
    }
    ck_diag_set(diag, "no %s '%s' in the database", agent ? "agent with employee_no" : "team",
                request->target_name);
    return CK_ERR_USAGE;
}

/* ---- naming the rows ---- */

typedef struct detail_query {
    sqlite3_stmt *contact, *survey, *promise;
} detail_query;

/* A contact's case, time and codes; a survey's or a promise made's case and time. */
static ck_error read_details(sqlite3 *db, detail_query *q, witness_kind kind, int64_t id,
                             int64_t *case_id, int64_t *at, int codes[4], ck_diag *diag)
{
    sqlite3_stmt *stmt = NULL;
    const char *sql = NULL;
    sqlite3_stmt **slot = NULL;
    if (kind == WITNESS_CONTACT || kind == WITNESS_COMPLIANCE) {
        slot = &q->contact;
        sql = "SELECT case_id, contact_at, channel, direction, party, outcome FROM contacts"
              " WHERE contact_id = ?1";
    } else if (kind == WITNESS_SURVEY) {
        slot = &q->survey;
        sql = "SELECT case_id, surveyed_at FROM surveys WHERE survey_id = ?1";
    } else if (kind == WITNESS_PROMISE_MADE) {
        slot = &q->promise;
        sql = "SELECT case_id, made_at FROM promises WHERE promise_id = ?1";
    } else {
        return CK_OK;
    }
    ck_error err = *slot != NULL ? CK_OK : db_prepare(db, sql, slot, diag);
    if (err != CK_OK)
        return err;
    stmt = *slot;
    sqlite3_reset(stmt);
    sqlite3_bind_int64(stmt, 1, id);
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        ck_diag_set(diag, "row %lld is gone: %s", (long long)id, sqlite3_errmsg(db));
        return CK_ERR_DB;
    }
    *case_id = sqlite3_column_int64(stmt, 0);
    const char *text = (const char *)sqlite3_column_text(stmt, 1);
    if (text != NULL)
        datetime_parse_ts(text, (size_t)sqlite3_column_bytes(stmt, 1), at);
    if (slot == &q->contact) {
        static const codes_list *const lists[4] = {&codes_channel, &codes_direction, &codes_party,
                                                   &codes_outcome};
        for (int c = 0; c < 4; c++)
            codes[c] = codes_find(lists[c], (const char *)sqlite3_column_text(stmt, 2 + c));
    }
    return CK_OK;
}

static ck_error detail_row(sqlite3 *db, detail_query *q, explain_row *row, ck_diag *diag)
{
    int codes[4] = {-1, -1, -1, -1};
    int64_t case_id = row->event.case_id;
    witness_kind kind = row->event.kind;
    if (kind != WITNESS_CONTACT && kind != WITNESS_COMPLIANCE && kind != WITNESS_SURVEY &&
        kind != WITNESS_PROMISE_MADE)
        return CK_OK;
    ck_error err = read_details(db, q, kind, row->event.row_id, &case_id, &row->at, codes, diag);
    row->event.has_case = true;
    row->event.case_id = case_id;
    row->channel = codes[0];
    row->direction = codes[1];
    row->party = codes[2];
    row->outcome = codes[3];
    return err;
}

/* The breach's earlier contacts, named (their case numbers: name_causes). */
static ck_error detail_causes(sqlite3 *db, detail_query *q, const witness_cause *causes,
                              size_t count, explain_row *row, ck_diag *diag)
{
    if (count == 0)
        return CK_OK;
    row->causes = calloc(count, sizeof *row->causes);
    if (row->causes == NULL)
        return CK_ERR_NOMEM;
    ck_error err = CK_OK;
    for (size_t i = 0; i < count && err == CK_OK; i++) {
        explain_cause *c = &row->causes[i];
        int codes[4] = {-1, -1, -1, -1};
        int64_t case_id = 0;
        c->contact_id = causes[i].contact_id;
        c->case_id = causes[i].case_id;
        c->rules = causes[i].rules;
        err = read_details(db, q, WITNESS_CONTACT, c->contact_id, &case_id, &c->at, codes, diag);
        c->channel = codes[0];
        c->direction = codes[1];
        c->party = codes[2];
        c->outcome = codes[3];
        row->cause_count++;
    }
    return err;
}

static int compare_row(const void *a, const void *b)
{
    const explain_row *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    if (x->event.row_id != y->event.row_id)
        return x->event.row_id < y->event.row_id ? -1 : 1;
    return (x->event.agent_id > y->event.agent_id) - (x->event.agent_id < y->event.agent_id);
}

/* name's copy for case_id (ids sorted, names parallel); "" when unknown. */
static char *case_name(int64_t case_id, const int64_t *ids, char *const *names, size_t n)
{
    const int64_t *found = bsearch(&case_id, ids, n, sizeof *ids, idmap_compare_ids);
    return strdup(found != NULL && names[found - ids] != NULL ? names[found - ids] : "");
}

/* Case numbers of the rows and of the breaches' earlier contacts: one lookup per distinct
 * case. */
static ck_error name_cases(sqlite3 *db, explain_row *rows, size_t count, ck_diag *diag)
{
    size_t total = count;
    for (size_t i = 0; i < count; i++)
        total += rows[i].cause_count;
    int64_t *ids = malloc((total + 1) * sizeof *ids);
    char **names = NULL;
    size_t n = 0;
    ck_error err = ids != NULL ? CK_OK : CK_ERR_NOMEM;
    for (size_t i = 0; err == CK_OK && i < count; i++) {
        if (rows[i].event.has_case)
            ids[n++] = rows[i].event.case_id;
        for (size_t c = 0; c < rows[i].cause_count; c++)
            ids[n++] = rows[i].causes[c].case_id;
    }
    if (err == CK_OK && n > 0) {
        n = idmap_sort_distinct(ids, n);
        names = calloc(n, sizeof *names);
        err = names != NULL ? engine_load_case_nos(db, ids, n, names, diag) : CK_ERR_NOMEM;
    }
    for (size_t i = 0; err == CK_OK && i < count; i++) {
        if (rows[i].event.has_case &&
            (rows[i].case_no = case_name(rows[i].event.case_id, ids, names, n)) == NULL)
            err = CK_ERR_NOMEM;
        for (size_t c = 0; err == CK_OK && c < rows[i].cause_count; c++)
            if ((rows[i].causes[c].case_no = case_name(rows[i].causes[c].case_id, ids, names, n)) ==
                NULL)
                err = CK_ERR_NOMEM;
    }
    for (size_t i = 0; names != NULL && i < n; i++)
        free(names[i]);
    free(names);
    free(ids);
    return err;
}

typedef struct agent_case {
    int64_t agent_id, case_id;
} agent_case;

static int compare_agent_case(const void *a, const void *b)
{
    const agent_case *x = a, *y = b;
    if (x->agent_id != y->agent_id)
        return x->agent_id < y->agent_id ? -1 : 1;
    return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

/* The number a part's rows make (explain_measure). */
static ck_error part_number(explain_part *part, ck_diag *diag)
{
    part->number = 0;
    if (part->measure == EXPLAIN_COUNT || part->measure == EXPLAIN_DAYS) {
        part->number = (int64_t)part->count;
        return CK_OK;
    }
    if (part->measure == EXPLAIN_DISTINCT_CASES) {
        /* rows are summed to teams per agent, so a case counts once per agent */
        agent_case *pairs = malloc((part->count + 1) * sizeof *pairs);
        if (pairs == NULL)
            return CK_ERR_NOMEM;
        for (size_t i = 0; i < part->count; i++)
            pairs[i] = (agent_case){part->rows[i].event.has_agent ? part->rows[i].event.agent_id
                                                                  : INT64_MIN,
                                    part->rows[i].event.case_id};
        if (part->count > 0)
            qsort(pairs, part->count, sizeof *pairs, compare_agent_case);
        for (size_t i = 0; i < part->count; i++)
            part->number += i == 0 || compare_agent_case(&pairs[i - 1], &pairs[i]) != 0;
        free(pairs);
        return CK_OK;
    }
    for (size_t i = 0; i < part->count; i++) {
        const witness_event *e = &part->rows[i].event;
        int64_t add = part->measure == EXPLAIN_SUM ? e->amount_minor : e->credited_minor;
        if (__builtin_add_overflow(part->number, add, &part->number)) {
            ck_diag_set(diag, "the listed amounts sum beyond the int64 range");
            return CK_ERR_DATA;
        }
    }
    return CK_OK;
}

/* Part p of the figure: its rows out of the recorded events, detailed, named and sorted. */
static ck_error build_part(sqlite3 *db, const explain_figure_spec *figure, size_t p,
                           const recorder *r, const explain_agents *agents, detail_query *q,
                           explain_result *result, ck_diag *diag)
{
    const explain_part_spec *spec = &figure->parts[p];
    explain_part *part = &result->parts[p];
    part->label = spec->label;
    part->measure = spec->measure;
    part->rows = calloc(r->event_count + 1, sizeof *part->rows);
    if (part->rows == NULL)
        return CK_ERR_NOMEM;
    ck_error err = CK_OK;
    for (size_t i = 0; i < r->event_count && err == CK_OK; i++) {
        const witness_event *e = &r->events[i];
        if (!explain_part_takes(figure, spec, e))
            continue;
        explain_row *row = &part->rows[part->count++];
        row->event = *e;
        row->at = e->at;
        row->channel = row->direction = row->party = row->outcome = -1;
        if (e->has_agent && (row->employee_no = explain_agents_name(agents, e->agent_id)) == NULL)
            err = CK_ERR_NOMEM;
        if (err == CK_OK)
            err = detail_row(db, q, row, diag);
        if (err == CK_OK)
            err = detail_causes(db, q, r->causes + r->cause_first[i], e->cause_count, row, diag);
    }
    if (err == CK_OK)
        err = name_cases(db, part->rows, part->count, diag);
    if (err == CK_OK && part->count > 0)
        qsort(part->rows, part->count, sizeof *part->rows, compare_row);
    if (err == CK_OK)
        err = part_number(part, diag);
    if (err == CK_OK && spec->measure == EXPLAIN_DAYS) {
        result->days = malloc((part->count + 1) * sizeof *result->days);
        if (result->days == NULL)
            return CK_ERR_NOMEM;
        for (size_t i = 0; i < part->count; i++)
            result->days[i] = part->rows[i].event.days;
        result->day_count = part->count;
        qsort(result->days, part->count, sizeof *result->days, stats_compare_double);
    }
    return err;
}

/* What the listed rows give, by the figure's arithmetic. */
static kpi_cell readd(const explain_result *result)
{
    kpi_cell cell = {true, 0, 0.0};
    stats_value v = {false, 0.0};
    int64_t a = result->part_count > 0 ? result->parts[0].number : 0;
    int64_t b = result->part_count > 1 ? result->parts[1].number : 0;
    switch (result->op) {
    case EXPLAIN_OP_VALUE:
        cell.integer = a;
        cell.value = (double)a;
        return cell;
    case EXPLAIN_OP_RATIO: v = stats_ratio_i64(a, b); break;
    case EXPLAIN_OP_PER_1K: v = stats_ratio_i64(a * 1000, b); break;
    case EXPLAIN_OP_MEAN: v = stats_mean(result->days, result->day_count); break;
    case EXPLAIN_OP_PERCENTILE:
        v = stats_percentile_inc(result->days, result->day_count, result->percentile);
        break;
    case EXPLAIN_OP_SCORE: v = result->score.score; break;
    case EXPLAIN_OP_EXPECTED:
    case EXPLAIN_OP_INDEX:
    case EXPLAIN_OP_WILSON_LO:
    case EXPLAIN_OP_WILSON_HI: return explain_review_readd(result);
    }
    cell.defined = v.defined;
    cell.value = v.value;
    return cell;
}

static kpi_cell compliance_cell(const kpi_compliance_row *row, const explain_figure_spec *figure)
{
    kpi_cell cell = {true, 0, 0.0};
    if (strcmp(figure->key, "breaches_per_1k_outbound") == 0) {
        cell.defined = row->breaches_per_1k_outbound.defined;
        cell.value = row->breaches_per_1k_outbound.value;
        return cell;
    }
    if (figure->rule >= 0)
        cell.integer = row->breaches[figure->rule];
    else if (strcmp(figure->key, "outbound_contacts") == 0)
        cell.integer = row->outbound_contacts;
    else if (strcmp(figure->key, "breaching_contacts") == 0)
        cell.integer = row->breaching_contacts;
    else if (strcmp(figure->key, "critical_breaches") == 0)
        cell.integer = row->critical_breaches;
    else
        cell.integer = row->cases_with_breach;
    cell.value = (double)cell.integer;
    return cell;
}

/* The engine's figure for the target, as `kpi` (compliance, score) prints it; an agent or
 * team without a row has the figures of an empty row. */
static ck_error reported(const kpi_result *kr, const explain_request *request,
                         const explain_figure_spec *figure, explain_result *result)
{
    const kpi_row *row = &kr->total;
    const kpi_compliance_row *compliance = &kr->compliance_total;
    kpi_row empty_row;
    kpi_compliance_row empty_compliance;
    memset(&empty_row, 0, sizeof empty_row);
    memset(&empty_compliance, 0, sizeof empty_compliance);
    kpi_row_finish(&empty_row, NULL, 0);
    kpi_compliance_finish(&empty_compliance);
    size_t agent_index = KPI_NO_INDEX, team_index = KPI_NO_INDEX;
    if (request->target == EXPLAIN_AGENT) {
        row = &empty_row;
        compliance = &empty_compliance;
        for (size_t i = 0; i < kr->agent_count; i++)
            if (strcmp(kr->agents[i].employee_no, request->target_name) == 0) {
                agent_index = i;
                row = &kr->agents[i].row;
                compliance = &kr->agents[i].compliance;
            }
    } else if (request->target == EXPLAIN_TEAM) {
        row = &empty_row;
        compliance = &empty_compliance;
        for (size_t t = 0; t < kr->team_count; t++)
            if (strcmp(kr->teams[t].name, request->target_name) == 0) {
                team_index = t;
                row = &kr->teams[t].row;
                compliance = &kr->teams[t].compliance;
            }
    }
    if (figure->source == EXPLAIN_FROM_KPI) {
        result->reported = kpi_row_cell(row, kpi_column_find(figure->key));
    } else if (figure->source == EXPLAIN_FROM_UNASSIGNED) {
        result->reported = (kpi_cell){true, kr->unassigned_collected_minor,
                                      (double)kr->unassigned_collected_minor};
    } else if (figure->source == EXPLAIN_FROM_COMPLIANCE) {
        result->reported = compliance_cell(compliance, figure);
    } else {
        score_table table;
        if (score_table_build(kr, &table) != CK_OK)
            return CK_ERR_NOMEM;
        bool has_row = request->target == EXPLAIN_TOTAL || agent_index != KPI_NO_INDEX ||
                       team_index != KPI_NO_INDEX;
        if (has_row)
            result->score = agent_index != KPI_NO_INDEX  ? table.agents[agent_index]
                            : team_index != KPI_NO_INDEX ? table.teams[team_index]
                                                         : table.total;
        score_table_free(&table);
        score_cell cell = score_row_cell(&result->score, score_column_find(figure->key));
        result->reported = (kpi_cell){has_row && cell.defined, cell.integer, cell.value};
        if (figure->op == EXPLAIN_OP_EXPECTED) /* a real number of minor units, printed as money */
            result->reported.integer = llround(cell.value);
        if (!has_row)
            result->score.score.defined = false;
    }
    return CK_OK;
}

static ck_error find_case(sqlite3 *db, const char *case_no, int64_t *case_id, ck_diag *diag)
{
    id_list ids = {0};
    const db_param param = DB_TEXT(case_no);
    ck_error err = db_each_row(db, "SELECT case_id FROM cases WHERE case_no = ?1", &param, 1,
                               add_id, &ids, diag);
    if (err == CK_OK && ids.count == 0) {
        ck_diag_set(diag, "no case '%s' in the database", case_no);
        err = CK_ERR_USAGE;
    }
    if (err == CK_OK)
        *case_id = ids.ids[0];
    free(ids.ids);
    return err;
}

/* One figure's result from a run's recorder and kpi result. */
static ck_error build_one(sqlite3 *db, const explain_request *request,
                          const explain_figure_spec *figure, const recorder *rec,
                          const explain_agents *agents, const kpi_result *kr, explain_result **out,
                          ck_diag *diag)
{
    detail_query q = {0};
    explain_result *result = calloc(1, sizeof *result);
    *out = NULL;
    if (result == NULL)
        return CK_ERR_NOMEM;
    ck_error err = CK_OK;
    result->figure = strdup(figure->key);
    if (request->target != EXPLAIN_TOTAL)
        result->target_name = strdup(request->target_name);
    if (result->figure == NULL || (request->target != EXPLAIN_TOTAL && !result->target_name)) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    result->target = request->target;
    result->kind = figure->kind;
    result->op = figure->op;
    result->percentile = figure->percentile;
    result->part_count = figure->part_count;
    result->period = kr->period;
    result->settings = kr->settings;
    result->as_of = kr->as_of;
    result->has_cutoff = kr->has_cutoff;
    result->data_cutoff = kr->data_cutoff;
    if (request->target == EXPLAIN_AGENT && rec->agent_count > 0) {
        /* the name as the result has it (agents with a row) */
        for (size_t i = 0; i < kr->agent_count && err == CK_OK; i++)
            if (kr->agents[i].agent_id == rec->agent_ids[0] &&
                (result->agent_name = strdup(kr->agents[i].name)) == NULL)
                err = CK_ERR_NOMEM;
    }
    for (size_t p = 0; p < figure->part_count && err == CK_OK; p++)
        err = build_part(db, figure, p, rec, agents, &q, result, diag);
    if (err == CK_OK && explain_op_needs_payments(figure->op))
        err = explain_casemix_fill(kr, rec->events, rec->event_count, result);
    if (err == CK_OK)
        err = reported(kr, request, figure, result);
    if (err == CK_OK)
        result->readded = readd(result);
    if (err == CK_OK && rec->has_why_case) {
        if (!(result->why_case_no = strdup(request->why_not_case)))
            err = CK_ERR_NOMEM;
        else
            err = explain_why_not(db, figure, rec->why_case_id, rec->why_events, rec->why_count,
                                  is_target, rec, agents, result, diag);
    }
done:
    sqlite3_finalize(q.contact);
    sqlite3_finalize(q.survey);
    sqlite3_finalize(q.promise);
    if (err != CK_OK)
        explain_result_free(result);
    else
        *out = result;
    return err;
}

static bool needs_compliance(const explain_figure_spec *figure)
{
    return figure->source == EXPLAIN_FROM_COMPLIANCE || figure->source == EXPLAIN_FROM_SCORE;
}

/* The figures the request asks for, checked. */
static ck_error figures_of(const explain_request *request, explain_figure_spec *specs,
                           size_t *count, ck_diag *diag)
{
    compliance_profile profile = request->engine->settings.compliance.profile;
    *count = 0;
    if (strcmp(request->figure, "all") == 0) {
        if (request->why_not_case != NULL) {
            ck_diag_set(diag, "--why-not goes with one figure, not with all");
            return CK_ERR_USAGE;
        }
        size_t n = explain_figure_all(profile, specs);
        for (size_t i = 0; i < n; i++)
            if (specs[i].source != EXPLAIN_FROM_UNASSIGNED || request->target == EXPLAIN_TOTAL)
                specs[(*count)++] = specs[i];
        return CK_OK;
    }
    if (!explain_figure_find(request->figure, profile, &specs[0])) {
        ck_diag_set(diag, "'%s' is not a figure explain knows (one of: %s, or all)",
                    request->figure, explain_figure_keys());
        return CK_ERR_USAGE;
    }
    if (specs[0].source == EXPLAIN_FROM_UNASSIGNED && request->target != EXPLAIN_TOTAL) {
        ck_diag_set(diag, "unassigned_collected is a figure of the total only: use --total");
        return CK_ERR_USAGE;
    }
    if (specs[0].op == EXPLAIN_OP_SCORE && request->why_not_case != NULL) {
        ck_diag_set(diag, "--why-not goes with a figure made of rows, not with score");
        return CK_ERR_USAGE;
    }
    *count = 1;
    return CK_OK;
}

ck_error explain_run(sqlite3 *db, const explain_request *request, explain_list *out, ck_diag *diag)
{
    explain_figure_spec specs[EXPLAIN_FIGURE_MAX];
    size_t spec_count = 0;
    recorder rec;
    id_list target = {0};
    explain_agents agents = {0};
    kpi_result *kr = NULL;
    memset(&rec, 0, sizeof rec);
    out->items = NULL;
    out->count = 0;
    ck_error err = figures_of(request, specs, &spec_count, diag);
    if (err != CK_OK)
        return err;
    /* One read transaction: the rows named after the runs are of the snapshot they counted
     * (engine_run's own BEGIN then finds one open and leaves it). */
    bool in_transaction = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    out->items = calloc(spec_count, sizeof *out->items);
    if (out->items == NULL) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    if (request->target != EXPLAIN_TOTAL &&
        (err = target_agents(db, request, &target, diag)) != CK_OK)
        goto done;
    if (target.count > 0)
        qsort(target.ids, target.count, sizeof *target.ids, idmap_compare_ids);
    rec.agent_ids = request->target == EXPLAIN_TOTAL ? NULL : target.ids;
    rec.agent_count = target.count;
    /* a team without agents: an empty list (not NULL, which means everyone) */
    static const int64_t no_agent[1] = {0};
    if (request->target != EXPLAIN_TOTAL && rec.agent_ids == NULL)
        rec.agent_ids = no_agent;
    if (request->why_not_case != NULL) {
        if ((err = find_case(db, request->why_not_case, &rec.why_case_id, diag)) != CK_OK)
            goto done;
        rec.has_why_case = true;
    }
    if ((err = explain_agents_load(db, &agents, diag)) != CK_OK)
        goto done;
    /* kpi.md's figures from a run like kpi's, the others from a run with the breach pass */
    for (int with_compliance = 0; with_compliance <= 1 && err == CK_OK; with_compliance++) {
        rec.kinds = 0;
        rec.event_count = rec.why_count = rec.cause_count = 0;
        for (size_t i = 0; i < spec_count; i++)
            for (size_t p = 0; p < specs[i].part_count; p++)
                if (needs_compliance(&specs[i]) == (with_compliance == 1))
                    rec.kinds |= 1u << explain_select_kind(specs[i].parts[p].select);
        for (size_t i = 0; i < spec_count; i++)
            if (needs_compliance(&specs[i]) == (with_compliance == 1) &&
                explain_op_needs_payments(specs[i].op))
                rec.kinds |= 1u << WITNESS_PAYMENT;
        bool any = false;
        for (size_t i = 0; i < spec_count; i++)
            any = any || needs_compliance(&specs[i]) == (with_compliance == 1);
        if (!any)
            continue;
        engine_witness witness = {record, &rec};
        engine_request run = *request->engine;
        run.witness = &witness;
        run.want_lists = false;
        run.want_compliance = with_compliance == 1;
        kpi_result_free(kr);
        kr = NULL;
        if ((err = engine_run(db, &run, &kr, diag)) != CK_OK)
            break;
        if (rec.out_of_memory) {
            err = CK_ERR_NOMEM;
            break;
        }
        for (size_t i = 0; i < spec_count && err == CK_OK; i++)
            if (needs_compliance(&specs[i]) == (with_compliance == 1)) {
                err = build_one(db, request, &specs[i], &rec, &agents, kr, &out->items[i], diag);
                out->count++;
            }
    }
done:
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    if (in_transaction)
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    kpi_result_free(kr);
    explain_agents_free(&agents);
    free(target.ids);
    free(rec.events);
    free(rec.why_events);
    free(rec.causes);
    free(rec.cause_first);
    if (err != CK_OK) {
        /* items filled so far are freed whatever their order */
        out->count = spec_count;
        explain_list_free(out);
    }
    return err;
}
