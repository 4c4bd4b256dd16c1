/* rules.h - the validity rules of data-model.md, each written once.
 *
 * An incoming CSV row (import) and a stored row (check) go through the same three steps:
 *
 *   rules_check_row    each field alone (required, integer, UTF-8, real timestamp, code,
 *                      range) and the fields of one row together (closed_at with
 *                      close_reason, start_at < end_at, due_on >= date(made_at));
 *   rules_check_links  the row against what a rules_state knows of other rows: references,
 *                      unique codes, the case's placement and closing;
 *   rules_group_*      the rules that need every row of one case at once: overlapping
 *                      assignments and the running balance of payments.
 *
 * Problems come back through a callback as one sentence each ("column paid_at:
 * \"2026-02-30 10:00:00\" is not a real date"); a debtor_ref value is never put in one.
 * Nothing here prints. The tables, their columns and each column's rules are schema.h's
 * schema_tables. rules.c holds the per-row rules, rules_state.c the links and groups,
 * rules_db.c the passes over a database (check, and import's loading).
 */
#ifndef COLLECTKPI_RULES_H
#define COLLECTKPI_RULES_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/codes.h"
#include "collectkpi/error.h"
#include "collectkpi/idmap.h"
#include "collectkpi/schema.h"
#include "collectkpi/vec.h"

/* The contract's tables, schema.h's ids under the rules' name. The tables, their columns
 * and each column's rules (type, range, code list, secret, ...) are schema_tables: the rules
 * read them there, and name a column by its schema.h position (SCHEMA_CASE_CLOSED_AT). */
typedef enum rules_table {
    RULES_TEAMS = SCHEMA_TEAMS,
    RULES_AGENTS = SCHEMA_AGENTS,
    RULES_CASES = SCHEMA_CASES,
    RULES_ASSIGNMENTS = SCHEMA_ASSIGNMENTS,
    RULES_CONTACTS = SCHEMA_CONTACTS,
    RULES_PROMISES = SCHEMA_PROMISES,
    RULES_PAYMENTS = SCHEMA_PAYMENTS,
    RULES_COMPLAINTS = SCHEMA_COMPLAINTS,
    RULES_SURVEYS = SCHEMA_SURVEYS,
    RULES_TABLE_COUNT = SCHEMA_TABLE_COUNT
} rules_table;

/* The table or column of that exact name (len bytes), or -1. */
int rules_table_find(const char *name, size_t len);
int rules_column_find(rules_table table, const char *name, size_t len);

/* One raw value, from a CSV field or a database column. */
typedef enum rules_field_type {
    RULES_FIELD_NULL, /* an empty unquoted CSV field, SQL NULL */
    RULES_FIELD_TEXT, /* text[0..len) */
    RULES_FIELD_INT,  /* a database INTEGER: num (text may be NULL) */
} rules_field_type;

/* How a database stored the value (SQLite's storage class); RULES_STORED_ANY for CSV text. */
typedef enum rules_stored {
    RULES_STORED_ANY,
    RULES_STORED_INTEGER,
    RULES_STORED_REAL,
    RULES_STORED_TEXT,
    RULES_STORED_BLOB,
} rules_stored;

typedef struct rules_field {
    rules_field_type type;
    rules_stored stored;
    const char *text;
    size_t len;
    int64_t num;
} rules_field;

/* One parsed value: num is the integer, seconds (TS), days (DATE) or code index (CODE). */
typedef struct rules_value {
    const char *text; /* the value as text (into the field or the row's scratch); "" for a
                       * database integer in an integer column: use num */
    size_t len;
    int64_t num;
    bool null;
    bool parsed; /* read as its kind (an integer, a real timestamp, a code) */
    bool ok;     /* parsed and within its column's rules (a NULL in a nullable column is ok) */
} rules_value;

typedef struct rules_row {
    rules_table table;
    bool ok; /* every rule of rules_check_row held */
    rules_value v[SCHEMA_MAX_COLUMNS];
    char scratch[SCHEMA_MAX_COLUMNS][24]; /* text of database integers in text columns */
} rules_row;

