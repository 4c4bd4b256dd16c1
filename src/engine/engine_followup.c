/* engine_followup.c - what the follow-up lists show beside each broken or pending promise and
 * each open complaint (lists only): the figures a team lead acts on, none of them a kpi.md
 * column.
 *
 * For a promise: the shortfall, the days since its window closed, the case's holder at as_of
 * when the case has moved to another agent, the case's last contact up to as_of and its
 * outstanding balance at as_of. It runs once, after every chunk of cases was credited, over the
 * promises the chunks listed (engine_lists.c): the case number, holder and balance are one
 * indexed lookup per case (cases' primary key, assignments_by_case, payments_by_case), which
 * would cost the same per chunk; the last contact is one pass over the contacts (the contract
 * has no index of contacts by case, so a chunk could not read only its own cases' contacts),
 * made only when some promise is listed. Once for all chunks, the pass is read once, not once
 * per chunk. It reads back in time from as_of (contacts_by_time read in reverse): the first
 * contact it meets of a case is the case's last, and it stops once every case has its last
 * contact, which for cases worked lately is after a few weeks of contacts instead of all of
 * them. A run without lists never comes here, so `kpi` is as fast as before.
 */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/datetime.h"
#include "collectkpi/idmap.h"
#include "collectkpi/db.h"
#include "collectkpi/schema.h"
#include "engine_data.h"

/* One case of the listed promises: its facts, looked up once however many promises it has. */
typedef struct case_facts {
    int64_t case_id;
    int64_t placed_balance_minor;
    const char *case_no; /* in the result's text blocks; NULL when the case is gone */
    size_t holder_slot;
    int64_t outstanding_minor;
    int64_t last_contact_at;
    bool has_holder, has_last_contact; /* (together: 56 bytes a case, not 64) */
} case_facts;

typedef struct contact_pass {
    case_facts *facts; /* by case_id, each case once */
    size_t fact_count;
    size_t unfound; /* cases whose last contact the pass has not met yet */
    /* The pass reads every contact up to as_of, tens of millions at the large size, and most
     * rows are of a case not listed or already met: each row must be turned away with one
     * look, not a binary search over the facts (a cache miss at each of its 19 steps for the
     * 448,000 cases of 24 months: 12 s of the pass). When the cases' ids are dense (case ids
     * usually are), fact_of[case_id - wanted_min] is the case's fact, FOLLOWUP_NOT_WANTED
     * for an id not listed or a case already met (slot_count ids, 4 bytes each). Else, when
     * the span is not too wide, the listed cases as bits over [wanted_min, wanted_min + 64 *
     * word_count), and the binary search for those that pass. */
    uint32_t *fact_of;
    size_t slot_count;
    uint64_t *wanted_bits;
    size_t word_count;
    int64_t wanted_min;
} contact_pass;

#define FOLLOWUP_NOT_WANTED UINT32_MAX
/* Ids per listed case a dense map may cover (32 bytes of map per case at most). */
#define FOLLOWUP_SLOTS_PER_FACT 8
/* A span of ids whose bits take at most 16 MiB. */
#define FOLLOWUP_MAX_BIT_WORDS (((size_t)1 << 27) / 64)

