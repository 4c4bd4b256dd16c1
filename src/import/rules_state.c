/* rules_state.c - the rules between rows: references, unique codes, a row against its
 * case's placement and closing, and the rules over all rows of one case (overlapping
 * assignments, the running balance of payments). See rules.h.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/datetime.h"
#include "collectkpi/vec.h"
#include "rules_private.h"

/* Text -> id, open addressing over an append-only arena of the texts. 24 bytes a slot: a
 * million case numbers take 48 MiB of slots, not twice that. */
typedef struct text_slot {
    uint64_t at; /* 1 + the text's offset into the arena; 0: the slot is free */
    int64_t id;
    uint32_t hash; /* the low half of the text's hash */
    uint32_t len;
} text_slot;

struct rules_texts {
    text_slot *slots;
    size_t capacity, count; /* capacity: a power of two */
    char *arena;
    size_t arena_len, arena_capacity;
};

static uint64_t hash_text(const char *text, size_t len)
{
    uint64_t h = UINT64_C(14695981039346656037); /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)text[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static text_slot *texts_lookup(const rules_texts *t, const char *text, size_t len, uint64_t h)
{
    if (t == NULL || t->capacity == 0)
        return NULL;
    for (size_t b = (size_t)h & (t->capacity - 1);; b = (b + 1) & (t->capacity - 1)) {
        text_slot *s = &t->slots[b];
        if (s->at == 0)
            return s;
        if (s->hash == (uint32_t)h && s->len == len &&
            memcmp(t->arena + (s->at - 1), text, len) == 0)
            return s;
    }
}

static bool texts_find(const rules_texts *t, const char *text, size_t len, int64_t *id)
{
    text_slot *s = texts_lookup(t, text, len, hash_text(text, len));
    if (s == NULL || s->at == 0)
        return false;
    *id = s->id;
    return true;
}

static ck_error texts_grow(rules_texts *t)
{
    size_t capacity = t->capacity ? t->capacity * 2 : 1024;
    text_slot *slots = calloc(capacity, sizeof *slots);
    if (slots == NULL)
        return CK_ERR_NOMEM;
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->slots[i].at == 0)
            continue;
        size_t b =
            (size_t)hash_text(t->arena + (t->slots[i].at - 1), t->slots[i].len) & (capacity - 1);
        while (slots[b].at != 0)
            b = (b + 1) & (capacity - 1);
        slots[b] = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->capacity = capacity;
    return CK_OK;
}

/* Adds text -> id unless the text is there already. */
static ck_error texts_add(rules_texts *t, const char *text, size_t len, int64_t id)
{
    if ((t->count + 1) * 2 > t->capacity) {
        ck_error err = texts_grow(t);
        if (err != CK_OK)
            return err;
    }
    uint64_t h = hash_text(text, len);
    text_slot *s = texts_lookup(t, text, len, h);
    if (s->at != 0)
        return CK_OK;
    if (len >= UINT32_MAX)
        return CK_ERR_NOMEM; /* no code is 4 GiB long; SQLite's own limit is 1 GB */
    if (!VEC_RESERVE(t->arena, t->arena_capacity, t->arena_len + len + 1))
        return CK_ERR_NOMEM;
    memcpy(t->arena + t->arena_len, text, len);
    *s = (text_slot){.at = t->arena_len + 1, .id = id, .hash = (uint32_t)h, .len = (uint32_t)len};
    t->arena_len += len;
    t->count++;
    return CK_OK;
}

void rules_state_init(rules_state *st)
{
    memset(st, 0, sizeof *st);
    for (int t = 0; t < 3; t++)
        idmap_init(&st->ids[t]);
}

void rules_state_free(rules_state *st)
{
    for (int t = 0; t < 3; t++) {
        idmap_free(&st->ids[t]);
        if (st->unique[t] != NULL) {
            free(st->unique[t]->slots);
            free(st->unique[t]->arena);
            free(st->unique[t]);
        }
    }
    free(st->case_placed);
    free(st->case_closed);
    rules_state_init(st);
}

