/* spill.h - an array of fixed-size records that leaves memory for a temporary file once it
 * outgrows a budget.
 *
 * Why: a report's lists grow with its period, and the figures do not. Over 24 months the large
 * database lists 753,675 broken or pending promises, 120 bytes each: 86 MiB held from the
 * first chunk of cases to the last row written, a third of the report's peak. Past its budget
 * a spill keeps every record in an unnamed temporary file ($TMPDIR, else /tmp; the system
 * removes it when the program ends, however it ends) and memory holds two blocks: one for
 * appends and one for reads.
 *
 * Cost. While the records fit the budget they are a plain array in memory and no file is made:
 * the usual run is what it was. Past it, reading the records in index order, or reading and
 * rewriting each in turn, costs one block read per block (the file is in the page cache, not
 * on the disk, at the sizes above); a read out of order costs one pread of the record.
 * spill_sort is a merge sort of sorted runs, each the size of the budget.
 *
 * Records may hold pointers: the file lives and dies with the process. Not for two threads at
 * once. Errors: CK_ERR_NOMEM, or CK_ERR_IO with the reason in diag (a full disk, a folder that
 * cannot hold the file); the records already pushed stay readable after a failed push.
 */
#ifndef COLLECTKPI_SPILL_H
#define COLLECTKPI_SPILL_H

#include <stddef.h>

#include "collectkpi/error.h"

typedef struct spill spill;

/* The budget used when a caller passes 0: 8 MiB. */
#define SPILL_DEFAULT_BUDGET ((size_t)8 << 20)

/* An empty spill of records of record_size bytes (at least 1), kept in memory while they
 * take at most memory_budget bytes (0: SPILL_DEFAULT_BUDGET; a budget under one record
 * still keeps one). */
ck_error spill_new(size_t record_size, size_t memory_budget, spill **out);

/* Appends a copy of record. */
ck_error spill_push(spill *s, const void *record, ck_diag *diag);

size_t spill_count(const spill *s);

/* Copies record `index` (below spill_count) out to record / in from record. */
ck_error spill_get(spill *s, size_t index, void *record, ck_diag *diag);
ck_error spill_put(spill *s, size_t index, const void *record, ck_diag *diag);

/* Sorts the records by compare, as qsort would; compare must be a total order (ties are
 * not kept in any particular order). On a failure the records are no longer what was pushed
 * (a run may be half written back): free the spill. */
ck_error spill_sort(spill *s, int (*compare)(const void *, const void *), ck_diag *diag);

/* Whether the records are in the file (for tests and the bench, which check both ways). */
int spill_on_file(const spill *s);

void spill_free(spill *s);

#endif
