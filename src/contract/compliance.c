/* compliance.c - the rule table of compliance.md and the `[compliance]` settings.
 *
 * Keys (docs/configuration.md):
 *   profile = cn|us
 *   cn_contact_hours, us_contact_hours = HH:MM[:SS]-HH:MM[:SS]  (from inclusive, until
 *       exclusive; one key per profile so both ends are checked together on one line)
 *   failed_calls_per_day, connected_calls_per_day, calls_per_seven_days  (1..1000)
 *   burst_seconds (1..86400), unreachable_lookback_days (1..366)
 *   RULE_severity = minor|major|critical, for each rule of either profile
 */
#include "collectkpi/compliance.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/number.h"

const char *const compliance_profile_names[COMPLIANCE_PROFILE_COUNT] = {"cn", "us"};
const char *const compliance_severity_names[COMPLIANCE_SEVERITY_COUNT] = {"minor", "major",
                                                                          "critical"};
const char *const compliance_rule_keys[COMPLIANCE_RULE_COUNT] = {
    "quiet_hours", "attempts_per_day", "connected_per_day",  "third_party_early",
    "burst",       "seven_in_seven",   "after_conversation",
};

static const compliance_rule cn_rules[] = {COMPLIANCE_QUIET_HOURS, COMPLIANCE_ATTEMPTS_PER_DAY,
                                           COMPLIANCE_CONNECTED_PER_DAY,
                                           COMPLIANCE_THIRD_PARTY_EARLY, COMPLIANCE_BURST};
static const compliance_rule us_rules[] = {COMPLIANCE_QUIET_HOURS, COMPLIANCE_SEVEN_IN_SEVEN,
                                           COMPLIANCE_AFTER_CONVERSATION, COMPLIANCE_BURST};

size_t compliance_profile_rules(compliance_profile profile, const compliance_rule **rules)
{
    if (profile == COMPLIANCE_PROFILE_US) {
        *rules = us_rules;
        return sizeof us_rules / sizeof us_rules[0];
    }
    *rules = cn_rules;
    return sizeof cn_rules / sizeof cn_rules[0];
}

void compliance_settings_defaults(compliance_settings *s)
{
    memset(s, 0, sizeof *s);
    s->profile = COMPLIANCE_PROFILE_CN;
    s->contact_from_s[COMPLIANCE_PROFILE_CN] = 8 * 3600;
    s->contact_until_s[COMPLIANCE_PROFILE_CN] = 22 * 3600;
    s->contact_from_s[COMPLIANCE_PROFILE_US] = 8 * 3600;
    s->contact_until_s[COMPLIANCE_PROFILE_US] = 21 * 3600;
    s->failed_calls_per_day = 6;
    s->connected_calls_per_day = 3;
    s->calls_per_seven_days = 7;
    s->burst_seconds = 300;
    s->unreachable_lookback_days = 30;
    for (int r = 0; r < COMPLIANCE_RULE_COUNT; r++)
        s->severity[r] = COMPLIANCE_MAJOR;
    s->severity[COMPLIANCE_THIRD_PARTY_EARLY] = COMPLIANCE_CRITICAL;
    s->severity[COMPLIANCE_BURST] = COMPLIANCE_MINOR;
}

static bool parse_whole(const char *text, long min, long max, int *out)
{
    int64_t v;
    if (!number_parse_int_range(text, min, max, &v))
        return false;
    *out = (int)v;
    return true;
}

/* "HH:MM" or "HH:MM:SS", 00:00 .. 24:00:00; *end is where the time stopped. */
static bool parse_time_of_day(const char *text, const char **end, int32_t *out)
{
    int part[3] = {0, 0, 0};
    int parts = 0;
    const char *p = text;
    while (parts < 3) {
        if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
            return false;
        part[parts++] = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (*p != ':' || parts == 3)
            break;
        p++;
    }
    if (parts < 2 || part[1] > 59 || part[2] > 59)
        return false;
    int32_t seconds = part[0] * 3600 + part[1] * 60 + part[2];
    if (seconds > 24 * 3600)
        return false;
    *out = seconds;
    *end = p;
    return true;
}

static ck_error set_hours(compliance_settings *s, compliance_profile profile, const char *key,
                          const char *text, ck_diag *diag)
{
    const char *p = text;
    int32_t from, until;
    bool ok = parse_time_of_day(p, &p, &from);
    while (ok && *p == ' ')
        p++;
    ok = ok && *p == '-';
    if (ok) {
        p++;
        while (*p == ' ')
            p++;
        ok = parse_time_of_day(p, &p, &until) && *p == '\0' && from < until;
    }
    if (!ok) {
        ck_diag_set(diag,
                    "%s '%s' is not a range of the day HH:MM-HH:MM (from before until, "
                    "00:00 to 24:00), such as 08:00-22:00",
                    key, text);
        return CK_ERR_USAGE;
    }
    s->contact_from_s[profile] = from;
    s->contact_until_s[profile] = until;
    return CK_OK;
}

