/* compliance.h - the contact-compliance rules of compliance.md: profiles, rules, severities
 * and their settings.
 *
 * The rule list is spelled once here; the settings parser, the engine's breach pass, the
 * text writers, the workbook and the labels all index by compliance_rule. A profile is an
 * ordered subset of the rules (the order of compliance.md's tables, which is the order of
 * the breaches_RULE columns and of the rules in a breach list line).
 */
#ifndef COLLECTKPI_COMPLIANCE_H
#define COLLECTKPI_COMPLIANCE_H

#include <stddef.h>
#include <stdint.h>

#include "collectkpi/error.h"

typedef enum compliance_profile {
    COMPLIANCE_PROFILE_CN, /* Chinese industry rules, the default */
    COMPLIANCE_PROFILE_US, /* Regulation F */
    COMPLIANCE_PROFILE_COUNT
} compliance_profile;

typedef enum compliance_severity {
    COMPLIANCE_MINOR,
    COMPLIANCE_MAJOR,
    COMPLIANCE_CRITICAL,
    COMPLIANCE_SEVERITY_COUNT
} compliance_severity;

typedef enum compliance_rule {
    COMPLIANCE_QUIET_HOURS,
    COMPLIANCE_ATTEMPTS_PER_DAY,
    COMPLIANCE_CONNECTED_PER_DAY,
    COMPLIANCE_THIRD_PARTY_EARLY,
    COMPLIANCE_BURST,
    COMPLIANCE_SEVEN_IN_SEVEN,
    COMPLIANCE_AFTER_CONVERSATION,
    COMPLIANCE_RULE_COUNT
} compliance_rule;

/* "cn", "us" / "minor", "major", "critical" / "quiet_hours", ... (contract keys). */
extern const char *const compliance_profile_names[COMPLIANCE_PROFILE_COUNT];
extern const char *const compliance_severity_names[COMPLIANCE_SEVERITY_COUNT];
extern const char *const compliance_rule_keys[COMPLIANCE_RULE_COUNT];

/* The rules of a profile in compliance.md's order; returns their count. */
size_t compliance_profile_rules(compliance_profile profile, const compliance_rule **rules);

/* The settings of compliance.md "Settings": each with the default of the spec. */
typedef struct compliance_settings {
    compliance_profile profile;
    /* Contacts are allowed from contact_from_s (inclusive) to contact_until_s (exclusive),
     * seconds after midnight, per profile: cn 08:00:00-22:00:00, us 08:00:00-21:00:00. */
    int32_t contact_from_s[COMPLIANCE_PROFILE_COUNT];
    int32_t contact_until_s[COMPLIANCE_PROFILE_COUNT];
    int failed_calls_per_day;      /* cn attempts_per_day: 6 */
    int connected_calls_per_day;   /* cn connected_per_day: 3 */
    int calls_per_seven_days;      /* us seven_in_seven: 7 */
    int burst_seconds;             /* burst: 300 */
    int unreachable_lookback_days; /* cn third_party_early: 30 */
    compliance_severity severity[COMPLIANCE_RULE_COUNT];
} compliance_settings;

#define COMPLIANCE_LIMIT_MAX         1000
#define COMPLIANCE_BURST_MAX_S       86400
#define COMPLIANCE_LOOKBACK_MAX_DAYS 366

void compliance_settings_defaults(compliance_settings *s);

/* Sets one `[compliance]` key from its text (the config file and --profile share it).
 * CK_ERR_USAGE with a sentence naming the key when the value is bad; CK_ERR_NOT_FOUND when
 * the key is not one of the section's keys (diag untouched). */
ck_error compliance_settings_set(compliance_settings *s, const char *key, const char *text,
                                 ck_diag *diag);

/* "08:00:00" for 28800 (24:00:00 for a whole day); out holds 9 bytes. */
void compliance_format_time_of_day(int32_t seconds, char *out);

/* One line with the profile and every value its rules use, for reports and table headers:
 * "profile cn: contact hours 08:00:00-22:00:00, ...". */
void compliance_settings_describe(const compliance_settings *s, char *out, size_t size);

#endif
