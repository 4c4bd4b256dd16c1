/* rules.c - the contract's tables and the rules of one row (see rules.h).
 *
 * The column table below is data-model.md's "Tables" section in code: every check of a
 * single value (required, integer, UTF-8, real timestamp, code, range) reads it, so a
 * column's rules are spelled once. The names, order and nullability are schema.h's
 * (tests/import/test_rules.c checks each entry against schema_tables).
 */
#include "collectkpi/rules.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "collectkpi/datetime.h"
#include "collectkpi/schema.h"
#include "collectkpi/utf8.h"
#include "rules_private.h"

/* Column constructors: every field named, so an unset .ref can never mean "teams". */
#define COL(n, k, null, r, lo, hi)                                                                 \
    {                                                                                              \
        .name = (n), .kind = (k), .nullable = (null), .secret = false, .money = false, .ref = (r), \
        .min = (lo), .max = (hi), .nonzero = false, .codes = NULL, .default_text = NULL            \
    }
#define ID(n)      COL(n, RULES_KIND_INT, false, -1, INT64_MIN, INT64_MAX)
#define REF(n, t)  COL(n, RULES_KIND_INT, false, t, INT64_MIN, INT64_MAX)
#define OREF(n, t) COL(n, RULES_KIND_INT, true, t, INT64_MIN, INT64_MAX)
#define TEXT(n)    COL(n, RULES_KIND_TEXT, false, -1, 0, 0)
#define TS(n)      COL(n, RULES_KIND_TS, false, -1, 0, 0)
#define OTS(n)     COL(n, RULES_KIND_TS, true, -1, 0, 0)
#define DATE(n)    COL(n, RULES_KIND_DATE, false, -1, 0, 0)
#define ODATE(n)   COL(n, RULES_KIND_DATE, true, -1, 0, 0)
#define CODE(n, list, null)                                                                        \
    {                                                                                              \
        .name = (n), .kind = RULES_KIND_CODE, .nullable = (null), .secret = false, .money = false, \
        .ref = -1, .min = 0, .max = 0, .nonzero = false, .codes = &(list), .default_text = NULL    \
    }
#define INTR(n, null, lo, hi, is_money, nz, dflt)                                                  \
    {                                                                                              \
        .name = (n), .kind = RULES_KIND_INT, .nullable = (null), .secret = false,                  \
        .money = (is_money), .ref = -1, .min = (lo), .max = (hi), .nonzero = (nz), .codes = NULL,  \
        .default_text = (dflt)                                                                     \
    }
#define SECRET(n)                                                                                  \
    {                                                                                              \
        .name = (n), .kind = RULES_KIND_TEXT, .nullable = false, .secret = true, .money = false,   \
        .ref = -1, .min = 0, .max = 0, .nonzero = false, .codes = NULL, .default_text = NULL       \
    }

