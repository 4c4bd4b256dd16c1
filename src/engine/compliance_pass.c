/* compliance_pass.c - the breach pass of a run (compliance.md): cuts the period into chunks,
 * reads and places each chunk's records (compliance.c), applies the rules to each case
 * (compliance_rules.c) and credits what each contact breaks to the contact's agent; on a
 * thread of its own while the kpi loads go on, when that is safe.
 *
 * Chunks. The period is cut at the first of each calendar month inside it, and each chunk is
 * read with the look-back its own rules need: a quarter or a year holds one month's records
 * in memory at a time, not the period's (a quarter of the large database is 4 million
 * records). Every cut is at 00:00, so no day spans two chunks, and no rule looks back
 * further than a chunk's read does (compliance.c): each contact breaks exactly the rules it
 * breaks when the whole period is read at once. The counts are sums over contacts, except
 * cases_with_breach, which counts distinct (agent, case) pairs of the whole period: the pairs
 * of every chunk are kept and counted once at the end.
 *
 * The thread. As engine_contacts.c's contact threads: the run's connection holds a read
 * transaction (engine_run's BEGIN, made real by its first read) until the figures are done;
 * in SQLite's rollback-journal modes no writer can change the file meanwhile, so a connection
 * opened now reads exactly what the run's connection reads. engine_usable_jobs says when that
 * holds (a file, a rollback journal, a transaction, --jobs above 1, no witness); otherwise the
 * pass runs on the run's connection when the kpi loads are done. The thread's connection does
 * not wait for locks (a writer already waiting holds PENDING, and waiting would deadlock
 * against the run's own SHARED lock): when it cannot read, the pass runs again on the run's
 * connection, which says what the failure is if it is real. The thread touches nothing of
 * the run but the request, the map of agent ids (both only read) and the pass itself, which
 * the run reads only after joining it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/db.h"
#include "collectkpi/idmap.h"
#include "collectkpi/vec.h"
#include "compliance_internal.h"
#include "engine_data.h"
#include "witness_internal.h"

/* kpi.md's contact counts of one agent, from the records. */
typedef struct cc_counts {
    int64_t contacts, call_attempts, rpc;
} cc_counts;

/* An agent (slot, or CC_AGENT_SYSTEM) with a breaching contact on a case. */
typedef struct breach_pair {
    int64_t case_id;
    int32_t agent;
} breach_pair;

struct cc_pass {
    const engine_request *request;
    const idmap *agent_slots; /* agent_id -> engine agent slot */
    int64_t *agent_ids;       /* by slot: the witness names agents by id */
    size_t agent_count;
    /* What the pass found, by agent slot; rows[agent_count] is the system line. */
    kpi_compliance_row *rows;
    cc_counts *counts;
    /* Lists only: the breaches (agent_index: a slot or KPI_NO_INDEX), with their case ids. */
    kpi_breach *breaches;
    size_t breach_count, breach_capacity;
    int64_t *breach_case_ids;
    size_t breach_case_capacity;
    breach_pair *pairs;
    size_t pair_count, pair_capacity;
    /* The thread, when started: it runs the whole pass on a connection to path of its own. */
    const char *path;
    pthread_t thread;
    bool started; /* joined by engine_compliance_wait or engine_compliance_free */
    bool unread;  /* its connection could not read: the run's connection reads again */
    ck_error thread_err;
    ck_diag thread_diag;
};

static kpi_compliance_row *row_of(cc_pass *pass, int32_t agent)
{
    return &pass->rows[agent >= 0 ? (size_t)agent : pass->agent_count];
}

/* kpi.md's contacts, call_attempts and rpc from the chunk's records in it (the near read,
 * before the placement: time order, as the witness expects). */
static void count_contacts(cc_pass *pass, const cc_chunk *chunk)
{
    const cc_rules *rules = &chunk->rules;
    for (size_t i = 0; i < chunk->near_count; i++) {
        const cc_contact *c = &chunk->contacts[i];
        if (c->agent < 0 || c->at < rules->period_start || c->at >= rules->period_end)
            continue;
        cc_counts *counts = &pass->counts[c->agent];
        bool outbound_call = cc_is_outbound_call(c);
        bool rpc = outbound_call && cc_is_connected_call(c);
        counts->contacts++;
        counts->call_attempts += outbound_call;
        counts->rpc += rpc;
        if (pass->request->witness != NULL)
            engine_witness_contact(pass->request->witness, true, pass->agent_ids[c->agent],
                                   c->contact_id, c->case_id, c->at, outbound_call, rpc);
    }
}

