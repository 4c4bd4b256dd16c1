/* charts_driver.c - writes the fixture's report (charts and dashboard) for the shell tests,
 * without the report command or a database:
 *
 *   charts_driver DIR en|zh [--empty] [--no-charts]   write DIR/charts/ and DIR/index.html
 *   charts_driver --script en|zh [--empty]            print the chart script (golden files)
 *
 * --large: the report at the scale of demo --size large instead (fixture_build_large).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "collectkpi/charts.h"
#include "collectkpi/dashboard.h"
#include "fixture.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: charts_driver DIR|--script en|zh [--empty] [--no-charts]\n", stderr);
        return 2;
    }
    bool empty = false, charts = true, large = false;
    for (int i = 3; i < argc; i++) {
        empty = empty || strcmp(argv[i], "--empty") == 0;
        charts = charts && strcmp(argv[i], "--no-charts") != 0;
        large = large || strcmp(argv[i], "--large") == 0;
    }
    settings_lang lang = strcmp(argv[2], "zh") == 0 ? SETTINGS_LANG_ZH : SETTINGS_LANG_EN;
    fixture f;
    fixture_large big;
    fixture_build(&f, lang, empty);
    if (large && !fixture_build_large(&big, lang)) {
        fputs("charts_driver: out of memory\n", stderr);
        return 1;
    }
    const report_data *report = large ? &big.report : &f.report;
    ck_diag diag = {""};
    ck_error err;
    if (strcmp(argv[1], "--script") == 0) {
        err = charts_script_write(stdout, report, &diag);
    } else {
        mkdir(argv[1], 0777);
        err = charts ? charts_write(argv[1], report, &diag) : CK_OK;
        if (err == CK_OK)
            err = dashboard_write(argv[1], report, charts, &diag);
    }
    if (large)
        fixture_large_free(&big);
    if (err != CK_OK) {
        fprintf(stderr, "charts_driver: %s\n", diag.text[0] != '\0' ? diag.text : ck_strerror(err));
        return ck_exit_status(err);
    }
    return 0;
}