const rules_table_info rules_tables[RULES_TABLE_COUNT] = {
    {"teams", "team", RULES_TEAM_NAME, 2, {ID("team_id"), TEXT("name")}},
    {"agents",
     "agent",
     RULES_AGENT_EMPLOYEE_NO,
     6,
     {ID("agent_id"), TEXT("employee_no"), TEXT("name"), REF("team_id", RULES_TEAMS),
      DATE("hired_on"), ODATE("left_on")}},
    {"cases",
     "case",
     RULES_CASE_CASE_NO,
     9,
     {ID("case_id"), TEXT("case_no"), SECRET("debtor_ref"), CODE("product", codes_product, false),
      TS("placed_at"), INTR("placed_balance", false, 1, SCHEMA_MONEY_MAX, true, false, NULL),
      INTR("dpd_at_placement", false, 0, INT64_MAX, false, false, NULL), OTS("closed_at"),
      CODE("close_reason", codes_close_reason, true)}},
    {"assignments",
     "assignment",
     -1,
     5,
     {ID("assignment_id"), REF("case_id", RULES_CASES), REF("agent_id", RULES_AGENTS),
      TS("start_at"), OTS("end_at")}},
    {"contacts",
     "contact",
     -1,
     9,
     {ID("contact_id"), REF("case_id", RULES_CASES), OREF("agent_id", RULES_AGENTS),
      TS("contact_at"), CODE("channel", codes_channel, false),
      CODE("direction", codes_direction, false), CODE("party", codes_party, false),
      CODE("outcome", codes_outcome, false),
      INTR("duration_s", false, 0, INT64_MAX, false, false, "0")}},
    {"promises",
     "promise",
     -1,
     6,
     {ID("promise_id"), REF("case_id", RULES_CASES), REF("agent_id", RULES_AGENTS), TS("made_at"),
      DATE("due_on"), INTR("amount", false, 1, SCHEMA_MONEY_MAX, true, false, NULL)}},
    {"payments",
     "payment",
     -1,
     5,
     {ID("payment_id"), REF("case_id", RULES_CASES), TS("paid_at"),
      INTR("amount", false, -SCHEMA_MONEY_MAX, SCHEMA_MONEY_MAX, true, true, NULL),
      CODE("method", codes_method, false)}},
    {"complaints",
     "complaint",
     -1,
     8,
     {ID("complaint_id"), OREF("case_id", RULES_CASES), OREF("agent_id", RULES_AGENTS),
      TS("received_at"), CODE("source", codes_complaint_source, false),
      CODE("category", codes_complaint_category, false),
      INTR("substantiated", true, 0, 1, false, false, NULL), OTS("resolved_at")}},
    {"surveys",
     "survey",
     -1,
     5,
     {ID("survey_id"), REF("case_id", RULES_CASES), REF("agent_id", RULES_AGENTS),
      TS("surveyed_at"), INTR("score", false, 1, 5, false, false, NULL)}},
};

static const struct {
    const char *key;
    const char *title;
} rule_names[RULES_RULE_COUNT] = {
    [RULES_RULE_REQUIRED] = {"required", "columns that must have a value have one"},
    [RULES_RULE_TYPE] = {"type", "integers are integers and text is valid UTF-8"},
    [RULES_RULE_DATETIME] = {"datetime", "timestamps and dates are well-formed and real (rule 2)"},
    [RULES_RULE_CODE] = {"code", "codes are ones the contract lists"},
    [RULES_RULE_RANGE] = {"range", "amounts, balances, durations and scores are in range"},
    [RULES_RULE_UNIQUE] = {"unique", "ids, team names, employee numbers and case numbers "
                                     "are unique"},
    [RULES_RULE_REFERENCE] = {"reference", "every reference points at an existing row "
                                           "(rule 1)"},
    [RULES_RULE_CLOSURE] = {"closure", "closed_at and close_reason are set together and "
                                       "closed_at >= placed_at (rule 6)"},
    [RULES_RULE_ASSIGNMENT_ORDER] = {"assignment-order",
                                     "an assignment's start_at is before its end_at (rule 3)"},
    [RULES_RULE_ASSIGNMENT_CASE] = {"assignment-case",
                                    "assignments lie between their case's placed_at and "
                                    "closed_at (rule 3)"},
    [RULES_RULE_ASSIGNMENT_OVERLAP] = {"assignment-overlap",
                                       "the assignments of one case do not overlap (rule 3)"},
    [RULES_RULE_PLACEMENT] = {"placement", "contacts, promises and payments are not before "
                                           "their case's placed_at (rule 4)"},
    [RULES_RULE_PROMISE_DUE] = {"promise-due",
                                "a promise is not due before the day it was made (rule 4)"},
    [RULES_RULE_BALANCE] = {"balance", "the running sum of a case's payments never goes "
                                       "below zero (rule 5)"},
};

const char *rules_rule_key(rules_rule rule)
{
    return rule < RULES_RULE_COUNT ? rule_names[rule].key : "?";
}

const char *rules_rule_title(rules_rule rule)
{
    return rule < RULES_RULE_COUNT ? rule_names[rule].title : "?";
}

int rules_table_find(const char *name, size_t len)
{
    for (int t = 0; t < RULES_TABLE_COUNT; t++)
        if (strlen(rules_tables[t].name) == len && memcmp(rules_tables[t].name, name, len) == 0)
            return t;
    return -1;
}

