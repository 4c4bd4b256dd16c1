/* compliance_pass.c - the breach pass of a run (compliance.md): cuts the period into chunks,
 * reads and places each chunk's records (compliance.c), applies the rules to each case
 * (compliance_rules.c) and credits what each contact breaks to the contact's agent; on a
 * thread of its own while the kpi loads go on, when that is safe.
 *
 * Chunks. The period is cut at the first of each calendar month inside it (and, read by two
 * threads, its last month three quarters into it, and, when the request asks, every month
 * in thirds, and a month whose run did its loads first in halves: make_jobs), and each chunk
 * is read with the look-back its own rules need: a quarter or a year holds one month's
 * records in memory at a time, not the period's (a quarter of the large database is 4 million
 * records). Every cut is at 00:00, so no day spans two chunks, and no rule looks back
 * further than a chunk's read does (compliance.c): each contact breaks exactly the rules it
 * breaks when the whole period is read at once. The counts are sums over contacts, except
 * cases_with_breach, which counts distinct (agent, case) pairs of the whole period: the pairs
 * of every chunk are kept and counted once at the end.
 *
 * The thread. As engine_contacts.c's contact threads: the run's connection holds a read
 * transaction (engine_run's BEGIN, made real by its first read) until the figures are done; in
 * SQLite's rollback-journal modes no writer can change the file meanwhile, so a connection
 * opened now reads exactly what the run's connection reads. engine_usable_jobs says when that
 * holds (a file, a rollback journal, a transaction, --jobs above 1, no witness); otherwise the
 * run's thread reads every chunk in order when the kpi loads are done. The pass's thread reads
 * the first chunk beside the kpi loads; the later chunks wait until the run's thread has freed
 * its case rows and comes to engine_compliance_wait, and from then on both threads take chunks
 * in order (the loads' peak memory and two months' records are never held at once). When the
 * run loads its cases a chunk of cases at a time (a long period, whose rows at once are about a
 * month's), the pass's thread reads every chunk in turn beside those loads instead
 * (engine_compliance_rows_in_chunks, said as soon as the run has cut its chunks, which for a
 * long period is a read of its own: the thread starts before it): one month's records beside
 * one chunk of cases is what the first month already costs. Each thread credits what it finds
 * to its own counts and lists, added up at the end; the counts are integers and the lists are
 * sorted, so the figures do not depend on who read what. The first chunk in time order that
 * failed names the error, as one thread reading in order would. The thread's connection does
 * not wait for locks (a writer already waiting holds PENDING, and waiting would deadlock
 * against the run's own SHARED lock): when it cannot read, the run's connection reads every
 * chunk the thread took again, and says what the failure is if it is real. The thread touches
 * nothing of the run but the request and the map of agent ids (both only read), its own
 * findings, and the chunk queue under its lock.
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

/* A breach of the list until the list is built: agent_index is a slot or KPI_NO_INDEX, and
 * case_no is set at the end from case_id. */
typedef struct listed_breach {
    kpi_breach breach;
    int64_t case_id;
} listed_breach;

/* What one worker (the run's thread or the pass's) found in the chunks it read. */
typedef struct cc_found {
    kpi_compliance_row *rows; /* by agent slot; rows[agent_count] is the system line */
    cc_counts *counts;        /* by agent slot */
    /* Lists only: the breaches (listed_breach records; NULL until the first). A spill: a
     * long period's (740,790 over 24 months at the large size) wait in a temporary file. */
    spill *breaches;
    breach_pair *pairs;
    size_t pair_count, pair_capacity;
} cc_found;

typedef enum chunk_state {
    CHUNK_WAITING,
    CHUNK_TAKEN,
    CHUNK_DONE,
    CHUNK_FAILED, /* err, diag: the run fails with the first failed chunk's error */
    CHUNK_UNREAD, /* the pass's thread could not read it: the run's thread reads it again */
} chunk_state;