static int compare_facts(const void *a, const void *b)
{
    const case_facts *x = a, *y = b;
    return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

static case_facts *find_facts(case_facts *facts, size_t count, int64_t case_id)
{
    case_facts key = {.case_id = case_id};
    return bsearch(&key, facts, count, sizeof *facts, compare_facts);
}

/* fact_of when the ids are dense, else wanted_bits when their span allows, else neither. */
static ck_error wanted_make(contact_pass *pass)
{
    if (pass->fact_count == 0)
        return CK_OK;
    int64_t min = pass->facts[0].case_id, max = pass->facts[pass->fact_count - 1].case_id;
    uint64_t span = (uint64_t)max - (uint64_t)min;
    pass->wanted_min = min;
    if (pass->fact_count < FOLLOWUP_NOT_WANTED &&
        span / FOLLOWUP_SLOTS_PER_FACT < (uint64_t)pass->fact_count) {
        pass->slot_count = (size_t)span + 1;
        pass->fact_of = malloc(pass->slot_count * sizeof *pass->fact_of);
        if (pass->fact_of == NULL)
            return CK_ERR_NOMEM;
        memset(pass->fact_of, 0xff, pass->slot_count * sizeof *pass->fact_of);
        for (size_t i = 0; i < pass->fact_count; i++)
            pass->fact_of[(uint64_t)pass->facts[i].case_id - (uint64_t)min] = (uint32_t)i;
        return CK_OK;
    }
    if (span / 64 >= FOLLOWUP_MAX_BIT_WORDS)
        return CK_OK; /* the binary search it is */
    pass->word_count = (size_t)(span / 64) + 1;
    pass->wanted_bits = calloc(pass->word_count, sizeof *pass->wanted_bits);
    if (pass->wanted_bits == NULL)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < pass->fact_count; i++) {
        uint64_t offset = (uint64_t)pass->facts[i].case_id - (uint64_t)min;
        pass->wanted_bits[offset / 64] |= UINT64_C(1) << (offset % 64);
    }
    return CK_OK;
}

static ck_error on_contact(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    contact_pass *pass = ctx;
    int64_t case_id = sqlite3_column_int64(stmt, 0);
    uint64_t offset = (uint64_t)case_id - (uint64_t)pass->wanted_min;
    case_facts *f = NULL;
    if (pass->fact_of != NULL) {
        if (case_id < pass->wanted_min || offset >= pass->slot_count ||
            pass->fact_of[offset] == FOLLOWUP_NOT_WANTED)
            return CK_OK;
        f = &pass->facts[pass->fact_of[offset]];
        pass->fact_of[offset] = FOLLOWUP_NOT_WANTED; /* met: its other rows are older */
    } else {
        if (pass->wanted_bits != NULL &&
            (case_id < pass->wanted_min || offset / 64 >= pass->word_count ||
             !((pass->wanted_bits[offset / 64] >> (offset % 64)) & 1u)))
            return CK_OK;
        f = find_facts(pass->facts, pass->fact_count, case_id);
    }
    /* Read back in time: a case's first row is its last contact, and its later rows change
     * nothing (their texts are not even parsed: most rows of a long scan are such). */
    if (f == NULL || f->has_last_contact)
        return CK_OK;
    const char *text = (const char *)sqlite3_column_text(stmt, 1);
    int64_t at = 0;
    if (text == NULL || !datetime_parse_ts(text, (size_t)sqlite3_column_bytes(stmt, 1), &at)) {
        ck_diag_set(diag,
                    "contacts row %lld: contact_at is not a real timestamp 'YYYY-MM-DD HH:MM:SS'; "
                    "run 'collectkpi check' on the database",
                    (long long)sqlite3_column_int64(stmt, 2));
        return CK_ERR_DATA;
    }
    if (--pass->unfound == 0)
        *stop = true; /* every case has its last one */
    f->has_last_contact = true;
    f->last_contact_at = at;
    return CK_OK;
}

