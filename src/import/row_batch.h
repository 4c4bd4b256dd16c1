/* row_batch.h - rows that passed every rule, written many to one INSERT statement.
 *
 * SQLite spends about as much on running an INSERT statement (opening its cursors, starting
 * and ending it) as on the row it writes; one statement of ROW_BATCH_ROWS rows
 * ("VALUES (...), (...), ...") pays that once for all of them. csv_import keeps the rows
 * that may wait here (their outcome depends on no row still waiting: it checks that) and
 * writes them when the batch is full, before any other row's outcome is settled, and at
 * the end of each block of records the row pipeline hands over (the rows and records
 * pointed to stay valid until then). When SQLite refuses a batch (a constraint of another
 * tool's schema, such as a generated NOT NULL column: the rules and the order below leave
 * the contract's own constraints nothing to refuse), the statement is undone as a whole
 * (OR ABORT) and csv_import writes the rows one by one, exactly as if they had never
 * waited, so every row's outcome, problem and message are those of a load that writes one
 * row at a time. After a refusal the next rows go one by one for a while (the next rows
 * are likely to be refused too).
 *
 * Only rows that go at the right-hand end of every B-tree the load changes wait: SQLite
 * keeps a statement journal of the pages a many-row statement changes, which costs little
 * for the new pages an append makes but a copy of each stored page it changes (a million
 * cases whose numbers go to random places of their UNIQUE index loaded 60% slower in
 * batches, not 20% faster). So a table batches only while it keeps no index but its code's
 * UNIQUE one (bulkload.h drops the others for a large load), and a row waits only when its
 * id, and its code, come after every id and code of the table so far. A table with a
 * trigger (another tool's) never batches: a RAISE(FAIL) keeps what the statement wrote
 * before it, so a refused batch would not be undone.
 *
 * Owned by csv_import; knows nothing of files or rules beyond the rows it holds.
 */
#ifndef COLLECTKPI_ROW_BATCH_H
#define COLLECTKPI_ROW_BATCH_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "collectkpi/csv_reader.h"
#include "collectkpi/error.h"
#include "collectkpi/rules.h"

/* Rows a statement writes: 32 rows of at most 10 columns are 320 parameters, far under
 * SQLite's 32,766. */
#define ROW_BATCH_ROWS 32

/* The longest code (in bytes) whose order the batch follows; a longer one ends batching. */
#define ROW_BATCH_CODE_MAX 1024

/* One waiting row: its checked values and the record it was read from (for a reject). */
typedef struct row_batch_entry {
    const rules_row *row;
    csv_record record;
} row_batch_entry;

typedef struct row_batch {
    sqlite3 *db;
    sqlite3_stmt *insert; /* ROW_BATCH_ROWS rows; NULL: every row goes one by one */
    int code_column;      /* the UNIQUE code's column, -1 for none */
    size_t count;
    row_batch_entry entries[ROW_BATCH_ROWS];
    size_t single_rows; /* rows still to go one by one after a refusal */
    /* the largest id and code of the table so far (stored, waiting or written) */
    bool any_id, any_code;
    int64_t last_id;
    size_t last_code_len;
    char last_code[ROW_BATCH_CODE_MAX];
} row_batch;

/* Binds row's values to stmt's parameters first .. first + column count - 1, as the
 * contract's column types say (the one binding of a row, for the batch and single rows). */
void row_batch_bind(sqlite3_stmt *stmt, int first, const rules_row *row);

/* Makes the batch of table ready, after bulkload has dropped what indexes it drops: the
 * statement (names from schema.h, never from a file) when the table keeps no index but its
 * code's, and the largest stored id and code. */
ck_error row_batch_prepare(row_batch *b, sqlite3 *db, rules_table table, ck_diag *diag);

/* Whether row (valid by the rules) goes at the end of every B-tree, so that it may wait. */
bool row_batch_fits(const row_batch *b, const rules_row *row);

/* Adds a row that fits (row and record must stay valid until the batch is written or
 * cleared); true when the batch is now full and must be written. */
bool row_batch_add(row_batch *b, const rules_row *row, const csv_record *record);

/* A row written one by one: its id and code move the end on. */
void row_batch_note_written(row_batch *b, const rules_row *row);

/* Writes the waiting rows in one statement when there are ROW_BATCH_ROWS of them and no
 * refusal is recent: *written says whether they were written. Otherwise, or when SQLite
 * refused them (nothing of them is written), *written is false and the caller writes them
 * one by one. CK_ERR_DB for any other failure (diag says it). The rows stay in the batch
 * until row_batch_clear. */
ck_error row_batch_write(row_batch *b, bool *written, ck_diag *diag);

/* Forgets the waiting rows. */
void row_batch_clear(row_batch *b);

/* Frees the statement; the batch can be prepared again. */
void row_batch_finalize(row_batch *b);

#endif
