/* dashboard.h - the self-contained management dashboard, DIR/index.html.
 *
 * with_charts: inline the SVGs of DIR/charts/ (written by charts_write before). */
#ifndef COLLECTKPI_DASHBOARD_H
#define COLLECTKPI_DASHBOARD_H

#include <stdbool.h>

#include "collectkpi/error.h"
#include "collectkpi/report.h"

ck_error dashboard_write(const char *report_dir, const report_data *data, bool with_charts,
                         ck_diag *diag);

#endif