int rules_column_find(rules_table table, const char *name, size_t len)
{
    const rules_table_info *info = &rules_tables[table];
    for (size_t c = 0; c < info->column_count; c++)
        if (strlen(info->columns[c].name) == len && memcmp(info->columns[c].name, name, len) == 0)
            return (int)c;
    return -1;
}

void rules_quote_value(const char *text, size_t len, char *out)
{
    bool valid = utf8_valid(text, len, NULL);
    size_t o = 0;
    out[o++] = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (o > 64 && (!valid || !utf8_is_continuation(ch))) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (ch == '"' || ch == '\\') {
            out[o++] = '\\';
            out[o++] = (char)ch;
        } else if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && !valid)) {
            o += (size_t)snprintf(out + o, 5, "\\x%02X", ch);
        } else {
            out[o++] = (char)ch;
        }
    }
    out[o++] = '"';
    out[o] = '\0';
}

void rules_problem_begin(rules_problem *p, const rules_row *row, rules_rule rule, int column)
{
    p->rule = rule;
    p->table = row->table;
    p->column = column;
    p->has_id = row->v[0].ok;
    p->id = row->v[0].ok ? row->v[0].num : 0;
    p->origin = 0;
    p->text[0] = '\0';
}

void rules_say(rules_report_fn report, void *ctx, const rules_row *row, rules_rule rule, int column,
               const char *fmt, ...)
{
    rules_problem p;
    rules_problem_begin(&p, row, rule, column);
    size_t o = 0;
    if (column >= 0) {
        int n = snprintf(p.text, sizeof p.text, "column %s",
                         rules_tables[row->table].columns[column].name);
        o = (size_t)n;
        /* "column x is required" reads better without a colon */
        if (fmt[0] != ' ')
            p.text[o++] = ':', p.text[o++] = ' ';
        p.text[o] = '\0';
    }
    va_list args;
    va_start(args, fmt);
    vsnprintf(p.text + o, sizeof p.text - o, fmt, args);
    va_end(args);
    if (report != NULL)
        report(ctx, &p);
}

static bool parse_int(const char *s, size_t len, int64_t *out)
{
    size_t i = 0;
    bool negative = false;
    if (len > 0 && s[0] == '-') {
        negative = true;
        i = 1;
    }
    if (i == len)
        return false;
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned digit = (unsigned)(s[i] - '0');
        if (v > (limit - digit) / 10)
            return false;
        v = v * 10 + digit;
    }
    *out = negative ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return true;
}

static int find_code(const codes_list *list, const char *text, size_t len)
{
    for (size_t i = 0; i < list->count; i++)
        if (strlen(list->codes[i]) == len && memcmp(list->codes[i], text, len) == 0)
            return (int)i;
    return -1;
}

/* True when text has the digits and separators of 'YYYY-MM-DD' (+ ' HH:MM:SS'). */
static bool has_shape(const char *text, size_t len, const char *shape)
{
    if (len != strlen(shape))
        return false;
    for (size_t i = 0; i < len; i++) {
        if (shape[i] == '9' ? (text[i] < '0' || text[i] > '9') : text[i] != shape[i])
            return false;
    }
    return true;
}

static void check_int(const rules_column *col, rules_row *row, int c, rules_report_fn report,
                      void *ctx, size_t *problems)
{
    rules_value *v = &row->v[c];
    char quoted[300];
    if (!v->ok) {
        rules_quote_value(v->text, v->len, quoted);
        rules_say(report, ctx, row, RULES_RULE_TYPE, c, "%s is not an integer%s", quoted,
                  col->money && memchr(v->text, '.', v->len) != NULL
                      ? " (money is in minor units: fen, cents)"
                      : "");
        (*problems)++;
        return;
    }
    const char *why = NULL;
    char range[64];
    if (col->nonzero && v->num == 0) {
        v->ok = false;
        rules_say(report, ctx, row, RULES_RULE_RANGE, c, " must not be 0");
        (*problems)++;
        return;
    }
    if (v->num < col->min || v->num > col->max) {
        if (v->num < col->min && (col->min == 0 || col->min == 1))
            why = col->min == 0 ? "must not be negative" : "must be greater than 0";
        else {
            snprintf(range, sizeof range, "must be between %" PRId64 " and %" PRId64, col->min,
                     col->max);
            why = range;
        }
    }
    if (why != NULL) {
        v->ok = false;
        rules_say(report, ctx, row, RULES_RULE_RANGE, c, "%" PRId64 " %s", v->num, why);
        (*problems)++;
    }
}

