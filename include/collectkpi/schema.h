/* schema.h - the contract's tables and columns (data-model.md), written down once.
 *
 * The schema check of db.c, the validity rules of import and check, the demo writer and the
 * report's row counts all take their table and column names from here; sql/schema.sql is
 * the SQL form of the same list, and a unit test checks that the two agree. No SQLite here:
 * writers may use this header.
 */
#ifndef COLLECTKPI_SCHEMA_H
#define COLLECTKPI_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* What a column holds; decides the SQLite storage class it must have and how it is read. */
typedef enum schema_type {
    SCHEMA_ID,        /* INTEGER PRIMARY KEY */
    SCHEMA_REF,       /* INTEGER referencing another table's id */
    SCHEMA_INTEGER,   /* INTEGER (counts, flags, scores, seconds, days) */
    SCHEMA_MONEY,     /* INTEGER minor units */
    SCHEMA_TEXT,      /* free TEXT (names, people-facing codes, debtor_ref) */
    SCHEMA_CODE,      /* TEXT from a code list of codes.h */
    SCHEMA_TIMESTAMP, /* TEXT 'YYYY-MM-DD HH:MM:SS' */
    SCHEMA_DATE,      /* TEXT 'YYYY-MM-DD' */
} schema_type;

typedef struct schema_column {
    const char *name;
    schema_type type;
    bool nullable;
    schema_table_id references; /* for SCHEMA_REF; otherwise SCHEMA_TABLE_COUNT */
} schema_column;

#define SCHEMA_MAX_COLUMNS 10

/* The contract's limits (data-model.md "Limits"): the largest amount of money one row may
 * hold, either sign (10^15 minor units, a trillion yuan in fen: ample for any debt, and far
 * enough below INT64_MAX that sums of many rows are checked rather than trusted), and the
 * longest name or people-facing code, in characters. */
#define SCHEMA_MONEY_MAX      INT64_C(1000000000000000)
#define SCHEMA_TEXT_MAX_CHARS 200

typedef struct schema_table {
    const char *name;
    size_t column_count;
    schema_column columns[SCHEMA_MAX_COLUMNS];
} schema_table;

extern const schema_table schema_tables[SCHEMA_TABLE_COUNT];

/* The table with this name, or SCHEMA_TABLE_COUNT. */
schema_table_id schema_table_find(const char *name);

/* The index of the column with this name in a table, or -1. */
int schema_column_find(schema_table_id table, const char *name);

#endif