static ck_error reserve_cases(rules_state *st, size_t slot)
{
    return VEC_RESERVE(st->case_placed, st->case_placed_capacity, slot + 1) &&
                   VEC_RESERVE(st->case_closed, st->case_closed_capacity, slot + 1)
               ? CK_OK
               : CK_ERR_NOMEM;
}

void rules_case_times(const rules_row *row, int64_t *placed, int64_t *closed)
{
    const rules_value *placed_at = &row->v[SCHEMA_CASE_PLACED_AT];
    const rules_value *closed_at = &row->v[SCHEMA_CASE_CLOSED_AT];
    *placed = placed_at->ok ? placed_at->num : INT64_MIN;
    *closed = closed_at->null ? INT64_MAX : closed_at->ok ? closed_at->num : INT64_MIN;
}

ck_error rules_state_add_case(rules_state *st, int64_t case_id, int64_t placed, int64_t closed,
                              bool *known)
{
    size_t slot;
    bool added;
    ck_error err = idmap_insert(&st->ids[RULES_CASES], case_id, &slot, &added);
    *known = err == CK_OK && !added;
    if (err != CK_OK || !added)
        return err;
    err = reserve_cases(st, slot);
    if (err == CK_OK) {
        st->case_placed[slot] = placed;
        st->case_closed[slot] = closed;
    }
    return err;
}

ck_error rules_state_add(rules_state *st, const rules_row *row, bool *known)
{
    *known = false;
    if (row->table > RULES_CASES || !row->v[0].ok)
        return CK_OK;
    int t = (int)row->table;
    ck_error err;
    if (row->table == RULES_CASES) {
        int64_t placed, closed;
        rules_case_times(row, &placed, &closed);
        err = rules_state_add_case(st, row->v[0].num, placed, closed, known);
    } else {
        size_t slot;
        bool added;
        err = idmap_insert(&st->ids[t], row->v[0].num, &slot, &added);
        *known = err == CK_OK && !added;
    }
    if (err != CK_OK || *known)
        return err;
    int u = schema_tables[t].unique_column;
    const rules_value *text = &row->v[u];
    if (!text->ok || text->null || st->codes_in_db[t])
        return CK_OK;
    if (st->unique[t] == NULL) {
        st->unique[t] = calloc(1, sizeof *st->unique[t]);
        if (st->unique[t] == NULL)
            return CK_ERR_NOMEM;
    }
    return texts_add(st->unique[t], text->text, text->len, row->v[0].num);
}

void rules_say_code_used(const rules_row *row, int64_t other, rules_report_fn report, void *ctx)
{
    int u = schema_tables[row->table].unique_column;
    char quoted[RULES_QUOTED_SIZE];
    rules_quote_value(row->v[u].text, row->v[u].len, quoted);
    rules_say(report, ctx, row, RULES_RULE_UNIQUE, u, "%s is already used by %s %" PRId64, quoted,
              schema_tables[row->table].noun, other);
}

bool rules_state_has(const rules_state *st, rules_table table, int64_t id)
{
    return table <= RULES_CASES && idmap_find(&st->ids[table], id) != IDMAP_NONE;
}

