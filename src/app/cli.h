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

/* getopt_long codes of the common options (above any short option character). */
enum {
    CLI_OPT_MONTH = 1000,
    CLI_OPT_FROM,
    CLI_OPT_TO,
    CLI_OPT_AS_OF,
    CLI_OPT_CONFIG,
    CLI_OPT_GRACE_DAYS,
    CLI_OPT_KEPT_THRESHOLD,
    CLI_OPT_LANG,
    CLI_OPT_CURRENCY,
    CLI_OPT_QUARTER,
    CLI_OPT_YEAR,
    CLI_OPT_PROFILE,
    CLI_OPT_FIRST_FREE /* a command's own options start here */
};

/* Spread into a command's struct option array. */
#define CLI_READING_LONG_OPTIONS                                                                   \
    {"month", required_argument, NULL, CLI_OPT_MONTH},                                             \
        {"quarter", required_argument, NULL, CLI_OPT_QUARTER},                                     \
        {"year", required_argument, NULL, CLI_OPT_YEAR},                                           \
        {"from", required_argument, NULL, CLI_OPT_FROM},                                           \
        {"to", required_argument, NULL, CLI_OPT_TO},                                               \
        {"as-of", required_argument, NULL, CLI_OPT_AS_OF},                                         \
        {"config", required_argument, NULL, CLI_OPT_CONFIG},                                       \
        {"grace-days", required_argument, NULL, CLI_OPT_GRACE_DAYS},                               \
        {"kept-threshold-pct", required_argument, NULL, CLI_OPT_KEPT_THRESHOLD},                   \
        {"lang", required_argument, NULL, CLI_OPT_LANG},                                           \
        {"profile", required_argument, NULL, CLI_OPT_PROFILE},                                     \
    {                                                                                              \
        "currency", required_argument, NULL, CLI_OPT_CURRENCY                                      \
    }

/* Help text of the common options, for each command's --help. */
extern const char cli_reading_options_help[];

/* What the options said, before they are resolved. */
typedef struct cli_reading {
    const char *month;
    const char *quarter;
    const char *year;
    const char *from;
    const char *to;
    const char *as_of;
    const char *config;
    const char *grace_days;
    const char *kept_threshold_pct;
    const char *lang;
    const char *currency;
    const char *profile;
} cli_reading;

/* Stores a common option; false when opt is not one of them. */
bool cli_reading_take(cli_reading *reading, int opt, const char *arg);

/* Resolves them: period (default: last complete month before today's wall-clock date),
 * settings and report language (defaults < config < flags), as-of. CK_ERR_USAGE or
 * CK_ERR_IO with diag. */
ck_error cli_reading_resolve(const cli_reading *reading, period *period, settings *settings,
                             settings_lang *lang, bool *has_as_of, int64_t *as_of, ck_diag *diag);

#endif