/* The rules, in the order check lists them. */
typedef enum rules_rule {
    RULES_RULE_REQUIRED,
    RULES_RULE_TYPE,
    RULES_RULE_DATETIME,
    RULES_RULE_CODE,
    RULES_RULE_RANGE,
    RULES_RULE_UNIQUE,
    RULES_RULE_REFERENCE,
    RULES_RULE_CLOSURE,
    RULES_RULE_ASSIGNMENT_ORDER,
    RULES_RULE_ASSIGNMENT_CASE,
    RULES_RULE_ASSIGNMENT_OVERLAP,
    RULES_RULE_PLACEMENT,
    RULES_RULE_PROMISE_DUE,
    RULES_RULE_BALANCE,
    RULES_RULE_COUNT
} rules_rule;

/* A short stable key ("reference") and a sentence naming the rule. */
const char *rules_rule_key(rules_rule rule);
const char *rules_rule_title(rules_rule rule);

typedef struct rules_problem {
    rules_rule rule;
    rules_table table;
    int column;  /* the column at fault, or -1 */
    bool has_id; /* id is the row's own id */
    int64_t id;
    uint64_t origin; /* group rules: the item's origin (rules_item) */
    char text[640];  /* one sentence, no file or line */
} rules_problem;

typedef void (*rules_report_fn)(void *ctx, const rules_problem *problem);

/* Parses fields (contract column order, schema_tables[table].column_count of them) into row
 * and checks the rules of one row. Returns the number of problems reported. The row's
 * texts point into fields and row, so both must outlive its use. */
size_t rules_check_row(rules_table table, const rules_field *fields, rules_row *row,
                       rules_report_fn report, void *ctx);

/* True when both rows say the same (same table, every value equal), or column c of both. */
bool rules_row_equal(const rules_row *a, const rules_row *b);
bool rules_value_equal(const rules_row *a, const rules_row *b, size_t c);

/* A value for a message: quoted, control characters and bytes of invalid UTF-8 as \xNN,
 * cut after about 64 bytes. out must hold RULES_QUOTED_SIZE bytes. */
#define RULES_QUOTED_SIZE 300
void rules_quote_value(const char *text, size_t len, char *out);

/* "case_id=7, paid_at=\"2026-03-01 10:00:00\", amount=5000, method=card" for messages,
 * the secret column shown as (not shown). Skips the id column. */
void rules_format_row(const rules_row *row, char *out, size_t size);

/* What is known of other rows: the ids of teams, agents and cases, their unique codes, and
 * each case's placement and closing. Filled by the caller with rules_state_add. */
typedef struct rules_texts rules_texts; /* rules_state.c: text -> id */

typedef struct rules_state {
    idmap ids[3];         /* teams, agents, cases: id -> slot */
    int64_t *case_placed; /* per case slot: seconds, or INT64_MIN when unknown */
    int64_t *case_closed; /* seconds, INT64_MAX while open, INT64_MIN when unknown */
    size_t case_placed_capacity, case_closed_capacity;
    rules_texts *unique[3]; /* team name, employee_no, case_no -> id */
    /* Set by import for a table whose UNIQUE constraint on the code holds in the database
     * (rules_unique_in_db): its codes are not kept here, SQLite refuses a taken one as the
     * row goes in and the importer names the holder (rules_code_holder). */
    bool codes_in_db[3];
} rules_state;

void rules_state_init(rules_state *st);
void rules_state_free(rules_state *st);

/* Registers a row of teams, agents or cases (nothing for other tables). *known is set when
 * the id was registered before (check reports a duplicate id). Values that did not parse
 * are remembered as unknown. */
ck_error rules_state_add(rules_state *st, const rules_row *row, bool *known);
bool rules_state_has(const rules_state *st, rules_table table, int64_t id);

/* The rules between a row (that passed rules_check_row as far as it parsed) and other
 * rows: references, unique codes, placement and closing of its case. */
size_t rules_check_links(const rules_state *st, const rules_row *row, rules_report_fn report,
                         void *ctx);

/* One assignment or payment, for the rules over all rows of a case. */
typedef struct rules_item {
    int64_t id;
    int64_t case_id;
    int64_t at;      /* start_at or paid_at, seconds */
    int64_t value;   /* end_at (INT64_MAX while open) or amount */
    uint64_t origin; /* the caller's, handed back in problems */
    bool fixed;      /* a row that may not be blamed (already in the database, import) */
} rules_item;

/* Items must arrive grouped by case_id; a new case_id checks the finished case. */
typedef struct rules_group {
    rules_table table; /* RULES_ASSIGNMENTS or RULES_PAYMENTS */
    rules_item *items;
    size_t count, capacity;
    size_t *stack; /* work space of the checks, one slot per item */
    size_t stack_capacity;
} rules_group;

