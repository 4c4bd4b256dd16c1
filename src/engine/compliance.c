/* compliance.c - one chunk of the breach pass of compliance.md (compliance_pass.c cuts the
 * period into chunks and walks them): reads the chunk's contacts and the look-back the rules
 * need once, in time order from the contacts_by_time index, into compact records (which also
 * give the kpi rows their contact counts: the month's contacts are read once for both);
 * places them by case, keeping time order; and reads the case facts the rules need.
 *
 * What is read, for a chunk C (day0 = 00:00:00 of C.start's day):
 *   - every contact from the earliest moment a rule of the profile looks at (cn: day0 or
 *     C.start - burst_seconds; us: also day0 - 6 days) up to C.end;
 *   - cn only: the contacts from day0 - unreachable_lookback_days up to there, but kept only
 *     for the cases with a third-party contact in C, the one rule that looks that far.
 * connected_per_day groups cases by debtor: the debtor_ref of the cases with a connected
 * call is read by primary key, turned into a group number in memory and freed at once; it
 * is in no record, no SQL sort and no output.
 */
#include <stdlib.h>
#include <string.h>

#include "collectkpi/codes.h"
#include "collectkpi/db.h"
#include "collectkpi/idmap.h"
#include "collectkpi/vec.h"
#include "compliance_internal.h"
#include "engine_data.h"

/* A debtor's outbound connected call in the chunk's days (connected_per_day). */
typedef struct cc_connected_entry {
    uint32_t group;
    int64_t at;
    int64_t contact_id;
    size_t index; /* into cc_chunk.contacts */
} connected_entry;

typedef struct code_cache {
    char text[24];
    size_t len; /* 0: nothing cached */
    int index;
} code_cache;

/* What reading a chunk needs besides the chunk. */
typedef struct cc_reader {
    const idmap *agent_slots; /* agent_id -> engine agent slot */
    cc_chunk *chunk;
    /* The far look-back keeps only these cases (sorted); NULL while reading the near part. */
    int64_t *keep_cases;
    size_t keep_count;
    /* The same set as bits over [keep_min, keep_min + 64 * keep_words), when that span is
     * small enough (case ids are usually dense): one test per row of the far look-back
     * instead of a binary search. NULL: use keep_cases. */
    uint64_t *keep_bits;
    int64_t keep_min;
    size_t keep_words;
    uint8_t outcome_flags[16]; /* by codes_outcome index */
    /* The code indexes the flags test, looked up once instead of compared as text per row. */
    int outbound_code, call_code, debtor_code, third_party_code;
    /* The last text seen in each code column and its index, and the last day seen in
     * contact_at: the rows come in time order and most repeat their neighbour's codes and
     * day, so a byte comparison replaces a lookup and a date parse for most rows. */
    code_cache codes[4];
    char day_text[11];
    int64_t day_seconds;
    /* The storage classes the contract gives the columns read (db_row_types), taken from the
     * statement at its first row. */
    db_row_types types;
} cc_reader;

/* The columns of a contacts read, in this order. */
enum {
    COL_CONTACT_ID,
    COL_CASE_ID,
    COL_AGENT_ID,
    COL_CONTACT_AT,
    COL_CHANNEL,
    COL_DIRECTION,
    COL_PARTY,
    COL_OUTCOME,
    COL_COUNT
};

static ck_error bad_contact(ck_diag *diag, int64_t id, const char *what)
{
    ck_diag_set(diag, "contacts row %lld: %s; run 'collectkpi check' on the database",
                (long long)id, what);
    return CK_ERR_DATA;
}

static bool contains_case(const int64_t *sorted, size_t count, int64_t case_id);

/* Whether the far look-back keeps case_id. */
static bool keeps(const cc_reader *reader, int64_t case_id)
{
    if (reader->keep_bits == NULL)
        return contains_case(reader->keep_cases, reader->keep_count, case_id);
    if (case_id < reader->keep_min)
        return false;
    uint64_t offset = (uint64_t)case_id - (uint64_t)reader->keep_min;
    if (offset / 64 >= reader->keep_words)
        return false;
    return (reader->keep_bits[offset / 64] >> (offset % 64)) & 1u;
}

