/* settings.c - defaults, the INI config file (inih) and the value parsers the flags share.
 *
 * Config keys (docs/configuration.md):
 *   [kpi]    grace_days, kept_threshold_pct, resolved_close_reasons
 *   [report] lang, currency, complaint_handling_days
 *   [score]  amber_at, min_coverage, critical_cap, critical_complaint_categories
 *   [score.MEASURE] target, weight, min_sample (settings_score.c)
 *   [compliance] profile, the hours, limits and severities (compliance.c)
 *   [database] busy_timeout_ms
 */
#include "collectkpi/settings.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collectkpi/codes.h"
#include "collectkpi/number.h"

void settings_defaults(settings *s)
{
    memset(s, 0, sizeof *s);
    s->grace_days = 0;
    s->kept_threshold_pct = 100;
    s->resolved_mask = (1u << CODES_CLOSE_PAID_IN_FULL) | (1u << CODES_CLOSE_SETTLED) |
                       (1u << CODES_CLOSE_PLAN_COMPLETED);
    strcpy(s->currency, "CNY");
    settings_score_defaults(&s->score);
    s->complaint_handling_days = SETTINGS_COMPLAINT_HANDLING_DAYS_DEFAULT;
    compliance_settings_defaults(&s->compliance);
    s->busy_timeout_ms = SETTINGS_BUSY_TIMEOUT_MS_DEFAULT;
}

/* number.h's rule, the same on the command line and in the configuration file. */
static bool parse_int(const char *text, long min, long max, int *out)
{
    int64_t v;
    if (!number_parse_int_range(text, min, max, &v))
        return false;
    *out = (int)v;
    return true;
}