static bool push_pair(cc_pass *pass, int64_t case_id, int32_t agent)
{
    breach_pair pair = {case_id, agent};
    return VEC_PUSH(pass->pairs, pass->pair_count, pass->pair_capacity, pair);
}

/* Counts the case's contacts in the chunk on their agents' (or the system) rows. */
static ck_error credit_case(cc_pass *pass, const cc_chunk *chunk, const cc_case *cs,
                            const unsigned *masks)
{
    const cc_rules *rules = &chunk->rules;
    const compliance_settings *s = rules->settings;
    size_t pairs_before = pass->pair_count;
    for (size_t k = 0; k < cs->count; k++) {
        const cc_contact *c = &chunk->contacts[cs->first + k];
        if (c->at < rules->period_start || c->at >= rules->period_end)
            continue;
        kpi_compliance_row *row = row_of(pass, c->agent);
        row->outbound_contacts += (c->flags & CC_OUTBOUND) != 0;
        bool critical = false;
        for (int r = 0; r < COMPLIANCE_RULE_COUNT; r++)
            if (masks[k] & (1u << r)) {
                row->breaches[r]++;
                critical = critical || s->severity[r] == COMPLIANCE_CRITICAL;
            }
        if (pass->request->witness != NULL)
            engine_witness_compliance(
                pass->request->witness, rules, chunk->contacts + cs->first, k, cs->case_id,
                c->agent >= 0, c->agent >= 0 ? pass->agent_ids[c->agent] : 0, masks[k], critical);
        if (masks[k] == 0)
            continue;
        row->breaching_contacts++;
        row->critical_breaches += critical;
        bool seen = false;
        for (size_t p = pairs_before; p < pass->pair_count && !seen; p++)
            seen = pass->pairs[p].agent == c->agent;
        if (!seen && !push_pair(pass, cs->case_id, c->agent))
            return CK_ERR_NOMEM;
        if (!pass->request->want_lists)
            continue;
        kpi_breach b = {
            c->contact_id,
            NULL,
            c->agent >= 0 ? (size_t)c->agent : KPI_NO_INDEX,
            c->at,
            c->channel,
            codes_find(&codes_direction, (c->flags & CC_OUTBOUND) ? "outbound" : "inbound"),
            c->party,
            c->outcome,
            masks[k]};
        size_t n = pass->breach_count;
        if (!VEC_RESERVE(pass->breach_case_ids, pass->breach_case_capacity, n + 1) ||
            !VEC_PUSH(pass->breaches, pass->breach_count, pass->breach_capacity, b))
            return CK_ERR_NOMEM;
        pass->breach_case_ids[n] = cs->case_id;
    }
    return CK_OK;
}

static ck_error walk_chunk(cc_pass *pass, const cc_chunk *chunk)
{
    unsigned *masks = NULL;
    size_t mask_capacity = 0;
    ck_error err = CK_OK;
    for (size_t k = 0; k < chunk->case_count && err == CK_OK; k++) {
        const cc_case *cs = &chunk->cases[k];
        if (!VEC_RESERVE(masks, mask_capacity, cs->count)) {
            err = CK_ERR_NOMEM;
            break;
        }
        cc_case_rules(&chunk->rules, chunk->contacts + cs->first, cs->count, cs->placed_at, masks);
        err = credit_case(pass, chunk, cs, masks);
    }
    free(masks);
    return err;
}

static int compare_pair(const void *a, const void *b)
{
    const breach_pair *x = a, *y = b;
    if (x->agent != y->agent)
        return x->agent < y->agent ? -1 : 1;
    return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

/* cases_with_breach: the distinct (agent, case) pairs of every chunk. */
static void count_cases_with_breach(cc_pass *pass)
{
    if (pass->pair_count > 0)
        qsort(pass->pairs, pass->pair_count, sizeof *pass->pairs, compare_pair);
    for (size_t i = 0; i < pass->pair_count; i++)
        if (i == 0 || compare_pair(&pass->pairs[i - 1], &pass->pairs[i]) != 0)
            row_of(pass, pass->pairs[i].agent)->cases_with_breach++;
}

/* The first moment after start where a chunk ends: the first of the next calendar month, or
 * end when that comes first. */
static int64_t chunk_end(int64_t start, int64_t end)
{
    int year, month, day;
    datetime_civil_from_days(datetime_day_of(start), &year, &month, &day);
    int64_t next =
        datetime_days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) *
        DATETIME_SECONDS_PER_DAY;
    return next < end ? next : end;
}

