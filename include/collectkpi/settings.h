/* settings.h - the one settings struct: defaults, then the config file, then flags.
 *
 * The engine reads grace_days, kept_threshold_pct, resolved_mask and the compliance rules'
 * settings (compliance.h) and hands the struct back in its kpi_result, so every report
 * prints the settings its figures were made with;
 * the writers show the currency beside money. The report language comes from the same
 * config file and flags but is not part of the struct: the engine knows no language, so it
 * goes straight to the writers (report_data.lang).
 */
#ifndef COLLECTKPI_SETTINGS_H
#define COLLECTKPI_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collectkpi/compliance.h"
#include "collectkpi/error.h"

#define SETTINGS_GRACE_DAYS_MAX                  365
#define SETTINGS_COMPLAINT_HANDLING_DAYS_DEFAULT 15
#define SETTINGS_COMPLAINT_HANDLING_DAYS_MAX     365
/* How long a command waits for another program's lock on the database before it fails with
 * "database is locked": 10 s by default, at most an hour; 0 fails at once. */
#define SETTINGS_BUSY_TIMEOUT_MS_DEFAULT 10000
#define SETTINGS_BUSY_TIMEOUT_MS_MAX     3600000

typedef enum settings_lang { SETTINGS_LANG_EN, SETTINGS_LANG_ZH } settings_lang;

/* The six scored measures of scorecard.md, in its table's order. */
typedef enum settings_measure {
    SETTINGS_MEASURE_RECOVERY_INDEX,
    SETTINGS_MEASURE_PTP_KEPT_RATE,
    SETTINGS_MEASURE_RPC_RATE,
    SETTINGS_MEASURE_COMPLAINTS_UPHELD,
    SETTINGS_MEASURE_BREACHES,
    SETTINGS_MEASURE_CSAT,
    SETTINGS_MEASURE_COUNT
} settings_measure;

/* A measure's key (its column name, "recovery_index" ..) and direction. */
extern const char *const settings_measure_keys[SETTINGS_MEASURE_COUNT];
extern const bool settings_measure_lower_is_better[SETTINGS_MEASURE_COUNT];

typedef struct settings_measure_target {
    double target;      /* > 0 */
    double weight;      /* >= 0; 0 drops the measure */
    int64_t min_sample; /* >= 0 */
} settings_measure_target;

/* [score] and [score.MEASURE] of the config file (scorecard.md). */
typedef struct settings_score {
    settings_measure_target measure[SETTINGS_MEASURE_COUNT];
    double amber_at;                 /* default 0.9, in (0, 1] */
    double min_coverage;             /* default 0.6, in [0, 1] */
    double critical_cap;             /* default 60, in [0, 120] */
    unsigned critical_category_mask; /* bit i = codes_complaint_category.codes[i] */
} settings_score;

typedef struct settings {
    int grace_days;         /* default 0, 0..365 */
    int kept_threshold_pct; /* default 100, 1..100 */
    unsigned resolved_mask; /* bit i = codes_close_reason.codes[i] resolves a case */
    char currency[8];       /* ISO 4217 code shown in reports, default CNY */
    settings_score score;
    /* [report] complaint_handling_days: a complaint still open after this many days is
     * overdue on the Complaints list (default 15, 1..365). No kpi.md figure depends on it. */
    int complaint_handling_days;
    /* [compliance]: the profile and the rules' hours, limits and severities. */
    compliance_settings compliance;
    /* [database] busy_timeout_ms: how long to wait for another program's lock (default
     * SETTINGS_BUSY_TIMEOUT_MS_DEFAULT). No figure depends on it. */
    int busy_timeout_ms;
} settings;

void settings_defaults(settings *s);

/* The report language when neither the config file nor a flag names one. */
#define SETTINGS_LANG_DEFAULT SETTINGS_LANG_EN

/* Reads an INI file over s and *lang ([report] lang) (keys in docs/configuration.md).
 * Unknown keys and bad values are CK_ERR_USAGE with the file, line and key in diag; so are
 * a folder, a device or FIFO, a file over 1 MiB and a line over 198 bytes (named, never cut
 * short); a missing file is CK_ERR_NOT_FOUND. */
ck_error settings_load_file(settings *s, settings_lang *lang, const char *path, ck_diag *diag);

/* Value parsers shared by the config file and the flags, so both accept the same text. */
ck_error settings_set_grace_days(settings *s, const char *text, ck_diag *diag);
ck_error settings_set_kept_threshold_pct(settings *s, const char *text, ck_diag *diag);
ck_error settings_set_resolved_reasons(settings *s, const char *text, ck_diag *diag);
ck_error settings_set_lang(settings_lang *lang, const char *text, ck_diag *diag);
ck_error settings_set_currency(settings *s, const char *text, ck_diag *diag);
/* One key of [score] (amber_at, min_coverage, critical_cap, critical_complaint_categories)
 * or of [score.MEASURE] (target, weight, min_sample); measure NULL for [score]. */
ck_error settings_set_score(settings *s, const char *measure, const char *key, const char *text,
                            ck_diag *diag);
/* scorecard.md's defaults (settings_defaults calls it). */
void settings_score_defaults(settings_score *score);
/* What no single key can check: at least one measure weighs more than 0. */
ck_error settings_score_check(const settings_score *score, ck_diag *diag);
ck_error settings_set_complaint_handling_days(settings *s, const char *text, ck_diag *diag);
ck_error settings_set_busy_timeout_ms(settings *s, const char *text, ck_diag *diag);
/* --profile cn|us (the `[compliance] profile` key). */
ck_error settings_set_profile(settings *s, const char *text, ck_diag *diag);

#endif
