/* compliance_internal.h - private to the breach pass (compliance.c, compliance_pass.c,
 * compliance_rules.c).
 *
 * The pass holds the contacts it needs as compact records of integers (32 bytes each): no
 * text survives the load, so a month of a 30-million-contact database fits in a few tens of
 * MiB, and the debtor reference (needed only to group cases by debtor) never enters them.
 */
#ifndef COLLECTKPI_COMPLIANCE_INTERNAL_H
#define COLLECTKPI_COMPLIANCE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/compliance.h"
#include "collectkpi/engine.h"
#include "collectkpi/period.h"
#include "collectkpi/witness.h"

/* agent of a record: an engine agent slot (engine_data.agents), or one of these. */
#define CC_AGENT_SYSTEM (-1) /* agent_id NULL: an automated message */
#define CC_AGENT_OTHER  (-2) /* agent_id names no agent (only outside the chunk): never counted */

/* flags of a record: what the rules ask of a contact, decided once at load. */
enum {
    CC_OUTBOUND = 1 << 0,       /* direction = 'outbound' */
    CC_CALL = 1 << 1,           /* channel = 'call' */
    CC_FAILED = 1 << 2,         /* outcome no_answer, busy, invalid_number or voicemail */
    CC_INVALID_NUMBER = 1 << 3, /* outcome invalid_number */
    CC_CONVERSATION = 1 << 4, /* outcome contacted, promise, refusal, dispute, callback_requested */
    CC_DEBTOR = 1 << 5,       /* party = 'debtor' */
    CC_THIRD_PARTY = 1 << 6,  /* party = 'third_party' */
    CC_OVER_CONNECTED = 1 << 7, /* breaks connected_per_day (set by the debtor pass) */
};

typedef struct cc_contact {
    int64_t contact_id;
    int64_t case_id;
    int64_t at; /* seconds */
    int32_t agent;
    uint8_t channel; /* index into codes_channel */
    uint8_t party;   /* index into codes_party */
    uint8_t outcome; /* index into codes_outcome */
    uint8_t flags;
} cc_contact;

/* What the rules of one run need besides the contacts. */
typedef struct cc_rules {
    const compliance_settings *settings;
    int64_t period_start, period_end;
    unsigned quiet_channels;       /* bit = codes_channel index checked by quiet_hours */
    unsigned third_party_channels; /* bit = codes_channel index checked by third_party_early */
} cc_rules;

/* A connected call is a call that reached the debtor with a conversation outcome. */
static inline bool cc_is_connected_call(const cc_contact *c)
{
    return (c->flags & (CC_CALL | CC_DEBTOR | CC_CONVERSATION)) ==
           (CC_CALL | CC_DEBTOR | CC_CONVERSATION);
}

static inline bool cc_is_outbound_call(const cc_contact *c)
{
    return (c->flags & (CC_CALL | CC_OUTBOUND)) == (CC_CALL | CC_OUTBOUND);
}

/* An earlier contact a rule counted when it found a breach (witness.h). */
typedef witness_cause cc_cause;

/* Per contact of a case, when a witness asks why: its causes are
 * causes[cause_first .. cause_first + cause_count). */
typedef struct cc_why {
    size_t cause_first, cause_count;
    int64_t reach_since; /* third_party_early: s, seconds */
    witness_reach_since reach_since_kind;
} cc_why;

/* The causes the rules of one case recorded (reused from case to case). */
typedef struct cc_why_list {
    cc_why *per_contact; /* one per contact of the case */
    size_t per_contact_capacity;
    cc_cause *causes;
    size_t cause_count, cause_capacity;
    bool out_of_memory; /* the breaches are still counted, some without their causes */
} cc_why_list;

/* Appends a cause (of one rule) to list; false when out of memory (also remembered). */
bool cc_why_add(cc_why_list *list, const cc_contact *cause, unsigned rule_bit);

/* The rules each contact of one case breaks: contacts[0..count) are the case's contacts in
 * (contact_at, contact_id) order, as far back as the rules look; masks[i] gets bit r for
 * each compliance_rule r of the profile that contacts[i] breaks, and 0 for contacts outside
 * the period (they shape the others but are not counted). placed_at is the case's.
 * why (NULL in a normal run) gets, for each breaching contact, the earlier contacts each of
 * its rules counted, as the walk counts them (connected_per_day's are added by the debtor
 * pass, compliance.c). */
void cc_case_rules(const cc_rules *rules, const cc_contact *contacts, size_t count,
                   int64_t placed_at, unsigned *masks, cc_why_list *why);