typedef struct cc_job {
    int64_t start, end;
    chunk_state state;
    int worker; /* who took it: RUN_WORKER or PASS_WORKER */
    ck_error err;
    ck_diag diag;
} cc_job;

enum { RUN_WORKER, PASS_WORKER };

struct cc_pass {
    const engine_request *request;
    const idmap *agent_slots; /* agent_id -> engine agent slot */
    int64_t *agent_ids;       /* by slot: the witness names agents by id */
    size_t agent_count;
    cc_job *jobs; /* the chunks, in time order */
    size_t job_count;
    cc_found found[2]; /* by worker */
    /* The pass's thread, when started: it reads chunks on a connection to path of its own.
     * The fields below lock are shared with it while it runs. */
    const char *path;
    pthread_t thread;
    bool started; /* joined by engine_compliance_wait or engine_compliance_free */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    size_t next_job;
    bool run_waiting; /* the run's thread is in engine_compliance_wait: its case rows are freed */
    bool rows_in_chunks; /* the run holds a chunk of cases at a time */
    bool stop;           /* a chunk failed, or the run ends: take no more chunks */
};

/* One worker: the pass (only read) and what the worker found. */
typedef struct cc_worker {
    const cc_pass *pass;
    cc_found *found;
} cc_worker;

static kpi_compliance_row *row_of(cc_worker *w, int32_t agent)
{
    return &w->found->rows[agent >= 0 ? (size_t)agent : w->pass->agent_count];
}

/* kpi.md's contacts, call_attempts and rpc from the chunk's records in it (the near read,
 * before the placement: time order, as the witness expects). */
static void count_contacts(cc_worker *w, const cc_chunk *chunk)
{
    const cc_rules *rules = &chunk->rules;
    for (size_t i = 0; i < chunk->near_count; i++) {
        const cc_contact *c = &chunk->contacts[i];
        if (c->agent < 0 || c->at < rules->period_start || c->at >= rules->period_end)
            continue;
        cc_counts *counts = &w->found->counts[c->agent];
        bool outbound_call = cc_is_outbound_call(c);
        bool rpc = outbound_call && cc_is_connected_call(c);
        counts->contacts++;
        counts->call_attempts += outbound_call;
        counts->rpc += rpc;
        if (w->pass->request->witness != NULL)
            engine_witness_contact(w->pass->request->witness, true, w->pass->agent_ids[c->agent],
                                   c->contact_id, c->case_id, c->at, outbound_call, rpc);
    }
}

static bool push_pair(cc_worker *w, int64_t case_id, int32_t agent)
{
    breach_pair pair = {case_id, agent};
    return VEC_PUSH(w->found->pairs, w->found->pair_count, w->found->pair_capacity, pair);
}

/* With a witness: the causes the walk found for the current case, and one contact's (the
 * walk's and connected_per_day's) handed to the witness. */
typedef struct why_lists {
    cc_why_list why;
    cc_why_list one;
} why_lists;

/* Hands contact k of the case to the witness with the causes its rules counted. */
static void witness_contact(cc_worker *w, const cc_chunk *chunk, const cc_case *cs, size_t k,
                            unsigned mask, bool critical, why_lists *lists)
{
    const cc_contact *c = &chunk->contacts[cs->first + k];
    cc_why_list *one = &lists->one;
    cc_why why_of_c = {0, 0, 0, WITNESS_SINCE_LOOKBACK};
    one->cause_count = 0;
    if (mask != 0 && lists->why.per_contact != NULL && !lists->why.out_of_memory) {
        why_of_c = lists->why.per_contact[k];
        for (size_t i = 0; i < why_of_c.cause_count; i++) {
            const cc_cause *cause = &lists->why.causes[why_of_c.cause_first + i];
            if (!VEC_PUSH(one->causes, one->cause_count, one->cause_capacity, *cause)) {
                one->out_of_memory = true;
                break;
            }
        }
    }
    if (mask & (1u << COMPLIANCE_CONNECTED_PER_DAY))
        cc_chunk_why_connected(chunk, cs->debtor_group, c, one);
    int64_t agent_id = c->agent >= 0 ? w->pass->agent_ids[c->agent] : 0;
    engine_witness_compliance(w->pass->request->witness, c, cs->case_id, c->agent >= 0, agent_id,
                              mask, critical, one->causes, one->cause_count, &why_of_c);
}

