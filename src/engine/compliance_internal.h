/* compliance_internal.h - private to the breach pass (compliance.c, compliance_rules.c).
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

/* agent of a record: while reading, an engine agent slot (engine_data.agents); from
 * engine_compliance_run on, an index into kpi_result.agents; or one of these. */
#define CC_AGENT_SYSTEM (-1) /* agent_id NULL: an automated message */
#define CC_AGENT_OTHER  (-2) /* outside the period, by an agent without a row: never counted */

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

/* The breach pass, in two steps around the building of the kpi rows. */
typedef struct cc_pass cc_pass;
struct engine_agent;
struct idmap;

/* Reads the period's contacts and the look-back the rules need into *out (free it with
 * engine_compliance_free, also on error). agent_slots maps agent_id to engine agent slots. */
ck_error engine_compliance_read(sqlite3 *db, const engine_request *request,
                                const struct idmap *agent_slots, cc_pass **out, ck_diag *diag);

/* kpi.md's contacts, call_attempts and rpc of each agent (agents: by engine slot), counted
 * from the records: the same figures as engine_load's counting query, which is skipped
 * when the request wants compliance. */
void engine_compliance_count_contacts(const cc_pass *pass, struct engine_agent *agents);

/* The rest of the pass: fills result's compliance rows (agents, teams, system, total) and,
 * when the request wants lists, its breach list. result's agents and teams must be built;
 * result_index_of_slot maps engine agent slots to result->agents (KPI_NO_INDEX: no row). */
ck_error engine_compliance_run(sqlite3 *db, cc_pass *pass, kpi_result *result,
                               const size_t *result_index_of_slot, ck_diag *diag);

void engine_compliance_free(cc_pass *pass);

#endif