static void check_value(const rules_column *col, rules_row *row, int c, rules_report_fn report,
                        void *ctx, size_t *problems)
{
    rules_value *v = &row->v[c];
    char quoted[300];
    size_t bad;
    switch (col->kind) {
    case RULES_KIND_INT: check_int(col, row, c, report, ctx, problems); return;
    case RULES_KIND_TEXT:
        if (memchr(v->text, '\0', v->len) != NULL) {
            rules_say(report, ctx, row, RULES_RULE_TYPE, c, "contains a NUL byte");
        } else if (!utf8_valid(v->text, v->len, &bad)) {
            rules_say(report, ctx, row, RULES_RULE_TYPE, c, "invalid UTF-8 at byte %zu", bad + 1);
        } else if (utf8_char_count(v->text, v->len) > SCHEMA_TEXT_MAX_CHARS) {
            rules_say(report, ctx, row, RULES_RULE_RANGE, c,
                      " is %zu characters long; the longest allowed is %d",
                      utf8_char_count(v->text, v->len), SCHEMA_TEXT_MAX_CHARS);
        } else {
            v->ok = true;
            return;
        }
        break;
    case RULES_KIND_TS:
        if (datetime_parse_ts(v->text, v->len, &v->num)) {
            v->ok = true;
            return;
        }
        rules_quote_value(v->text, v->len, quoted);
        if (!has_shape(v->text, v->len, "9999-99-99 99:99:99"))
            rules_say(report, ctx, row, RULES_RULE_DATETIME, c,
                      "%s is not a timestamp (YYYY-MM-DD HH:MM:SS)", quoted);
        else {
            int64_t days;
            bool real_day = datetime_parse_date(v->text, 10, &days);
            rules_say(report, ctx, row, RULES_RULE_DATETIME, c, "%s is not a real %s", quoted,
                      real_day ? "time" : "date");
        }
        break;
    case RULES_KIND_DATE:
        if (datetime_parse_date(v->text, v->len, &v->num)) {
            v->ok = true;
            return;
        }
        rules_quote_value(v->text, v->len, quoted);
        if (!has_shape(v->text, v->len, "9999-99-99"))
            rules_say(report, ctx, row, RULES_RULE_DATETIME, c, "%s is not a date (YYYY-MM-DD)",
                      quoted);
        else
            rules_say(report, ctx, row, RULES_RULE_DATETIME, c, "%s is not a real date", quoted);
        break;
    case RULES_KIND_CODE: {
        int code = find_code(col->codes, v->text, v->len);
        if (code >= 0) {
            v->num = code;
            v->ok = true;
            return;
        }
        char list[400];
        size_t o = 0;
        for (size_t i = 0; i < col->codes->count && o + 40 < sizeof list; i++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "",
                                  col->codes->codes[i]);
        rules_quote_value(v->text, v->len, quoted);
        rules_say(report, ctx, row, RULES_RULE_CODE, c, "%s is not one of %s", quoted, list);
        break;
    }
    }
    (*problems)++;
}

