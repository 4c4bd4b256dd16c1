/* xlsx.h - the monthly workbook, DIR/collectkpi-LABEL.xlsx.
 *
 * Eight sheets in the order of interface.md: Summary, Agents, Teams, Trend, Promises,
 * Complaints, Compliance, Definitions. The writer only reads a report_data (report.h):
 * every figure comes from the engine, every text from labels.h in data->lang. The file is
 * written under a temporary name in DIR (atomic_file) and renamed into place, so an existing
 * workbook is replaced only by a complete one. Same data, same bytes: the workbook's
 * creation time is the as-of time, never the wall clock.
 */
#ifndef COLLECTKPI_XLSX_H
#define COLLECTKPI_XLSX_H

#include <stddef.h>

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

/* Writes the workbook into the existing folder report_dir. CK_ERR_DATA from
 * xlsx_check_texts, CK_ERR_IO when the file cannot be written (nothing is left behind),
 * CK_ERR_NOMEM. */
ck_error xlsx_write(const char *report_dir, const report_data *data, ck_diag *diag);

#endif