/* holder(case, as_of) and outstanding(case, as_of + 1 s) of one case. */
static ck_error look_up_case(const engine_data *data, sqlite3_stmt *holder, sqlite3_stmt *paid,
                             const char *as_of_text, case_facts *f, ck_diag *diag)
{
    sqlite3_reset(holder);
    sqlite3_bind_int64(holder, 1, f->case_id);
    sqlite3_bind_text(holder, 2, as_of_text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(holder);
    if (rc == SQLITE_ROW) {
        f->holder_slot = idmap_find(&data->agent_ids, sqlite3_column_int64(holder, 0));
        f->has_holder = f->holder_slot != IDMAP_NONE;
    } else if (rc != SQLITE_DONE) {
        ck_diag_set(diag, "%s", sqlite3_errmsg(data->db));
        return CK_ERR_DB;
    }
    sqlite3_reset(paid);
    sqlite3_bind_int64(paid, 1, f->case_id);
    sqlite3_bind_text(paid, 2, as_of_text, -1, SQLITE_STATIC);
    rc = sqlite3_step(paid);
    /* sum() stops with "integer overflow" rather than wrap: the data's fault, not SQLite's */
    if (rc != SQLITE_ROW && strcmp(sqlite3_errmsg(data->db), "integer overflow") == 0) {
        ck_diag_set(diag, "cases row %lld: its payments sum beyond the int64 range",
                    (long long)f->case_id);
        return CK_ERR_DATA;
    }
    if (rc != SQLITE_ROW) {
        ck_diag_set(diag, "%s", sqlite3_errmsg(data->db));
        return CK_ERR_DB;
    }
    /* sum() is a REAL when an amount is not an INTEGER: never a figure */
    if (sqlite3_column_type(paid, 0) != SQLITE_INTEGER &&
        sqlite3_column_type(paid, 0) != SQLITE_NULL) {
        ck_diag_set(diag,
                    "cases row %lld: a payment of this case has an amount that is not "
                    "stored as INTEGER",
                    (long long)f->case_id);
        return CK_ERR_DATA;
    }
    int64_t paid_minor = sqlite3_column_int64(paid, 0); /* sum() of no row is NULL: 0 */
    int64_t outstanding = 0;
    if (__builtin_sub_overflow(f->placed_balance_minor, paid_minor, &outstanding)) {
        ck_diag_set(diag, "cases row %lld: the balance less its payments overflows",
                    (long long)f->case_id);
        return CK_ERR_DATA;
    }
    f->outstanding_minor = outstanding > 0 ? outstanding : 0;
    return CK_OK;
}

static ck_error look_up_cases(const engine_data *data, const char *as_of_text, case_facts *facts,
                              size_t count, ck_diag *diag)
{
    static const char holder_sql[] =
        "SELECT agent_id FROM assignments WHERE case_id = ?1 AND start_at <= ?2"
        " AND (end_at IS NULL OR end_at > ?2) ORDER BY start_at DESC, assignment_id DESC LIMIT 1";
    static const char paid_sql[] =
        "SELECT sum(amount) FROM payments WHERE case_id = ?1 AND paid_at <= ?2";
    sqlite3_stmt *holder = NULL, *paid = NULL;
    ck_error err = db_prepare(data->db, holder_sql, &holder, diag);
    if (err == CK_OK)
        err = db_prepare(data->db, paid_sql, &paid, diag);
    for (size_t i = 0; err == CK_OK && i < count; i++)
        err = look_up_case(data, holder, paid, as_of_text, &facts[i], diag);
    sqlite3_finalize(holder);
    sqlite3_finalize(paid);
    return err;
}

/* Each case's case_no, kept in the result's text blocks. */
static ck_error look_up_case_nos(const engine_data *data, kpi_result *result, case_facts *facts,
                                 size_t count, ck_diag *diag)
{
    int64_t ids[ENGINE_CASE_NO_BATCH];
    const char *case_nos[ENGINE_CASE_NO_BATCH];
    ck_error err = CK_OK;
    for (size_t first = 0; err == CK_OK && first < count; first += ENGINE_CASE_NO_BATCH) {
        size_t n = count - first < ENGINE_CASE_NO_BATCH ? count - first : ENGINE_CASE_NO_BATCH;
        for (size_t i = 0; i < n; i++)
            ids[i] = facts[first + i].case_id;
        err = engine_keep_case_nos(data->db, result, ids, n, case_nos, diag);
        for (size_t i = 0; err == CK_OK && i < n; i++)
            facts[first + i].case_no = case_nos[i];
    }
    return err;
}

static void fill_promise(const case_facts *f, int64_t as_of, kpi_promise *out)
{
    int64_t credited = out->paid_toward_minor > 0 ? out->paid_toward_minor : 0;
    out->case_no = f->case_no;
    out->shortfall_minor = out->amount_minor > credited ? out->amount_minor - credited : 0;
    if (out->status == KPI_PROMISE_BROKEN)
        out->days_overdue = datetime_day_of(as_of) - datetime_day_of(out->window_end);
    out->has_last_contact = f->has_last_contact;
    out->last_contact_at = f->last_contact_at;
    out->outstanding_minor = f->outstanding_minor;
}

/* The listed promises' cases, each once, in case_id order, with their placed balances (the
 * same in each of a case's listed promises). Two reads of the list, in order. */
static ck_error make_facts(spill *listed, case_facts **out, size_t *out_count, ck_diag *diag)
{
    size_t count = spill_count(listed);
    engine_listed one;
    int64_t *case_ids = malloc((count + 1) * sizeof *case_ids);
    ck_error err = case_ids != NULL ? CK_OK : CK_ERR_NOMEM;
    for (size_t i = 0; err == CK_OK && i < count; i++)
        if ((err = spill_get(listed, i, &one, diag)) == CK_OK)
            case_ids[i] = one.case_id;
    size_t fact_count = err == CK_OK ? idmap_sort_distinct(case_ids, count) : 0;
    case_facts *facts = err == CK_OK ? calloc(fact_count + 1, sizeof *facts) : NULL;
    if (err == CK_OK && facts == NULL)
        err = CK_ERR_NOMEM;
    for (size_t i = 0; err == CK_OK && i < fact_count; i++)
        facts[i].case_id = case_ids[i];
    free(case_ids);
    for (size_t i = 0; err == CK_OK && i < count; i++)
        if ((err = spill_get(listed, i, &one, diag)) == CK_OK)
            find_facts(facts, fact_count, one.case_id)->placed_balance_minor =
                one.placed_balance_minor;
    if (err != CK_OK) {
        free(facts);
        return err;
    }
    *out = facts;
    *out_count = fact_count;
    return CK_OK;
}

ck_error engine_promise_followup(engine_data *data, kpi_result *result, ck_diag *diag)
{
    /* The facts are per case, each case once, and sized by the cases: a case often has
     * several listed promises (24 months of the large database list 753,675 promises), and a
     * fact per promise made unique afterwards held the peak of a long report. */
    case_facts *facts = NULL;
    size_t fact_count = 0;
    ck_error err = make_facts(data->listed, &facts, &fact_count, diag);
    if (err != CK_OK)
        return err;

    char as_of_text[DATETIME_TS_SIZE];
    datetime_format_ts(result->as_of, as_of_text);
    err = look_up_cases(data, as_of_text, facts, fact_count, diag);
    contact_pass pass = {facts, fact_count, fact_count, NULL, 0, NULL, 0, 0};
    if (err == CK_OK)
        err = wanted_make(&pass);
    const db_param params[] = {DB_TEXT(as_of_text)};
    if (err == CK_OK)
        err = db_each_checked_row(data->db, SCHEMA_CONTACTS, 2,
                                  "SELECT case_id, contact_at, contact_id FROM contacts"
                                  " WHERE contact_at <= ?1 ORDER BY contact_at DESC",
                                  params, 1, on_contact, &pass, diag);
    if (err == CK_OK)
        err = look_up_case_nos(data, result, facts, fact_count, diag);
    /* each record read, followed up and written back in turn: a block at a time */
    size_t count = spill_count(data->listed);
    for (size_t i = 0; err == CK_OK && i < count; i++) {
        engine_listed listed;
        if ((err = spill_get(data->listed, i, &listed, diag)) != CK_OK)
            break;
        const case_facts *f = find_facts(facts, fact_count, listed.case_id);
        fill_promise(f, result->as_of, &listed.promise);
        listed.holder_slot = f->has_holder && f->holder_slot != listed.promise.agent_index
                                 ? f->holder_slot
                                 : IDMAP_NONE;
        err = spill_put(data->listed, i, &listed, diag);
    }
    free(pass.fact_of);
    free(pass.wanted_bits);
    free(facts);
    return err;
}

void engine_complaint_followup(const settings *s, int64_t as_of, kpi_complaint *c)
{
    if (c->resolved)
        return;
    int64_t open_seconds = as_of > c->received_at ? as_of - c->received_at : 0;
    c->days_open = stats_ratio((double)open_seconds, DATETIME_SECONDS_PER_DAY);
    c->overdue = c->days_open.defined && c->days_open.value > (double)s->complaint_handling_days;
}