/* Builds keep_bits from the sorted keep_cases when their span is at most 2^26 ids (8 MiB of
 * bits); otherwise leaves it NULL and keeps() searches the sorted list. */
static ck_error build_keep_bits(cc_reader *reader)
{
    if (reader->keep_count == 0)
        return CK_OK;
    int64_t lo = reader->keep_cases[0], hi = reader->keep_cases[reader->keep_count - 1];
    if (hi - lo < 0 || (uint64_t)(hi - lo) >= (UINT64_C(1) << 26))
        return CK_OK;
    size_t words = (size_t)((uint64_t)(hi - lo) / 64 + 1);
    reader->keep_bits = calloc(words, sizeof *reader->keep_bits);
    if (reader->keep_bits == NULL)
        return CK_ERR_NOMEM;
    reader->keep_min = lo;
    reader->keep_words = words;
    for (size_t i = 0; i < reader->keep_count; i++) {
        uint64_t offset = (uint64_t)(reader->keep_cases[i] - lo);
        reader->keep_bits[offset / 64] |= UINT64_C(1) << (offset % 64);
    }
    return CK_OK;
}

static bool contains_case(const int64_t *sorted, size_t count, int64_t case_id)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < case_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < count && sorted[lo] == case_id;
}

/* The code index of a TEXT value: most rows repeat the last row's text of the column, so a
 * comparison of length and bytes replaces the lookup. */
static int code_of(const codes_list *list, code_cache *cache, sqlite3_value *value)
{
    const char *text = (const char *)sqlite3_value_text(value);
    size_t len = (size_t)sqlite3_value_bytes(value);
    if (text == NULL)
        return -1;
    if (len == cache->len && len > 0 && memcmp(text, cache->text, len) == 0)
        return cache->index;
    int index = codes_find(list, text);
    /* Only a code is cached (never the "not a code" answer, which stops the read). */
    if (index >= 0 && len < sizeof cache->text) {
        memcpy(cache->text, text, len + 1);
        cache->len = len;
        cache->index = index;
    }
    return index;
}

/* contact_at as seconds: the day part parsed only when it differs from the last row's. */
static bool contact_time(cc_reader *reader, const char *text, size_t len, int64_t *seconds)
{
    int64_t clock;
    if (text != NULL && len == 19 && memcmp(text, reader->day_text, sizeof reader->day_text) == 0 &&
        datetime_parse_clock(text + 11, &clock)) {
        *seconds = reader->day_seconds + clock;
        return true;
    }
    if (text == NULL || !datetime_parse_ts(text, len, seconds))
        return false;
    memcpy(reader->day_text, text, sizeof reader->day_text);
    reader->day_seconds = datetime_day_of(*seconds) * DATETIME_SECONDS_PER_DAY;
    return true;
}

/* One row of "SELECT contact_id, case_id, agent_id, contact_at, channel, direction, party,
 * outcome" into a record. The columns are taken once each as values (each connection is used
 * by one thread only): the storage-class check and the reads below share them, which halves
 * the calls into SQLite per row of the pass's largest read. */