/* The rules between the columns of one row. */
static size_t check_row_together(rules_row *row, rules_report_fn report, void *ctx)
{
    const rules_value *v = row->v;
    char a[DATETIME_TS_SIZE + 2], b[DATETIME_TS_SIZE + 2], a_long[300];
    size_t problems = 0;
    switch (row->table) {
    case RULES_CASES:
        if (v[RULES_CASE_CLOSED_AT].null != v[RULES_CASE_CLOSE_REASON].null) {
            /* name the column that is set: it is the one the user typed */
            int set = v[RULES_CASE_CLOSED_AT].null ? RULES_CASE_CLOSE_REASON : RULES_CASE_CLOSED_AT;
            rules_quote_value(v[set].text, v[set].len, a_long);
            rules_say(report, ctx, row, RULES_RULE_CLOSURE, set,
                      "%s is set but %s is empty (closed_at and close_reason go together)", a_long,
                      set == RULES_CASE_CLOSED_AT ? "close_reason" : "closed_at");
            problems++;
        } else if (!v[RULES_CASE_CLOSED_AT].null && v[RULES_CASE_CLOSED_AT].ok &&
                   v[RULES_CASE_PLACED_AT].ok &&
                   v[RULES_CASE_CLOSED_AT].num < v[RULES_CASE_PLACED_AT].num) {
            datetime_format_ts(v[RULES_CASE_CLOSED_AT].num, a);
            datetime_format_ts(v[RULES_CASE_PLACED_AT].num, b);
            rules_say(report, ctx, row, RULES_RULE_CLOSURE, RULES_CASE_CLOSED_AT,
                      "\"%s\" is before placed_at \"%s\"", a, b);
            problems++;
        }
        break;
    case RULES_ASSIGNMENTS:
        if (!v[RULES_ASSIGNMENT_END_AT].null && v[RULES_ASSIGNMENT_END_AT].ok &&
            v[RULES_ASSIGNMENT_START_AT].ok &&
            v[RULES_ASSIGNMENT_END_AT].num <= v[RULES_ASSIGNMENT_START_AT].num) {
            datetime_format_ts(v[RULES_ASSIGNMENT_END_AT].num, a);
            datetime_format_ts(v[RULES_ASSIGNMENT_START_AT].num, b);
            rules_say(report, ctx, row, RULES_RULE_ASSIGNMENT_ORDER, RULES_ASSIGNMENT_END_AT,
                      "\"%s\" is not after start_at \"%s\"", a, b);
            problems++;
        }
        break;
    case RULES_PROMISES:
        if (v[RULES_PROMISE_DUE_ON].ok && v[RULES_PROMISE_MADE_AT].ok &&
            v[RULES_PROMISE_DUE_ON].num < datetime_day_of(v[RULES_PROMISE_MADE_AT].num)) {
            datetime_format_date(v[RULES_PROMISE_DUE_ON].num, a);
            datetime_format_ts(v[RULES_PROMISE_MADE_AT].num, b);
            rules_say(report, ctx, row, RULES_RULE_PROMISE_DUE, RULES_PROMISE_DUE_ON,
                      "\"%s\" is before the day of made_at \"%s\"", a, b);
            problems++;
        }
        break;
    default: break;
    }
    return problems;
}

/* A stored value of the wrong storage class (data-model.md: integers INTEGER, everything
 * else TEXT) is reported as such; the readers of the database would misread it (a BLOB
 * timestamp, a TEXT amount read as 0). A TEXT integer column value that is no number at all
 * keeps the plainer "is not an integer" of check_int. */
static bool stored_wrong(const rules_column *col, const rules_field *f, rules_row *row, int c,
                         rules_report_fn report, void *ctx)
{
    static const char *const names[] = {"", "INTEGER", "REAL", "TEXT", "BLOB"};
    bool want_int = col->kind == RULES_KIND_INT;
    int64_t ignored;
    if (f->stored == RULES_STORED_ANY || f->type == RULES_FIELD_NULL)
        return false;
    if (want_int ? f->stored == RULES_STORED_INTEGER : f->stored == RULES_STORED_TEXT)
        return false;
    if (want_int && f->stored != RULES_STORED_BLOB && !parse_int(f->text, f->len, &ignored))
        return false;
    row->v[c].ok = false;
    rules_say(report, ctx, row, RULES_RULE_TYPE, c, " is stored as %s, not %s", names[f->stored],
              want_int ? "INTEGER" : "TEXT");
    return true;
}