/* Counts the case's contacts in the chunk on their agents' (or the system) rows. */
static ck_error credit_case(cc_worker *w, const cc_chunk *chunk, const cc_case *cs,
                            const unsigned *masks, why_lists *lists, ck_diag *diag)
{
    const cc_rules *rules = &chunk->rules;
    const compliance_settings *s = rules->settings;
    size_t pairs_before = w->found->pair_count;
    for (size_t k = 0; k < cs->count; k++) {
        const cc_contact *c = &chunk->contacts[cs->first + k];
        if (c->at < rules->period_start || c->at >= rules->period_end)
            continue;
        kpi_compliance_row *row = row_of(w, c->agent);
        row->outbound_contacts += (c->flags & CC_OUTBOUND) != 0;
        bool critical = false;
        for (int r = 0; r < COMPLIANCE_RULE_COUNT; r++)
            if (masks[k] & (1u << r)) {
                row->breaches[r]++;
                critical = critical || s->severity[r] == COMPLIANCE_CRITICAL;
            }
        if (w->pass->request->witness != NULL)
            witness_contact(w, chunk, cs, k, masks[k], critical, lists);
        if (masks[k] == 0)
            continue;
        row->breaching_contacts++;
        row->critical_breaches += critical;
        bool seen = false;
        for (size_t p = pairs_before; p < w->found->pair_count && !seen; p++)
            seen = w->found->pairs[p].agent == c->agent;
        if (!seen && !push_pair(w, cs->case_id, c->agent))
            return CK_ERR_NOMEM;
        if (!w->pass->request->want_lists)
            continue;
        listed_breach b = {
            {c->contact_id, NULL, c->agent >= 0 ? (size_t)c->agent : KPI_NO_INDEX, c->at,
             c->channel,
             codes_find(&codes_direction, (c->flags & CC_OUTBOUND) ? "outbound" : "inbound"),
             c->party, c->outcome, masks[k]},
            cs->case_id};
        ck_error err = CK_OK;
        if (w->found->breaches == NULL &&
            (err = spill_new(sizeof b, w->pass->request->list_memory_budget,
                             &w->found->breaches)) != CK_OK)
            return err;
        if ((err = spill_push(w->found->breaches, &b, diag)) != CK_OK)
            return err;
    }
    return CK_OK;
}