ck_error settings_set_grace_days(settings *s, const char *text, ck_diag *diag)
{
    if (!parse_int(text, 0, SETTINGS_GRACE_DAYS_MAX, &s->grace_days)) {
        ck_diag_set(diag, "grace days '%s' is not a whole number from 0 to %d", text,
                    SETTINGS_GRACE_DAYS_MAX);
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error settings_set_kept_threshold_pct(settings *s, const char *text, ck_diag *diag)
{
    if (!parse_int(text, 1, 100, &s->kept_threshold_pct)) {
        ck_diag_set(diag, "kept threshold '%s' is not a whole percentage from 1 to 100", text);
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error settings_set_complaint_handling_days(settings *s, const char *text, ck_diag *diag)
{
    if (!parse_int(text, 1, SETTINGS_COMPLAINT_HANDLING_DAYS_MAX, &s->complaint_handling_days)) {
        ck_diag_set(diag, "complaint handling days '%s' is not a whole number from 1 to %d", text,
                    SETTINGS_COMPLAINT_HANDLING_DAYS_MAX);
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error settings_set_busy_timeout_ms(settings *s, const char *text, ck_diag *diag)
{
    if (!parse_int(text, 0, SETTINGS_BUSY_TIMEOUT_MS_MAX, &s->busy_timeout_ms)) {
        ck_diag_set(diag, "busy timeout '%s' is not a whole number of milliseconds from 0 to %d",
                    text, SETTINGS_BUSY_TIMEOUT_MS_MAX);
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error settings_set_resolved_reasons(settings *s, const char *text, ck_diag *diag)
{
    unsigned mask = 0;
    const char *p = text;
    while (p != NULL && *p != '\0') {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ", ");
        if (n == 0)
            break;
        char word[32];
        if (n >= sizeof word) {
            ck_diag_set(diag, "'%.*s' is not a close reason", (int)n, p);
            return CK_ERR_USAGE;
        }
        memcpy(word, p, n);
        word[n] = '\0';
        int index = codes_find(&codes_close_reason, word);
        if (index < 0) {
            ck_diag_set(diag,
                        "'%s' is not a close reason (one of paid_in_full, settled, "
                        "plan_completed, recalled, legal, written_off, deceased, bankrupt)",
                        word);
            return CK_ERR_USAGE;
        }
        mask |= 1u << index;
        p += n;
    }
    if (mask == 0) {
        ck_diag_set(diag, "resolved close reasons must name at least one close reason");
        return CK_ERR_USAGE;
    }
    s->resolved_mask = mask;
    return CK_OK;
}

ck_error settings_set_lang(settings_lang *lang, const char *text, ck_diag *diag)
{
    if (text != NULL && strcmp(text, "en") == 0)
        *lang = SETTINGS_LANG_EN;
    else if (text != NULL && strcmp(text, "zh") == 0)
        *lang = SETTINGS_LANG_ZH;
    else {
        ck_diag_set(diag, "language '%s' is not en or zh", text ? text : "");
        return CK_ERR_USAGE;
    }
    return CK_OK;
}

ck_error settings_set_currency(settings *s, const char *text, ck_diag *diag)
{
    bool ok = text != NULL && strlen(text) == 3;
    for (int i = 0; ok && i < 3; i++)
        ok = text[i] >= 'A' && text[i] <= 'Z';
    if (!ok) {
        ck_diag_set(diag, "currency '%s' is not a three-letter ISO code such as CNY or USD",
                    text ? text : "");
        return CK_ERR_USAGE;
    }
    memcpy(s->currency, text, 4);
    return CK_OK;
}

ck_error settings_set_profile(settings *s, const char *text, ck_diag *diag)
{
    return compliance_settings_set(&s->compliance, "profile", text, diag);
}

typedef struct load_state {
    settings *settings;
    settings_lang *lang;
    ck_diag *diag;
    ck_error err;
    const char *path;
    int line;
} load_state;

static int on_ini_value(void *user, const char *section, const char *name, const char *value)
{
    load_state *st = user;
    ck_diag value_diag = {{0}};
    ck_error err = CK_OK;
    if (strcmp(section, "kpi") == 0 && strcmp(name, "grace_days") == 0)
        err = settings_set_grace_days(st->settings, value, &value_diag);
    else if (strcmp(section, "kpi") == 0 && strcmp(name, "kept_threshold_pct") == 0)
        err = settings_set_kept_threshold_pct(st->settings, value, &value_diag);
    else if (strcmp(section, "kpi") == 0 && strcmp(name, "resolved_close_reasons") == 0)
        err = settings_set_resolved_reasons(st->settings, value, &value_diag);
    else if (strcmp(section, "report") == 0 && strcmp(name, "lang") == 0)
        err = settings_set_lang(st->lang, value, &value_diag);
    else if (strcmp(section, "report") == 0 && strcmp(name, "currency") == 0)
        err = settings_set_currency(st->settings, value, &value_diag);
    else if (strcmp(section, "score") == 0)
        err = settings_set_score(st->settings, NULL, name, value, &value_diag);
    else if (strncmp(section, "score.", 6) == 0)
        err = settings_set_score(st->settings, section + 6, name, value, &value_diag);
    else if (strcmp(section, "report") == 0 && strcmp(name, "complaint_handling_days") == 0)
        err = settings_set_complaint_handling_days(st->settings, value, &value_diag);
    else if (strcmp(section, "database") == 0 && strcmp(name, "busy_timeout_ms") == 0)
        err = settings_set_busy_timeout_ms(st->settings, value, &value_diag);
    else if (strcmp(section, "compliance") == 0 &&
             (err = compliance_settings_set(&st->settings->compliance, name, value, &value_diag)) !=
                 CK_ERR_NOT_FOUND)
        ; /* a compliance key: err says whether its value was good */
    else {
        err = CK_ERR_USAGE;
        ck_diag_set(&value_diag, "unknown key '%s' in section [%s] (see docs/configuration.md)",
                    name, section);
    }
    if (err != CK_OK && st->err == CK_OK) {
        st->err = err;
        ck_diag_set(st->diag, "%s", value_diag.text);
        return 0; /* stop at the first bad line */
    }
    return 1;
}

/* inih reads lines with fgets into a 200-byte buffer and silently cuts longer ones (a long
 * comment became "not an INI line", a long close-reason list was truncated): every line is
 * measured first and a longer one is an error naming it. 198 bytes of text plus the line
 * end and the NUL fill the buffer exactly. */
#define SETTINGS_LINE_MAX 198
/* A configuration file is a few hundred bytes; a limit keeps /dev/zero or a log file named
 * by mistake from being read forever. */
#define SETTINGS_FILE_MAX (1024 * 1024)

/* The file's bytes, NUL-terminated, when it is a regular file of at most SETTINGS_FILE_MAX
 * bytes; a FIFO is opened without blocking so that it is refused instead of waited on. */
static ck_error read_config(const char *path, char **out, ck_diag *diag)
{
    struct stat st;
    ck_error err = CK_OK;
    char *text = NULL;
    *out = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int saved = errno;
        ck_diag_set(diag, "%s", strerror(saved));
        return saved == ENOENT ? CK_ERR_NOT_FOUND : CK_ERR_IO;
    }
    if (fstat(fd, &st) != 0) {
        ck_diag_set(diag, "%s", strerror(errno));
        err = CK_ERR_IO;
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        ck_diag_set(diag, "it is %s, not a regular file",
                    S_ISDIR(st.st_mode) ? "a folder" : "a device or other special file");
        err = CK_ERR_USAGE;
        goto done;
    }
    if (st.st_size > SETTINGS_FILE_MAX) {
        ck_diag_set(diag, "it is %lld bytes long; a configuration file may have at most %d",
                    (long long)st.st_size, SETTINGS_FILE_MAX);
        err = CK_ERR_USAGE;
        goto done;
    }
    text = malloc((size_t)st.st_size + 1);
    if (text == NULL) {
        err = CK_ERR_NOMEM;
        goto done;
    }
    size_t used = 0;
    while (used < (size_t)st.st_size) {
        ssize_t n = read(fd, text + used, (size_t)st.st_size - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            ck_diag_set(diag, "%s", strerror(errno));
            err = CK_ERR_IO;
            goto done;
        }
        if (n == 0)
            break; /* shrank meanwhile: what is there is the file */
        used += (size_t)n;
    }
    text[used] = '\0';
    if (memchr(text, '\0', used) != NULL) {
        ck_diag_set(diag, "it holds a NUL byte: not a text file");
        err = CK_ERR_USAGE;
        goto done;
    }
    int line = 1;
    for (const char *start = text; *start != '\0'; line++) {
        const char *end = strchr(start, '\n');
        size_t len = end != NULL ? (size_t)(end - start) : strlen(start);
        if (len > SETTINGS_LINE_MAX) {
            ck_diag_set(diag,
                        "line %d: %zu bytes long; a line may have at most %d (split a long list "
                        "over several files or shorten the comment)",
                        line, len, SETTINGS_LINE_MAX);
            err = CK_ERR_USAGE;
            goto done;
        }
        if (end == NULL)
            break;
        start = end + 1;
    }
    *out = text;
    text = NULL;
done:
    free(text);
    close(fd);
    return err;
}

ck_error settings_load_file(settings *s, settings_lang *lang, const char *path, ck_diag *diag)
{
    char *text = NULL;
    ck_error err = read_config(path, &text, diag);
    if (err != CK_OK)
        return err;
    /* Parse into a copy so a bad file leaves the settings as they were. */
    settings copy = *s;
    settings_lang lang_copy = *lang;
    load_state st = {&copy, &lang_copy, diag, CK_OK, path, 0};
    int rc = ini_parse_string(text, on_ini_value, &st);
    free(text);
    if (st.err != CK_OK) {
        char detail[sizeof diag->text];
        snprintf(detail, sizeof detail, "%s", diag ? diag->text : "");
        ck_diag_set(diag, "line %d: %s", rc, detail);
        return st.err;
    }
    if (rc != 0) {
        ck_diag_set(diag, "line %d: not an INI line (expected [section] or key = value)", rc);
        return CK_ERR_USAGE;
    }
    err = settings_score_check(&copy.score, diag);
    if (err != CK_OK)
        return err;
    *s = copy;
    *lang = lang_copy;
    return CK_OK;
}
