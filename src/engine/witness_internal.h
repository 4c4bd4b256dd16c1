/* witness_internal.h - private to the engine: the calls that hand a credited row to the
 * request's witness (witness.h). Each is called only when request->witness is set, right
 * where the engine credits the row, with what the engine decided there; they only describe,
 * never decide. */
#ifndef COLLECTKPI_WITNESS_INTERNAL_H
#define COLLECTKPI_WITNESS_INTERNAL_H

#include <sqlite3.h>

#include "collectkpi/witness.h"
#include "compliance_internal.h"
#include "engine_data.h"

/* The pair (a's agent, c) counted in cases_worked at t0 with this outstanding balance. */
void engine_witness_workload(const engine_data *data, const engine_case *c,
                             const engine_assignment *a, int64_t t0, int64_t outstanding);
/* A payment in P credited to agent_slot (IDMAP_NONE: unassigned). */
void engine_witness_payment(const engine_data *data, const engine_payment *pay, size_t agent_slot);
/* A promise due in P, judged. */
void engine_witness_promise(const engine_data *data, const engine_promise *promise,
                            const kpi_promise *judged);
/* A resolved closure credited to a's agent. */
void engine_witness_resolution(const engine_data *data, const engine_case *c,
                               const engine_assignment *a, double days);
/* A closure in P the engine did not credit, and why (witness_refusal). */
void engine_witness_closure_refused(const engine_data *data, const engine_case *c,
                                    witness_refusal why);
void engine_witness_complaint(const engine_data *data, const engine_complaint *complaint);
/* A counting row (contacts, promises made, surveys) that changed the agent's row from
 * before to after: the difference says which counts it went into. */
void engine_witness_count(const engine_data *data, size_t agent_slot, const char *table,
                          sqlite3_stmt *stmt, const kpi_row *before, const kpi_row *after);
/* A contact of the breach pass's records counted in kpi.md's contacts (kpi_mode) or checked
 * for compliance.md (rules: what it breaks). agent_id < 0 and !has_agent: automated. */
void engine_witness_contact(const engine_witness *witness, bool has_agent, int64_t agent_id,
                            int64_t contact_id, int64_t case_id, int64_t at, bool call_attempt,
                            bool rpc);
/* contact c of case_id, counted in P, breaking the rules of mask; causes[0..cause_count) are
 * the earlier contacts its rules counted, as the breach pass found them (any order, a
 * contact once per rule), why_of_c what set third_party_early's s. */
void engine_witness_compliance(const engine_witness *witness, const cc_contact *c, int64_t case_id,
                               bool has_agent, int64_t agent_id, unsigned mask, bool critical,
                               cc_cause *causes, size_t cause_count, const cc_why *why_of_c);

#endif
