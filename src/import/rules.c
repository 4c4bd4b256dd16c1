/* rules.c - the rules of one row (see rules.h).
 *
 * Every check of a single value (required, integer, UTF-8, real timestamp, code, range)
 * reads the column's entry in schema_tables, data-model.md's "Tables" section in code, so a
 * column's rules are spelled once, beside its name and type.
 */
#include "collectkpi/rules.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "collectkpi/datetime.h"
#include "collectkpi/number.h"
#include "collectkpi/schema.h"
#include "collectkpi/utf8.h"
#include "rules_private.h"

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
        if (strlen(schema_tables[t].name) == len && memcmp(schema_tables[t].name, name, len) == 0)
            return t;
    return -1;
}

int rules_column_find(rules_table table, const char *name, size_t len)
{
    const schema_table *info = &schema_tables[table];
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
                         schema_tables[row->table].columns[column].name);
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

/* number.h's rule: a CSV field is taken as written (the reader trims nothing). */
static bool parse_int(const char *s, size_t len, int64_t *out)
{
    return number_parse_int64(s, len, out);
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

static void check_int(const schema_column *col, rules_row *row, int c, rules_report_fn report,
                      void *ctx, size_t *problems)
{
    rules_value *v = &row->v[c];
    char quoted[300];
    if (!v->ok) {
        rules_quote_value(v->text, v->len, quoted);
        bool spaced = v->text != NULL && (memchr(v->text, ' ', v->len) != NULL ||
                                          memchr(v->text, '\t', v->len) != NULL ||
                                          memchr(v->text, '+', v->len) != NULL);
        rules_say(report, ctx, row, RULES_RULE_TYPE, c, "%s is not an integer%s", quoted,
                  col->type == SCHEMA_MONEY && v->text != NULL && memchr(v->text, '.', v->len)
                      ? " (money is in minor units: fen, cents)"
                  : spaced ? " (digits only: no space, no '+')"
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

static void check_value(const schema_column *col, rules_row *row, int c, rules_report_fn report,
                        void *ctx, size_t *problems)
{
    rules_value *v = &row->v[c];
    char quoted[300];
    size_t bad;
    switch (col->type) {
    case SCHEMA_ID:
    case SCHEMA_REF:
    case SCHEMA_INTEGER:
    case SCHEMA_MONEY: check_int(col, row, c, report, ctx, problems); return;
    case SCHEMA_TEXT:
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
    case SCHEMA_TIMESTAMP:
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
    case SCHEMA_DATE:
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
    case SCHEMA_CODE: {
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
        if (v[SCHEMA_CASE_CLOSED_AT].null != v[SCHEMA_CASE_CLOSE_REASON].null) {
            /* name the column that is set: it is the one the user typed */
            int set =
                v[SCHEMA_CASE_CLOSED_AT].null ? SCHEMA_CASE_CLOSE_REASON : SCHEMA_CASE_CLOSED_AT;
            rules_quote_value(v[set].text, v[set].len, a_long);
            rules_say(report, ctx, row, RULES_RULE_CLOSURE, set,
                      "%s is set but %s is empty (closed_at and close_reason go together)", a_long,
                      set == SCHEMA_CASE_CLOSED_AT ? "close_reason" : "closed_at");
            problems++;
        } else if (!v[SCHEMA_CASE_CLOSED_AT].null && v[SCHEMA_CASE_CLOSED_AT].ok &&
                   v[SCHEMA_CASE_PLACED_AT].ok &&
                   v[SCHEMA_CASE_CLOSED_AT].num < v[SCHEMA_CASE_PLACED_AT].num) {
            datetime_format_ts(v[SCHEMA_CASE_CLOSED_AT].num, a);
            datetime_format_ts(v[SCHEMA_CASE_PLACED_AT].num, b);
            rules_say(report, ctx, row, RULES_RULE_CLOSURE, SCHEMA_CASE_CLOSED_AT,
                      "\"%s\" is before placed_at \"%s\"", a, b);
            problems++;
        }
        break;
    case RULES_ASSIGNMENTS:
        if (!v[SCHEMA_ASSIGNMENT_END_AT].null && v[SCHEMA_ASSIGNMENT_END_AT].ok &&
            v[SCHEMA_ASSIGNMENT_START_AT].ok &&
            v[SCHEMA_ASSIGNMENT_END_AT].num <= v[SCHEMA_ASSIGNMENT_START_AT].num) {
            datetime_format_ts(v[SCHEMA_ASSIGNMENT_END_AT].num, a);
            datetime_format_ts(v[SCHEMA_ASSIGNMENT_START_AT].num, b);
            rules_say(report, ctx, row, RULES_RULE_ASSIGNMENT_ORDER, SCHEMA_ASSIGNMENT_END_AT,
                      "\"%s\" is not after start_at \"%s\"", a, b);
            problems++;
        }
        break;
    case RULES_PROMISES:
        if (v[SCHEMA_PROMISE_DUE_ON].ok && v[SCHEMA_PROMISE_MADE_AT].ok &&
            v[SCHEMA_PROMISE_DUE_ON].num < datetime_day_of(v[SCHEMA_PROMISE_MADE_AT].num)) {
            datetime_format_date(v[SCHEMA_PROMISE_DUE_ON].num, a);
            datetime_format_ts(v[SCHEMA_PROMISE_MADE_AT].num, b);
            rules_say(report, ctx, row, RULES_RULE_PROMISE_DUE, SCHEMA_PROMISE_DUE_ON,
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
static bool stored_wrong(const schema_column *col, const rules_field *f, rules_row *row, int c,
                         rules_report_fn report, void *ctx)
{
    static const char *const names[] = {"", "INTEGER", "REAL", "TEXT", "BLOB"};
    bool want_int = schema_type_is_integer(col->type);
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
    const schema_table *info = &schema_tables[table];
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
            if (!schema_type_is_integer(info->columns[c].type)) {
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
        const schema_column *col = &info->columns[c];
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
        if (schema_type_is_integer(col->type)) {
            if (fields[c].type == RULES_FIELD_INT)
                v->ok = true;
            else
                v->ok = parse_int(v->text, v->len, &v->num);
            v->parsed = v->ok; /* before the range rules */
        }
        check_value(col, row, (int)c, report, ctx, &problems);
        if (!schema_type_is_integer(col->type))
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
    if (x->parsed && y->parsed && schema_tables[a->table].columns[c].type != SCHEMA_TEXT)
        return x->num == y->num;
    return x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
}

bool rules_row_equal(const rules_row *a, const rules_row *b)
{
    if (a->table != b->table)
        return false;
    for (size_t c = 0; c < schema_tables[a->table].column_count; c++)
        if (!rules_value_equal(a, b, c))
            return false;
    return true;
}

void rules_format_row(const rules_row *row, char *out, size_t size)
{
    const schema_table *info = &schema_tables[row->table];
    size_t o = 0;
    out[0] = '\0';
    for (size_t c = 1; c < info->column_count && o < size; c++) {
        const schema_column *col = &info->columns[c];
        const rules_value *v = &row->v[c];
        char quoted[300];
        const char *shown = quoted;
        if (v->null)
            shown = "(empty)";
        else if (col->secret)
            shown = "(not shown)";
        else if (schema_type_is_integer(col->type) && v->parsed)
            snprintf(quoted, sizeof quoted, "%" PRId64, v->num);
        else if (col->type == SCHEMA_CODE && v->parsed)
            snprintf(quoted, sizeof quoted, "%s", col->codes->codes[v->num]);
        else
            rules_quote_value(v->text, v->len, quoted);
        int n = snprintf(out + o, size - o, "%s%s=%s", c > 1 ? ", " : "", col->name, shown);
        if (n < 0)
            break;
        o += (size_t)n;
    }
}