/* The whole pass over the request's period, read through db. */
static ck_error run_chunks(cc_pass *pass, sqlite3 *db, ck_diag *diag)
{
    const period *p = &pass->request->period;
    ck_error err = CK_OK;
    for (int64_t start = p->start; start < p->end && err == CK_OK;) {
        int64_t end = chunk_end(start, p->end);
        cc_chunk chunk;
        err = cc_chunk_read(db, pass->request, pass->agent_slots, start, end, &chunk, diag);
        if (err == CK_OK) {
            count_contacts(pass, &chunk);
            err = cc_chunk_index(db, &chunk, diag);
        }
        if (err == CK_OK)
            err = walk_chunk(pass, &chunk);
        cc_chunk_free(&chunk);
        start = end;
    }
    if (err == CK_OK)
        count_cases_with_breach(pass);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    return err;
}

/* Forgets what a pass found, so that it can run again. */
static void clear_found(cc_pass *pass)
{
    memset(pass->rows, 0, (pass->agent_count + 1) * sizeof *pass->rows);
    memset(pass->counts, 0, (pass->agent_count + 1) * sizeof *pass->counts);
    for (size_t i = 0; i < pass->breach_count; i++)
        free(pass->breaches[i].case_no);
    pass->breach_count = 0;
    pass->pair_count = 0;
}

static void *pass_thread(void *arg)
{
    cc_pass *pass = arg;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(pass->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        pass->unread = true;
    } else {
        db_stop_on_interrupt(db);
        /* One read transaction: one file lock for all the pass's statements. */
        bool in_transaction = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
        pass->thread_err = run_chunks(pass, db, &pass->thread_diag);
        /* busy (a writer is committing) or another failure of SQLite's: read again on the
         * run's connection, which says what the failure is if it is real */
        pass->unread = pass->thread_err == CK_ERR_DB;
        if (in_transaction)
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    }
    sqlite3_close(db);
    return NULL;
}

ck_error engine_compliance_start(sqlite3 *db, const engine_request *request,
                                 const idmap *agent_slots, const engine_agent *agents,
                                 size_t agent_count, cc_pass **out, ck_diag *diag)
{
    cc_pass *pass = calloc(1, sizeof *pass);
    *out = pass;
    if (pass == NULL ||
        (pass->agent_ids = malloc((agent_count + 1) * sizeof *pass->agent_ids)) == NULL ||
        (pass->rows = calloc(agent_count + 1, sizeof *pass->rows)) == NULL ||
        (pass->counts = calloc(agent_count + 1, sizeof *pass->counts)) == NULL) {
        ck_diag_set(diag, "out of memory");
        return CK_ERR_NOMEM;
    }
    pass->request = request;
    pass->agent_slots = agent_slots;
    pass->agent_count = agent_count;
    for (size_t i = 0; i < agent_count; i++)
        pass->agent_ids[i] = agents[i].agent_id;
    if (engine_usable_jobs(db, request) > 1) {
        pass->path = sqlite3_db_filename(db, "main");
        /* no thread: the pass runs in engine_compliance_wait */
        pass->started = pthread_create(&pass->thread, NULL, pass_thread, pass) == 0;
    }
    return CK_OK;
}

ck_error engine_compliance_wait(sqlite3 *db, cc_pass *pass, engine_agent *agents, ck_diag *diag)
{
    bool read = false;
    ck_error err = CK_OK;
    if (pass->started) {
        pthread_join(pass->thread, NULL);
        pass->started = false;
        read = !pass->unread;
        err = pass->thread_err;
        if (read && err != CK_OK)
            *diag = pass->thread_diag;
    }
    if (!read) {
        clear_found(pass);
        err = run_chunks(pass, db, diag);
    }
    for (size_t slot = 0; slot < pass->agent_count && err == CK_OK; slot++) {
        kpi_row *row = &agents[slot].row;
        row->contacts += pass->counts[slot].contacts;
        row->call_attempts += pass->counts[slot].call_attempts;
        row->rpc += pass->counts[slot].rpc;
    }
    return err;
}

