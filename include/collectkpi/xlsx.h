/* xlsx.h - the monthly workbook, DIR/collectkpi-LABEL.xlsx.
 *
 * Nine sheets in the order of interface.md: Summary, Agents, Teams, Scores, Trend, Promises,
 * Complaints, Compliance, Definitions. The writer only reads a report_data (report.h):
 * every figure comes from the engine, every text from labels.h in data->lang. The file is
 * written under a temporary name in DIR (atomic_file) and renamed into place, so an existing
 * workbook is replaced only by a complete one. Same data, same bytes: the workbook's
 * creation time is the as-of time, never the wall clock.
 */
#ifndef COLLECTKPI_XLSX_H
#define COLLECTKPI_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "collectkpi/error.h"
#include "collectkpi/period.h"
#include "collectkpi/report.h"

/* Room for "collectkpi-2026-10-03..2026-10-17.xlsx" and its NUL. */
#define XLSX_FILE_NAME_SIZE 64

/* "collectkpi-2026-10.xlsx" for a month, "collectkpi-2026-10-03..2026-10-17.xlsx" else. */
void xlsx_file_name(const period *p, char *out, size_t size);

/* Checks every text the workbook would take from the database (team, agent and case
 * names): well-formed UTF-8 and short enough for a cell. CK_ERR_DATA naming the table, row
 * id and column of the first bad one. xlsx_write calls it before it creates any file; the
 * command layer may call it earlier so that no writer starts on bad data. */
ck_error xlsx_check_texts(const report_data *data, ck_diag *diag);

/* The rows of each list its sheet could not show: a sheet holds 1,048,576 rows, and a longer
 * list stops above its end with a note (0: the whole list is on its sheet). */
typedef struct xlsx_cut {
    size_t promises, complaints, breaches;
} xlsx_cut;

/* Writes the workbook into the existing folder report_dir; *cut (may be NULL) gets the rows
 * left out of the lists. CK_ERR_DATA from xlsx_check_texts, CK_ERR_IO when the file cannot be
 * written (nothing is left behind), CK_ERR_NOMEM. */
ck_error xlsx_write(const char *report_dir, const report_data *data, xlsx_cut *cut, ck_diag *diag);

/* One month of an agent's scorecard history: that month's result and its score table. */
typedef struct xlsx_scorecard_month {
    const kpi_result *result;
    const score_table *scores;
} xlsx_scorecard_month;

/* CK_ERR_DATA naming the agent when employee_no cannot be a file name (empty, longer than
 * 64 bytes, starting with '.' or '-', holding '/', '\\' or a control character). */
ck_error xlsx_scorecard_name_check(const char *employee_no, int64_t agent_id, ck_diag *diag);

/* At most this many of an agent's complaints and breaches are listed on a scorecard, so that
 * it stays one page; a last line counts the rest. */
#define XLSX_SCORECARD_LIST_MAX 8

/* Where each agent's breaches sit in a result's breach list, for the scorecards: their
 * number and the list indexes of the first XLSX_SCORECARD_LIST_MAX (in list order). Made in
 * one read of the list, so that each card then reads only its own rows: the cards of a
 * thousand agents cost one read of a year's list, not a thousand, and the list may wait in
 * its temporary file (spill.h) instead of memory. */
typedef struct xlsx_agent_breaches {
    size_t count;
    size_t first[XLSX_SCORECARD_LIST_MAX];
} xlsx_agent_breaches;

typedef struct xlsx_breach_index {
    xlsx_agent_breaches *agents; /* one per result agent */
    size_t agent_count;
} xlsx_breach_index;

/* Fills *index from r's breach list (none: every count 0). CK_ERR_IO when the list cannot be
 * read back, CK_ERR_NOMEM; *index is then empty. */
ck_error xlsx_breach_index_make(const kpi_result *r, xlsx_breach_index *index, ck_diag *diag);
void xlsx_breach_index_free(xlsx_breach_index *index);

/* Writes DIR/EMPLOYEE_NO.xlsx: the review scorecard of data->current->agents[agent_index]
 * for data->current's period (data->scores must be set), with the months of history
 * (oldest first), in data->lang, its breaches found through breaches (made from
 * data->current). One A4 page; atomic; the same inputs give the same bytes. */
ck_error xlsx_write_scorecard(const char *dir, const report_data *data, size_t agent_index,
                              const xlsx_scorecard_month *history, size_t history_count,
                              const xlsx_breach_index *breaches, ck_diag *diag);

#endif
