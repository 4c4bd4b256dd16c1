/* schema.h - the contract's tables and columns (data-model.md), written down once.
 *
 * schema_tables is the one list of the contract: each table's name, the noun its messages
 * use, its unique code column, and each column's name, position, type, nullability,
 * referenced table and rules (range, nonzero, code list, secret, the value of an absent CSV
 * column). The schema check of db.c, the validity rules of import and check (rules.h), the
 * demo writer and the report's row counts all read it; the column positions below are the
 * indexes of its entries, so code that names a column by position cannot drift from it.
 * sql/schema.sql is the SQL form of the same list, and a unit test checks that the two
 * agree. No SQLite here: writers may use this header.
 */
#ifndef COLLECTKPI_SCHEMA_H
#define COLLECTKPI_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/codes.h"

/* The tables in dependency order: a table only references tables before it. */
typedef enum schema_table_id {
    SCHEMA_TEAMS,
    SCHEMA_AGENTS,
    SCHEMA_CASES,
    SCHEMA_ASSIGNMENTS,
    SCHEMA_CONTACTS,
    SCHEMA_PROMISES,
    SCHEMA_PAYMENTS,
    SCHEMA_COMPLAINTS,
    SCHEMA_SURVEYS,
    SCHEMA_TABLE_COUNT
} schema_table_id;

/* The columns of each table in contract order (the id first): their index in
 * schema_tables[table].columns, and the table's column count. */
enum { SCHEMA_TEAM_TEAM_ID, SCHEMA_TEAM_NAME, SCHEMA_TEAM_COLUMN_COUNT };
enum {
    SCHEMA_AGENT_AGENT_ID,
    SCHEMA_AGENT_EMPLOYEE_NO,
    SCHEMA_AGENT_NAME,
    SCHEMA_AGENT_TEAM_ID,
    SCHEMA_AGENT_HIRED_ON,
    SCHEMA_AGENT_LEFT_ON,
    SCHEMA_AGENT_COLUMN_COUNT
};
enum {
    SCHEMA_CASE_CASE_ID,
    SCHEMA_CASE_CASE_NO,
    SCHEMA_CASE_DEBTOR_REF,
    SCHEMA_CASE_PRODUCT,
    SCHEMA_CASE_PLACED_AT,
    SCHEMA_CASE_PLACED_BALANCE,
    SCHEMA_CASE_DPD_AT_PLACEMENT,
    SCHEMA_CASE_CLOSED_AT,
    SCHEMA_CASE_CLOSE_REASON,
    SCHEMA_CASE_COLUMN_COUNT
};
enum {
    SCHEMA_ASSIGNMENT_ASSIGNMENT_ID,
    SCHEMA_ASSIGNMENT_CASE_ID,
    SCHEMA_ASSIGNMENT_AGENT_ID,
    SCHEMA_ASSIGNMENT_START_AT,
    SCHEMA_ASSIGNMENT_END_AT,
    SCHEMA_ASSIGNMENT_COLUMN_COUNT
};
enum {
    SCHEMA_CONTACT_CONTACT_ID,
    SCHEMA_CONTACT_CASE_ID,
    SCHEMA_CONTACT_AGENT_ID,
    SCHEMA_CONTACT_CONTACT_AT,
    SCHEMA_CONTACT_CHANNEL,
    SCHEMA_CONTACT_DIRECTION,
    SCHEMA_CONTACT_PARTY,
    SCHEMA_CONTACT_OUTCOME,
    SCHEMA_CONTACT_DURATION_S,
    SCHEMA_CONTACT_COLUMN_COUNT
};
enum {
    SCHEMA_PROMISE_PROMISE_ID,
    SCHEMA_PROMISE_CASE_ID,
    SCHEMA_PROMISE_AGENT_ID,
    SCHEMA_PROMISE_MADE_AT,
    SCHEMA_PROMISE_DUE_ON,
    SCHEMA_PROMISE_AMOUNT,
    SCHEMA_PROMISE_COLUMN_COUNT
};
enum {
    SCHEMA_PAYMENT_PAYMENT_ID,
    SCHEMA_PAYMENT_CASE_ID,
    SCHEMA_PAYMENT_PAID_AT,
    SCHEMA_PAYMENT_AMOUNT,
    SCHEMA_PAYMENT_METHOD,
    SCHEMA_PAYMENT_COLUMN_COUNT
};
enum {
    SCHEMA_COMPLAINT_COMPLAINT_ID,
    SCHEMA_COMPLAINT_CASE_ID,
    SCHEMA_COMPLAINT_AGENT_ID,
    SCHEMA_COMPLAINT_RECEIVED_AT,
    SCHEMA_COMPLAINT_SOURCE,
    SCHEMA_COMPLAINT_CATEGORY,
    SCHEMA_COMPLAINT_SUBSTANTIATED,
    SCHEMA_COMPLAINT_RESOLVED_AT,
    SCHEMA_COMPLAINT_COLUMN_COUNT
};
enum {
    SCHEMA_SURVEY_SURVEY_ID,
    SCHEMA_SURVEY_CASE_ID,
    SCHEMA_SURVEY_AGENT_ID,
    SCHEMA_SURVEY_SURVEYED_AT,
    SCHEMA_SURVEY_SCORE,
    SCHEMA_SURVEY_COLUMN_COUNT
};

