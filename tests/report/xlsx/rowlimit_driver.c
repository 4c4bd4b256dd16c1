/* rowlimit_driver.c - writes the workbook of the charts' fixture report (three teams, five
 * agents) with lists longer than a sheet holds, for rowlimit.sh:
 *
 *   rowlimit_driver DIR en|zh PROMISES BREACHES
 *
 * The fixture's lists are replaced by PROMISES broken promises and BREACHES breaching
 * contacts, all of the fixture's first agent, in array order: promise i names case
 * "P000000000" + i and breach i case "B000000000" + i, so that the shell test can tell which
 * row of the list is which. The lists (126 and 59 MiB) are in spills of the default budget,
 * as the engine keeps a long period's: the sheets read them back from temporary files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collectkpi/compliance.h"
#include "collectkpi/xlsx.h"
#include "fixture.h"

#define CASE_NO_SIZE 24

int main(int argc, char **argv)
{
    if (argc != 5) {
        fputs("usage: rowlimit_driver DIR en|zh PROMISES BREACHES\n", stderr);
        return 2;
    }
    settings_lang lang = strcmp(argv[2], "zh") == 0 ? SETTINGS_LANG_ZH : SETTINGS_LANG_EN;
    size_t promise_count = strtoull(argv[3], NULL, 10);
    size_t breach_count = strtoull(argv[4], NULL, 10);
    fixture f;
    fixture_build(&f, lang, false);
    spill *promises = NULL, *breaches = NULL;
    ck_error err = spill_new(sizeof(kpi_promise), 0, &promises);
    if (err == CK_OK)
        err = spill_new(sizeof(kpi_breach), 0, &breaches);
    ck_diag diag = {""};
    char *case_nos = malloc((promise_count + breach_count + 1) * CASE_NO_SIZE);
    if (err != CK_OK || case_nos == NULL) {
        fputs("rowlimit_driver: out of memory\n", stderr);
        return 1;
    }
    kpi_result *r = &f.current;
    int64_t due_day = r->period.start / 86400;
    for (size_t i = 0; i < promise_count; i++) {
        char *case_no = case_nos + i * CASE_NO_SIZE;
        snprintf(case_no, CASE_NO_SIZE, "P%09zu", i);
        kpi_promise promise = {.promise_id = (int64_t)i + 1,
                               .case_no = case_no,
                               .agent_index = 0,
                               .made_at = r->period.start,
                               .due_on = due_day,
                               .window_end = r->period.start + 86400,
                               .amount_minor = 10000,
                               .paid_toward_minor = 2500,
                               .status = KPI_PROMISE_BROKEN,
                               .shortfall_minor = 7500,
                               .days_overdue = 3,
                               .outstanding_minor = 90000};
        if ((err = spill_push(promises, &promise, &diag)) != CK_OK) {
            fprintf(stderr, "rowlimit_driver: %s: %s\n", ck_strerror(err), diag.text);
            return 1;
        }
    }
    for (size_t i = 0; i < breach_count; i++) {
        char *case_no = case_nos + (promise_count + i) * CASE_NO_SIZE;
        snprintf(case_no, CASE_NO_SIZE, "B%09zu", i);
        kpi_breach breach = {.contact_id = (int64_t)i + 1,
                             .case_no = case_no,
                             .agent_index = 0,
                             .contact_at = r->period.start + (int64_t)(i % 86400),
                             .channel = 0,
                             .direction = 0,
                             .party = 0,
                             .outcome = 0,
                             .rules = 1u << COMPLIANCE_QUIET_HOURS};
        if ((err = spill_push(breaches, &breach, &diag)) != CK_OK) {
            fprintf(stderr, "rowlimit_driver: %s: %s\n", ck_strerror(err), diag.text);
            return 1;
        }
    }
    r->promises = promises;
    r->promise_count = promise_count;
    r->breaches = breaches;
    r->breach_count = breach_count;
    mkdir(argv[1], 0755);
    xlsx_cut cut;
    err = xlsx_write(argv[1], &f.report, &cut, &diag);
    if (err != CK_OK)
        fprintf(stderr, "rowlimit_driver: %s: %s\n", ck_strerror(err), diag.text);
    else /* what the report command warns of */
        printf("left out: %zu promises, %zu complaints, %zu breaches\n", cut.promises,
               cut.complaints, cut.breaches);
    spill_free(promises);
    spill_free(breaches);
    free(case_nos);
    return err == CK_OK ? 0 : 1;
}