/* slot: the row's case in st (the caller looked it up once for the reference too). */
static size_t check_assignment_case(const rules_state *st, const rules_row *row, size_t slot,
                                    rules_report_fn report, void *ctx)
{
    if (slot == IDMAP_NONE)
        return 0;
    const rules_value *start = &row->v[SCHEMA_ASSIGNMENT_START_AT];
    const rules_value *end = &row->v[SCHEMA_ASSIGNMENT_END_AT];
    int64_t placed = st->case_placed[slot], closed = st->case_closed[slot];
    char a[DATETIME_TS_SIZE], b[DATETIME_TS_SIZE];
    int64_t case_id = row->v[SCHEMA_ASSIGNMENT_CASE_ID].num;
    size_t problems = 0;
    if (start->ok && placed != INT64_MIN && start->num < placed) {
        datetime_format_ts(start->num, a);
        datetime_format_ts(placed, b);
        rules_say(report, ctx, row, RULES_RULE_ASSIGNMENT_CASE, SCHEMA_ASSIGNMENT_START_AT,
                  "\"%s\" is before case %" PRId64 "'s placed_at \"%s\"", a, case_id, b);
        problems++;
    }
    if (closed == INT64_MIN || closed == INT64_MAX)
        return problems;
    datetime_format_ts(closed, b);
    if (end->null) {
        rules_say(report, ctx, row, RULES_RULE_ASSIGNMENT_CASE, SCHEMA_ASSIGNMENT_END_AT,
                  " is empty (the assignment is open) but case %" PRId64 " was closed at \"%s\"",
                  case_id, b);
        problems++;
    } else if (end->ok && end->num > closed) {
        datetime_format_ts(end->num, a);
        rules_say(report, ctx, row, RULES_RULE_ASSIGNMENT_CASE, SCHEMA_ASSIGNMENT_END_AT,
                  "\"%s\" is after case %" PRId64 "'s closed_at \"%s\"", a, case_id, b);
        problems++;
    }
    return problems;
}

static size_t check_placement(const rules_state *st, const rules_row *row, size_t slot,
                              int case_column, int at_column, rules_report_fn report, void *ctx)
{
    const rules_value *at = &row->v[at_column];
    if (slot == IDMAP_NONE || !at->ok || st->case_placed[slot] == INT64_MIN ||
        at->num >= st->case_placed[slot])
        return 0;
    char a[DATETIME_TS_SIZE], b[DATETIME_TS_SIZE];
    datetime_format_ts(at->num, a);
    datetime_format_ts(st->case_placed[slot], b);
    rules_say(report, ctx, row, RULES_RULE_PLACEMENT, at_column,
              "\"%s\" is before case %" PRId64 "'s placed_at \"%s\"", a, row->v[case_column].num,
              b);
    return 1;
}

size_t rules_check_links(const rules_state *st, const rules_row *row, rules_report_fn report,
                         void *ctx)
{
    const schema_table *info = &schema_tables[row->table];
    size_t problems = 0;
    size_t case_slot = IDMAP_NONE; /* the slot of the row's case, looked up once */
    for (size_t c = 1; c < info->column_count; c++) {
        const schema_column *col = &info->columns[c];
        const rules_value *v = &row->v[c];
        if (col->type != SCHEMA_REF || v->null || !v->ok)
            continue;
        size_t slot = idmap_find(&st->ids[col->references], v->num);
        if (col->references == SCHEMA_CASES)
            case_slot = slot;
        if (slot != IDMAP_NONE)
            continue;
        rules_say(report, ctx, row, RULES_RULE_REFERENCE, (int)c, "there is no %s %" PRId64,
                  schema_tables[col->references].noun, v->num);
        problems++;
    }
    int u = info->unique_column;
    int64_t other;
    /* (no codes kept when the database checks them: st->codes_in_db) */
    if (u >= 0 && row->v[u].ok && !row->v[u].null && st->unique[row->table] != NULL &&
        texts_find(st->unique[row->table], row->v[u].text, row->v[u].len, &other) &&
        (!row->v[0].ok || other != row->v[0].num)) {
        rules_say_code_used(row, other, report, ctx);
        problems++;
    }
    switch (row->table) {
    case RULES_ASSIGNMENTS:
        problems += check_assignment_case(st, row, case_slot, report, ctx);
        break;
    case RULES_CONTACTS:
        problems += check_placement(st, row, case_slot, SCHEMA_CONTACT_CASE_ID,
                                    SCHEMA_CONTACT_CONTACT_AT, report, ctx);
        break;
    case RULES_PROMISES:
        problems += check_placement(st, row, case_slot, SCHEMA_PROMISE_CASE_ID,
                                    SCHEMA_PROMISE_MADE_AT, report, ctx);
        break;
    case RULES_PAYMENTS:
        problems += check_placement(st, row, case_slot, SCHEMA_PAYMENT_CASE_ID,
                                    SCHEMA_PAYMENT_PAID_AT, report, ctx);
        break;
    default: break;
    }
    return problems;
}