static ck_error take_contact(void *ctx, sqlite3_stmt *stmt, bool *stop, ck_diag *diag)
{
    (void)stop; /* every row of the window is needed */
    cc_reader *reader = ctx;
    sqlite3_value *v[COL_COUNT];
    ck_error err = db_row_values(&reader->types, stmt, COL_CONTACT_ID, COL_COUNT, v, diag);
    if (err != CK_OK)
        return err;
    cc_contact c;
    memset(&c, 0, sizeof c);
    c.case_id = sqlite3_value_int64(v[COL_CASE_ID]);
    if (reader->keep_cases != NULL && !keeps(reader, c.case_id))
        return CK_OK;
    c.contact_id = sqlite3_value_int64(v[COL_CONTACT_ID]);
    const char *at = (const char *)sqlite3_value_text(v[COL_CONTACT_AT]);
    if (!contact_time(reader, at, (size_t)sqlite3_value_bytes(v[COL_CONTACT_AT]), &c.at))
        return bad_contact(diag, c.contact_id,
                           "contact_at is not a real timestamp 'YYYY-MM-DD HH:MM:SS'");
    int channel = code_of(&codes_channel, &reader->codes[0], v[COL_CHANNEL]),
        direction = code_of(&codes_direction, &reader->codes[1], v[COL_DIRECTION]),
        party = code_of(&codes_party, &reader->codes[2], v[COL_PARTY]),
        outcome = code_of(&codes_outcome, &reader->codes[3], v[COL_OUTCOME]);
    if (channel < 0 || direction < 0 || party < 0 || outcome < 0)
        return bad_contact(diag, c.contact_id,
                           "channel, direction, party or outcome is not a contract code");
    c.channel = (uint8_t)channel;
    c.party = (uint8_t)party;
    c.outcome = (uint8_t)outcome;
    c.flags = reader->outcome_flags[outcome];
    if (direction == reader->outbound_code)
        c.flags |= CC_OUTBOUND;
    if (channel == reader->call_code)
        c.flags |= CC_CALL;
    if (party == reader->debtor_code)
        c.flags |= CC_DEBTOR;
    else if (party == reader->third_party_code)
        c.flags |= CC_THIRD_PARTY;
    const cc_rules *rules = &reader->chunk->rules;
    if (sqlite3_value_type(v[COL_AGENT_ID]) == SQLITE_NULL) {
        c.agent = CC_AGENT_SYSTEM;
    } else {
        size_t index = idmap_find(reader->agent_slots, sqlite3_value_int64(v[COL_AGENT_ID]));
        if (index == IDMAP_NONE && c.at >= rules->period_start && c.at < rules->period_end)
            return bad_contact(diag, c.contact_id, "agent_id names no agent");
        c.agent = index == IDMAP_NONE ? CC_AGENT_OTHER : (int32_t)index;
    }
    if (!VEC_PUSH(reader->chunk->contacts, reader->chunk->contact_count,
                  reader->chunk->contact_capacity, c))
        return CK_ERR_NOMEM;
    return CK_OK;
}

/* The SQL function cc_keeps_case(case_id) of the far read: whether the case is kept. As a
 * WHERE term it lets SQLite skip the other columns of the million rows the far look-back
 * passes over and hand back only the few thousand of the kept cases. */
static void keeps_case(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const cc_reader *reader = sqlite3_user_data(ctx);
    sqlite3_result_int(ctx, keeps(reader, sqlite3_value_int64(argv[0])));
}

/* The contacts with from <= contact_at < to (only the kept cases' when reader->keep_cases),
 * in contact_at order: the contacts_by_time index gives that order without a sort, and with
 * case_id in the index the read never touches the table. */
static ck_error read_contacts(cc_reader *reader, sqlite3 *db, int64_t from, int64_t to,
                              ck_diag *diag)
{
    static const char near_sql[] =
        "SELECT contact_id, case_id, agent_id, contact_at, channel, direction, party, outcome"
        " FROM contacts WHERE contact_at >= ?1 AND contact_at < ?2 ORDER BY contact_at";
    static const char far_sql[] =
        "SELECT contact_id, case_id, agent_id, contact_at, channel, direction, party, outcome"
        " FROM contacts WHERE contact_at >= ?1 AND contact_at < ?2 AND cc_keeps_case(case_id)"
        " ORDER BY contact_at";
    static const char keeps_case_name[] = "cc_keeps_case";
    char from_text[DATETIME_TS_SIZE], to_text[DATETIME_TS_SIZE];
    datetime_format_ts(from, from_text);
    datetime_format_ts(to, to_text);
    db_param params[] = {DB_TEXT(from_text), DB_TEXT(to_text)};
    if (reader->keep_cases == NULL)
        return db_each_row(db, near_sql, params, 2, take_contact, reader, diag);
    if (sqlite3_create_function_v2(db, keeps_case_name, 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, reader,
                                   keeps_case, NULL, NULL, NULL) != SQLITE_OK) {
        ck_diag_set(diag, "%s", sqlite3_errmsg(db));
        return CK_ERR_DB;
    }
    ck_error err = db_each_row(db, far_sql, params, 2, take_contact, reader, diag);
    /* The connection is the caller's: it leaves without the function. */
    sqlite3_create_function_v2(db, keeps_case_name, 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, NULL,
                               NULL, NULL, NULL);
    return err;
}