void rules_group_init(rules_group *group, rules_table table);
void rules_group_free(rules_group *group);
ck_error rules_group_add(rules_group *group, const rules_item *item, rules_report_fn report,
                         void *ctx);
/* Checks the last case. */
void rules_group_finish(rules_group *group, rules_report_fn report, void *ctx);

/* Copies the current row of stmt, columns first..first+n-1, into fields (texts stay valid
 * until the next step). */
void rules_fields_from_stmt(sqlite3_stmt *stmt, int first, size_t n, rules_field *fields);

/* Loads the teams, agents and (with_cases) cases of a database into st: what incoming rows
 * may refer to, and (with_codes) their team names, employee and case numbers for the unique
 * rules of incoming teams, agents and cases. Rows that break rules are loaded as far as they
 * parse. Without the cases, the caller looks up each case a row refers to
 * (rules_state_look_up_case) before the row's links are checked. */
ck_error rules_state_load(rules_state *st, sqlite3 *db, bool with_codes, bool with_cases,
                          ck_diag *diag);

/* *look_up: the cases of db may be looked up one by one exactly as rules_state_load would
 * load them (case_id is the table's INTEGER PRIMARY KEY: one row per id, an integer) and the
 * table holds more than more_than rows (the caller's measure of when that is cheaper). */
ck_error rules_cases_to_look_up(sqlite3 *db, uint64_t more_than, bool *look_up, ck_diag *diag);

/* *holds: the table (RULES_TEAMS, RULES_AGENTS or RULES_CASES) has the contract's UNIQUE
 * constraint on its code column: an index SQLite made for the constraint (so a bulk load,
 * which drops the CREATE INDEX ones, keeps it), over that column alone, binary collation,
 * not partial. A database made by another tool may lack it or have a looser one. */
ck_error rules_unique_in_db(sqlite3 *db, rules_table table, bool *holds, ck_diag *diag);

/* The id of a stored row of table whose code is row's (*found false when none: another
 * constraint refused the row). */
ck_error rules_code_holder(sqlite3 *db, const rules_row *row, int64_t *holder, bool *found,
                           ck_diag *diag);

/* Reports "column case_no: "C1" is already used by case 7": row's code is other's. */
void rules_say_code_used(const rules_row *row, int64_t other, rules_report_fn report, void *ctx);

/* The statement rules_state_look_up_case runs (the caller finalizes it). */
ck_error rules_case_lookup_prepare(sqlite3 *db, sqlite3_stmt **stmt, ck_diag *diag);

/* Adds the stored case case_id to st as rules_state_load would have (nothing when st knows
 * it already or the database has no such case: the row's link rules report it). */
ck_error rules_state_look_up_case(rules_state *st, sqlite3_stmt *stmt, int64_t case_id,
                                  ck_diag *diag);

/* The rules over all rows of a case, on the stored rows of table (RULES_ASSIGNMENTS or
 * RULES_PAYMENTS) read in case order (check). A problem's origin is the row's id. */
ck_error rules_scan_groups(sqlite3 *db, rules_table table, rules_report_fn report, void *ctx,
                           ck_diag *diag);

/* Rows an import wrote into table (RULES_ASSIGNMENTS or RULES_PAYMENTS), as runs: ids
 * first_id..last_id, read from consecutive lines, so that the row of id x has the caller's
 * origin first_origin + (x - first_id) (a file read in id order is one run, whatever its
 * size). */
typedef struct rules_new_rows {
    int64_t first_id, last_id;
    uint64_t first_origin;
} rules_new_rows;

/* The rules over all rows of a case, for the cases of the rows an import has just written
 * (runs sorted by first_id, disjoint). The rows are read back from the database, where the
 * written ones now sit beside the stored ones: a row whose id is in a run may be blamed,
 * the others are fixed. Only what the check needs is read: when the written rows are few
 * beside the table and an index leads with case_id, the written rows' cases through it;
 * otherwise one pass over the table in case order. */
ck_error rules_check_new_rows(sqlite3 *db, rules_table table, const rules_new_rows *runs,
                              size_t run_count, rules_report_fn report, void *ctx, ck_diag *diag);

/* Every rule over every row of a database (check). rows gets the number of rows read. */
ck_error rules_check_database(sqlite3 *db, rules_report_fn report, void *ctx, int64_t *rows,
                              ck_diag *diag);

#endif
