/* cli.c - the options every reading command shares, resolved in one order:
 * defaults, then --config FILE, then the flags (interface.md). */
#include "cli.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char cli_reading_options_help[] =
    "Period (one of):\n"
    "  --month YYYY-MM          a calendar month (default: the last complete month)\n"
    "  --quarter YYYYQn         a calendar quarter, e.g. 2026Q3 (July to September)\n"
    "  --year YYYY              a calendar year\n"
    "  --from DATE --to DATE    a range of days, both included (YYYY-MM-DD)\n"
    "Settings (a flag beats the config file, which beats the default):\n"
    "  --as-of 'YYYY-MM-DD HH:MM:SS'  when the data is complete; decides which promises\n"
    "                           are still pending (default: the data cut-off, the latest\n"
    "                           payment or contact in the database)\n"
    "  --config FILE            INI settings file (see docs/configuration.md)\n"
    "  --grace-days N           days after due_on a promise may still be paid (default 0)\n"
    "  --kept-threshold-pct N   percent of a promise that must be paid to keep it\n"
    "                           (default 100)\n"
    "  A number N is digits only: no space, no '+', no fraction (here and in the\n"
    "  config file).\n"
    "  --profile cn|us          contact-compliance rules: cn (Chinese industry rules, the\n"
    "                           default) or us (Regulation F); see docs/compliance.md\n"
    "Speed:\n"
    "  --jobs N                 threads that read the database at once: the contacts and\n"
    "                           the old payments beside the cases, the compliance check\n"
    "                           of compliance and score on a thread of its own (default:\n"
    "                           the number of cores, at most 8; 1: one thread); the\n"
    "                           figures are the same for any N\n"
    "Data coverage:\n"
    "  --allow-empty            report a period with no payment and no contact at all\n"
    "                           (by default that is an error: the data has not reached\n"
    "                           it yet); a period the data covers only in part is\n"
    "                           reported with a warning either way\n";

/* Where each common option's value goes. */
typedef struct reading_slot {
    int code;
    size_t field; /* offset of a const char * in cli_reading */
} reading_slot;

#define CLI_READING_SLOT(name, code, field) {code, offsetof(cli_reading, field)},
static const reading_slot reading_slots[] = {CLI_READING_OPTIONS(CLI_READING_SLOT)};
#undef CLI_READING_SLOT

bool cli_reading_take(cli_reading *reading, int opt, const char *arg)
{
    if (opt == CLI_OPT_ALLOW_EMPTY) {
        reading->allow_empty = true;
        return true;
    }
    for (size_t i = 0; i < sizeof reading_slots / sizeof reading_slots[0]; i++)
        if (reading_slots[i].code == opt) {
            memcpy((char *)reading + reading_slots[i].field, &arg, sizeof arg);
            return true;
        }
    return false;
}

static ck_error resolve_period(const cli_reading *reading, period *out, ck_diag *diag)
{
    int given = (reading->month != NULL) + (reading->quarter != NULL) + (reading->year != NULL) +
                (reading->from != NULL || reading->to != NULL);
    if (given > 1) {
        ck_diag_set(diag, "give one period: --month, --quarter, --year or --from/--to");
        return CK_ERR_USAGE;
    }
    if (reading->month != NULL)
        return period_from_month_text(reading->month, out, diag);
    if (reading->quarter != NULL)
        return period_from_quarter_text(reading->quarter, out, diag);
    if (reading->year != NULL)
        return period_from_year_text(reading->year, out, diag);
    if (reading->from != NULL || reading->to != NULL)
        return period_from_dates_text(reading->from, reading->to, out, diag);
    /* The one use of the wall clock: which month is "last month". */
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    period_last_complete_month(
        datetime_days_from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday), out);
    return CK_OK;
}

ck_error cli_reading_resolve(const cli_reading *reading, period *period, settings *settings,
                             settings_lang *lang, bool *has_as_of, int64_t *as_of, ck_diag *diag)
{
    ck_error err = resolve_period(reading, period, diag);
    if (err != CK_OK)
        return err;
    settings_defaults(settings);
    *lang = SETTINGS_LANG_DEFAULT;
    if (reading->config != NULL) {
        ck_diag file_diag = {{0}};
        err = settings_load_file(settings, lang, reading->config, &file_diag);
        if (err != CK_OK) {
            ck_diag_set(diag, "config file '%s': %s", reading->config, file_diag.text);
            return err;
        }
    }
    if (reading->grace_days != NULL &&
        (err = settings_set_grace_days(settings, reading->grace_days, diag)) != CK_OK)
        return err;
    if (reading->kept_threshold_pct != NULL &&
        (err = settings_set_kept_threshold_pct(settings, reading->kept_threshold_pct, diag)) !=
            CK_OK)
        return err;
    if (reading->lang != NULL && (err = settings_set_lang(lang, reading->lang, diag)) != CK_OK)
        return err;
    if (reading->currency != NULL &&
        (err = settings_set_currency(settings, reading->currency, diag)) != CK_OK)
        return err;
    if (reading->profile != NULL &&
        (err = settings_set_profile(settings, reading->profile, diag)) != CK_OK)
        return err;
    *has_as_of = reading->as_of != NULL;
    *as_of = 0;
    if (reading->as_of != NULL &&
        !datetime_parse_ts(reading->as_of, strlen(reading->as_of), as_of)) {
        ck_diag_set(diag, "--as-of '%s' is not a real timestamp 'YYYY-MM-DD HH:MM:SS'",
                    reading->as_of);
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error cli_reading_jobs(const cli_reading *reading, int *jobs, ck_diag *diag)
{
    if (reading->jobs == NULL) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        *jobs = cores < 1 ? 1 : cores > CLI_DEFAULT_MAX_JOBS ? CLI_DEFAULT_MAX_JOBS : (int)cores;
        return CK_OK;
    }
    char *end = NULL;
    errno = 0;
    long n = strtol(reading->jobs, &end, 10);
    if (errno != 0 || end == reading->jobs || *end != '\0' || n < 1 || n > CLI_MAX_JOBS) {
        ck_diag_set(diag, "--jobs '%s' is not a whole number from 1 to %d", reading->jobs,
                    CLI_MAX_JOBS);
        return CK_ERR_USAGE;
    }
    *jobs = (int)n;
    return CK_OK;
}
