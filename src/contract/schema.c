/* schema.c - the table and column list of data-model.md (see schema.h). */
#include "collectkpi/schema.h"

#include <string.h>

#define NO_REF SCHEMA_TABLE_COUNT
#define ID(name)                                                                                   \
    {                                                                                              \
        name, SCHEMA_ID, false, NO_REF                                                             \
    }
#define REF(name, table)                                                                           \
    {                                                                                              \
        name, SCHEMA_REF, false, table                                                             \
    }
#define REF_NULL(name, table)                                                                      \
    {                                                                                              \
        name, SCHEMA_REF, true, table                                                              \
    }
#define COL(name, type)                                                                            \
    {                                                                                              \
        name, type, false, NO_REF                                                                  \
    }
#define COL_NULL(name, type)                                                                       \
    {                                                                                              \
        name, type, true, NO_REF                                                                   \
    }

const schema_table schema_tables[SCHEMA_TABLE_COUNT] = {
    [SCHEMA_TEAMS] = {"teams", 2, {ID("team_id"), COL("name", SCHEMA_TEXT)}},
    [SCHEMA_AGENTS] = {"agents",
                       6,
                       {ID("agent_id"), COL("employee_no", SCHEMA_TEXT), COL("name", SCHEMA_TEXT),
                        REF("team_id", SCHEMA_TEAMS), COL("hired_on", SCHEMA_DATE),
                        COL_NULL("left_on", SCHEMA_DATE)}},
    [SCHEMA_CASES] = {"cases",
                      9,
                      {ID("case_id"), COL("case_no", SCHEMA_TEXT), COL("debtor_ref", SCHEMA_TEXT),
                       COL("product", SCHEMA_CODE), COL("placed_at", SCHEMA_TIMESTAMP),
                       COL("placed_balance", SCHEMA_MONEY), COL("dpd_at_placement", SCHEMA_INTEGER),
                       COL_NULL("closed_at", SCHEMA_TIMESTAMP),
                       COL_NULL("close_reason", SCHEMA_CODE)}},
    [SCHEMA_ASSIGNMENTS] = {"assignments",
                            5,
                            {ID("assignment_id"), REF("case_id", SCHEMA_CASES),
                             REF("agent_id", SCHEMA_AGENTS), COL("start_at", SCHEMA_TIMESTAMP),
                             COL_NULL("end_at", SCHEMA_TIMESTAMP)}},
    [SCHEMA_CONTACTS] = {"contacts",
                         9,
                         {ID("contact_id"), REF("case_id", SCHEMA_CASES),
                          REF_NULL("agent_id", SCHEMA_AGENTS), COL("contact_at", SCHEMA_TIMESTAMP),
                          COL("channel", SCHEMA_CODE), COL("direction", SCHEMA_CODE),
                          COL("party", SCHEMA_CODE), COL("outcome", SCHEMA_CODE),
                          COL("duration_s", SCHEMA_INTEGER)}},
    [SCHEMA_PROMISES] = {"promises",
                         6,
                         {ID("promise_id"), REF("case_id", SCHEMA_CASES),
                          REF("agent_id", SCHEMA_AGENTS), COL("made_at", SCHEMA_TIMESTAMP),
                          COL("due_on", SCHEMA_DATE), COL("amount", SCHEMA_MONEY)}},
    [SCHEMA_PAYMENTS] = {"payments",
                         5,
                         {ID("payment_id"), REF("case_id", SCHEMA_CASES),
                          COL("paid_at", SCHEMA_TIMESTAMP), COL("amount", SCHEMA_MONEY),
                          COL("method", SCHEMA_CODE)}},
    [SCHEMA_COMPLAINTS] = {"complaints",
                           8,
                           {ID("complaint_id"), REF_NULL("case_id", SCHEMA_CASES),
                            REF_NULL("agent_id", SCHEMA_AGENTS),
                            COL("received_at", SCHEMA_TIMESTAMP), COL("source", SCHEMA_CODE),
                            COL("category", SCHEMA_CODE), COL_NULL("substantiated", SCHEMA_INTEGER),
                            COL_NULL("resolved_at", SCHEMA_TIMESTAMP)}},
    [SCHEMA_SURVEYS] = {"surveys",
                        5,
                        {ID("survey_id"), REF("case_id", SCHEMA_CASES),
                         REF("agent_id", SCHEMA_AGENTS), COL("surveyed_at", SCHEMA_TIMESTAMP),
                         COL("score", SCHEMA_INTEGER)}},
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