/* ---- rules over all rows of one case ---- */

void rules_group_init(rules_group *group, rules_table table)
{
    memset(group, 0, sizeof *group);
    group->table = table;
}

void rules_group_free(rules_group *group)
{
    free(group->items);
    free(group->stack);
    rules_group_init(group, group->table);
}

static void blame(const rules_group *g, const rules_item *item, rules_rule rule, int column,
                  rules_report_fn report, void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static void blame(const rules_group *g, const rules_item *item, rules_rule rule, int column,
                  rules_report_fn report, void *ctx, const char *fmt, ...)
{
    rules_problem p = {.rule = rule,
                       .table = g->table,
                       .column = column,
                       .has_id = true,
                       .id = item->id,
                       .origin = item->origin};
    va_list args;
    va_start(args, fmt);
    vsnprintf(p.text, sizeof p.text, fmt, args);
    va_end(args);
    report(ctx, &p);
}

static int by_start(const void *pa, const void *pb)
{
    const rules_item *a = pa, *b = pb;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    if (a->fixed != b->fixed)
        return a->fixed ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Payments of one moment count together: money in before reversals, stored rows first. */
static int by_time_credit_first(const void *pa, const void *pb)
{
    const rules_item *a = pa, *b = pb;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    if ((a->value > 0) != (b->value > 0))
        return a->value > 0 ? -1 : 1;
    if (a->fixed != b->fixed)
        return a->fixed ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static void describe_interval(const rules_item *item, char *out, size_t size)
{
    char a[DATETIME_TS_SIZE], b[DATETIME_TS_SIZE];
    datetime_format_ts(item->at, a);
    if (item->value == INT64_MAX)
        snprintf(out, size, "from \"%s\", still open", a);
    else {
        datetime_format_ts(item->value, b);
        snprintf(out, size, "from \"%s\" to \"%s\"", a, b);
    }
}

/* A row that may be blamed must overlap neither a fixed row nor an earlier accepted one;
 * fixed rows are never blamed (with nothing fixed, as in check, every row is compared with
 * the ones before it). Sorted by start, a row overlaps an earlier one exactly when the
 * largest end so far is after its start, and a later fixed one when the next fixed row
 * starts before it ends. */
static void check_overlaps(rules_group *g, rules_report_fn report, void *ctx)
{
    qsort(g->items, g->count, sizeof *g->items, by_start);
    size_t *next_fixed = g->stack; /* per item: the next fixed item after it, or SIZE_MAX */
    size_t next = SIZE_MAX;
    for (size_t i = g->count; i-- > 0;) {
        next_fixed[i] = next;
        if (g->items[i].fixed)
            next = i;
    }
    size_t fixed_last = SIZE_MAX, free_last = SIZE_MAX; /* the item with the largest end */
    for (size_t i = 0; i < g->count; i++) {
        const rules_item *it = &g->items[i];
        if (it->fixed) {
            if (fixed_last == SIZE_MAX || it->value > g->items[fixed_last].value)
                fixed_last = i;
            continue;
        }
        size_t conflict = SIZE_MAX;
        if (fixed_last != SIZE_MAX && g->items[fixed_last].value > it->at)
            conflict = fixed_last;
        else if (next_fixed[i] != SIZE_MAX && g->items[next_fixed[i]].at < it->value)
            conflict = next_fixed[i];
        else if (free_last != SIZE_MAX && g->items[free_last].value > it->at)
            conflict = free_last;
        if (conflict != SIZE_MAX) {
            char interval[128];
            describe_interval(&g->items[conflict], interval, sizeof interval);
            blame(g, it, RULES_RULE_ASSIGNMENT_OVERLAP, SCHEMA_ASSIGNMENT_START_AT, report, ctx,
                  "assignment %" PRId64 " overlaps assignment %" PRId64 " of case %" PRId64 " (%s)",
                  it->id, g->items[conflict].id, it->case_id, interval);
            continue;
        }
        if (free_last == SIZE_MAX || it->value > g->items[free_last].value)
            free_last = i;
    }
}

/* -v, with INT64_MIN (out of the contract's range, but still walked) kept at INT64_MAX. */
static int64_t negated(int64_t v)
{
    return v == INT64_MIN ? INT64_MAX : -v;
}

static int64_t add_clamped(int64_t a, int64_t b)
{
    int64_t sum;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? INT64_MAX : INT64_MIN;
    return sum;
}

/* Walks the case's payments in time order; a reversal that takes the sum below zero is
 * blamed and left out. When the reversal is a fixed row, the blame goes to the latest
 * accepted reversal that may be blamed (it is what made the fixed one fail). */
static void check_balance(rules_group *g, rules_report_fn report, void *ctx)
{
    qsort(g->items, g->count, sizeof *g->items, by_time_credit_first);
    size_t *stack = g->stack;
    size_t depth = 0;
    int64_t sum = 0;
    for (size_t i = 0; i < g->count; i++) {
        const rules_item *it = &g->items[i];
        int64_t next;
        if (it->value > 0 && __builtin_add_overflow(sum, it->value, &next)) {
            /* every amount is within the limit, yet the case's sum would not fit in int64:
             * no report could show it */
            blame(g, it, RULES_RULE_RANGE, SCHEMA_PAYMENT_AMOUNT, report, ctx,
                  "column amount: %" PRId64 " takes the sum of the payments of case %" PRId64
                  " past the largest integer",
                  it->value, it->case_id);
            continue;
        }
        sum = add_clamped(sum, it->value);
        if (it->value >= 0 || sum >= 0) {
            if (it->value < 0 && !it->fixed)
                stack[depth++] = i;
            continue;
        }
        char at[DATETIME_TS_SIZE];
        datetime_format_ts(it->at, at);
        if (!it->fixed) {
            blame(g, it, RULES_RULE_BALANCE, SCHEMA_PAYMENT_AMOUNT, report, ctx,
                  "column amount: %" PRId64 " takes the payments of case %" PRId64
                  " below zero (to %" PRId64 " at \"%s\")",
                  it->value, it->case_id, sum, at);
            sum = add_clamped(sum, negated(it->value));
            continue;
        }
        while (sum < 0 && depth > 0) {
            const rules_item *culprit = &g->items[stack[--depth]];
            blame(g, culprit, RULES_RULE_BALANCE, SCHEMA_PAYMENT_AMOUNT, report, ctx,
                  "column amount: %" PRId64 " takes the payments of case %" PRId64
                  " below zero (to %" PRId64 " at \"%s\", with payment %" PRId64 ")",
                  culprit->value, culprit->case_id, sum, at, it->id);
            sum = add_clamped(sum, negated(culprit->value));
        }
    }
}

static void check_group(rules_group *g, rules_report_fn report, void *ctx)
{
    if (g->count == 0)
        return;
    if (g->table == RULES_ASSIGNMENTS)
        check_overlaps(g, report, ctx);
    else
        check_balance(g, report, ctx);
    g->count = 0;
}

ck_error rules_group_add(rules_group *group, const rules_item *item, rules_report_fn report,
                         void *ctx)
{
    if (group->count > 0 && group->items[0].case_id != item->case_id)
        check_group(group, report, ctx);
    if (!VEC_RESERVE(group->items, group->capacity, group->count + 1) ||
        !VEC_RESERVE(group->stack, group->stack_capacity, group->count + 1))
        return CK_ERR_NOMEM;
    group->items[group->count++] = *item;
    return CK_OK;
}

void rules_group_finish(rules_group *group, rules_report_fn report, void *ctx)
{
    check_group(group, report, ctx);
}
