/* charts.h - the gnuplot chart set of a report (the set is listed in report_charts.h).
 *
 * Writes DIR/charts/charts.gp (one script for the whole set) and runs it with one gnuplot
 * process (posix_spawnp, explicit argv, never a shell), giving DIR/charts/NAME.png and
 * NAME.svg. CK_ERR_PROGRAM with an install hint in diag when gnuplot is missing or fails.
 *
 * charts.c runs gnuplot and moves the files into place; charts_script.c writes the script.
 */
#ifndef COLLECTKPI_CHARTS_H
#define COLLECTKPI_CHARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "collectkpi/error.h"
#include "collectkpi/report.h"

/* Writes the whole script in data->lang to out. Deterministic: the same data
 * gives the same bytes. CK_ERR_NOMEM, or CK_ERR_IO when out reports a write error. */
ck_error charts_script_write(FILE *out, const report_data *data, ck_diag *diag);

/* Writes the set into DIR/charts/ (created when missing). The files appear only when
 * gnuplot drew every chart: they are made in a temporary folder DIR/charts/.tmp-XXXXXX and
 * renamed into place. On failure diag says what to do ("install it with apt-get install
 * gnuplot-nox") or carries gnuplot's first error line. */
ck_error charts_write(const char *report_dir, const report_data *data, ck_diag *diag);

/* charts_write in two steps, so that gnuplot draws while the caller writes the rest of the
 * report: charts_start writes the script into the temporary folder and starts gnuplot
 * (*job NULL and diag set when it fails: nothing is left behind); charts_finish waits for it
 * (ends it first when stop: the report is abandoned), checks and titles the files, moves
 * them into place and frees job (NULL: nothing to do). data is not used after charts_start. */
typedef struct charts_job charts_job;
ck_error charts_start(const char *report_dir, const report_data *data, charts_job **job,
                      ck_diag *diag);
ck_error charts_finish(charts_job *job, bool stop, ck_diag *diag);

#endif