/* One case's records in a chunk: contacts[first .. first + count) after the placement. */
typedef struct cc_case {
    size_t first, count;
    int64_t case_id;
    int64_t placed_at;
    uint32_t debtor_group; /* UINT32_MAX: not needed */
} cc_case;

/* The breach pass reads a period in chunks (a calendar month at most, see compliance_pass.c),
 * each with the look-back its rules need: a chunk's records, read, then placed by case. */
typedef struct cc_chunk {
    cc_rules rules; /* period_start, period_end: the chunk's */
    cc_contact *contacts;
    size_t contact_count, contact_capacity;
    /* contacts[0 .. near_count) are the contacts from the near look-back to the chunk's end,
     * in (contact_at) order until cc_chunk_index; the far look-back's follow */
    size_t near_count;
    cc_case *cases; /* from cc_chunk_index on: the case runs in case_id order */
    size_t case_count;
    /* With a witness: connected_per_day's entries in the order it counted them, kept to name
     * the calls that made a contact break it (cc_chunk_why_connected). */
    bool keep_connected;
    struct cc_connected_entry *connected;
    size_t connected_count;
} cc_chunk;

struct idmap;

/* compliance.c: reads the contacts of [start, end) and the look-back the rules need into
 * chunk (free it with cc_chunk_free, also on error); the records' agents are engine agent
 * slots (agent_slots maps agent_id to them), CC_AGENT_SYSTEM or CC_AGENT_OTHER. */
ck_error cc_chunk_read(sqlite3 *db, const engine_request *request, const struct idmap *agent_slots,
                       int64_t start, int64_t end, cc_chunk *chunk, ck_diag *diag);
/* compliance.c: places the chunk's records by case (time order kept within a case), reads the
 * case facts the rules need (cn: placed_at, debtor groups) and marks connected_per_day. */
ck_error cc_chunk_index(sqlite3 *db, cc_chunk *chunk, ck_diag *diag);
void cc_chunk_free(cc_chunk *chunk);
/* compliance.c, for `explain`: adds to why the connected calls connected_per_day counted
 * before contact c of a case of debtor group (the same group and day, before it). */
void cc_chunk_why_connected(const cc_chunk *chunk, uint32_t group, const cc_contact *c,
                            cc_why_list *why);

/* compliance_pass.c: the breach pass of a run, in three steps around the kpi loads. */
typedef struct cc_pass cc_pass;
struct engine_agent;

/* Starts the pass over request's period: a thread of its own with its own read-only
 * connection reads the first month beside the kpi loads on db, when engine_usable_jobs
 * allows more than one thread; the rest is read in engine_compliance_wait (or beside the
 * loads, after engine_compliance_rows_in_chunks). agent_slots and agents[0 .. agent_count)
 * (only their agent_id) must stay as they are until engine_compliance_wait returns. *out is
 * set also on error; free it with engine_compliance_free. */
ck_error engine_compliance_start(sqlite3 *db, const engine_request *request,
                                 const struct idmap *agent_slots, const struct engine_agent *agents,
                                 size_t agent_count, cc_pass **out, ck_diag *diag);

/* Says that the run loads and frees its case rows a chunk of cases at a time
 * (engine_case_chunks), so the rows it holds at once stay about one month's: from now on the
 * pass's thread reads every month in turn beside the loads, not only the first. */
void engine_compliance_rows_in_chunks(cc_pass *pass);

/* Finishes the pass: the run's thread (on db) and the pass's thread read the months left
 * (the run's case rows must be freed by now), or the run's thread reads them all without a
 * thread; then adds kpi.md's contacts, call_attempts and rpc of each agent, counted from the
 * records, to agents[slot].row: engine_load skips its counting query when the request wants
 * compliance. */
ck_error engine_compliance_wait(sqlite3 *db, cc_pass *pass, struct engine_agent *agents,
                                ck_diag *diag);

/* Fills result's compliance rows (agents, teams, system, total) and, when the request wants
 * lists, its breach list (case numbers read on db). result's agents and teams must be built;
 * result_index_of_slot maps engine agent slots to result->agents (KPI_NO_INDEX: no row). */
ck_error engine_compliance_finish(sqlite3 *db, cc_pass *pass, kpi_result *result,
                                  const size_t *result_index_of_slot, ck_diag *diag);

/* Waits for a thread still running, then frees. */
void engine_compliance_free(cc_pass *pass);

#endif