static ck_error set_whole(int *field, const char *key, const char *text, long min, long max,
                          ck_diag *diag)
{
    if (!parse_whole(text, min, max, field)) {
        ck_diag_set(diag, "%s '%s' is not a whole number from %ld to %ld", key, text, min, max);
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error compliance_settings_set(compliance_settings *s, const char *key, const char *text,
                                 ck_diag *diag)
{
    if (text == NULL)
        text = "";
    if (strcmp(key, "profile") == 0) {
        for (int p = 0; p < COMPLIANCE_PROFILE_COUNT; p++)
            if (strcmp(text, compliance_profile_names[p]) == 0) {
                s->profile = (compliance_profile)p;
                return CK_OK;
            }
        ck_diag_set(diag, "profile '%s' is not cn or us", text);
        return CK_ERR_USAGE;
    }
    if (strcmp(key, "cn_contact_hours") == 0)
        return set_hours(s, COMPLIANCE_PROFILE_CN, key, text, diag);
    if (strcmp(key, "us_contact_hours") == 0)
        return set_hours(s, COMPLIANCE_PROFILE_US, key, text, diag);
    if (strcmp(key, "failed_calls_per_day") == 0)
        return set_whole(&s->failed_calls_per_day, key, text, 1, COMPLIANCE_LIMIT_MAX, diag);
    if (strcmp(key, "connected_calls_per_day") == 0)
        return set_whole(&s->connected_calls_per_day, key, text, 1, COMPLIANCE_LIMIT_MAX, diag);
    if (strcmp(key, "calls_per_seven_days") == 0)
        return set_whole(&s->calls_per_seven_days, key, text, 1, COMPLIANCE_LIMIT_MAX, diag);
    if (strcmp(key, "burst_seconds") == 0)
        return set_whole(&s->burst_seconds, key, text, 1, COMPLIANCE_BURST_MAX_S, diag);
    if (strcmp(key, "unreachable_lookback_days") == 0)
        return set_whole(&s->unreachable_lookback_days, key, text, 1, COMPLIANCE_LOOKBACK_MAX_DAYS,
                         diag);
    for (int r = 0; r < COMPLIANCE_RULE_COUNT; r++) {
        size_t n = strlen(compliance_rule_keys[r]);
        if (strncmp(key, compliance_rule_keys[r], n) != 0 || strcmp(key + n, "_severity") != 0)
            continue;
        for (int v = 0; v < COMPLIANCE_SEVERITY_COUNT; v++)
            if (strcmp(text, compliance_severity_names[v]) == 0) {
                s->severity[r] = (compliance_severity)v;
                return CK_OK;
            }
        ck_diag_set(diag, "%s '%s' is not minor, major or critical", key, text);
        return CK_ERR_USAGE;
    }
    return CK_ERR_NOT_FOUND;
}

void compliance_format_time_of_day(int32_t seconds, char *out)
{
    if (seconds < 0 || seconds > 24 * 3600)
        seconds = 0;
    unsigned h = (unsigned)seconds / 3600u, m = (unsigned)seconds / 60u % 60u,
             s = (unsigned)seconds % 60u;
    out[0] = (char)('0' + h / 10u % 10u);
    out[1] = (char)('0' + h % 10u);
    out[2] = ':';
    out[3] = (char)('0' + m / 10u);
    out[4] = (char)('0' + m % 10u);
    out[5] = ':';
    out[6] = (char)('0' + s / 10u);
    out[7] = (char)('0' + s % 10u);
    out[8] = '\0';
}

void compliance_settings_describe(const compliance_settings *s, char *out, size_t size)
{
    char from[9], until[9];
    compliance_format_time_of_day(s->contact_from_s[s->profile], from);
    compliance_format_time_of_day(s->contact_until_s[s->profile], until);
    int n = snprintf(out, size, "profile %s: contact hours %s-%s",
                     compliance_profile_names[s->profile], from, until);
    size_t used = n > 0 && (size_t)n < size ? (size_t)n : size;
    if (s->profile == COMPLIANCE_PROFILE_CN)
        n = snprintf(out + used, size - used,
                     ", failed calls per day %d, connected calls per day %d, unreachable "
                     "look-back %d days",
                     s->failed_calls_per_day, s->connected_calls_per_day,
                     s->unreachable_lookback_days);
    else
        n = snprintf(out + used, size - used, ", calls per seven days %d", s->calls_per_seven_days);
    used += n > 0 && (size_t)n < size - used ? (size_t)n : size - used;
    if (used < size) {
        n = snprintf(out + used, size - used, ", burst %d s; severity", s->burst_seconds);
        used += n > 0 && (size_t)n < size - used ? (size_t)n : size - used;
    }
    const compliance_rule *rules;
    size_t count = compliance_profile_rules(s->profile, &rules);
    for (size_t i = 0; i < count && used < size; i++) {
        n = snprintf(out + used, size - used, "%s %s %s", i ? "," : "",
                     compliance_rule_keys[rules[i]],
                     compliance_severity_names[s->severity[rules[i]]]);
        used += n > 0 && (size_t)n < size - used ? (size_t)n : size - used;
    }
}