static unsigned channel_bits(const char *const *names, size_t count)
{
    unsigned bits = 0;
    for (size_t i = 0; i < count; i++)
        bits |= 1u << codes_find(&codes_channel, names[i]);
    return bits;
}

static void init_rules(const engine_request *request, int64_t start, int64_t end, cc_rules *rules)
{
    static const char *const cn_channels[] = {"call", "sms", "im", "visit"};
    static const char *const us_channels[] = {"call", "sms", "email", "im", "visit"};
    const compliance_settings *s = &request->settings.compliance;
    memset(rules, 0, sizeof *rules);
    rules->settings = s;
    rules->period_start = start;
    rules->period_end = end;
    rules->quiet_channels = s->profile == COMPLIANCE_PROFILE_US ? channel_bits(us_channels, 5)
                                                                : channel_bits(cn_channels, 4);
    rules->third_party_channels = channel_bits(cn_channels, 4);
}

static void init_outcome_flags(cc_reader *reader)
{
    static const char *const failed[] = {"no_answer", "busy", "invalid_number", "voicemail"};
    static const char *const conversation[] = {"contacted", "promise", "refusal", "dispute",
                                               "callback_requested"};
    for (size_t i = 0; i < 4; i++)
        reader->outcome_flags[codes_find(&codes_outcome, failed[i])] |= CC_FAILED;
    for (size_t i = 0; i < 5; i++)
        reader->outcome_flags[codes_find(&codes_outcome, conversation[i])] |= CC_CONVERSATION;
    reader->outcome_flags[codes_find(&codes_outcome, "invalid_number")] |= CC_INVALID_NUMBER;
    reader->outbound_code = codes_find(&codes_direction, "outbound");
    reader->call_code = codes_find(&codes_channel, "call");
    reader->debtor_code = codes_find(&codes_party, "debtor");
    reader->third_party_code = codes_find(&codes_party, "third_party");
}

/* (contact_at, contact_id) order of two records of one case. */
static bool comes_after(const cc_contact *x, const cc_contact *y)
{
    return x->at != y->at ? x->at > y->at : x->contact_id > y->contact_id;
}

/* The cases with an outbound third-party contact in P on a channel third_party_early checks:
 * the only ones whose contacts before the near window matter. Sorted, distinct. */
static ck_error third_party_cases(const cc_chunk *chunk, const cc_rules *rules, int64_t **out,
                                  size_t *out_count)
{
    int64_t *ids = NULL;
    size_t count = 0, capacity = 0;
    for (size_t i = 0; i < chunk->contact_count; i++) {
        const cc_contact *c = &chunk->contacts[i];
        if (c->at >= rules->period_start && c->at < rules->period_end && (c->flags & CC_OUTBOUND) &&
            (c->flags & CC_THIRD_PARTY) && (rules->third_party_channels & (1u << c->channel)) &&
            !VEC_PUSH(ids, count, capacity, c->case_id)) {
            free(ids);
            return CK_ERR_NOMEM;
        }
    }
    *out = ids;
    *out_count = idmap_sort_distinct(ids, count);
    return CK_OK;
}