/* What a column holds; decides the SQLite storage class it must have and how it is read. */
typedef enum schema_type {
    SCHEMA_ID,        /* INTEGER PRIMARY KEY */
    SCHEMA_REF,       /* INTEGER referencing another table's id */
    SCHEMA_INTEGER,   /* INTEGER (counts, flags, scores, seconds, days) */
    SCHEMA_MONEY,     /* INTEGER minor units: a decimal point in one earns a hint */
    SCHEMA_TEXT,      /* free TEXT (names, people-facing codes, debtor_ref) */
    SCHEMA_CODE,      /* TEXT from a code list of codes.h */
    SCHEMA_TIMESTAMP, /* TEXT 'YYYY-MM-DD HH:MM:SS', a real one */
    SCHEMA_DATE,      /* TEXT 'YYYY-MM-DD', a real one */
} schema_type;

/* True for the types stored as INTEGER (ID, REF, INTEGER, MONEY); the others are TEXT. */
static inline bool schema_type_is_integer(schema_type type)
{
    return type == SCHEMA_ID || type == SCHEMA_REF || type == SCHEMA_INTEGER ||
           type == SCHEMA_MONEY;
}

typedef struct schema_column {
    const char *name;
    schema_type type;
    bool nullable;
    schema_table_id references; /* for SCHEMA_REF; otherwise SCHEMA_TABLE_COUNT */
    int64_t min, max;           /* inclusive range of an integer type; 0, 0 for the others */
    bool nonzero;               /* an integer that must not be 0 (a payment's amount) */
    bool secret;                /* debtor_ref: its value is never put in a message */
    const codes_list *codes;    /* for SCHEMA_CODE; otherwise NULL */
    const char *default_text;   /* the value of a column absent from a CSV file, or NULL:
                                 * the column is required there */
} schema_column;

/* The widest table's column count, with room for one more. */
#define SCHEMA_MAX_COLUMNS 10

/* The contract's limits (data-model.md "Limits"): the largest amount of money one row may
 * hold, either sign (10^15 minor units, a trillion yuan in fen: ample for any debt, and far
 * enough below INT64_MAX that sums of many rows are checked rather than trusted), and the
 * longest name or people-facing code, in characters. */
#define SCHEMA_MONEY_MAX      INT64_C(1000000000000000)
#define SCHEMA_TEXT_MAX_CHARS 200

typedef struct schema_table {
    const char *name;  /* "payments" */
    const char *noun;  /* "payment": messages say "payment 42" */
    int unique_column; /* the TEXT UNIQUE column (team name, employee_no, case_no) or -1 */
    size_t column_count;
    schema_column columns[SCHEMA_MAX_COLUMNS]; /* contract order, the id first */
} schema_table;

extern const schema_table schema_tables[SCHEMA_TABLE_COUNT];

/* The table with this name, or SCHEMA_TABLE_COUNT. */
schema_table_id schema_table_find(const char *name);

/* The index of the column with this name in a table, or -1. */
int schema_column_find(schema_table_id table, const char *name);

#endif
