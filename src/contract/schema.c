/* schema.c - the table and column list of data-model.md (see schema.h). */
#include "collectkpi/schema.h"

#include <string.h>

/* Column constructors: every field named, so an unset .references can never mean "teams"
 * and an unset range never means "0 only". */
#define NO_REF SCHEMA_TABLE_COUNT
#define COLUMN(n, t, null, ref, lo, hi, nz, list, dflt)                                            \
    {                                                                                              \
        .name = (n), .type = (t), .nullable = (null), .references = (ref), .min = (lo),            \
        .max = (hi), .nonzero = (nz), .secret = false, .codes = (list), .default_text = (dflt)     \
    }
/* ids and references: any integer; whether it exists is the reference rule's */
#define KEY(n, t, null, ref)     COLUMN(n, t, null, ref, INT64_MIN, INT64_MAX, false, NULL, NULL)
#define ID(n)                    KEY(n, SCHEMA_ID, false, NO_REF)
#define REF(n, t)                KEY(n, SCHEMA_REF, false, t)
#define REF_NULL(n, t)           KEY(n, SCHEMA_REF, true, t)
#define INTEGER(n, null, lo, hi) COLUMN(n, SCHEMA_INTEGER, null, NO_REF, lo, hi, false, NULL, NULL)
#define MONEY(n, lo, hi, nz)     COLUMN(n, SCHEMA_MONEY, false, NO_REF, lo, hi, nz, NULL, NULL)
#define TEXT(n)                  COLUMN(n, SCHEMA_TEXT, false, NO_REF, 0, 0, false, NULL, NULL)
#define TS(n)                    COLUMN(n, SCHEMA_TIMESTAMP, false, NO_REF, 0, 0, false, NULL, NULL)
#define TS_NULL(n)               COLUMN(n, SCHEMA_TIMESTAMP, true, NO_REF, 0, 0, false, NULL, NULL)
#define DATE(n)                  COLUMN(n, SCHEMA_DATE, false, NO_REF, 0, 0, false, NULL, NULL)
#define DATE_NULL(n)             COLUMN(n, SCHEMA_DATE, true, NO_REF, 0, 0, false, NULL, NULL)
#define CODE(n, list)            COLUMN(n, SCHEMA_CODE, false, NO_REF, 0, 0, false, &(list), NULL)
#define CODE_NULL(n, list)       COLUMN(n, SCHEMA_CODE, true, NO_REF, 0, 0, false, &(list), NULL)
/* debtor_ref: required TEXT whose value no message, report or log may show */
#define SECRET(n)                                                                                  \
    {                                                                                              \
        .name = (n), .type = SCHEMA_TEXT, .nullable = false, .references = NO_REF, .min = 0,       \
        .max = 0, .nonzero = false, .secret = true, .codes = NULL, .default_text = NULL            \
    }

/* Each column sits at the index its schema.h constant names; column_count is that table's
 * constant, so a column added to one but not the other leaves a hole test_schema finds. */
#define TABLE(table_name, table_noun, unique, count, ...)                                          \
    {                                                                                              \
        .name = (table_name), .noun = (table_noun), .unique_column = (unique),                     \
        .column_count = (count), .columns = {                                                      \
            __VA_ARGS__                                                                            \
        }                                                                                          \
    }

_Static_assert(SCHEMA_TEAM_COLUMN_COUNT <= SCHEMA_MAX_COLUMNS, "teams fits a row");
_Static_assert(SCHEMA_AGENT_COLUMN_COUNT <= SCHEMA_MAX_COLUMNS, "agents fits a row");
_Static_assert(SCHEMA_CASE_COLUMN_COUNT <= SCHEMA_MAX_COLUMNS, "cases fits a row");
_Static_assert(SCHEMA_ASSIGNMENT_COLUMN_COUNT <= SCHEMA_MAX_COLUMNS, "assignments fits a row");
_Static_assert(SCHEMA_CONTACT_COLUMN_COUNT <= SCHEMA_MAX_COLUMNS, "contacts fits a row");
_Static_assert(SCHEMA_PROMISE_COLUMN_COUNT <= SCHEMA_MAX_COLUMNS, "promises fits a row");
_Static_assert(SCHEMA_PAYMENT_COLUMN_COUNT <= SCHEMA_MAX_COLUMNS, "payments fits a row");
_Static_assert(SCHEMA_COMPLAINT_COLUMN_COUNT <= SCHEMA_MAX_COLUMNS, "complaints fits a row");
_Static_assert(SCHEMA_SURVEY_COLUMN_COUNT <= SCHEMA_MAX_COLUMNS, "surveys fits a row");