static ck_error walk_chunk(cc_worker *w, const cc_chunk *chunk, ck_diag *diag)
{
    unsigned *masks = NULL;
    size_t mask_capacity = 0;
    why_lists lists;
    memset(&lists, 0, sizeof lists);
    bool witnessed = w->pass->request->witness != NULL;
    ck_error err = CK_OK;
    for (size_t k = 0; k < chunk->case_count && err == CK_OK; k++) {
        const cc_case *cs = &chunk->cases[k];
        if (!VEC_RESERVE(masks, mask_capacity, cs->count)) {
            err = CK_ERR_NOMEM;
            break;
        }
        cc_case_rules(&chunk->rules, chunk->contacts + cs->first, cs->count, cs->placed_at, masks,
                      witnessed ? &lists.why : NULL);
        err = credit_case(w, chunk, cs, masks, &lists, diag);
    }
    free(masks);
    free(lists.why.per_contact);
    free(lists.why.causes);
    free(lists.one.causes);
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
static void count_cases_with_breach(cc_worker *w)
{
    cc_found *found = w->found;
    if (found->pair_count > 0)
        qsort(found->pairs, found->pair_count, sizeof *found->pairs, compare_pair);
    for (size_t i = 0; i < found->pair_count; i++)
        if (i == 0 || compare_pair(&found->pairs[i - 1], &found->pairs[i]) != 0)
            row_of(w, found->pairs[i].agent)->cases_with_breach++;
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

/* Reads chunk j through db and credits it to w's findings. */
static ck_error read_job(cc_worker *w, sqlite3 *db, size_t j, ck_diag *diag)
{
    const cc_pass *pass = w->pass;
    cc_chunk chunk;
    ck_error err = cc_chunk_read(db, pass->request, pass->agent_slots, pass->jobs[j].start,
                                 pass->jobs[j].end, &chunk, diag);
    if (err == CK_OK) {
        count_contacts(w, &chunk);
        err = cc_chunk_index(db, &chunk, diag);
    }
    if (err == CK_OK)
        err = walk_chunk(w, &chunk, diag);
    cc_chunk_free(&chunk);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    return err;
}

/* The next chunk worker may read, or SIZE_MAX when none is left or the pass stops. The
 * pass's thread reads the first chunk at once, beside the kpi loads; a later one only once
 * the run's thread waits (its case rows freed) or loads its cases in chunks, so that the
 * loads' memory and the records of more than one chunk are never held at once; from then on
 * both threads take chunks. */
static size_t take_job(cc_pass *pass, int worker)
{
    size_t j = SIZE_MAX;
    pthread_mutex_lock(&pass->lock);
    while (!pass->stop && pass->next_job < pass->job_count) {
        if (worker == RUN_WORKER || pass->next_job == 0 || pass->run_waiting ||
            pass->rows_in_chunks) {
            j = pass->next_job++;
            pass->jobs[j].state = CHUNK_TAKEN;
            pass->jobs[j].worker = worker;
            break;
        }
        pthread_cond_wait(&pass->changed, &pass->lock);
    }
    pthread_mutex_unlock(&pass->lock);
    return j;
}

static void end_job(cc_pass *pass, size_t j, ck_error err, const ck_diag *diag)
{
    pthread_mutex_lock(&pass->lock);
    cc_job *job = &pass->jobs[j];
    job->state = err == CK_OK ? CHUNK_DONE : CHUNK_FAILED;
    job->err = err;
    if (err != CK_OK) {
        job->diag = *diag;
        pass->stop = true;
    }
    pthread_mutex_unlock(&pass->lock);
}

/* Reads chunks through db as worker until none is left (or one fails). */
static void work(cc_pass *pass, int worker, sqlite3 *db)
{
    cc_worker w = {pass, &pass->found[worker]};
    for (size_t j; (j = take_job(pass, worker)) != SIZE_MAX;) {
        ck_diag diag = {{0}};
        ck_error err = read_job(&w, db, j, &diag);
        if (err == CK_ERR_DB && worker == PASS_WORKER) {
            /* busy (a writer is committing) or another failure of SQLite's: every chunk
             * of this thread is read again on the run's connection, which says what the
             * failure is if it is real */
            pthread_mutex_lock(&pass->lock);
            pass->jobs[j].state = CHUNK_UNREAD;
            pthread_mutex_unlock(&pass->lock);
            return;
        }
        end_job(pass, j, err, &diag);
    }
}

/* Forgets what a worker found, so that its chunks can be read again. */
static void clear_found(cc_found *found, size_t agent_count)
{
    memset(found->rows, 0, (agent_count + 1) * sizeof *found->rows);
    memset(found->counts, 0, (agent_count + 1) * sizeof *found->counts);
    spill_free(found->breaches); /* case numbers are set only at the end, in the result's blocks */
    found->breaches = NULL;
    found->pair_count = 0;
}

static void free_found(cc_found *found)
{
    spill_free(found->breaches);
    free(found->pairs);
    free(found->rows);
    free(found->counts);
}

/* Adds what the pass's thread found to the run's findings (the order of the breaches and
 * pairs does not matter: both are sorted before use). */
static ck_error merge_found(cc_found *into, cc_found *from, size_t agent_count,
                            const engine_request *request, ck_diag *diag)
{
    for (size_t slot = 0; slot <= agent_count; slot++) {
        kpi_compliance_add(&into->rows[slot], &from->rows[slot]);
        into->counts[slot].contacts += from->counts[slot].contacts;
        into->counts[slot].call_attempts += from->counts[slot].call_attempts;
        into->counts[slot].rpc += from->counts[slot].rpc;
    }
    for (size_t i = 0; i < from->pair_count; i++)
        if (!VEC_PUSH(into->pairs, into->pair_count, into->pair_capacity, from->pairs[i]))
            return CK_ERR_NOMEM;
    ck_error err = CK_OK;
    size_t count = from->breaches != NULL ? spill_count(from->breaches) : 0;
    if (count > 0 && into->breaches == NULL)
        err = spill_new(sizeof(listed_breach), request->list_memory_budget, &into->breaches);
    for (size_t i = 0; err == CK_OK && i < count; i++) {
        listed_breach b;
        if ((err = spill_get(from->breaches, i, &b, diag)) == CK_OK)
            err = spill_push(into->breaches, &b, diag);
    }
    /* Merged: the thread's lists go now, not at the end of the run (a long period's are tens
     * of MiB, held through the promise follow-up otherwise). No case_no is set yet, so nothing
     * of them is freed twice. */
    spill_free(from->breaches);
    free(from->pairs);
    from->breaches = NULL;
    from->pairs = NULL;
    from->pair_count = from->pair_capacity = 0;
    return err;
}

static void *pass_thread(void *arg)
{
    cc_pass *pass = arg;
    sqlite3 *db = db_open_for_thread(pass->path);
    if (db != NULL) {
        /* One read transaction: one file lock for all the thread's statements. */
        bool in_transaction = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
        work(pass, PASS_WORKER, db);
        if (in_transaction)
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    }
    /* a connection that could not open reads nothing: the run's thread takes every chunk */
    sqlite3_close(db);
    return NULL;
}

/* The chunks of the period: cut at the first of each calendar month inside it. With two
 * threads and more than one month, the last month is also cut at 00:00 of the day three
 * quarters into it: both threads are busy until the end, instead of one reading a whole month
 * while the other has nothing left. The pass's thread, started first, reads the chunks in
 * order beside the kpi loads; the run's thread, done with its loads, takes the last piece, and
 * both finish together when that piece is about what the pass's thread still has to read of
 * the one before. On the large database a month is about 1.35 s of CPU and the loads of a
 * quarter about 0.8 s shorter than the pass's months: the last quarter of a month, with its
 * own look-back read (about 0.17 s, the cost of the extra cut), is about 0.45 s; a cut at the
 * middle left the run's thread 0.7 s to read after its loads while the other thread idled. */
/* Appends the chunk [start, end) to the jobs, cut at 00:00 of the days k/parts of the way into
 * it, for k from first_cut to parts - 1, that fall inside it (parts 1: whole). */
static bool push_job(cc_pass *pass, size_t *count, size_t *capacity, int64_t start, int64_t end,
                     int64_t first_cut, int64_t parts)
{
    cc_job job;
    memset(&job, 0, sizeof job);
    job.start = start;
    int64_t first_day = datetime_day_of(start), end_day = datetime_day_of(end - 1) + 1;
    for (int64_t k = first_cut; k < parts; k++) {
        int64_t cut = (first_day + k * (end_day - first_day) / parts) * DATETIME_SECONDS_PER_DAY;
        if (cut > job.start && cut < end) {
            job.end = cut;
            if (!VEC_PUSH(pass->jobs, *count, *capacity, job))
                return false;
            job.start = cut;
        }
    }
    job.end = end;
    return VEC_PUSH(pass->jobs, *count, *capacity, job);
}

static ck_error make_jobs(cc_pass *pass, bool threaded)
{
    const period *p = &pass->request->period;
    bool long_period = chunk_end(p->start, p->end) < p->end;
    /* Asked for by a run that shares memory with other work (the report's runs, beside the
     * trend's pass): with two threads, each of a long period's months is read in thirds, so
     * that the two chunks in memory at once are two thirds of a month's records, not two
     * months' (on the large database a month is about 67 MiB; in halves the year's report
     * still reached 200 MiB in some runs). Each third reads its own look-back (about 0.17 s
     * of CPU each), which the other runs (score --quarter) do not pay. */
    int64_t parts = threaded && long_period && pass->request->beside_another_pass ? 3 : 1;
    /* Any run of at most a month whose loads are done before its pass starts
     * (breach_pass_after_loads) and that runs alone (not beside_another_pass; today each month
     * of a run of months with compliance, engine_months.c): both threads read from the start,
     * so the month is cut in halves, one for each; the two halves hold one month's records, as
     * the whole did, and the cut at 00:00 changes no figure. */
    if (threaded && !long_period && pass->request->breach_pass_after_loads &&
        !pass->request->beside_another_pass)
        parts = 2;
    size_t count = 0, capacity = 0;
    for (int64_t start = p->start; start < p->end;) {
        int64_t end = chunk_end(start, p->end);
        if (!push_job(pass, &count, &capacity, start, end, 1, parts))
            return CK_ERR_NOMEM;
        start = end;
    }
    if (threaded && long_period) {
        cc_job last = pass->jobs[--count];
        if (!push_job(pass, &count, &capacity, last.start, last.end, 3, 4))
            return CK_ERR_NOMEM;
    }
    pass->job_count = count;
    return CK_OK;
}

ck_error engine_compliance_start(sqlite3 *db, const engine_request *request,
                                 const idmap *agent_slots, const engine_agent *agents,
                                 size_t agent_count, cc_pass **out, ck_diag *diag)
{
    cc_pass *pass = calloc(1, sizeof *pass);
    *out = pass;
    ck_error err = pass != NULL ? CK_OK : CK_ERR_NOMEM;
    if (err == CK_OK) {
        pass->request = request;
        pass->agent_slots = agent_slots;
        pass->agent_count = agent_count;
        pass->agent_ids = malloc((agent_count + 1) * sizeof *pass->agent_ids);
        for (int k = 0; k < 2; k++) {
            pass->found[k].rows = calloc(agent_count + 1, sizeof *pass->found[k].rows);
            pass->found[k].counts = calloc(agent_count + 1, sizeof *pass->found[k].counts);
            if (pass->found[k].rows == NULL || pass->found[k].counts == NULL)
                err = CK_ERR_NOMEM;
        }
        if (pass->agent_ids == NULL)
            err = CK_ERR_NOMEM;
    }
    bool threaded = err == CK_OK && engine_usable_jobs(db, request) > 1;
    if (err == CK_OK)
        err = make_jobs(pass, threaded);
    if (err != CK_OK) {
        ck_diag_set(diag, "out of memory");
        return err;
    }
    for (size_t i = 0; i < agent_count; i++)
        pass->agent_ids[i] = agents[i].agent_id;
    if (threaded && pass->job_count > 0) {
        pass->path = sqlite3_db_filename(db, "main");
        if (pthread_mutex_init(&pass->lock, NULL) == 0) {
            if (pthread_cond_init(&pass->changed, NULL) != 0)
                pthread_mutex_destroy(&pass->lock);
            /* no thread: the run's thread reads every chunk in engine_compliance_wait */
            else if (!(pass->started =
                           pthread_create(&pass->thread, NULL, pass_thread, pass) == 0)) {
                pthread_cond_destroy(&pass->changed);
                pthread_mutex_destroy(&pass->lock);
            }
        }
    }
    return CK_OK;
}

void engine_compliance_rows_in_chunks(cc_pass *pass)
{
    if (!pass->started) {
        pass->rows_in_chunks = true;
        return;
    }
    pthread_mutex_lock(&pass->lock);
    pass->rows_in_chunks = true;
    pthread_cond_broadcast(&pass->changed);
    pthread_mutex_unlock(&pass->lock);
}

/* Ends the pass's thread (it finishes the chunk it reads) and frees its lock. */
static void end_thread(cc_pass *pass, bool stop)
{
    if (!pass->started)
        return;
    pthread_mutex_lock(&pass->lock);
    pass->stop = pass->stop || stop;
    pass->run_waiting = true;
    pthread_cond_broadcast(&pass->changed);
    pthread_mutex_unlock(&pass->lock);
    pthread_join(pass->thread, NULL);
    pthread_cond_destroy(&pass->changed);
    pthread_mutex_destroy(&pass->lock);
    pass->started = false;
}

ck_error engine_compliance_wait(sqlite3 *db, cc_pass *pass, engine_agent *agents, ck_diag *diag)
{
    bool threaded = pass->started;
    if (threaded) {
        /* From here the pass's thread may read the later chunks too; this thread helps. */
        pthread_mutex_lock(&pass->lock);
        pass->run_waiting = true;
        pthread_cond_broadcast(&pass->changed);
        pthread_mutex_unlock(&pass->lock);
        work(pass, RUN_WORKER, db);
        end_thread(pass, false);
    } else {
        /* one thread: every chunk in time order, the same as one pass over the period */
        cc_worker w = {pass, &pass->found[RUN_WORKER]};
        for (size_t j = 0; j < pass->job_count; j++) {
            ck_diag job_diag = {{0}};
            ck_error err = read_job(&w, db, j, &job_diag);
            pass->jobs[j].state = err == CK_OK ? CHUNK_DONE : CHUNK_FAILED;
            pass->jobs[j].err = err;
            pass->jobs[j].diag = job_diag;
            if (err != CK_OK)
                break;
        }
    }
    /* What the thread could not read, the run's connection reads: all its chunks, since
     * some of them may have been credited in part. */
    bool reread = false;
    for (size_t j = 0; j < pass->job_count; j++)
        reread = reread || pass->jobs[j].state == CHUNK_UNREAD;
    if (reread) {
        clear_found(&pass->found[PASS_WORKER], pass->agent_count);
        for (size_t j = 0; j < pass->job_count; j++)
            if (pass->jobs[j].worker == PASS_WORKER &&
                (pass->jobs[j].state == CHUNK_DONE || pass->jobs[j].state == CHUNK_UNREAD))
                pass->jobs[j].state = CHUNK_UNREAD;
        cc_worker w = {pass, &pass->found[RUN_WORKER]};
        for (size_t j = 0; j < pass->job_count; j++) {
            if (pass->jobs[j].state != CHUNK_UNREAD)
                continue;
            ck_diag job_diag = {{0}};
            ck_error err = read_job(&w, db, j, &job_diag);
            pass->jobs[j].state = err == CK_OK ? CHUNK_DONE : CHUNK_FAILED;
            pass->jobs[j].err = err;
            pass->jobs[j].diag = job_diag;
            if (err != CK_OK)
                break;
        }
    }
    /* The first chunk in time order that failed is the failure one pass meets first. */
    for (size_t j = 0; j < pass->job_count; j++)
        if (pass->jobs[j].state == CHUNK_FAILED) {
            *diag = pass->jobs[j].diag;
            return pass->jobs[j].err;
        }
    cc_found *found = &pass->found[RUN_WORKER];
    ck_error err = threaded ? merge_found(found, &pass->found[PASS_WORKER], pass->agent_count,
                                          pass->request, diag)
                            : CK_OK;
    if (err != CK_OK) {
        if (err == CK_ERR_NOMEM)
            ck_diag_set(diag, "out of memory");
        return err;
    }
    cc_worker w = {pass, found};
    count_cases_with_breach(&w);
    for (size_t slot = 0; slot < pass->agent_count; slot++) {
        kpi_row *row = &agents[slot].row;
        row->contacts += found->counts[slot].contacts;
        row->call_attempts += found->counts[slot].call_attempts;
        row->rpc += found->counts[slot].rpc;
    }
    return CK_OK;
}

static int compare_breach(const void *a, const void *b)
{
    const kpi_breach *x = a, *y = b;
    if (x->contact_at != y->contact_at)
        return x->contact_at < y->contact_at ? -1 : 1;
    return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

/* Case numbers for the breach list (one lookup per run of one case; the breaches of a chunk
 * come in case order), kept once per case in the result's text blocks (a year's list on the
 * large database: 359,000 breaches), and the agents' result indexes, into the result's list
 * (a spill of kpi_breach records of the same budget), then in (contact_at, contact_id) order.
 * Two reads of the found list, in order; it is freed before the sort needs its memory. */
static ck_error finish_breach_list(sqlite3 *db, cc_found *found, kpi_result *result,
                                   const size_t *result_index_of_slot, size_t memory_budget,
                                   ck_diag *diag)
{
    size_t n = found->breaches != NULL ? spill_count(found->breaches) : 0, distinct = 0;
    int64_t *ids = malloc((n + 1) * sizeof *ids);
    const char **case_nos = NULL;
    ck_error err = ids != NULL ? CK_OK : CK_ERR_NOMEM;
    listed_breach b;
    for (size_t i = 0; i < n && err == CK_OK; i++)
        if ((err = spill_get(found->breaches, i, &b, diag)) == CK_OK &&
            (distinct == 0 || ids[distinct - 1] != b.case_id))
            ids[distinct++] = b.case_id;
    if (err == CK_OK && (case_nos = malloc((distinct + 1) * sizeof *case_nos)) == NULL)
        err = CK_ERR_NOMEM;
    if (err == CK_OK)
        err = engine_keep_case_nos(db, result, ids, distinct, case_nos, diag);
    if (err == CK_OK)
        err = spill_new(sizeof(kpi_breach), memory_budget, &result->breaches);
    for (size_t i = 0, d = 0; i < n && err == CK_OK; i++) {
        if ((err = spill_get(found->breaches, i, &b, diag)) != CK_OK)
            break;
        while (ids[d] != b.case_id)
            d++;
        b.breach.case_no = case_nos[d] != NULL ? case_nos[d] : "";
        if (b.breach.agent_index != KPI_NO_INDEX)
            b.breach.agent_index = result_index_of_slot[b.breach.agent_index];
        err = spill_push(result->breaches, &b.breach, diag);
    }
    free(case_nos);
    free(ids);
    spill_free(found->breaches);
    found->breaches = NULL;
    if (err == CK_OK)
        err = spill_sort(result->breaches, compare_breach, diag);
    if (err == CK_OK)
        result->breach_count = n;
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
    cc_found *found = &pass->found[RUN_WORKER];
    /* An agent with a contact in P has a row (its contacts count), so no slot that found
     * anything is left out. */
    for (size_t slot = 0; slot < pass->agent_count; slot++)
        if (result_index_of_slot[slot] != KPI_NO_INDEX)
            result->agents[result_index_of_slot[slot]].compliance = found->rows[slot];
    result->compliance_system = found->rows[pass->agent_count];
    ck_error err = pass->request->want_lists
                       ? finish_breach_list(db, found, result, result_index_of_slot,
                                            pass->request->list_memory_budget, diag)
                       : CK_OK;
    if (err == CK_OK) {
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
    end_thread(pass, true);
    free_found(&pass->found[RUN_WORKER]);
    free_found(&pass->found[PASS_WORKER]);
    free(pass->jobs);
    free(pass->agent_ids);
    free(pass);
}