static int compare_breach(const void *a, const void *b)
{
    const kpi_breach *x = a, *y = b;
    if (x->contact_at != y->contact_at)
        return x->contact_at < y->contact_at ? -1 : 1;
    return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

/* Case numbers for the breach list (one lookup per run of one case; the breaches of a chunk
 * come in case order), then the list in (contact_at, contact_id) order. */
static ck_error finish_breach_list(sqlite3 *db, cc_pass *pass, ck_diag *diag)
{
    size_t n = pass->breach_count, distinct = 0;
    int64_t *ids = malloc((n + 1) * sizeof *ids);
    char **case_nos = calloc(n + 1, sizeof *case_nos);
    ck_error err = ids && case_nos ? CK_OK : CK_ERR_NOMEM;
    for (size_t i = 0; i < n && err == CK_OK; i++)
        if (distinct == 0 || ids[distinct - 1] != pass->breach_case_ids[i])
            ids[distinct++] = pass->breach_case_ids[i];
    if (err == CK_OK)
        err = engine_load_case_nos(db, ids, distinct, case_nos, diag);
    size_t d = 0;
    for (size_t i = 0; i < n && err == CK_OK; i++) {
        while (ids[d] != pass->breach_case_ids[i])
            d++;
        pass->breaches[i].case_no = strdup(case_nos[d] ? case_nos[d] : "");
        if (pass->breaches[i].case_no == NULL)
            err = CK_ERR_NOMEM;
    }
    if (err == CK_OK && n > 0)
        qsort(pass->breaches, n, sizeof *pass->breaches, compare_breach);
    for (size_t i = 0; case_nos != NULL && i < distinct; i++)
        free(case_nos[i]);
    free(case_nos);
    free(ids);
    return err;
}

/* Teams and the total are sums of agent rows (the total adds the system line). */
static void sum_rows(kpi_result *result)
{
    memset(&result->compliance_total, 0, sizeof result->compliance_total);
    for (size_t t = 0; t < result->team_count; t++)
        memset(&result->teams[t].compliance, 0, sizeof result->teams[t].compliance);
    for (size_t i = 0; i < result->agent_count; i++) {
        kpi_agent *a = &result->agents[i];
        kpi_compliance_finish(&a->compliance);
        kpi_compliance_add(&result->teams[a->team_index].compliance, &a->compliance);
        kpi_compliance_add(&result->compliance_total, &a->compliance);
    }
    kpi_compliance_finish(&result->compliance_system);
    kpi_compliance_add(&result->compliance_total, &result->compliance_system);
    for (size_t t = 0; t < result->team_count; t++)
        kpi_compliance_finish(&result->teams[t].compliance);
    kpi_compliance_finish(&result->compliance_total);
}

ck_error engine_compliance_finish(sqlite3 *db, cc_pass *pass, kpi_result *result,
                                  const size_t *result_index_of_slot, ck_diag *diag)
{
    /* An agent with a contact in P has a row (its contacts count), so no slot that found
     * anything is left out. */
    for (size_t slot = 0; slot < pass->agent_count; slot++)
        if (result_index_of_slot[slot] != KPI_NO_INDEX)
            result->agents[result_index_of_slot[slot]].compliance = pass->rows[slot];
    result->compliance_system = pass->rows[pass->agent_count];
    for (size_t i = 0; i < pass->breach_count; i++)
        if (pass->breaches[i].agent_index != KPI_NO_INDEX)
            pass->breaches[i].agent_index = result_index_of_slot[pass->breaches[i].agent_index];
    ck_error err = pass->request->want_lists ? finish_breach_list(db, pass, diag) : CK_OK;
    if (err == CK_OK) {
        result->breaches = pass->breaches;
        result->breach_count = pass->breach_count;
        pass->breaches = NULL;
        pass->breach_count = 0;
        sum_rows(result);
        result->has_compliance = true;
    }
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    return err;
}

void engine_compliance_free(cc_pass *pass)
{
    if (pass == NULL)
        return;
    if (pass->started)
        pthread_join(pass->thread, NULL);
    for (size_t i = 0; i < pass->breach_count; i++)
        free(pass->breaches[i].case_no);
    free(pass->breaches);
    free(pass->breach_case_ids);
    free(pass->pairs);
    free(pass->rows);
    free(pass->counts);
    free(pass->agent_ids);
    free(pass);
}