static int compare_case_id(const void *a, const void *b)
{
    const cc_case *x = a, *y = b;
    return (x->case_id > y->case_id) - (x->case_id < y->case_id);
}

/* How the placement finds a record's case: key[i] is the key of record i's case, runs[key]
 * the first place of the case's run, cases the runs in case_id order. */
typedef struct case_keys {
    uint32_t *key;
    uint32_t *runs;
    cc_case *cases;
    size_t case_count;
} case_keys;

/* Keys for case ids that span at most a few times the record count (every database the
 * project makes numbers its cases 1, 2, ...): key = case_id - min, a table over the span,
 * no hashing and no sort. */
static ck_error key_by_span(const cc_chunk *chunk, int64_t min, size_t span, case_keys *k)
{
    const cc_contact *contacts = chunk->contacts;
    size_t n = chunk->contact_count, distinct = 0, first = 0;
    if ((k->runs = calloc(span + 1, sizeof *k->runs)) == NULL)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        k->key[i] = (uint32_t)((uint64_t)contacts[i].case_id - (uint64_t)min);
        distinct += k->runs[k->key[i]]++ == 0;
    }
    if ((k->cases = malloc((distinct + 1) * sizeof *k->cases)) == NULL)
        return CK_ERR_NOMEM;
    for (size_t key = 0; key < span; key++) {
        if (k->runs[key] == 0)
            continue;
        cc_case c = {first, k->runs[key], (int64_t)((uint64_t)min + key), INT64_MIN, UINT32_MAX};
        k->cases[k->case_count++] = c;
        k->runs[key] = (uint32_t)first;
        first += c.count;
    }
    return CK_OK;
}

/* Keys for any other case ids: a dense number per case from a hash map, then the cases
 * sorted by id. */
static ck_error key_by_map(const cc_chunk *chunk, case_keys *k)
{
    const cc_contact *contacts = chunk->contacts;
    size_t n = chunk->contact_count, capacity = 0, first = 0;
    idmap numbers;
    idmap_init(&numbers);
    ck_error err = CK_OK;
    for (size_t i = 0; i < n && err == CK_OK; i++) {
        size_t number;
        bool added;
        err = idmap_insert(&numbers, contacts[i].case_id, &number, &added);
        if (err == CK_OK && added) {
            /* first holds the case's number until the cases are sorted */
            cc_case c = {number, 0, contacts[i].case_id, INT64_MIN, UINT32_MAX};
            if (!VEC_PUSH(k->cases, k->case_count, capacity, c))
                err = CK_ERR_NOMEM;
        }
        if (err == CK_OK) {
            k->cases[number].count++;
            k->key[i] = (uint32_t)number;
        }
    }
    idmap_free(&numbers);
    if (err == CK_OK && (k->runs = malloc((k->case_count + 1) * sizeof *k->runs)) == NULL)
        err = CK_ERR_NOMEM;
    if (err != CK_OK)
        return err;
    if (k->case_count > 0)
        qsort(k->cases, k->case_count, sizeof *k->cases, compare_case_id);
    for (size_t c = 0; c < k->case_count; c++) {
        k->runs[k->cases[c].first] = (uint32_t)first;
        k->cases[c].first = first;
        first += k->cases[c].count;
    }
    return CK_OK;
}

/* Puts the records in (case_id, contact_at, contact_id) order and returns the case runs, in
 * case_id order. The records come in contact_at order (the far look-back's, all earlier,
 * after the near window's), so a stable placement by case -- far records first -- leaves
 * each case in time order; only contacts of one case at the same second may then need
 * their contact_ids put in order (the index orders them by agent, channel, ... first).
 * No second array of records: one uint32 per record holds its case's key, then where it
 * goes, and the records move in place along the cycles of that permutation. */