const schema_table schema_tables[SCHEMA_TABLE_COUNT] = {
    [SCHEMA_TEAMS] =
        TABLE("teams", "team", SCHEMA_TEAM_NAME, SCHEMA_TEAM_COLUMN_COUNT,
              [SCHEMA_TEAM_TEAM_ID] = ID("team_id"), [SCHEMA_TEAM_NAME] = TEXT("name")),
    [SCHEMA_AGENTS] = TABLE(
        "agents", "agent", SCHEMA_AGENT_EMPLOYEE_NO, SCHEMA_AGENT_COLUMN_COUNT,
        [SCHEMA_AGENT_AGENT_ID] = ID("agent_id"), [SCHEMA_AGENT_EMPLOYEE_NO] = TEXT("employee_no"),
        [SCHEMA_AGENT_NAME] = TEXT("name"), [SCHEMA_AGENT_TEAM_ID] = REF("team_id", SCHEMA_TEAMS),
        [SCHEMA_AGENT_HIRED_ON] = DATE("hired_on"), [SCHEMA_AGENT_LEFT_ON] = DATE_NULL("left_on")),
    [SCHEMA_CASES] = TABLE(
        "cases", "case", SCHEMA_CASE_CASE_NO,
        SCHEMA_CASE_COLUMN_COUNT, [SCHEMA_CASE_CASE_ID] = ID("case_id"),
        [SCHEMA_CASE_CASE_NO] = TEXT("case_no"), [SCHEMA_CASE_DEBTOR_REF] = SECRET("debtor_ref"),
        [SCHEMA_CASE_PRODUCT] = CODE("product", codes_product),
        [SCHEMA_CASE_PLACED_AT] = TS("placed_at"),
        [SCHEMA_CASE_PLACED_BALANCE] = MONEY("placed_balance", 1, SCHEMA_MONEY_MAX, false),
        [SCHEMA_CASE_DPD_AT_PLACEMENT] = INTEGER("dpd_at_placement", false, 0, INT64_MAX),
        [SCHEMA_CASE_CLOSED_AT] = TS_NULL("closed_at"),
        [SCHEMA_CASE_CLOSE_REASON] = CODE_NULL("close_reason", codes_close_reason)),
    [SCHEMA_ASSIGNMENTS] = TABLE(
        "assignments", "assignment", -1,
        SCHEMA_ASSIGNMENT_COLUMN_COUNT, [SCHEMA_ASSIGNMENT_ASSIGNMENT_ID] = ID("assignment_id"),
        [SCHEMA_ASSIGNMENT_CASE_ID] = REF("case_id", SCHEMA_CASES),
        [SCHEMA_ASSIGNMENT_AGENT_ID] = REF("agent_id", SCHEMA_AGENTS),
        [SCHEMA_ASSIGNMENT_START_AT] = TS("start_at"),
        [SCHEMA_ASSIGNMENT_END_AT] = TS_NULL("end_at")),
    /* duration_s may be left out of a CSV file: letters and visits have no duration */
    [SCHEMA_CONTACTS] =
        TABLE("contacts", "contact", -1,
              SCHEMA_CONTACT_COLUMN_COUNT, [SCHEMA_CONTACT_CONTACT_ID] = ID("contact_id"),
              [SCHEMA_CONTACT_CASE_ID] = REF("case_id", SCHEMA_CASES),
              [SCHEMA_CONTACT_AGENT_ID] = REF_NULL("agent_id", SCHEMA_AGENTS),
              [SCHEMA_CONTACT_CONTACT_AT] = TS("contact_at"),
              [SCHEMA_CONTACT_CHANNEL] = CODE("channel", codes_channel),
              [SCHEMA_CONTACT_DIRECTION] = CODE("direction", codes_direction),
              [SCHEMA_CONTACT_PARTY] = CODE("party", codes_party),
              [SCHEMA_CONTACT_OUTCOME] = CODE("outcome", codes_outcome),
              [SCHEMA_CONTACT_DURATION_S] = COLUMN("duration_s", SCHEMA_INTEGER, false, NO_REF, 0,
                                                   INT64_MAX, false, NULL, "0")),
    [SCHEMA_PROMISES] =
        TABLE("promises", "promise", -1,
              SCHEMA_PROMISE_COLUMN_COUNT, [SCHEMA_PROMISE_PROMISE_ID] = ID("promise_id"),
              [SCHEMA_PROMISE_CASE_ID] = REF("case_id", SCHEMA_CASES),
              [SCHEMA_PROMISE_AGENT_ID] = REF("agent_id", SCHEMA_AGENTS),
              [SCHEMA_PROMISE_MADE_AT] = TS("made_at"), [SCHEMA_PROMISE_DUE_ON] = DATE("due_on"),
              [SCHEMA_PROMISE_AMOUNT] = MONEY("amount", 1, SCHEMA_MONEY_MAX, false)),
    /* a payment may be negative (a reversal) but never 0 */
    [SCHEMA_PAYMENTS] =
        TABLE("payments", "payment", -1,
              SCHEMA_PAYMENT_COLUMN_COUNT, [SCHEMA_PAYMENT_PAYMENT_ID] = ID("payment_id"),
              [SCHEMA_PAYMENT_CASE_ID] = REF("case_id", SCHEMA_CASES),
              [SCHEMA_PAYMENT_PAID_AT] = TS("paid_at"),
              [SCHEMA_PAYMENT_AMOUNT] = MONEY("amount", -SCHEMA_MONEY_MAX, SCHEMA_MONEY_MAX, true),
              [SCHEMA_PAYMENT_METHOD] = CODE("method", codes_method)),
    [SCHEMA_COMPLAINTS] =
        TABLE("complaints", "complaint", -1,
              SCHEMA_COMPLAINT_COLUMN_COUNT, [SCHEMA_COMPLAINT_COMPLAINT_ID] = ID("complaint_id"),
              [SCHEMA_COMPLAINT_CASE_ID] = REF_NULL("case_id", SCHEMA_CASES),
              [SCHEMA_COMPLAINT_AGENT_ID] = REF_NULL("agent_id", SCHEMA_AGENTS),
              [SCHEMA_COMPLAINT_RECEIVED_AT] = TS("received_at"),
              [SCHEMA_COMPLAINT_SOURCE] = CODE("source", codes_complaint_source),
              [SCHEMA_COMPLAINT_CATEGORY] = CODE("category", codes_complaint_category),
              [SCHEMA_COMPLAINT_SUBSTANTIATED] = INTEGER("substantiated", true, 0, 1),
              [SCHEMA_COMPLAINT_RESOLVED_AT] = TS_NULL("resolved_at")),
    [SCHEMA_SURVEYS] =
        TABLE("surveys", "survey", -1,
              SCHEMA_SURVEY_COLUMN_COUNT, [SCHEMA_SURVEY_SURVEY_ID] = ID("survey_id"),
              [SCHEMA_SURVEY_CASE_ID] = REF("case_id", SCHEMA_CASES),
              [SCHEMA_SURVEY_AGENT_ID] = REF("agent_id", SCHEMA_AGENTS),
              [SCHEMA_SURVEY_SURVEYED_AT] = TS("surveyed_at"),
              [SCHEMA_SURVEY_SCORE] = INTEGER("score", false, 1, 5)),
};

schema_table_id schema_table_find(const char *name)
{
    for (int t = 0; t < SCHEMA_TABLE_COUNT; t++)
        if (strcmp(schema_tables[t].name, name) == 0)
            return (schema_table_id)t;
    return SCHEMA_TABLE_COUNT;
}

int schema_column_find(schema_table_id table, const char *name)
{
    if (table >= SCHEMA_TABLE_COUNT)
        return -1;
    for (size_t c = 0; c < schema_tables[table].column_count; c++)
        if (strcmp(schema_tables[table].columns[c].name, name) == 0)
            return (int)c;
    return -1;
}
