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

typedef enum settings_lang { SETTINGS_LANG_EN, SETTINGS_LANG_ZH } settings_lang;

typedef struct settings {
    int grace_days;         /* default 0, 0..365 */
    int kept_threshold_pct; /* default 100, 1..100 */
    unsigned resolved_mask; /* bit i = codes_close_reason.codes[i] resolves a case */
    char currency[8];       /* ISO 4217 code shown in reports, default CNY */
    /* [report] complaint_handling_days: a complaint still open after this many days is
     * overdue on the Complaints list (default 15, 1..365). No kpi.md figure depends on it. */
    int complaint_handling_days;
    /* [compliance]: the profile and the rules' hours, limits and severities. */
    compliance_settings compliance;
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
ck_error settings_set_complaint_handling_days(settings *s, const char *text, ck_diag *diag);
/* --profile cn|us (the `[compliance] profile` key). */
ck_error settings_set_profile(settings *s, const char *text, ck_diag *diag);

#endif