static ck_error place_by_case(cc_chunk *chunk, cc_case **out, size_t *out_count)
{
    size_t n = chunk->contact_count;
    cc_contact *contacts = chunk->contacts;
    case_keys k = {NULL, NULL, NULL, 0};
    int64_t min = n > 0 ? contacts[0].case_id : 0, max = min;
    for (size_t i = 1; i < n; i++) {
        min = contacts[i].case_id < min ? contacts[i].case_id : min;
        max = contacts[i].case_id > max ? contacts[i].case_id : max;
    }
    uint64_t span = (uint64_t)max - (uint64_t)min + 1;
    ck_error err = n < UINT32_MAX ? CK_OK : CK_ERR_NOMEM;
    if (err == CK_OK && (k.key = malloc((n + 1) * sizeof *k.key)) == NULL)
        err = CK_ERR_NOMEM;
    if (err == CK_OK)
        err = span != 0 && span <= UINT32_MAX && span / 4 <= n
                  ? key_by_span(chunk, min, (size_t)span, &k)
                  : key_by_map(chunk, &k);
    if (err != CK_OK)
        goto done;
    uint32_t *to = k.key;
    for (size_t i = chunk->near_count; i < n; i++)
        to[i] = k.runs[to[i]]++;
    for (size_t i = 0; i < chunk->near_count; i++)
        to[i] = k.runs[to[i]]++;
    for (size_t i = 0; i < n; i++) {
        while (to[i] != i) {
            uint32_t j = to[i];
            cc_contact moved = contacts[j];
            contacts[j] = contacts[i];
            contacts[i] = moved;
            to[i] = to[j];
            to[j] = j;
        }
    }
    for (size_t c = 0; c < k.case_count; c++) {
        cc_contact *run = contacts + k.cases[c].first;
        for (size_t i = 1; i < k.cases[c].count; i++)
            for (size_t j = i; j > 0 && comes_after(&run[j - 1], &run[j]); j--) {
                cc_contact moved = run[j];
                run[j] = run[j - 1];
                run[j - 1] = moved;
            }
    }
done:
    free(k.key);
    free(k.runs);
    if (err != CK_OK) {
        free(k.cases);
        return err;
    }
    *out = k.cases;
    *out_count = k.case_count;
    return CK_OK;
}

typedef struct debtor_entry {
    char *ref;
    size_t case_index;
} debtor_entry;

static int compare_debtor(const void *a, const void *b)
{
    const debtor_entry *x = a, *y = b;
    return strcmp(x->ref, y->ref);
}

/* cn: placed_at of the cases third_party_early checks, and a debtor group number for the
 * cases with an outbound connected call from day0 on (connected_per_day). One primary-key
 * lookup per such case, in case_id order. */