size_t rules_check_row(rules_table table, const rules_field *fields, rules_row *row,
                       rules_report_fn report, void *ctx)
{
    const rules_table_info *info = &rules_tables[table];
    size_t problems = 0;
    row->table = table;
    /* Fill every value first, so a problem in column 3 can already name the row's id. */
    for (size_t c = 0; c < info->column_count; c++) {
        const rules_field *f = &fields[c];
        rules_value *v = &row->v[c];
        v->null = f->type == RULES_FIELD_NULL;
        v->ok = false;
        v->num = 0;
        v->text = "";
        v->len = 0;
        v->parsed = false;
        if (f->type == RULES_FIELD_INT) {
            v->num = f->num;
            /* a database integer needs no text unless the column wants one (check reads
             * millions of them: formatting each would cost a fifth of the time) */
            if (info->columns[c].kind != RULES_KIND_INT) {
                int n = snprintf(row->scratch[c], sizeof row->scratch[c], "%" PRId64, f->num);
                v->text = row->scratch[c];
                v->len = (size_t)n;
            }
        } else if (f->type == RULES_FIELD_TEXT) {
            v->text = f->text != NULL ? f->text : "";
            v->len = f->text != NULL ? f->len : 0;
        }
    }
    if (fields[0].type == RULES_FIELD_INT)
        row->v[0].ok = true;
    else if (fields[0].type == RULES_FIELD_TEXT)
        row->v[0].ok = parse_int(row->v[0].text, row->v[0].len, &row->v[0].num);
    for (size_t c = 0; c < info->column_count; c++) {
        const rules_column *col = &info->columns[c];
        rules_value *v = &row->v[c];
        if (v->null) {
            v->ok = col->nullable;
            if (!col->nullable) {
                rules_say(report, ctx, row, RULES_RULE_REQUIRED, (int)c, " is required");
                problems++;
            }
            continue;
        }
        if (stored_wrong(col, &fields[c], row, (int)c, report, ctx)) {
            problems++;
            continue;
        }
        if (col->kind == RULES_KIND_INT) {
            if (fields[c].type == RULES_FIELD_INT)
                v->ok = true;
            else
                v->ok = parse_int(v->text, v->len, &v->num);
            v->parsed = v->ok; /* before the range rules */
        }
        check_value(col, row, (int)c, report, ctx, &problems);
        if (col->kind != RULES_KIND_INT)
            v->parsed = v->ok;
    }
    problems += check_row_together(row, report, ctx);
    row->ok = problems == 0;
    return problems;
}

bool rules_value_equal(const rules_row *a, const rules_row *b, size_t c)
{
    const rules_value *x = &a->v[c], *y = &b->v[c];
    if (x->null || y->null)
        return x->null == y->null;
    if (x->parsed && y->parsed && rules_tables[a->table].columns[c].kind != RULES_KIND_TEXT)
        return x->num == y->num;
    return x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
}

bool rules_row_equal(const rules_row *a, const rules_row *b)
{
    if (a->table != b->table)
        return false;
    for (size_t c = 0; c < rules_tables[a->table].column_count; c++)
        if (!rules_value_equal(a, b, c))
            return false;
    return true;
}

void rules_format_row(const rules_row *row, char *out, size_t size)
{
    const rules_table_info *info = &rules_tables[row->table];
    size_t o = 0;
    out[0] = '\0';
    for (size_t c = 1; c < info->column_count && o < size; c++) {
        const rules_column *col = &info->columns[c];
        const rules_value *v = &row->v[c];
        char quoted[300];
        const char *shown = quoted;
        if (v->null)
            shown = "(empty)";
        else if (col->secret)
            shown = "(not shown)";
        else if (col->kind == RULES_KIND_INT && v->parsed)
            snprintf(quoted, sizeof quoted, "%" PRId64, v->num);
        else if (col->kind == RULES_KIND_CODE && v->parsed)
            snprintf(quoted, sizeof quoted, "%s", col->codes->codes[v->num]);
        else
            rules_quote_value(v->text, v->len, quoted);
        int n = snprintf(out + o, size - o, "%s%s=%s", c > 1 ? ", " : "", col->name, shown);
        if (n < 0)
            break;
        o += (size_t)n;
    }
}
