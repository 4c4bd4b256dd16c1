/* cli.h - the options every reading command takes (interface.md), parsed once.
 *
 * --month | --quarter | --year | --from/--to, --as-of, --config, --grace-days,
 * --kept-threshold-pct, --profile, and the report options --lang/--currency. The config file
 * is applied before the flags whatever their order on the command line, so a flag always
 * beats the file.
 */
#ifndef COLLECTKPI_CLI_H
#define COLLECTKPI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include "collectkpi/error.h"
#include "collectkpi/period.h"
#include "collectkpi/settings.h"

/* The common options, written down once: X(name, getopt code, cli_reading field). Each
 * takes a value; the list makes the codes, the getopt_long entries, the fields of
 * cli_reading and cli_reading_take's table. */
#define CLI_READING_OPTIONS(X)                                                                     \
    X("month", CLI_OPT_MONTH, month)                                                               \
    X("quarter", CLI_OPT_QUARTER, quarter)                                                         \
    X("year", CLI_OPT_YEAR, year)                                                                  \
    X("from", CLI_OPT_FROM, from)                                                                  \
    X("to", CLI_OPT_TO, to)                                                                        \
    X("as-of", CLI_OPT_AS_OF, as_of)                                                               \
    X("config", CLI_OPT_CONFIG, config)                                                            \
    X("grace-days", CLI_OPT_GRACE_DAYS, grace_days)                                                \
    X("kept-threshold-pct", CLI_OPT_KEPT_THRESHOLD, kept_threshold_pct)                            \
    X("lang", CLI_OPT_LANG, lang)                                                                  \
    X("currency", CLI_OPT_CURRENCY, currency)                                                      \
    X("profile", CLI_OPT_PROFILE, profile)                                                         \
    X("jobs", CLI_OPT_JOBS, jobs)

/* getopt_long codes of the common options (above any short option character). */
#define CLI_OPTION_CODE(name, code, field) code,
enum {
    CLI_OPT_BASE = 999, /* the codes follow it, above any short option character */
    CLI_READING_OPTIONS(CLI_OPTION_CODE) CLI_OPT_ALLOW_EMPTY, /* the one flag without a value */
    CLI_OPT_FIRST_FREE                                        /* a command's own options */
};
#undef CLI_OPTION_CODE

/* Spread into a command's struct option array; each entry ends with its comma. */
#define CLI_READING_LONG_OPTION(name, code, field) {name, required_argument, NULL, code},
#define CLI_READING_LONG_OPTIONS                                                                   \
    CLI_READING_OPTIONS(CLI_READING_LONG_OPTION){"allow-empty", no_argument, NULL,                 \
                                                 CLI_OPT_ALLOW_EMPTY},

/* Help text of the common options, for each command's --help. */
extern const char cli_reading_options_help[];

/* What the options said, before they are resolved. */
#define CLI_READING_FIELD(name, code, field) const char *field;
typedef struct cli_reading {
    CLI_READING_OPTIONS(CLI_READING_FIELD)
    bool allow_empty; /* --allow-empty: report a period with no payment and no contact */
} cli_reading;
#undef CLI_READING_FIELD

/* Stores a common option; false when opt is not one of them. */
bool cli_reading_take(cli_reading *reading, int opt, const char *arg);

/* Resolves them: period (default: last complete month before today's wall-clock date),
 * settings and report language (defaults < config < flags), as-of. CK_ERR_USAGE or
 * CK_ERR_IO with diag. */
ck_error cli_reading_resolve(const cli_reading *reading, period *period, settings *settings,
                             settings_lang *lang, bool *has_as_of, int64_t *as_of, ck_diag *diag);

/* --jobs N (1..CLI_MAX_JOBS): how many threads may read the database at once; by default the
 * number of cores, at most CLI_DEFAULT_MAX_JOBS. CK_ERR_USAGE with diag on a bad value. */
#define CLI_MAX_JOBS         64
#define CLI_DEFAULT_MAX_JOBS 8
ck_error cli_reading_jobs(const cli_reading *reading, int *jobs, ck_diag *diag);

#endif