static ck_error load_case_facts(sqlite3 *db, const cc_chunk *chunk, const cc_rules *rules,
                                cc_case *cases, size_t case_count, ck_diag *diag)
{
    int64_t day0 = datetime_day_of(rules->period_start) * DATETIME_SECONDS_PER_DAY;
    sqlite3_stmt *stmt = NULL;
    debtor_entry *debtors = NULL;
    size_t debtor_count = 0, debtor_capacity = 0;
    ck_error err =
        db_prepare(db, "SELECT placed_at, debtor_ref FROM cases WHERE case_id = ?1", &stmt, diag);
    db_row_types types;
    if (err == CK_OK)
        db_row_types_init(&types, stmt, SCHEMA_CASES);
    for (size_t k = 0; k < case_count && err == CK_OK; k++) {
        cc_case *cs = &cases[k];
        bool third = false, connected = false;
        for (size_t i = cs->first; i < cs->first + cs->count; i++) {
            const cc_contact *c = &chunk->contacts[i];
            bool in_period = c->at >= rules->period_start && c->at < rules->period_end;
            third =
                third || (in_period && (c->flags & CC_OUTBOUND) && (c->flags & CC_THIRD_PARTY) &&
                          (rules->third_party_channels & (1u << c->channel)));
            connected = connected || (c->at >= day0 && c->at < rules->period_end &&
                                      (c->flags & CC_OUTBOUND) && cc_is_connected_call(c));
        }
        if (!third && !connected)
            continue;
        sqlite3_reset(stmt);
        sqlite3_bind_int64(stmt, 1, cs->case_id);
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) {
            ck_diag_set(diag,
                        "contacts refer to case_id %lld, which does not exist; run "
                        "'collectkpi check' on the database",
                        (long long)cs->case_id);
            err = CK_ERR_DATA;
            break;
        }
        if (rc != SQLITE_ROW) {
            ck_diag_set(diag, "%s", sqlite3_errmsg(db));
            err = CK_ERR_DB;
            break;
        }
        if ((err = db_row_types_check(&types, stmt, cs->case_id, diag)) != CK_OK)
            break;
        const char *placed = (const char *)sqlite3_column_text(stmt, 0);
        if (placed == NULL ||
            !datetime_parse_ts(placed, (size_t)sqlite3_column_bytes(stmt, 0), &cs->placed_at)) {
            ck_diag_set(diag,
                        "cases row %lld: placed_at is not a real timestamp; run 'collectkpi "
                        "check' on the database",
                        (long long)cs->case_id);
            err = CK_ERR_DATA;
            break;
        }
        if (connected) {
            const char *ref = (const char *)sqlite3_column_text(stmt, 1);
            debtor_entry e = {strdup(ref ? ref : ""), k};
            if (e.ref == NULL || !VEC_PUSH(debtors, debtor_count, debtor_capacity, e)) {
                free(e.ref);
                err = CK_ERR_NOMEM;
            }
        }
    }
    sqlite3_finalize(stmt);
    if (err == CK_OK && debtor_count > 0) {
        qsort(debtors, debtor_count, sizeof *debtors, compare_debtor);
        uint32_t group = 0;
        for (size_t i = 0; i < debtor_count; i++) {
            if (i > 0 && strcmp(debtors[i - 1].ref, debtors[i].ref) != 0)
                group++;
            cases[debtors[i].case_index].debtor_group = group;
        }
    }
    /* The references are gone before any figure is computed. */
    for (size_t i = 0; i < debtor_count; i++)
        free(debtors[i].ref);
    free(debtors);
    return err;
}

static int compare_connected(const void *a, const void *b)
{
    const connected_entry *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

/* connected_per_day: an outbound connected call breaks it when the same debtor already had
 * connected_calls_per_day outbound connected calls on its day before it (any of the
 * debtor's cases, in (contact_at, contact_id) order). */
static ck_error mark_connected_per_day(cc_chunk *chunk, const cc_rules *rules, const cc_case *cases,
                                       size_t case_count)
{
    int64_t day0 = datetime_day_of(rules->period_start) * DATETIME_SECONDS_PER_DAY;
    connected_entry *entries = NULL;
    size_t count = 0, capacity = 0;
    for (size_t k = 0; k < case_count; k++) {
        if (cases[k].debtor_group == UINT32_MAX)
            continue;
        for (size_t i = cases[k].first; i < cases[k].first + cases[k].count; i++) {
            const cc_contact *c = &chunk->contacts[i];
            if (c->at < day0 || c->at >= rules->period_end || !(c->flags & CC_OUTBOUND) ||
                !cc_is_connected_call(c))
                continue;
            connected_entry e = {cases[k].debtor_group, c->at, c->contact_id, i};
            if (!VEC_PUSH(entries, count, capacity, e)) {
                free(entries);
                return CK_ERR_NOMEM;
            }
        }
    }
    if (count > 0)
        qsort(entries, count, sizeof *entries, compare_connected);
    int before = 0;
    for (size_t i = 0; i < count; i++) {
        bool same = i > 0 && entries[i - 1].group == entries[i].group &&
                    datetime_day_of(entries[i - 1].at) == datetime_day_of(entries[i].at);
        before = same ? before + 1 : 0;
        if (before >= rules->settings->connected_calls_per_day)
            chunk->contacts[entries[i].index].flags |= CC_OVER_CONNECTED;
    }
    if (chunk->keep_connected) {
        chunk->connected = entries;
        chunk->connected_count = count;
        return CK_OK;
    }
    free(entries);
    return CK_OK;
}

void cc_chunk_why_connected(const cc_chunk *chunk, uint32_t group, const cc_contact *c,
                            cc_why_list *why)
{
    const connected_entry *entries = chunk->connected;
    connected_entry key = {group, c->at, c->contact_id, 0};
    const connected_entry *found =
        bsearch(&key, entries, chunk->connected_count, sizeof *entries, compare_connected);
    if (found == NULL)
        return;
    size_t first = (size_t)(found - entries);
    int64_t day = datetime_day_of(c->at);
    while (first > 0 && entries[first - 1].group == group &&
           datetime_day_of(entries[first - 1].at) == day)
        first--;
    for (size_t i = first; i < (size_t)(found - entries); i++)
        if (!cc_why_add(why, &chunk->contacts[entries[i].index],
                        1u << COMPLIANCE_CONNECTED_PER_DAY))
            return;
}

ck_error cc_chunk_read(sqlite3 *db, const engine_request *request, const idmap *agent_slots,
                       int64_t start, int64_t end, cc_chunk *chunk, ck_diag *diag)
{
    cc_reader reader;
    memset(&reader, 0, sizeof reader);
    memset(chunk, 0, sizeof *chunk);
    reader.agent_slots = agent_slots;
    reader.chunk = chunk;
    reader.types.table = SCHEMA_CONTACTS;
    init_outcome_flags(&reader);
    init_rules(request, start, end, &chunk->rules);
    chunk->keep_connected = request->witness != NULL;
    const compliance_settings *s = &request->settings.compliance;
    bool cn = s->profile == COMPLIANCE_PROFILE_CN;
    /* How far back each rule looks from a contact in C: burst by burst_seconds; the per-day
     * rules to 00:00 of the day; the us seven-day rules six days more. */
    int64_t day0 = datetime_day_of(start) * DATETIME_SECONDS_PER_DAY;
    int64_t near_start = start - s->burst_seconds;
    int64_t same_days = cn ? day0 : day0 - 6 * DATETIME_SECONDS_PER_DAY;
    if (same_days < near_start)
        near_start = same_days;
    ck_error err = read_contacts(&reader, db, near_start, end, diag);
    chunk->near_count = chunk->contact_count;
    int64_t far_start = day0 - s->unreachable_lookback_days * DATETIME_SECONDS_PER_DAY;
    if (err == CK_OK && cn && far_start < near_start) {
        err = third_party_cases(chunk, &chunk->rules, &reader.keep_cases, &reader.keep_count);
        if (err == CK_OK)
            err = build_keep_bits(&reader);
        if (err == CK_OK && reader.keep_count > 0)
            err = read_contacts(&reader, db, far_start, near_start, diag);
    }
    free(reader.keep_cases);
    free(reader.keep_bits);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    return err;
}

ck_error cc_chunk_index(sqlite3 *db, cc_chunk *chunk, ck_diag *diag)
{
    const cc_rules *rules = &chunk->rules;
    bool cn = rules->settings->profile == COMPLIANCE_PROFILE_CN;
    ck_error err = place_by_case(chunk, &chunk->cases, &chunk->case_count);
    if (err == CK_OK && cn)
        err = load_case_facts(db, chunk, rules, chunk->cases, chunk->case_count, diag);
    if (err == CK_OK && cn)
        err = mark_connected_per_day(chunk, rules, chunk->cases, chunk->case_count);
    if (err == CK_ERR_NOMEM)
        ck_diag_set(diag, "out of memory");
    return err;
}

void cc_chunk_free(cc_chunk *chunk)
{
    free(chunk->contacts);
    free(chunk->cases);
    free(chunk->connected);
    memset(chunk, 0, sizeof *chunk);
}
